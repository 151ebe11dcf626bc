"""The recognition lexicon: gazetteer names folded for text matching, in an Aho–Corasick automaton.

Built once per gazetteer on first use. Which names go in is decided here:
every name of the region's admin areas, regions, borders and crossings; towns
of Iraq and Iran; larger towns of Turkey and Syria; the world's capitals and
big cities. A name that is also a common English word ("Of", "Now") is kept
only for a major place, so "Van" the city stays and "Sang" the village goes.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

import ahocorasick

from gazetteer import Entry, Gazetteer
from gazetteer.names import KIND_HINTS, name_key

__all__ = ["GENERIC_AFTER", "GENERIC_AT", "Lexicon", "MatchValue", "for_gazetteer", "generic_hints", "near_miss"]

FUZZY_CUTOFF = 90.0  # rapidfuzz ratio for a near miss of a transliteration ("Koysanjaq")
COMMON_WORD_ZIPF = 3.6  # wordfreq Zipf frequency: 3.6 is about once in 250,000 words
MAJOR_POPULATION = 250_000
_WORD = re.compile(r"\w")
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
# Generic words after a name ("Anbar province"), each alternative with the folded word it starts with.
_GENERIC: tuple[tuple[str, str], ...] = (
    ("province", "province"),
    ("governorate", "governorate"),
    ("district", "district"),
    ("county", "county"),
    ("sub-?district", "sub subdistrict"),
    ("region", "region"),
    ("city", "city"),
    ("town", "town"),
    ("village", "village"),
    (r"border\s+crossing", "border"),
    ("crossing", "crossing"),
    (r"border\s+gate", "border"),
    ("camp", "camp"),
    ("mountains?", "mountain mountains"),
)
GENERIC_AFTER = re.compile(r"[ \t]+(" + "|".join(rx for rx, _ in _GENERIC) + r")\b", re.I)
# The same, by the folded word that follows the name: only that word's alternatives can match there.
GENERIC_AT: dict[str, re.Pattern[str]] = {
    word: re.compile(r"[ \t]+(" + "|".join(rx for rx, words in _GENERIC if word in words.split()) + r")\b", re.I)
    for _, words in _GENERIC
    for word in words.split()
}


@functools.lru_cache(maxsize=1024)
def generic_hints(word: str) -> tuple[str, ...]:
    """Kinds a generic word points to ("province" -> adm1)."""
    return KIND_HINTS.get(name_key(word), ())


@dataclass(frozen=True, slots=True)
class LexEntry:
    """What a folded name can be: entry ids, whether the text must capitalise it, whether one is major."""

    ids: tuple[str, ...]
    capitalised: bool  # Latin names written with a capital; "northern Iraq" is not
    major: bool


@dataclass(frozen=True, slots=True)
class MatchValue:
    """What the automaton reports for one spaced word sequence (" erbil ", " kurdistan region ").

    The words start ``back`` characters before the automaton's end index, and
    the name, when there is one, is ``length`` characters long. ``names`` are
    the folded names spelt so, with their entries; ``verify`` says whether the
    characters between the words must be checked (the spaced text writes every
    separator as a space). ``roles`` say what the sequence can start (bits of
    ``geo.toponyms.TRIGGER_WORDS``) and ``trigger`` is its first word.
    """

    back: int
    length: int
    names: tuple[tuple[str, LexEntry], ...]
    verify: bool
    trigger: str | None
    roles: int


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: near_miss caches per lexicon
class Lexicon:
    matcher: Any  # Aho-Corasick automaton over the spaced text (see geo.toponyms._spaced_text)
    entries: dict[str, LexEntry]
    border_ids: tuple[str, ...]
    fuzzy_keys: tuple[str, ...]  # Latin names of the region's places, for near misses


def _in_scope(entry: Entry) -> bool:
    if entry.kind != "populated_place" or entry.country in ("IQ", "IR"):
        return True
    if entry.country in ("TR", "SY"):
        return (entry.population or 0) >= 10_000
    return True  # the gazetteer keeps only capitals and big cities elsewhere


def _is_major(entry: Entry, gaz: Gazetteer) -> bool:
    return entry.kind in ("country", "region", "border", "adm1") or gaz.importance(entry) >= MAJOR_POPULATION


def _common_words(gaz: Gazetteer) -> dict[str, float]:
    path = gaz.path / "common_words.tsv"
    words: dict[str, float] = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            word, _, freq = line.partition("\t")
            words[word] = float(freq)
    return words


@functools.lru_cache(maxsize=4)
def for_gazetteer(gaz: Gazetteer) -> Lexicon:
    """The lexicon of a gazetteer (cached)."""
    from geo.toponyms import DEMONYMS, TRIGGER_WORDS, fold_text

    common = _common_words(gaz)
    ids: dict[str, list[str]] = {}
    flags: dict[str, tuple[bool, bool]] = {}
    for entry in gaz:
        if not _in_scope(entry):
            continue
        major = _is_major(entry, gaz)
        for name in (entry.name, *entry.alt_names):
            key = " ".join(fold_text(name).split())
            latin = not _ARABIC.search(key)
            capitalised = latin and name[:1].isupper()
            short_ok = entry.kind == "country" and name.isupper() and len(key) >= 2
            if len(key.replace(" ", "")) < 3 and not short_ok:
                continue
            if latin and not major and common.get(" ".join(name.casefold().split()), 0.0) >= COMMON_WORD_ZIPF:
                continue
            bucket = ids.setdefault(key, [])
            if entry.id not in bucket:
                bucket.append(entry.id)
            was_capitalised, was_major = flags.get(key, (capitalised, False))
            flags[key] = (was_capitalised and capitalised, was_major or major)
    entries: dict[str, LexEntry] = {}
    spelt: dict[str, list[tuple[str, LexEntry]]] = {}
    for key in sorted(ids):
        capitalised, major = flags[key]
        entries[key] = LexEntry(tuple(ids[key]), capitalised, major)
        if key not in DEMONYMS:
            spelt.setdefault(_spaced(key), []).append((key, entries[key]))
    matcher = ahocorasick.Automaton()
    for spaced in sorted({*spelt, *TRIGGER_WORDS}):
        names = tuple(spelt.get(spaced, ()))
        verify = len(names) > 1 or " " in spaced or any(key != spaced for key, _ in names)
        roles = TRIGGER_WORDS.get(spaced, 0)
        first = spaced.split(" ")[0]
        length = len(spaced) if names else len(first)
        value = MatchValue(len(spaced) + 1, length, names, verify, first if roles else None, roles)
        matcher.add_word(f" {spaced} ", value)
    matcher.make_automaton()
    borders = tuple(e.id for e in gaz if e.kind == "border")
    regional = {e.id for e in gaz if e.country in ("IQ", "IR") and e.kind != "country"}
    fuzzy = tuple(k for k, v in entries.items() if v.capitalised and len(k) >= 5 and any(i in regional for i in v.ids))
    return Lexicon(matcher, entries, borders, fuzzy)


def _spaced(key: str) -> str:
    """A folded name as the spaced text writes it: every non-word character a space."""
    return "".join(ch if _WORD.match(ch) else " " for ch in key)


@functools.lru_cache(maxsize=1 << 16)
def near_miss(lexicon: Lexicon, key: str) -> tuple[str, ...]:
    """Entry ids of the closest lexicon name to ``key`` when it is a near miss, else ``()``.

    Cached: each distinct unknown name is compared with the lexicon once per process.
    """
    from rapidfuzz import fuzz, process

    if len(key) < 5:
        return ()
    match = process.extractOne(key, lexicon.fuzzy_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    return lexicon.entries[match[0]].ids if match else ()
