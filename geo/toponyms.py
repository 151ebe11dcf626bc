"""Find place names in article text, with character offsets: the recognition stage.

Text is folded one character for one (case, diacritics, dashes, typographic
quotes; see :mod:`geo._lexicon`), so every offset found in the folded text is
an offset into the document: ``doc.text[m.start:m.end] == m.surface`` always
holds. Names come from the gazetteer through an Aho–Corasick automaton
(pyahocorasick) that reports whole words only; patterns add vague regions
("Iraq's semi-autonomous Kurdistan region", "the border areas") and datelines
("TEHRAN -"). Organisation names, people's names and common words that happen
to be village names are filtered out.

One pass of the automaton does most of the reading: besides names it finds
the words each pattern can start with, so a pattern is tried only where one
stands, and the rules about the words around a name look at those words
before they run their patterns. The result is the same as running every
pattern over the whole text, which is what a text with a character the
shortcuts could misread (see ``geo._lexicon._learn``) gets."""

from __future__ import annotations

import bisect
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from gazetteer import Gazetteer
from geo import _lexicon
from geo._lexicon import fold_text
from geo.model import Document

__all__ = ["Mention", "find_dateline", "fold_text", "mentions_from_document", "mentions_from_text", "near_cue"]


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


_WORD = re.compile(r"\w")

