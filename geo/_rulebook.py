"""The recogniser's rules compiled: the patterns of :mod:`geo.rules` filled in and the shortcut word sets derived.

The tables in :mod:`geo.rules` are the only place a rule's words are written.
Here each pattern template is filled with its word tables and compiled, and
the word sets the engine's shortcuts read (what the lexicon's automaton looks
for besides names, the words around a name each rule can start with) are read
off the same tables, so the shortcuts and the patterns cannot drift apart.
:func:`compile_rules` runs at import; ``geo.toponyms.reload_rules()`` runs it
again after a table changed at run time.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from gazetteer.names import KIND_HINTS, name_key
from geo.rules import areas, datelines, names, near, people, regions, unknown

__all__ = ["RULES", "Rules", "compile_rules", "generic_hints"]

# Roles of what the automaton finds besides names (bits of Rules.trigger_words).
TITLE, PATTERN, UNKNOWN, UNKNOWN_PHRASE, ORG = 1, 2, 4, 8, 16


def _spaced(phrase: str) -> str:
    """An ASCII phrase as the spaced text writes it: folded, every non-word character a space."""
    if not phrase.isascii():
        raise ValueError(f"rule tables hold ASCII only: {phrase!r}")
    return re.sub(r"[^0-9a-z]", " ", phrase.lower())


def _first(phrase: str) -> str:
    return _spaced(phrase).split()[0]


def _last(phrase: str) -> str:
    return _spaced(phrase).split()[-1]


def _last_word(phrase: str) -> str:
    """The last run of word characters (``\\w+``) of a phrase, as the text writes it ("'s" -> "s")."""
    words: list[str] = re.findall(r"\w+", phrase)
    return words[-1]


def _by_first(phrases: Iterable[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases as the spaced text writes their words, by their first word."""
    found: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        words = tuple(_spaced(phrase).split())
        found.setdefault(words[0], []).append(words)
    return {first: tuple(words) for first, words in found.items()}


def _alternatives(phrases: Iterable[str]) -> str:
    """The phrases as regex alternatives, their words joined by whitespace (``\\s+``)."""
    return "|".join(r"\s+".join(re.escape(word) for word in phrase.split()) for phrase in phrases)


def _fill(template: str, **tables: Iterable[str]) -> str:
    """A pattern template with each ``{table}`` replaced by the alternatives of that table."""
    for name, phrases in tables.items():
        template = template.replace("{" + name + "}", _alternatives(phrases))
    return template


