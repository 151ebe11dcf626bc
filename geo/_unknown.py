"""Names the gazetteer lacks, standing where a place does ("villages near Zrgwez"): kept, not dropped.

A near miss of a known name ("Koysanjaq") becomes a fuzzy mention with that
name's entries; anything else is kept with no candidates, so the run reports it
as unresolved. The cue words are in :mod:`geo.rules.unknown`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator

from geo import _lexicon, _rulebook
from geo._lexicon import fold_text
from geo._name_rules import generic_after, matches_at
from geo.model import Mention

__all__ = ["unknown_mentions"]

_WORD = re.compile(r"\w")


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


def unknown_mentions(
    text: str,
    known: list[Mention],
    starts: list[int] | None,
    person_spans: list[tuple[int, int]],
    person_tokens: set[str],
    lexicon: _lexicon.Lexicon,
    doc_id: str,
) -> list[Mention]:
    """Capitalised names in place position that no gazetteer name matched.

    ``starts``: where the cue words stand (ascending), the only places the cue
    pattern can match; None: look over the whole text. ``known``: the mentions
    found, sorted and without overlaps.
    """
    rules = _rulebook.RULES
    not_places, demonyms = rules.not_places, rules.demonyms
    if starts is None:
        matches: Iterable[re.Match[str]] = rules.unknown_place.finditer(text)
    else:
        matches = matches_at(rules.unknown_place, text, starts)
    known_starts = [m.start for m in known]
    known_ends = [m.end for m in known]
    taken = list(person_spans)  # and the names added here
    out: list[Mention] = []
    in_lower_case: dict[str, bool] = {}  # per lowered surface: whether the text has it as a word

    def add(start: int, end: int) -> None:
        surface = text[start:end]
        first = surface.split()[0]
        if first in not_places or first.lower() in demonyms or surface in person_tokens:
            return
        index = bisect.bisect_left(known_starts, end) - 1  # the last known mention starting before ``end``
        if (index >= 0 and known_ends[index] > start) or any(s < end and start < e for s, e in taken):
            return
        if rules.org_after.match(text, end):
            return
        lowered = surface.lower()
        common = in_lower_case.get(lowered)
        if common is None:
            common = in_lower_case[lowered] = next(_find_words(text, lowered), -1) >= 0
        if common:
            return  # written in lower case elsewhere: a common word, not a name
        end = generic_after(text, end)[0]
        ids = _lexicon.near_miss(lexicon, " ".join(fold_text(surface).split()))
        out.append(Mention(doc_id, start, end, text[start:end], ids, "fuzzy" if ids else "unknown"))
        taken.append((start, end))

    for match in matches:
        add(*match.span(1))
        position = match.end(1)
        while following := rules.list_next.match(text, position):  # "in Koya, Zrgwez and Sidakan"
            add(*following.span(1))
            position = following.end(1)
    for name in sorted({text[m.start : m.end] for m in out}):
        for again in _find_words(text, name):
            add(again, again + len(name))
    return out