# -- context rules -----------------------------------------------------------------------------
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
# Titles before a person's name, each with the folded word(s) it is written as. geo._speedups matches them in C
# and reads only letters, [Xx] classes, "\.", a group of literal alternatives and a last optional character.
_TITLES: tuple[tuple[str, str], ...] = tuple(
    (rx, words)
    for rx, words in (
        ("[Mm]inister", "minister"),
        ("[Pp]resident", "president"),
        ("General", "general"),
        (r"Gen\.", "gen"),
        ("[Cc]ommander", "commander"),
        ("Sheikh", "sheikh"),
        ("Shaikh", "shaikh"),
        (r"Mr\.?", "mr"),
        (r"Mrs\.?", "mrs"),
        (r"Ms\.?", "ms"),
        (r"Dr\.?", "dr"),
        ("Ayatollah", "ayatollah"),
        ("[Aa]mbassador", "ambassador"),
        ("[Ss]pokes(?:man|woman|person)", "spokesman spokeswoman spokesperson"),
        ("[Ss]peaker", "speaker"),
        ("Brigadier", "brigadier"),
        ("Colonel", "colonel"),
        (r"Col\.", "col"),
        ("Major", "major"),
        ("[Cc]hief", "chief"),
        ("[Aa]dvis[eo]r", "adviser advisor"),
        ("[Ss]ecretary", "secretary"),
        ("[Ll]eader", "leader"),
        ("[Ff]ounder", "founder"),
        ("[Hh]ead", "head"),
        ("[Cc]ounterpart", "counterpart"),
        ("Premier", "premier"),
        ("[Gg]overnor", "governor"),
        ("[Mm]ayor", "mayor"),
        ("Imam", "imam"),
        ("[Cc]leric", "cleric"),
        ("[Oo]fficial", "official"),
        ("[Cc]ommentator", "commentator"),
        ("[Aa]nalyst", "analyst"),
        ("[Rr]eporter", "reporter"),
        ("[Cc]orrespondent", "correspondent"),
        ("[Ee]nvoy", "envoy"),
        ("[Dd]irector", "director"),
        ("[Mm]ember", "member"),
    )
)
_PERSON_NAME = (
    r",?\s+((?:(?:al|el|bin|ibn|Al|El|Abu|Abdul|de)[-\s])?[A-Z][\w’'-]+"
    r"(?:\s+(?:(?:al|el|bin|ibn|Al|El|Abu)[-\s])?[A-Z][\w’'-]+){0,3})"
)
_PERSON_TITLE = re.compile(r"\b(?:" + "|".join(rx for rx, _ in _TITLES) + ")" + _PERSON_NAME)
# The same, one pattern per title word: where a title word stands only its own alternative can match
# (a shorter one, "Mr" in "Mrs", leaves a letter that ",?\s+" cannot take).
_TITLE_AT: dict[str, re.Pattern[str]] = {
    word: re.compile(r"\b(?:" + rx + ")" + _PERSON_NAME) for rx, words in _TITLES for word in words.split()
}
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
    "Hashd Reuters AFP Rudaw Kurdistan24 Tasnim Fars Mehr IRNA Ministry Ministries Government Embassy Consulate Office "
    "Presidency Department Directorate Command Headquarters Council Committee Commission Agency University Court "
    "Palace Airport Hospital Mosque Church School Forces Army Police".split()
)
_LIST_BEFORE = re.compile(r"(?:,\s*|\s+(?:and|or)\s+)(?:al-|el-)?$")
_NAME_BEFORE = re.compile(r"\b[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2}$")
_DIRECTION_OF = re.compile(r"\b(?:north|south|east|west)\w*\s+of\s+(?:[\w’']+\s+){1,3}$", re.I)
_NEAR = re.compile(
    r"\b(?:near|outside|around|close\s+to|on\s+the\s+outskirts\s+of|(?:north|south|east|west)\w*\s+of|km\s+\w+\s+of)\s+"
    r"(?:(?:Iraq|Iran|Turkey|Syria)['’]s\s+)?$",  # "near Iraq's Erbil"
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
        (r"\bthe\s+(?:borders?|frontiers?)\s+(?:with|between)\s+(?:Iran|Iraq)\b(?!['’]s)", None, ("border",)),
        (r"\b(?:its|their)\s+(?:borders?|frontiers?)\s+(?:with|between)\s+(?:Iran|Iraq)\b(?!['’]s)", None, ("border",)),
    )
)
# A dateline opens the text, or the first lines after a headline: "TEHRAN -", "ERBIL, Kurdistan Region -".
_DATELINE = re.compile(
    r"[^\w\n]*([A-Z][A-Z'’.]+(?:[ -][A-Z][A-Z'’.]+){0,2})\s*(?:,\s*[A-Z][\w .]{1,30}?)?\s*"
    r"(?:\([^)]{1,30}\)\s*)?[-–—:]"
)
# ... or an agency's byline with no dash: "MOSCOW (UrduPoint News / Sputnik - 29th August, 2022) Iraqi ...".
_AGENCY_DATELINE = re.compile(
    r"[^\w\n]*([A-Z][A-Z'’.]+(?:[ -][A-Z][A-Z'’.]+){0,2})\s*"
    r"\((?=[^)]*(?:News|Agency|Press|Reuters|AFP|AP\b|Sputnik|IRNA|Tasnim|Xinhua|Anadolu|IANS|Rudaw|Kurdistan\s?24|\d{4}))"
    r"[^)]{1,60}\)"
)
# ... or in title case with the filing date: "Baghdad, Aug 12:", "Tehran, March 20 (IANS)".
_DATED_DATELINE = re.compile(
    r"[^\w\n]*([A-Z][a-z'’]+(?:[ -][A-Z][a-z'’]+){0,2}),\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
    r"\s+\d{1,2}(?:,\s+\d{4})?\s*(?:\([^)]{1,30}\)\s*[-–—:]?|[-–—:])"
)
_DATELINE_LINES = 4  # the dateline is looked for at the start of this many lines (not counting blank ones)
_DATELINE_REACH = 600  # ... within this many characters


def find_dateline(text: str) -> re.Match[str] | None:
    """The dateline at the start of the text or of one of its first lines, if any (group 1: the place)."""
    pos, lines = 0, 0  # blank lines are not counted
    while lines < _DATELINE_LINES:
        if match := (
            _DATELINE.match(text, pos) or _DATED_DATELINE.match(text, pos) or _AGENCY_DATELINE.match(text, pos)
        ):
            return match
        end = text.find("\n", pos, _DATELINE_REACH)
        if end < 0:
            break
        lines += bool(text[pos:end].strip())
        pos = end + 1
    return None


