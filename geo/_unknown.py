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
FUZZY, UNKNOWN = "fuzzy", "unknown"  # Mention.source: a near miss of a known name, a name the gazetteer lacks


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


class Unknown:
    """The names the pass has taken in one text, and :meth:`add`, the checks on one name in place position."""

    __slots__ = (
        "doc_id",
        "in_lower_case",
        "known_ends",
        "known_starts",
        "lexicon",
        "out",
        "person_tokens",
        "taken",
        "text",
    )

    def __init__(
        self,
        text: str,
        known: list[Mention],
        person_spans: list[tuple[int, int]],
        person_tokens: set[str],
        lexicon: _lexicon.Lexicon,
        doc_id: str,
    ):
        self.text, self.person_tokens, self.lexicon, self.doc_id = text, person_tokens, lexicon, doc_id
        self.known_starts = [m.start for m in known]
        self.known_ends = [m.end for m in known]
        self.taken = list(person_spans)  # and the names added here
        self.out: list[Mention] = []
        self.in_lower_case: dict[str, bool] = {}  # per lowered surface: whether the text has it as a word

    def free(self, start: int, end: int) -> bool:
        """Whether no known mention, person's name or name taken here overlaps ``start:end``."""
        index = bisect.bisect_left(self.known_starts, end) - 1  # the last known mention starting before ``end``
        if index >= 0 and self.known_ends[index] > start:
            return False
        return not any(s < end and start < e for s, e in self.taken)

    def add(self, start: int, end: int) -> None:
        """Keep ``text[start:end]`` as a name the gazetteer lacks, unless a check turns it down."""
        if not self.free(start, end):
            return
        rules, text = _rulebook.RULES, self.text
        surface = text[start:end]
        first = surface.split()[0]
        if first in rules.not_places or first.lower() in rules.demonyms or surface in self.person_tokens:
            return
        if rules.org_after.match(text, end):
            return
        lowered = surface.lower()
        common = self.in_lower_case.get(lowered)
        if common is None:
            common = self.in_lower_case[lowered] = next(_find_words(text, lowered), -1) >= 0
        if common:
            return  # written in lower case elsewhere: a common word, not a name
        end = generic_after(text, end)[0]
        ids = _lexicon.near_miss(self.lexicon, " ".join(fold_text(surface).split()))
        self.out.append(Mention(self.doc_id, start, end, text[start:end], ids, FUZZY if ids else UNKNOWN))
        self.taken.append((start, end))

    def again(self) -> list[Mention]:
        """Each name taken, wherever else the text writes it; then every name taken."""
        text = self.text
        for name in sorted({text[m.start : m.end] for m in self.out}):
            for again in _find_words(text, name):
                self.add(again, again + len(name))
        return self.out


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
    if starts is None:
        matches: Iterable[re.Match[str]] = rules.unknown_place.finditer(text)
    else:
        matches = matches_at(rules.unknown_place, text, starts)
    found = Unknown(text, known, person_spans, person_tokens, lexicon, doc_id)
    for match in matches:
        found.add(*match.span(1))
        position = match.end(1)
        while following := rules.list_next.match(text, position):  # "in Koya, Zrgwez and Sidakan"
            found.add(*following.span(1))
            position = following.end(1)
    return found.again()
