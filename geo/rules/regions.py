"""Vague regions named by a phrase, not a gazetteer name: "Iraq's semi-autonomous Kurdistan region"."""

KRI = "region:kurdistan-region-iraq"
# Resolution: a vague border in a document that names the Kurdistan Region is more likely this one.
KRI_IRAN_BORDER = "border:kurdistan-region-iran"
_NORTHERN_IRAQ = "region:northern-iraq"
_NORTHWESTERN_IRAN = "region:northwestern-iran"

_BORDER_AFTER = "areas region regions cities towns villages strip zone".split()
_WITH = [f"{b} {w}" for b in "border borders frontier frontiers".split() for w in ("with", "between")]

# One row per pattern: the pattern, the gazetteer id it names (None: the border, a vague area), the kinds it
# hints at, and its leads: the folded words it can start with, far enough to tell the patterns apart (the
# automaton finds them; the pattern is tried only where one stands). A lead that starts with the
# article (geo.rules.names.ARTICLE) is looked for without it, and the pattern tried at the article before it.
REGION_PATTERNS: tuple[tuple[str, str | None, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        r"\bIraq['’]s\s+(?:(?:semi-|semi\s)?autonomous\s+|northern\s+|mountainous\s+)*Kurd(?:istan|ish)\s+"
        r"(?:autonomous\s+)?[Rr]egion\b",
        KRI,
        ("region",),
        tuple(f"iraq s {w}" for w in "semi autonomous northern mountainous kurdistan kurdish".split()),
    ),
    (
        r"\b(?:[Ss]emi-|[Ss]emi\s)?[Aa]utonomous\s+Kurd(?:istan|ish)\s+[Rr]egion(?:\s+of\s+(?:northern\s+)?Iraq)?\b",
        KRI,
        ("region",),
        ("semi autonomous", "autonomous kurdistan", "autonomous kurdish"),
    ),
    (
        r"\bKurd(?:istan|ish)\s+[Rr]egion\s+of\s+(?:northern\s+)?Iraq\b",
        KRI,
        ("region",),
        ("kurdistan region of", "kurdish region of"),
    ),
    (
        r"\bIraqi\s+Kurd(?:istan|ish)\s+(?:autonomous\s+)?[Rr]egion\b",
        KRI,
        ("region",),
        ("iraqi kurdistan", "iraqi kurdish"),
    ),
    (r"\bIraqi\s+Kurdish\s+autonomous\s+region\b", KRI, ("region",), ("iraqi kurdish autonomous",)),
    (
        r"\b(?:[Ss]emi-|[Ss]emi\s)?[Aa]utonomous\s+Kurdistan\b",
        KRI,
        ("region",),
        ("semi autonomous", "autonomous kurdistan"),
    ),
    (r"\bIraq['’]s\s+Kurdistan\b", KRI, ("region",), ("iraq s kurdistan",)),
    (r"\bthe\s+Kurdish\s+region\s+of\s+Iraq\b", KRI, ("region",), ("the kurdish region of",)),
    (r"\bthe\s+Iraqi\s+northern\s+region\b", _NORTHERN_IRAQ, ("region",), ("the iraqi northern",)),
    (
        r"\bIraq['’]s\s+(?:mountainous\s+|far\s+)?north\b",
        _NORTHERN_IRAQ,
        ("region",),
        ("iraq s mountainous", "iraq s far", "iraq s north"),
    ),
    (
        r"\bIran['’]s\s+(?:far\s+)?north-?west\b",
        _NORTHWESTERN_IRAN,
        ("region",),
        ("iran s far", "iran s north", "iran s northwest"),
    ),
    (
        r"\b[Nn]orth-?west(?:ern)?\s+(?:of\s+)?Iran\b",
        _NORTHWESTERN_IRAN,
        ("region",),
        ("north west", "north western", "northwest of", "northwest iran", "northwestern of", "northwestern iran"),
    ),
    (
        r"\b[Nn]orth(?:ern)?\s+(?:of\s+)?Iraq\b",
        _NORTHERN_IRAQ,
        ("region",),
        ("north of", "north iraq", "northern of", "northern iraq"),
    ),
    (
        r"\b(?:the\s+)?(?:north-?western\s+|western\s+|common\s+|shared\s+)?border\s+(?:areas|regions?|cities|towns|"
        r"villages|strip|zone)\b",
        None,
        ("border",),
        tuple(
            f"{the}{before}border {after}"
            for the in ("", "the ")
            for before in ("", "north western ", "northwestern ", "western ", "common ", "shared ")
            for after in _BORDER_AFTER
        ),
    ),
    (
        r"\bthe\s+(?:common|shared|joint)\s+borders?\b",
        None,
        ("border",),
        tuple(f"the {w} {b}" for w in ("common", "shared", "joint") for b in ("border", "borders")),
    ),
    (
        r"\bthe\s+(?:borders?|frontiers?)\s+(?:with|between)\s+(?:Iran|Iraq)\b(?!['’]s)",
        None,
        ("border",),
        tuple(f"the {w}" for w in _WITH),
    ),
    (
        r"\b(?:its|their)\s+(?:borders?|frontiers?)\s+(?:with|between)\s+(?:Iran|Iraq)\b(?!['’]s)",
        None,
        ("border",),
        tuple(f"{who} {w}" for who in ("its", "their") for w in _WITH),
    ),
)