# -- word-at-a-time shortcuts ------------------------------------------------------------------
# The patterns above are not run over the whole text. The lexicon's automaton also finds, as whole
# words, the words they can start with, and each pattern is tried only where one of those stands
# (``Pattern.match`` at each candidate, in order, as ``finditer`` would). Context rules are tried
# only when the word before or after a name (read off the spaced text) is one they can match.
# A text with a tricky character (see geo._lexicon._learn) is read with the full patterns instead.
# What each pattern starts with, in folded words, far enough to tell the patterns apart ("the " first: the
# pattern starts at a "the" before the rest, which is what the automaton looks for).
_BORDER_AFTER = "areas region regions cities towns villages strip zone".split()
_WITH = [f"{b} {w}" for b in "border borders frontier frontiers".split() for w in ("with", "between")]
_PATTERN_LEADS: tuple[tuple[str, ...], ...] = (
    tuple(f"iraq s {w}" for w in "semi autonomous northern mountainous kurdistan kurdish".split()),
    ("semi autonomous", "autonomous kurdistan", "autonomous kurdish"),
    ("kurdistan region of", "kurdish region of"),
    ("iraqi kurdistan", "iraqi kurdish"),
    ("iraqi kurdish autonomous",),
    ("semi autonomous", "autonomous kurdistan"),
    ("iraq s kurdistan",),
    ("the kurdish region of",),
    ("the iraqi northern",),
    ("iraq s mountainous", "iraq s far", "iraq s north"),
    ("iran s far", "iran s north", "iran s northwest"),
    ("north west", "north western", "northwest of", "northwest iran", "northwestern of", "northwestern iran"),
    ("north of", "north iraq", "northern of", "northern iraq"),
    tuple(
        f"{the}{before}border {after}"
        for the in ("", "the ")
        for before in ("", "north western ", "northwestern ", "western ", "common ", "shared ")
        for after in _BORDER_AFTER
    ),
    tuple(f"the {w} {b}" for w in ("common", "shared", "joint") for b in ("border", "borders")),
    tuple(f"the {w}" for w in _WITH),
    tuple(f"{who} {w}" for who in ("its", "their") for w in _WITH),
)
assert len(_PATTERN_LEADS) == len(_PATTERNS)


def _pattern_triggers() -> dict[str, tuple[tuple[int, ...], tuple[int, ...]]]:
    """Spaced word sequences -> the patterns to try where one stands, and those to try at a "the" before it.

    Each lead is looked for whole, and so far as it goes with two separators after ("iraq s  "), where the
    patterns of every lead it begins are tried; but not before the possessive "s", which the patterns
    want right after the apostrophe ("Iraq's"; not "Iraq, ").
    """
    found: dict[str, tuple[set[int], set[int]]] = {}
    for index, leads in enumerate(_PATTERN_LEADS):
        for lead in leads:
            after_the = lead.startswith("the ")
            words = lead.removeprefix("the ").split()
            keys = [" ".join(words), *(" ".join(words[:n]) + " " for n in range(1, len(words)) if words[n] != "s")]
            for key in keys:
                found.setdefault(key, (set(), set()))[after_the].add(index)
    return {key: (tuple(sorted(starts)), tuple(sorted(the))) for key, (starts, the) in sorted(found.items())}


PATTERN_TRIGGERS = _pattern_triggers()
_TITLE_WORDS = frozenset(_TITLE_AT)
# Words _UNKNOWN_PLACE starts with: alone ("in Koya"), or before another word ("village of Koya").
_UNKNOWN_WORDS = frozenset("in near at outside around towards".split())
_UNKNOWN_PHRASES = frozenset(
    "village town city area district sub subdistrict region camp villages base bases areas".split()
)
# Words _ORG_BEFORE starts with ("Party of Iranian Kurdistan").
_ORG_WORDS = frozenset(
    "party union council bank ministry organisation organization movement front association committee society "
    "university agency federation alliance coalition league authority commission broadcasting komala komalah "
    "parliament embassy consulate".split()
)
_TITLE, _PATTERN, _UNKNOWN, _UNKNOWN_PHRASE, _ORG = 1, 2, 4, 8, 16
# What the lexicon's automaton looks for besides names: spaced word sequences -> roles. A pattern's
# first word is looked for with the words that can follow it ("iraq s kurdistan"), and so far as
# they go with two separators after ("iraq s  "), where the pattern has to judge the rest: only when
# the first of those is whitespace, as every pattern joins its words with "\s+", or with a single
# "-" or "'" before a letter ("semi-autonomous", "Iraq's"), never two separators.
TRIGGER_WORDS: dict[str, int] = {}
for _words, _role in (
    (_TITLE_WORDS, _TITLE),
    (_UNKNOWN_WORDS, _UNKNOWN),
    (_UNKNOWN_PHRASES, _UNKNOWN_PHRASE),
    (_ORG_WORDS, _ORG),
):
    for _word in _words:
        TRIGGER_WORDS[_word] = TRIGGER_WORDS.get(_word, 0) | _role
