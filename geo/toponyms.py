"""Find place names in article text, with character offsets: the recognition stage.

Text is folded one character for one (case, diacritics, dashes, typographic
quotes), so every offset found in the folded text is an offset into the
document: ``doc.text[m.start:m.end] == m.surface`` always holds. Names come
from the gazetteer through an Aho–Corasick automaton (pyahocorasick); patterns
add vague regions ("Iraq's semi-autonomous Kurdistan region", "the border
areas") and datelines ("TEHRAN -"). Organisation names, people's names and
common words that happen to be village names are filtered out.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from gazetteer import Gazetteer
from geo import _lexicon
from geo.documents import Document

__all__ = ["Mention", "fold_text", "mentions_from_document", "mentions_from_text"]


@dataclass(frozen=True, slots=True)
class Mention:
    """A place name in a document: where it is and which gazetteer entries it could be."""

    doc_id: str
    start: int
    end: int
    surface: str
    candidates: tuple[str, ...]
    source: str = "name"  # "name", "pattern", "dateline" or "fuzzy"
    hints: tuple[str, ...] = ()  # kinds the words around it suggest ("province" -> adm1)
    vague: bool = False  # a vague area ("the border areas"), resolved from the document's context


# -- folding -----------------------------------------------------------------------------------
_SPACE_LIKE = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\u200c\t\r\n"
_FIXED = {
    **dict.fromkeys("-‐‑‒–—―_/", " "),
    **dict.fromkeys("’‘ʼʻʿʾ`´′", "'"),
    **dict.fromkeys("“”„«»″", '"'),
    **dict.fromkeys(_SPACE_LIKE, " "),
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ي": "ی",
    "ى": "ی",
    "ئ": "ی",
    "ك": "ک",
    "ة": "ه",
    "ۀ": "ه",
}
_TABLE: dict[int, str] = {}


def _fold_char(ch: str) -> str:
    if ch in _FIXED:
        return _FIXED[ch]
    if unicodedata.combining(ch):
        return ch  # a lone combining mark stays; it is rare in news text
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)).casefold()
    if len(base) == 1:
        return base
    lower = ch.lower()
    return lower if len(lower) == 1 else ch


def fold_text(text: str) -> str:
    """Fold text for matching, one character for one: ``len(fold_text(t)) == len(t)``."""
    missing = set(text).difference(map(chr, _TABLE)) if len(_TABLE) < 200_000 else set(text)
    for ch in missing:
        _TABLE[ord(ch)] = _fold_char(ch)
    return text.translate(_TABLE)


# -- context rules -----------------------------------------------------------------------------
_WORD = re.compile(r"\w", re.U)
DEMONYMS = frozenset(
    "iranian iranians iraqi iraqis kurdish kurd kurds turkish turk turks syrian syrians israeli israelis "
    "american americans arab arabs persian persians azeri azerbaijani armenian".split()
)
# A place name directly followed by these words names an organisation ("Kurdistan Regional Government").
_ORG_AFTER = re.compile(
    r"[\s-]*(?:Regional\s+Government|Region(?:al)?\s+Security\s+Council|Democratic\s+Party|Workers['’]?\s+Party|"
    r"Workers|Free\s+Life\s+Party|Freedom\s+Party|Islamic\s+(?:Union|Group|Movement)|Times|TV|News|Agency|24|"
    r"Stock\s+Exchange|University|Football|Club|Tribune|Post|Daily|Observer|Broadcasting|Press|Chronicle)\b"
)
# ... and directly preceded by these ("Democratic Party of Iranian Kurdistan", "Security Council of Iraq").
_ORG_BEFORE = re.compile(
    r"\b(?:Party|Union|Council|Bank|Ministry|Organi[sz]ation|Movement|Front|Association|Committee|Society|"
    r"University|Agency|Federation|Alliance|Coalition|League|Authority|Commission|Broadcasting|Komala|Komalah|"
    r"Parliament|Embassy|Consulate)\s+(?:of|for|in)\s+(?:the\s+)?(?:Free\s+Life\s+of\s+)?(?:Iranian\s+|Iraqi\s+)?$"
)
_PERSON_TITLE = re.compile(
    r"\b(?:[Mm]inister|[Pp]resident|General|Gen\.|[Cc]ommander|Sheikh|Shaikh|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Ayatollah|"
    r"[Aa]mbassador|[Ss]pokes(?:man|woman|person)|[Ss]peaker|Brigadier|Colonel|Col\.|Major|[Cc]hief|[Aa]dvis[eo]r|"
    r"[Ss]ecretary|[Ll]eader|[Ff]ounder|[Hh]ead|[Cc]ounterpart|Premier|[Gg]overnor|[Mm]ayor|Imam|[Cc]leric|"
    r"[Oo]fficial|[Cc]ommentator|[Aa]nalyst|[Rr]eporter|[Cc]orrespondent|[Ee]nvoy|[Dd]irector|[Mm]ember)"
    r",?\s+((?:(?:al|el|bin|ibn|Al|El|Abu|Abdul|de)[-\s])?[A-Z][\w’'-]+(?:\s+(?:(?:al|el|bin|ibn|Al|El|Abu)[-\s])?[A-Z][\w’'-]+){0,3})"
)
# A minor place name followed by "al-Araji"-style particles is a person's first name ("Qasim al-Araji").
_NAME_PARTICLE_AFTER = re.compile(r"\s+(?:[Aa]l|[Ee]l|bin|ibn|Abu)[-\s][A-Z]")
# ... and so is one followed by another capitalised word that is no place ("Saman Barzinji").
_CAPITALISED_AFTER = re.compile(r" ([A-Z][a-z]+(?:-[A-Z]?[a-z]+)?)\b")
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|near|at|from|to|of|around|outside|into|towards?|and|or)\s+$", re.I)
# Capitalised words after these are probably places even when the gazetteer lacks them ("villages near Zrgwez").
_UNKNOWN_PLACE = re.compile(
    r"\b(?:in|near|at|outside|around|towards|village\s+of|town\s+of|city\s+of|area\s+of|district\s+of|"
    r"sub-?district\s+of|region\s+of|camp\s+(?:of|at)|villages?\s+(?:in|near|of)|bases?\s+(?:in|at|near)|"
    r"areas?\s+(?:of|near|around))\s+(?:the\s+)?"
    r"((?:[A-Z][a-z’'\-]+)(?:\s+[A-Z][a-z’'\-]+)?)(?=[\s,.;:!?)\]]|$)"
)
_LIST_NEXT = re.compile(r"(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)((?:[A-Z][a-z’'\-]+)(?:\s+[A-Z][a-z’'\-]+)?)\b")
NOT_PLACES = frozenset(
    "January February March April May June July August September October November December Monday Tuesday "
    "Wednesday Thursday Friday Saturday Sunday The This That These Those A An Its It Their His Her Our Parliament "
    "Congress Islam God Allah English Arabic Persian Kurdish Farsi Sorani Kurmanji Christmas Ramadan Eid Nowruz "
    "Newroz Muharram Ashura Arbaeen Komala Komalah PDKI KDPI PAK PJAK PKK IRGC Peshmerga KRG Quds Basij Hezbollah "
    "Hashd Reuters AFP Rudaw Kurdistan24 Tasnim Fars Mehr IRNA".split()
)
_NEAR = re.compile(
    r"\b(?:near|outside|around|close\s+to|on\s+the\s+outskirts\s+of|(?:north|south|east|west)\w*\s+of|km\s+\w+\s+of)\s+$",
    re.I,
)

KRI = "region:kurdistan-region-iraq"
_PATTERNS: tuple[tuple[re.Pattern[str], str | None, tuple[str, ...]], ...] = tuple(
    (re.compile(rx), target, hints)
    for rx, target, hints in (
        (
            r"\bIraq['’]s\s+(?:(?:semi-|semi\s)?autonomous\s+|northern\s+|mountainous\s+)*Kurd(?:istan|ish)\s+"
            r"(?:autonomous\s+)?[Rr]egion\b",
            KRI,
            ("region",),
        ),
        (
            r"\b(?:[Ss]emi-|[Ss]emi\s)?[Aa]utonomous\s+Kurd(?:istan|ish)\s+[Rr]egion(?:\s+of\s+(?:northern\s+)?Iraq)?\b",
            KRI,
            ("region",),
        ),
        (r"\bKurd(?:istan|ish)\s+[Rr]egion\s+of\s+(?:northern\s+)?Iraq\b", KRI, ("region",)),
        (r"\bIraqi\s+Kurd(?:istan|ish)\s+(?:autonomous\s+)?[Rr]egion\b", KRI, ("region",)),
        (r"\bIraqi\s+Kurdish\s+autonomous\s+region\b", KRI, ("region",)),
        (r"\b(?:[Ss]emi-|[Ss]emi\s)?[Aa]utonomous\s+Kurdistan\b", KRI, ("region",)),
        (r"\bIraq['’]s\s+Kurdistan\b", KRI, ("region",)),
        (r"\bthe\s+Kurdish\s+region\s+of\s+Iraq\b", KRI, ("region",)),
        (r"\bthe\s+Iraqi\s+northern\s+region\b", "region:northern-iraq", ("region",)),
        (r"\bIraq['’]s\s+(?:mountainous\s+|far\s+)?north\b", "region:northern-iraq", ("region",)),
        (r"\bIran['’]s\s+(?:far\s+)?north-?west\b", "region:northwestern-iran", ("region",)),
        (r"\b[Nn]orth-?west(?:ern)?\s+(?:of\s+)?Iran\b", "region:northwestern-iran", ("region",)),
        (r"\b[Nn]orth(?:ern)?\s+(?:of\s+)?Iraq\b", "region:northern-iraq", ("region",)),
        (
            r"\b(?:the\s+)?(?:north-?western\s+|western\s+|common\s+|shared\s+)?border\s+(?:areas|regions?|cities|towns|"
            r"villages|strip|zone)\b",
            None,
            ("border",),
        ),
        (r"\bthe\s+(?:common|shared|joint)\s+borders?\b", None, ("border",)),
        (r"\bthe\s+border\s+(?:with|between)\s+(?:Iran|Iraq)\b(?!['’]s)", None, ("border",)),
    )
)
_DATELINE = re.compile(
    r"\A\W*([A-Z][A-Z'’.]+(?:[ -][A-Z][A-Z'’.]+){0,2})\s*(?:,\s*[A-Z][\w .]{1,30}?)?\s*(?:\([^)]{1,30}\)\s*)?[-–—:]"
)


def _person_spans(text: str) -> tuple[list[tuple[int, int]], set[str]]:
    spans: list[tuple[int, int]] = []
    tokens: set[str] = set()
    for match in _PERSON_TITLE.finditer(text):
        spans.append(match.span(1))
        for token in re.split(r"[\s-]+", match.group(1)):
            token = token.strip("’'")
            if len(token) > 2 and token[0].isupper() and token.lower() not in ("al", "el", "abu", "bin", "ibn"):
                tokens.add(token)
    return spans, tokens


def _boundary(folded: str, start: int, end: int) -> bool:
    before = folded[start - 1] if start > 0 else " "
    after = folded[end] if end < len(folded) else " "
    return not (_WORD.match(before) or _WORD.match(after))


def _generic_after(text: str, end: int) -> tuple[int, tuple[str, ...]]:
    """A generic word right after a name ("Anbar province"): where it ends and the kinds it hints at."""
    match = _lexicon.GENERIC_AFTER.match(text, end)
    if not match:
        return end, ()
    return match.end(), _lexicon.generic_hints(match.group(1))


def mentions_from_text(text: str, gaz: Gazetteer | None = None, *, doc_id: str = "") -> list[Mention]:
    """Every place mention in ``text``, in order, without overlaps (longest match wins)."""
    gaz = gaz or Gazetteer.load()
    lexicon = _lexicon.for_gazetteer(gaz)
    folded = fold_text(text)
    person_spans, person_tokens = _person_spans(text)
    found: list[Mention] = []

    for rx, target, hints in _PATTERNS:
        for match in rx.finditer(text):
            start, end = match.span()
            candidates = (target,) if target else lexicon.border_ids
            found.append(Mention(doc_id, start, end, text[start:end], candidates, "pattern", hints, target is None))

    dateline = _DATELINE.match(text)
    dateline_span = dateline.span(1) if dateline else None
    dateline_end = dateline.end() if dateline else -1

    for end_index, key in lexicon.automaton.iter(folded):
        end = end_index + 1
        start = end - len(key)
        if not _boundary(folded, start, end):
            continue
        surface = text[start:end]
        entry = lexicon.entries[key]
        if entry.capitalised and not surface[0].isupper():
            continue  # "van", "now": place names are capitalised in English news
        if folded[start:end] in DEMONYMS:
            continue
        if _ORG_AFTER.match(text, end) or _ORG_BEFORE.search(text, max(0, start - 60), start):
            continue
        if not entry.major and _NAME_PARTICLE_AFTER.match(text, end):
            continue
        if not entry.major and not _LOCATIVE_BEFORE.search(text, max(0, start - 12), start):
            after = _CAPITALISED_AFTER.match(text, end)
            if (
                after
                and not _lexicon.GENERIC_AFTER.match(text, end)
                and after.group(1) not in NOT_PLACES
                and " ".join(fold_text(after.group(1)).split()) not in lexicon.entries
            ):
                continue
        if any(s <= start < e or s < end <= e for s, e in person_spans) or surface in person_tokens:
            if not entry.major:
                continue
            if any(s <= start and end <= e for s, e in person_spans):
                continue
        source = "dateline" if dateline_span == (start, end) or end <= dateline_end else "name"
        span_end, hints = _generic_after(text, end)
        if source == "dateline":
            hints = ("populated_place",)
        found.append(Mention(doc_id, start, span_end, text[start:span_end], entry.ids, source, hints))

    kept = _longest_first(found)
    kept += _unknown_names(text, kept, person_spans, person_tokens, lexicon, doc_id)
    return sorted(kept, key=lambda m: m.start)


def _unknown_names(
    text: str,
    known: list[Mention],
    person_spans: list[tuple[int, int]],
    person_tokens: set[str],
    lexicon: _lexicon.Lexicon,
    doc_id: str,
) -> list[Mention]:
    """Capitalised names in place position that no gazetteer name matched.

    A near miss of a known name ("Koysanjaq") becomes a fuzzy mention with
    that name's entries; anything else is kept with no candidates, so the run
    reports it as unresolved instead of dropping it.
    """
    taken = [(m.start, m.end) for m in known]
    out: list[Mention] = []

    def add(start: int, end: int) -> None:
        surface = text[start:end]
        first = surface.split()[0]
        if first in NOT_PLACES or first.lower() in DEMONYMS or surface in person_tokens:
            return
        if any(s < end and start < e for s, e in taken + person_spans):
            return
        if _ORG_AFTER.match(text, end) or re.search(rf"\b{re.escape(surface.lower())}\b", text):
            return  # written in lower case elsewhere: a common word, not a name
        end = _generic_after(text, end)[0]
        ids = _lexicon.near_miss(lexicon, " ".join(fold_text(surface).split()))
        out.append(Mention(doc_id, start, end, text[start:end], ids, "fuzzy" if ids else "unknown"))
        taken.append((start, end))

    for match in _UNKNOWN_PLACE.finditer(text):
        add(*match.span(1))
        position = match.end(1)
        while following := _LIST_NEXT.match(text, position):  # "in Koya, Zrgwez and Sidakan"
            add(*following.span(1))
            position = following.end(1)
    for name in sorted({text[m.start : m.end] for m in out}):
        for again in re.finditer(rf"\b{re.escape(name)}\b", text):
            add(*again.span())
    return out


def _longest_first(found: Iterable[Mention]) -> list[Mention]:
    """Leftmost-longest, non-overlapping; a pattern beats a name of the same span."""
    ranked = sorted(found, key=lambda m: (m.start, -(m.end - m.start), m.source != "pattern"))
    kept: list[Mention] = []
    last_end = -1
    for mention in ranked:
        if mention.start >= last_end:
            kept.append(mention)
            last_end = mention.end
    return kept


def mentions_from_document(doc: Document, gaz: Gazetteer | None = None) -> list[Mention]:
    """Place mentions of one document (see :func:`mentions_from_text`)."""
    return mentions_from_text(doc.text, gaz, doc_id=doc.id)


def near_cue(text: str, start: int) -> bool:
    """True when the words before ``start`` say "near" ("near Koya", "30 km north of Erbil")."""
    return bool(_NEAR.search(text, max(0, start - 40), start))