@dataclass(frozen=True)
class Rules:
    """Every rule of the recogniser, compiled; one instance per version of the tables."""

    org_after: re.Pattern[str]
    org_after_phrases: dict[str, tuple[tuple[str, ...], ...]]  # by first word: the phrases' spaced words
    org_before: re.Pattern[str]
    org_reach: int
    name_particle_after: re.Pattern[str]
    capitalised_after: re.Pattern[str]
    locative_before: re.Pattern[str]
    locative_reach: int
    locative_alone: frozenset[str]  # (small letters) the pattern matches one of these followed by whitespace alone
    generic_after: re.Pattern[str]
    generic_at: dict[str, re.Pattern[str]]  # by the folded word after the name: only its alternatives
    one_word_generic: frozenset[str]  # folded words whose generic_at alternative is the word alone
    not_places: frozenset[str]
    demonyms: frozenset[str]
    person_title: re.Pattern[str]  # any title and the name after it
    title_at: dict[str, re.Pattern[str]]  # by the folded title word: its own title's pattern
    particles: frozenset[str]  # folded: not a word of a person's name
    # The words (as written) a name after a title can start with besides a capital; None: the name pattern
    # does not start as the compiled look reads it (punctuation, whitespace, then one of these or a capital).
    title_next: frozenset[str] | None
    person_word_breaks: str  # a person's name's words are split at whitespace and these
    person_word_split: re.Pattern[str]  # ... as a pattern
    person_word_quotes: str  # ... stripped of these at their ends
    person_word_over: int  # ... and kept when longer than this
    unknown_place: re.Pattern[str]
    unknown_phrases: dict[str, tuple[tuple[str, ...], ...]]  # by first word: the cue phrases' spaced words
    list_next: re.Pattern[str]
    list_marks: tuple[str, ...]  # a list goes on after one of these, or whitespace and a list word
    patterns: tuple[tuple[re.Pattern[str], str | None, tuple[str, ...]], ...]  # region patterns: rx, id, hints
    pattern_triggers: dict[str, tuple[tuple[int, ...], tuple[int, ...]]]
    article: str
    dateline: tuple[re.Pattern[str], ...]  # tried in this order at each line start
    dateline_lines: int
    dateline_reach: int
    dateline_hints: tuple[str, ...]
    near: re.Pattern[str]
    near_reach: int
    near_ends: str  # the characters the near pattern's last words end with (a cheap look before it)
    near_last_words: frozenset[str]  # the words (small letters) the near pattern can end with, before whitespace
    near_alone: frozenset[str]  # the one-word near phrases: the pattern matches one followed by whitespace alone
    near_of: str  # " of ": a direction pattern can match only where it stands
    directions: tuple[str, ...]  # (small letters) ... and where a direction's first word stands
    direction_of: re.Pattern[str]
    direction_reach: int
    list_before: re.Pattern[str]
    list_reach: int
    name_before_reach: int
    list_steps: int
    list_ends: str  # the characters the list pattern's marks and prefixes end with
    list_first_words: frozenset[str]  # the list words' first and last words (as written: case-sensitive patterns)
    list_last_words: frozenset[str]
    name_before: re.Pattern[str]
    list_cue: re.Pattern[str]
    list_cue_words: tuple[str, ...]
    sentence_end: re.Pattern[str]
    owns_after: re.Pattern[str]
    part_before: re.Pattern[str]
    part_reach: int
    part_last_words: frozenset[str]  # the words (as written) the part pattern can end with, before whitespace
    possessives: tuple[str, ...]  # "'s": the owns pattern starts with one
    area_hints: tuple[str, ...]
    kri: str  # the Kurdistan Region's id, and the border a vague border in a document naming it favours
    kri_border: str
    # The folded word right after a name each rule needs, and the word right before; context_words: these in
    # the order of the compiled scanner's context bits, then the list cues.
    org_after_first: frozenset[str]
    generic_first: frozenset[str]
    locative_words: frozenset[str]
    org_before_words: frozenset[str]
    context_words: tuple[frozenset[str], ...]
    trigger_words: dict[str, int]  # what the automaton looks for besides names: spaced words -> roles


def _pattern_triggers(
    leads_of: list[tuple[str, ...]], article: str
) -> dict[str, tuple[tuple[int, ...], tuple[int, ...]]]:
    """Spaced word sequences -> the patterns to try where one stands, and those to try at the article before it.

    Each lead is looked for whole, and so far as it goes with two separators after ("iraq s  "), where the
    patterns of every lead it begins are tried; but not before the possessive "s", which the patterns
    want right after the apostrophe ("Iraq's"; not "Iraq, ").
    """
    found: dict[str, tuple[set[int], set[int]]] = {}
    for index, leads in enumerate(leads_of):
        for lead in leads:
            after_the = lead.startswith(article + " ")
            words = lead.removeprefix(article + " ").split()
            keys = [" ".join(words), *(" ".join(words[:n]) + " " for n in range(1, len(words)) if words[n] != "s")]
            for key in keys:
                found.setdefault(key, (set(), set()))[after_the].add(index)
    return {key: (tuple(sorted(starts)), tuple(sorted(the))) for key, (starts, the) in sorted(found.items())}


# How the name after a title starts, for Rules.title_next: an optional comma, whitespace, then a capital or a
# particle and a separator.
_NAME_START = r",?\s+((?:(?:{first_particles})[-\s])?[A-Z]"


def _check(rules: Rules) -> Rules:
    """The promises the derived word sets make about the patterns (what the compiled shortcuts rely on)."""
    for word, rx in rules.title_at.items():  # the title's pattern ends where its word does, or at punctuation
        if rx.match(word + "x Qx") or rx.match(word.title() + "x Qx"):
            raise ValueError(f"the title pattern of {word!r} reads on into the word after it")
    for rx, words in ((rules.near, rules.near_alone), (rules.locative_before, rules.locative_alone)):
        for word in words:
            if not rx.search(f"{word} "):
                raise ValueError(f"{rx.pattern!r} no longer matches its one-word phrase {word!r} alone")
    return rules