for _key in PATTERN_TRIGGERS:
    TRIGGER_WORDS[_key] = TRIGGER_WORDS.get(_key, 0) | _PATTERN


# The folded word right after a name that each rule needs, and the word right before.
_ORG_AFTER_FIRST = frozenset(
    "regional region democratic workers free freedom islamic times tv news agency 24 stock university football "
    "club tribune post daily observer broadcasting press chronicle".split()
)
_PARTICLES = frozenset("al el bin ibn abu".split())
_GENERIC_FIRST = frozenset(_lexicon.GENERIC_AT)
_ORG_BEFORE_WORDS = frozenset("of for in the iranian iraqi".split())
_LOCATIVE_WORDS = frozenset("in near at from to of around outside into toward towards and or".split())
# The word sets geo._speedups notes, at each space, the word after it is in (bit i: set i).
CONTEXT_WORDS = (_ORG_AFTER_FIRST, _PARTICLES, _GENERIC_FIRST, _LOCATIVE_WORDS, _ORG_BEFORE_WORDS)


def _word_before(text: str, spaced: str, start: int) -> str:
    """The folded word before a name at ``start``; "" when anything but whitespace stands between.

    The rules that read it (_ORG_BEFORE, _LOCATIVE_BEFORE) need whitespace there.
    """
    index = start  # spaced index of text[start - 1], a separator
    while index > 0 and spaced[index] == " ":
        index -= 1
    if index == 0 or not text[index:start].isspace():
        return ""
    return spaced[spaced.rfind(" ", 0, index) + 1 : index + 1]


def _word_after(text: str, spaced: str, end: int) -> str:
    """The folded word after a name ending at ``end``, past two separators or more.

    "" when one of them is neither whitespace nor a hyphen: the rules that read
    the word after (_ORG_AFTER, _NAME_PARTICLE_AFTER, GENERIC_AFTER) cannot
    reach past anything else.
    """
    index = end + 2  # spaced index of text[end + 1], a separator
    while index < len(spaced) - 1 and spaced[index] == " ":
        index += 1
    if index >= len(spaced) - 1 or not text[end : index - 1].replace("-", " ").isspace():
        return ""
    return spaced[index : spaced.find(" ", index)]


def _matches_at(rx: re.Pattern[str], text: str, starts: Iterable[int]) -> list[re.Match[str]]:
    """``rx.finditer(text)`` when ``starts`` (ascending) holds every position where ``rx`` can match."""
    found: list[re.Match[str]] = []
    last = 0
    for start in starts:
        if start >= last and (match := rx.match(text, start)):
            found.append(match)
            last = match.end()
    return found


def _org_between(orgs: list[int], start: int) -> bool:
    """Whether an organisation word starts in the 60 characters before ``start`` (``orgs`` ascending)."""
    index = bisect.bisect_left(orgs, start - 60)
    return index < len(orgs) and orgs[index] < start


def _the_before(text: str, start: int) -> int:
    """Where "the" starts when it stands right before ``start`` (whitespace between), else -1."""
    i = start
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return i - 3 if 3 <= i < start and text[i - 3 : i] == "the" else -1


def _person_spans(text: str, matches: Iterable[re.Match[str]]) -> tuple[list[tuple[int, int]], set[str]]:
    spans: list[tuple[int, int]] = []
    tokens: set[str] = set()
    for match in matches:
        spans.append(match.span(1))
        for token in re.split(r"[\s-]+", match.group(1)):
            token = token.strip("’'")
            if len(token) > 2 and token[0].isupper() and token.lower() not in _PARTICLES:
                tokens.add(token)
    return spans, tokens


