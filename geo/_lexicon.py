"""The recognition lexicon: gazetteer names folded for text matching, in an Aho–Corasick automaton.

Folding maps text one character for one (case, diacritics, dashes,
typographic quotes), so offsets in folded text are offsets in the document.
The automaton runs over the *spaced* text (folded, every non-word character
a space, a sentinel space at each end) and holds each name between two
spaces, so it reports whole words only; it also holds the words the
recogniser's patterns start with (``geo._rulebook.Rules.trigger_words``).

Built once per gazetteer on first use. Which names go in is decided here:
every name of the region's admin areas, regions, borders and crossings; towns
of Iraq and Iran; larger towns of Turkey and Syria; the world's capitals and
big cities. A name that is also a common English word ("Of", "Now") is kept
only for a major place, so "Van" the city stays and "Sang" the village goes.
"""

from __future__ import annotations

import functools
import gc
import os
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import ahocorasick

from gazetteer import Entry, Gazetteer
from gazetteer.names import ARABIC_VARIANTS
from geo import _rulebook

speedups: ModuleType | None
try:  # the compiled inner loops (setup.py builds them; BORDERLENS_PURE_PYTHON=1 leaves them out)
    if os.environ.get("BORDERLENS_PURE_PYTHON"):
        raise ImportError("BORDERLENS_PURE_PYTHON is set")
    from geo import _speedups as speedups
except ImportError:
    speedups = None

__all__ = [
    "Lexicon",
    "MatchValue",
    "fold_text",
    "for_gazetteer",
    "near_miss",
    "settle",
    "spaced_text",
    "speedups",
]

FUZZY_CUTOFF = 90.0  # rapidfuzz ratio for a near miss of a transliteration ("Koysanjaq")
COMMON_WORD_ZIPF = 3.6  # wordfreq Zipf frequency: 3.6 is about once in 250,000 words
MAJOR_POPULATION = 250_000
_WORD = re.compile(r"\w")
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
# -- folding -----------------------------------------------------------------------------------
_SPACE_LIKE = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\u200c\t\r\n"
_FIXED = {
    **dict.fromkeys("-‐‑‒–—―_/", " "),
    **dict.fromkeys("’‘ʼʻʿʾ`´′", "'"),
    **dict.fromkeys("“”„«»″", '"'),
    **dict.fromkeys(_SPACE_LIKE, " "),
    **ARABIC_VARIANTS,
}
_TABLE: dict[int, str] = {}  # code point -> folded character, filled as characters are met
_SPACED: dict[int, str] = {}  # ... -> folded character, or a space when that is no word character
_TRICKY: set[str] = set()  # characters the fast paths cannot read (see _learn)
_NO_REPLACE: set[str] = set()  # characters _spaced_text cannot replace in place
_ASCII = bytes(range(128))


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


def _learn(chars: Iterable[str]) -> None:
    """Add characters to the folding tables.

    A character is *tricky* when the word-at-a-time shortcuts of
    :func:`geo.toponyms.mentions_from_text` could misread it: a non-word character that folds
    to a word character ("Ⓐ"), or the dotless "ı", which case-insensitive
    patterns take for "i" but folding keeps. A text holding one is read with the
    patterns alone.
    """
    for ch in sorted(chars):  # ASCII first, so replacements below can be checked against it
        folded = _fold_char(ch)
        spaced = folded if _WORD.match(folded) else " "
        _TABLE[ord(ch)] = folded
        _SPACED[ord(ch)] = spaced
        if ch.isascii():
            continue
        if (not _WORD.match(ch) and spaced != " ") or ch == "ı":
            _TRICKY.add(ch)
        if not (spaced.isascii() and _SPACED[ord(spaced)] == spaced):
            _NO_REPLACE.add(ch)


def fold_text(text: str) -> str:
    """Fold text for matching, one character for one: ``len(fold_text(t)) == len(t)``."""
    if not text.isascii():
        _learn([ch for ch in set(text) if ord(ch) not in _TABLE])
    return text.translate(_TABLE)


_learn(map(chr, range(128)))