def compile_rules() -> Rules:
    """The rules as the tables of :mod:`geo.rules` now say."""
    return _check(_compile())


def _compile() -> Rules:
    generic = names.GENERIC_WORDS
    generic_at = {
        first: re.compile(_fill(names.GENERIC_PATTERN, generic=[g for g in generic if _first(g) == first]), re.I)
        for first in dict.fromkeys(_first(g) for g in generic)
    }
    person_name = _fill(
        people.PERSON_NAME,
        first_particles=(*names.NAME_PARTICLES, *people.FIRST_NAME_PARTICLES),
        particles=names.NAME_PARTICLES,
    )
    title_at = {
        word: re.compile(r"\b(?:" + rx + ")" + person_name) for rx, words in people.TITLES for word in words.split()
    }
    optional = "".join(
        "(?:" + "|".join(_alternatives([phrase]) + r"\s+" for phrase in group) + ")?" for group in names.ORG_OPTIONAL
    )
    org_before = _fill(r"\b(?:{heads})\s+(?:{links})\s+", heads=names.ORG_HEADS, links=names.ORG_LINKS) + optional + "$"
    org_heads = frozenset(_spaced(h).strip() for h in names.ORG_HEADS)
    cues = unknown.UNKNOWN_PLACE_CUES
    pattern_triggers = _pattern_triggers([leads for *_, leads in regions.REGION_PATTERNS], names.ARTICLE)
    org_after_first = frozenset(_first(p) for p in names.ORG_AFTER)
    particles = frozenset(_spaced(p) for p in names.NAME_PARTICLES)
    generic_first = frozenset(generic_at)
    locative_words = frozenset(_spaced(p).strip() for p in names.LOCATIVES)
    org_before_words = frozenset(
        [_last(p) for p in names.ORG_LINKS] + [_last(p) for group in names.ORG_OPTIONAL for p in group]
    )
    trigger_words: dict[str, int] = {}
    for words, role in (
        (frozenset(title_at), TITLE),
        (frozenset(c for c in cues if " " not in c), UNKNOWN),
        (frozenset(_first(c) for c in cues if " " in c), UNKNOWN_PHRASE),
        (org_heads, ORG),
    ):
        for word in words:
            trigger_words[word] = trigger_words.get(word, 0) | role
    for key in pattern_triggers:
        trigger_words[key] = trigger_words.get(key, 0) | PATTERN
    possessives = names.POSSESSIVES
    # The near pattern ends with a near phrase, with "of" or with a country's possessive, then whitespace.
    near_last_words = frozenset(_last_word(p).lower() for p in (*near.NEAR_PHRASES, near.OF, *possessives))
    near_ends = {word[-1] for word in near_last_words}
    near_alone = frozenset(p.lower() for p in near.NEAR_PHRASES if re.fullmatch(r"\w+", p))
    return Rules(
        org_after=re.compile(_fill(names.ORG_AFTER_PATTERN, org_after=names.ORG_AFTER)),
        org_after_phrases=_by_first(names.ORG_AFTER),
        org_before=re.compile(org_before),
        org_reach=names.ORG_REACH,
        name_particle_after=re.compile(_fill(names.NAME_PARTICLE_PATTERN, particles=names.NAME_PARTICLES)),
        capitalised_after=re.compile(names.CAPITALISED_AFTER),
        locative_before=re.compile(_fill(names.LOCATIVE_PATTERN, locatives=names.LOCATIVES), re.I),
        locative_reach=names.LOCATIVE_REACH,
        locative_alone=frozenset(p.lower() for p in names.LOCATIVES if re.fullmatch(r"\w+", p)),
        generic_after=re.compile(_fill(names.GENERIC_PATTERN, generic=generic), re.I),
        generic_at=generic_at,
        one_word_generic=frozenset(g for g in generic if _spaced(g) == g and " " not in g),
        not_places=names.NOT_PLACES,
        demonyms=names.DEMONYMS,
        person_title=re.compile(r"\b(?:" + "|".join(rx for rx, _ in people.TITLES) + ")" + person_name),
        title_at=title_at,
        particles=particles,
        title_next=(
            frozenset(re.findall(r"\w+", p)[0] for p in (*names.NAME_PARTICLES, *people.FIRST_NAME_PARTICLES))
            if people.PERSON_NAME.startswith(_NAME_START)
            else None
        ),
        person_word_breaks=people.PERSON_WORD_BREAKS,
        person_word_split=re.compile(r"[\s" + re.escape(people.PERSON_WORD_BREAKS) + "]+"),
        person_word_quotes=people.PERSON_WORD_QUOTES,
        person_word_over=people.PERSON_WORD_OVER,
        unknown_place=re.compile(_fill(unknown.UNKNOWN_PLACE_PATTERN, cues=cues, article=[names.ARTICLE])),
        unknown_phrases=_by_first(c for c in cues if " " in c),
        list_next=re.compile(_fill(unknown.LIST_NEXT, list_marks=near.LIST_MARKS, list_words=near.LIST_WORDS)),
        list_marks=tuple(near.LIST_MARKS),
        patterns=tuple((re.compile(rx), target, hints) for rx, target, hints, _ in regions.REGION_PATTERNS),
        pattern_triggers=pattern_triggers,
        article=names.ARTICLE,
        dateline=tuple(
            re.compile(rx) for rx in (datelines.DATELINE, datelines.DATED_DATELINE, datelines.AGENCY_DATELINE)
        ),
        dateline_lines=datelines.DATELINE_LINES,
        dateline_reach=datelines.DATELINE_REACH,
        dateline_hints=datelines.DATELINE_HINTS,
        near=re.compile(
            _fill(
                near.NEAR_PATTERN,
                near=near.NEAR_PHRASES,
                directions=near.DIRECTIONS,
                of=[near.OF],
                countries=near.NEAR_COUNTRIES,
                possessives=possessives,
            ),
            re.I,
        ),
        near_reach=near.NEAR_REACH,
        near_ends="".join(sorted(near_ends | {ch.upper() for ch in near_ends})),
        near_last_words=near_last_words,
        near_alone=near_alone,
        near_of=f" {near.OF} ",
        directions=tuple(sorted({re.findall(r"\w+", d)[0].lower() for d in near.DIRECTIONS})),
        direction_of=re.compile(_fill(near.DIRECTION_OF_PATTERN, directions=near.DIRECTIONS, of=[near.OF]), re.I),
        direction_reach=near.DIRECTION_REACH,
        list_before=re.compile(
            _fill(
                near.LIST_BEFORE,
                list_marks=near.LIST_MARKS,
                list_words=near.LIST_WORDS,
                list_prefixes=near.LIST_PREFIXES,
            )
        ),
        list_reach=near.LIST_REACH,
        name_before_reach=near.NAME_BEFORE_REACH,
        list_steps=near.LIST_STEPS,
        list_ends="".join(sorted({p[-1] for p in (*near.LIST_MARKS, *near.LIST_PREFIXES)})),
        list_first_words=frozenset(re.findall(r"\w+", p)[0] for p in near.LIST_WORDS),
        list_last_words=frozenset(_last_word(p) for p in near.LIST_WORDS),
        name_before=re.compile(near.NAME_BEFORE),
        list_cue=re.compile(_fill(areas.LIST_CUE_PATTERN, list_cues=areas.LIST_CUE_WORDS), re.I),
        list_cue_words=tuple(areas.LIST_CUE_WORDS),
        sentence_end=re.compile(areas.SENTENCE_END),
        owns_after=re.compile(_fill(areas.OWNS_AFTER, possessives=possessives)),
        part_before=re.compile(_fill(areas.PART_BEFORE, parts=areas.AREA_PARTS)),
        part_reach=areas.PART_REACH,
        part_last_words=frozenset(_last_word(p) for p in areas.AREA_PARTS),
        possessives=tuple(possessives),
        area_hints=tuple(areas.AREA_HINTS),
        kri=regions.KRI,
        kri_border=regions.KRI_IRAN_BORDER,
        org_after_first=org_after_first,
        generic_first=generic_first,
        locative_words=locative_words,
        org_before_words=org_before_words,
        context_words=(
            org_after_first,
            particles,
            generic_first,
            locative_words,
            org_before_words,
            frozenset(areas.LIST_CUE_WORDS),
        ),
        trigger_words=trigger_words,
    )


@functools.lru_cache(maxsize=1024)
def generic_hints(word: str) -> tuple[str, ...]:
    """Kinds a generic word points to ("province" -> adm1)."""
    return KIND_HINTS.get(name_key(word), ())


RULES = compile_rules()