def _generic_after(text: str, end: int, word: str | None = None) -> tuple[int, tuple[str, ...]]:
    """A generic word right after a name ("Anbar province"): where it ends and the kinds it hint at.

    ``word``: the folded word after the name, when known (then only its own alternatives are tried).
    """
    rx = _lexicon.GENERIC_AFTER if word is None else _lexicon.GENERIC_AT.get(word)
    match = rx.match(text, end) if rx else None
    if not match:
        return end, ()
    return match.end(), _lexicon.generic_hints(match.group(1))


def mentions_from_text(text: str, gaz: Gazetteer | None = None, *, doc_id: str = "") -> list[Mention]:
    """Every place mention in ``text``, in order, without overlaps (longest match wins)."""
    gaz = gaz or Gazetteer.load()
    lexicon = _lexicon.for_gazetteer(gaz)
    spaced, plain = _lexicon.spaced_text(text)
    if plain and lexicon.scanner is not None and _lexicon.speedups is not None:
        return _lexicon.speedups.mentions_plain(text, spaced, lexicon, doc_id)  # type: ignore[no-any-return]

    # One pass of the automaton: names (word-bounded), and the words patterns and titles start with.
    names: list[tuple[int, _lexicon.MatchValue]] = []
    pattern_words: list[tuple[int, str]] = []
    titles: list[tuple[int, str]] = []
    unknown: list[int] = []
    orgs: list[int] = []
    size = len(text)
    for last, value in lexicon.matcher.iter(spaced):
        start = last - value.back
        if value.names:
            names.append((start, value))
        if roles := value.roles:
            if roles & _PATTERN and (not value.gap or text[start + value.gap].isspace()):
                pattern_words.append((start, value.lead))
            if roles & _TITLE:
                titles.append((start, value.trigger))
            if roles & _UNKNOWN_PHRASE or (
                # _UNKNOWN_PLACE needs whitespace, then whitespace, "the" or a capital
                roles & _UNKNOWN
                and (end := start + value.length) + 1 < size
                and text[end].isspace()
                and ((char := text[end + 1]).isspace() or "A" <= char <= "Z" or char == "t")
            ):
                unknown.append(start)
            if roles & _ORG:
                orgs.append(start)

    if plain:
        person_spans, person_tokens = _person_spans(text, _titles_at(text, titles))
    else:
        person_spans, person_tokens = _person_spans(text, _PERSON_TITLE.finditer(text))
    in_person = {i for s, e in person_spans for i in range(s, e)}

    # Candidates as sortable tuples: (start, -length, 1 unless a pattern, order, Mention arguments).
    found = _pattern_mentions(text, pattern_words if plain else None, lexicon, doc_id)
    dateline = find_dateline(text)
    dateline_span = dateline.span(1) if dateline else None
    dateline_start, dateline_end = dateline.span() if dateline else (-1, -1)
    entries = lexicon.entries
    last_index = len(spaced) - 1
    for start, value in names:
        end = start + value.length
        if value.verify:
            folded = fold_text(text[start:end])
            options = [pair for pair in value.names if pair[0] == folded]
            if not options:
                continue  # the words match, the characters between them do not
            entry = options[0][1]
        else:
            entry = value.names[0][1]
        if entry.capitalised and not text[start].isupper():
            continue  # "van", "now": place names are capitalised in English news
        # The folded word right after the name ("" when only punctuation could stand between); None:
        # look with the patterns. The word before is read only when needed.
        after: str | None
        if not plain:
            after = None
        elif end + 2 > last_index:
            after = ""
        elif spaced[end + 2] == " ":
            after = _word_after(text, spaced, end)
        else:
            after = spaced[end + 2 : spaced.find(" ", end + 2)]
        if (after is None or after in _ORG_AFTER_FIRST) and _ORG_AFTER.match(text, end):
            continue
        if (
            not plain or (orgs and _org_between(orgs, start) and _word_before(text, spaced, start) in _ORG_BEFORE_WORDS)
        ) and _ORG_BEFORE.search(text, max(0, start - 60), start):
            continue
        if not entry.major:
            if (after is None or after in _PARTICLES) and _NAME_PARTICLE_AFTER.match(text, end):
                continue
            if not (
                (not plain or _word_before(text, spaced, start) in _LOCATIVE_WORDS)
                and _LOCATIVE_BEFORE.search(text, max(0, start - 12), start)
            ):
                capital = _CAPITALISED_AFTER.match(text, end)
                if (
                    capital
                    and not ((after is None or after in _GENERIC_FIRST) and _lexicon.GENERIC_AFTER.match(text, end))
                    and capital.group(1) not in NOT_PLACES
                    and capital.group(1).lower().replace("-", " ") not in entries
                ):
                    continue
        if (in_person or person_tokens) and (
            start in in_person or end - 1 in in_person or text[start:end] in person_tokens
        ):
            if not entry.major:
                continue
            if any(s <= start and end <= e for s, e in person_spans):
                continue
        if (dateline_start <= start and end <= dateline_end) or dateline_span == (start, end):
            source, span_end = "dateline", _generic_after(text, end, after)[0]
            hints: tuple[str, ...] = ("populated_place",)
        elif after is None or after in _GENERIC_FIRST:
            source = "name"
            span_end, hints = _generic_after(text, end, after)
        else:
            source, span_end, hints = "name", end, ()
        found.append(
            (
                start,
                start - span_end,
                1,
                len(found),
                (doc_id, start, span_end, text[start:span_end], entry.ids, source, hints),
            )
        )

    kept = _longest_first(found)
    places = _matches_at(_UNKNOWN_PLACE, text, unknown) if plain else _UNKNOWN_PLACE.finditer(text)
    kept += _unknown_names(text, kept, places, person_spans, person_tokens, lexicon, doc_id)
    return sorted(kept, key=lambda m: m.start)