def spaced_text(text: str) -> tuple[str, bool]:
    """The folded text with every non-word character a space, between two sentinel spaces.

    ``spaced[i + 1]`` is the folded ``text[i]``, so a word is found whole by
    looking for it with a space on either side. Also says whether the text is
    *plain* (no tricky character, see :func:`_learn`).
    """
    if speedups is not None:
        return speedups.spaced_text(text)  # type: ignore[no-any-return]
    if text.isascii():
        return f" {text.translate(_SPACED)} ", True  # ASCII in, ASCII out: str.translate's fast path
    others = set(text.encode("utf-8", "surrogatepass").translate(None, _ASCII).decode("utf-8", "surrogatepass"))
    _learn([ch for ch in others if ord(ch) not in _SPACED])
    plain = others.isdisjoint(_TRICKY)
    if others.isdisjoint(_NO_REPLACE):  # each one becomes ASCII: replace them, then the fast path
        for ch in others:
            text = text.replace(ch, _SPACED[ord(ch)])
    return f" {text.translate(_SPACED)} ", plain


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
    ``geo._rulebook.Rules.trigger_words``) and ``trigger`` is its first word. A
    sequence that ends in two separators ("iraq s semi  ") has ``gap``: where
    the first of them stands, counted from the start; else 0. A sequence that
    leads a pattern has ``lead``: its words (a key of
    ``geo._rulebook.Rules.pattern_triggers``).
    """

    back: int
    length: int
    names: tuple[tuple[str, LexEntry], ...]
    verify: bool
    trigger: str | None
    roles: int
    gap: int = 0
    lead: str | None = None


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: near_miss caches per lexicon
class Lexicon:
    matcher: Any  # Aho-Corasick automaton over the spaced text (see geo.toponyms._spaced_text)
    entries: dict[str, LexEntry]
    border_ids: tuple[str, ...]
    fuzzy_keys: tuple[str, ...]  # Latin names of the region's places, for near misses
    scanner: Any = None  # the same keys for geo._speedups (None without it)


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
    rules = _rulebook.RULES
    trigger_words, pattern_triggers = rules.trigger_words, rules.pattern_triggers
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
        if key not in rules.demonyms:
            spelt.setdefault(_spaced(key), []).append((key, entries[key]))
    matcher = ahocorasick.Automaton()
    pairs = []
    for spaced in sorted({*spelt, *trigger_words}):
        names = tuple(spelt.get(spaced, ()))
        verify = len(names) > 1 or " " in spaced or any(key != spaced for key, _ in names)
        roles = trigger_words.get(spaced, 0)
        first = spaced.split(" ")[0]
        length = len(spaced) if names else len(first)
        gap = len(spaced) - 1 if spaced.endswith(" ") else 0
        lead = spaced if spaced in pattern_triggers else None
        value = MatchValue(len(spaced) + 1, length, names, verify, first if roles else None, roles, gap, lead)
        matcher.add_word(f" {spaced} ", value)
        pairs.append((f" {spaced} ", value))
    matcher.make_automaton()
    scanner = speedups.Scanner(pairs, rules.context_words) if speedups is not None else None
    borders = tuple(e.id for e in gaz if e.kind == "border")
    regional = {e.id for e in gaz if e.country in ("IQ", "IR") and e.kind != "country"}
    fuzzy = tuple(k for k, v in entries.items() if v.capitalised and len(k) >= 5 and any(i in regional for i in v.ids))
    return Lexicon(matcher, entries, borders, fuzzy, scanner)


def settle(gaz: Gazetteer) -> Lexicon:
    """Build the lexicon now, then keep the cyclic GC off everything loaded so far (``gc.freeze``).

    For a process about to read many articles (the CLI, a Dask worker): the
    gazetteer and the lexicon, about 190,000 objects, live as long as the
    process, and every full collection would walk them again (the extract
    loop went from 136 to 104 ms/MB with the compiled loops' first cut).
    """
    lexicon = for_gazetteer(gaz)
    gc.collect()
    gc.freeze()
    return lexicon


def _spaced(key: str) -> str:
    """A folded name as the spaced text writes it: every non-word character a space."""
    return "".join(ch if _WORD.match(ch) else " " for ch in key)


_BAG = {ch: i for i, ch in enumerate("abcdefghijklmnopqrstuvwxyz")}  # every other character: column 26


@functools.cache
def _fuzzy_index(lexicon: Lexicon) -> tuple[Any, Any, Any]:
    """The fuzzy keys by length: their order, their lengths, and their letter counts (27 rows)."""
    import numpy as np

    keys = lexicon.fuzzy_keys
    order = np.array(sorted(range(len(keys)), key=lambda i: len(keys[i])), dtype=np.int64)
    counts = np.zeros((len(_BAG) + 1, len(keys)), dtype=np.int16)
    for column, i in enumerate(order):
        for ch in keys[i]:
            counts[_BAG.get(ch, len(_BAG)), column] += 1
    return order, np.array([len(keys[i]) for i in order], dtype=np.int64), counts


@functools.lru_cache(maxsize=1 << 16)
def near_miss(lexicon: Lexicon, key: str) -> tuple[str, ...]:
    """Entry ids of the closest lexicon name to ``key`` when it is a near miss, else ``()``.

    Cached: each distinct unknown name is compared with the lexicon once per process.
    rapidfuzz's ratio is 100 * 2 * LCS / (len(a) + len(b)); the letters two words
    share bound their LCS, so only the names that could reach the cutoff are
    compared, in the lexicon's order (the same best, ties and all, as comparing
    all of them).
    """
    import numpy as np
    from rapidfuzz import fuzz, process

    if len(key) < 5:
        return ()
    order, lengths, counts = _fuzzy_index(lexicon)
    # ratio >= FUZZY_CUTOFF needs 200 * LCS >= FUZZY_CUTOFF * (len(a) + len(b)), so lengths within about
    # 0.82 to 1.22 times each other, and as many letters in common (one letter of slack each way)
    lo, hi = np.searchsorted(lengths, [int(0.8 * len(key)) - 1, int(1.25 * len(key)) + 2])
    shared = np.zeros(hi - lo, dtype=np.int64)
    for ch, n in Counter(_BAG.get(ch, len(_BAG)) for ch in key).items():
        shared += np.minimum(counts[ch, lo:hi], n)
    possible = np.sort(order[lo:hi][200 * (shared + 1) >= FUZZY_CUTOFF * (lengths[lo:hi] + len(key))])
    keys = lexicon.fuzzy_keys
    match = process.extractOne(key, [keys[i] for i in possible], scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    return lexicon.entries[match[0]].ids if match else ()


if speedups is not None:
    speedups.bind_lexicon(sys.modules[__name__])