def _titles_at(text: str, titles: list[tuple[int, str]]) -> list[re.Match[str]]:
    """``_PERSON_TITLE.finditer(text)`` from the title words the automaton found (in order)."""
    found: list[re.Match[str]] = []
    last = 0
    for start, word in titles:
        if start >= last and (match := _TITLE_AT[word].match(text, start)):
            found.append(match)
            last = match.end()
    return found


_Found = tuple[int, int, int, int, tuple[Any, ...]]


def _pattern_mentions(
    text: str, words: list[tuple[int, str]] | None, lexicon: _lexicon.Lexicon, doc_id: str
) -> list[_Found]:
    """Candidates from the vague-region patterns, pattern by pattern (``words`` None: scan the whole text)."""
    starts: list[list[int]] = [[] for _ in _PATTERNS]
    for start, word in words or ():
        at_start, at_the = PATTERN_TRIGGERS[word]
        for index in at_start:
            starts[index].append(start)
        if at_the and (the := _the_before(text, start)) >= 0:
            for index in at_the:
                starts[index].append(the)
    found: list[_Found] = []
    for (rx, target, hints), candidates in zip(_PATTERNS, starts, strict=True):
        if words is None:
            matches: Iterable[re.Match[str]] = rx.finditer(text)
        elif candidates:
            matches = _matches_at(rx, text, sorted(candidates))
        else:
            continue
        ids = (target,) if target else lexicon.border_ids
        for match in matches:
            start, end = match.span()
            args = (doc_id, start, end, text[start:end], ids, "pattern", hints, target is None)
            found.append((start, start - end, 0, len(found), args))
    return found


def _bounded(text: str, index: int) -> bool:
    """``\b`` at ``index``: a word character on one side only."""
    before = index > 0 and _WORD.match(text[index - 1]) is not None
    after = index < len(text) and _WORD.match(text[index]) is not None
    return before != after


def _find_words(text: str, word: str) -> Iterator[int]:
    """Where ``re.finditer(rf"\b{re.escape(word)}\b", text)`` matches, without compiling a pattern."""
    index = text.find(word)
    while index >= 0:
        if _bounded(text, index) and _bounded(text, index + len(word)):
            yield index
            index = text.find(word, index + len(word))
        else:
            index = text.find(word, index + 1)


def _unknown_names(
    text: str,
    known: list[Mention],
    matches: Iterable[re.Match[str]],
    person_spans: list[tuple[int, int]],
    person_tokens: set[str],
    lexicon: _lexicon.Lexicon,
    doc_id: str,
) -> list[Mention]:
    """Capitalised names in place position (``matches`` of _UNKNOWN_PLACE) that no gazetteer name matched.

    A near miss of a known name ("Koysanjaq") becomes a fuzzy mention with
    that name's entries; anything else is kept with no candidates, so the run
    reports it as unresolved instead of dropping it.
    """
    starts = [m.start for m in known]  # ``known`` is sorted and without overlaps
    ends = [m.end for m in known]
    taken = list(person_spans)  # and the names added here
    out: list[Mention] = []

    def add(start: int, end: int) -> None:
        surface = text[start:end]
        first = surface.split()[0]
        if first in NOT_PLACES or first.lower() in DEMONYMS or surface in person_tokens:
            return
        index = bisect.bisect_left(starts, end) - 1  # the last known mention starting before ``end``
        if (index >= 0 and ends[index] > start) or any(s < end and start < e for s, e in taken):
            return
        if _ORG_AFTER.match(text, end) or next(_find_words(text, surface.lower()), -1) >= 0:
            return  # written in lower case elsewhere: a common word, not a name
        end = _generic_after(text, end)[0]
        ids = _lexicon.near_miss(lexicon, " ".join(fold_text(surface).split()))
        out.append(Mention(doc_id, start, end, text[start:end], ids, "fuzzy" if ids else "unknown"))
        taken.append((start, end))

    for match in matches:
        add(*match.span(1))
        position = match.end(1)
        while following := _LIST_NEXT.match(text, position):  # "in Koya, Zrgwez and Sidakan"
            add(*following.span(1))
            position = following.end(1)
    for name in sorted({text[m.start : m.end] for m in out}):
        for again in _find_words(text, name):
            add(again, again + len(name))
    return out


def _longest_first(found: list[_Found]) -> list[Mention]:
    """Leftmost-longest, non-overlapping; a pattern beats a name of the same span; then first found."""
    found.sort()
    kept: list[Mention] = []
    last_end = -1
    for start, _, _, _, args in found:
        if start >= last_end:
            mention = Mention(*args)
            kept.append(mention)
            last_end = mention.end
    return kept


def mentions_from_document(doc: Document, gaz: Gazetteer | None = None) -> list[Mention]:
    """Place mentions of one document (see :func:`mentions_from_text`)."""
    return mentions_from_text(doc.text, gaz, doc_id=doc.id)


def near_cue(text: str, start: int, *, along_lists: bool = True, _depth: int = 0) -> bool:
    """True when the words before ``start`` say "near" ("near Koya", "30 km north of Erbil").

    "near" reaches along a list ("near Erbil and Sulaymaniyah") unless ``along_lists`` is false.
    """
    # _NEAR ends with a word ending in r, e, d, o or f (or a country's "'s"), then whitespace: look for that first.
    index = start
    while index > 0 and text[index - 1].isspace():
        index -= 1
    if index == 0:
        return False
    if index < start and text[index - 1] in "rRdDeEoOfFsS" and _NEAR.search(text, max(0, start - 48), start):
        return True
    # "north of Kurdistan's capital city Erbil": a direction, then a few words on the place
    if (
        index < start
        and text.rfind(" of ", max(0, start - 48), start) >= 0
        and _DIRECTION_OF.search(text, max(0, start - 60), start)
    ):
        return True
    if along_lists and _depth < 3 and (listed := _LIST_BEFORE.search(text, max(0, start - 8), start)):
        before = _NAME_BEFORE.search(text, max(0, listed.start() - 40), listed.start())
        return before is not None and near_cue(text, before.start(), _depth=_depth + 1)
    return False


if _lexicon.speedups is not None:
    _lexicon.speedups.bind_toponyms(sys.modules[__name__])
