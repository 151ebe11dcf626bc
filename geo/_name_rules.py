"""The rules about the words around a name, as the recogniser's engine calls them.

Each reads its words and patterns off the compiled rules (:mod:`geo._rulebook`,
from the tables in :mod:`geo.rules`); the engine (:mod:`geo.toponyms`) calls
them only where the word before or after a name is one they can match.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from typing import Any

from geo import _rulebook
from geo._lexicon import Lexicon
from geo.model import Mention

Found = tuple[int, int, int, int, tuple[Any, ...]]  # sortable: (start, -length, 1 unless a pattern, order, args)


def word_before(text: str, spaced: str, start: int) -> str:
    """The folded word before a name at ``start``; "" when anything but whitespace stands between.

    The rules that read it (org_before, locative_before) need whitespace there.
    """
    index = start  # spaced index of text[start - 1], a separator
    while index > 0 and spaced[index] == " ":
        index -= 1
    if index == 0 or not text[index:start].isspace():
        return ""
    return spaced[spaced.rfind(" ", 0, index) + 1 : index + 1]


def word_after(text: str, spaced: str, end: int) -> str:
    """The folded word after a name ending at ``end``, past two separators or more.

    "" when one of them is neither whitespace nor a hyphen: the rules that read
    the word after (org_after, name_particle_after, generic_after) cannot
    reach past anything else.
    """
    index = end + 2  # spaced index of text[end + 1], a separator
    while index < len(spaced) - 1 and spaced[index] == " ":
        index += 1
    if index >= len(spaced) - 1 or not text[end : index - 1].replace("-", " ").isspace():
        return ""
    return spaced[index : spaced.find(" ", index)]


def matches_at(rx: re.Pattern[str], text: str, starts: Iterable[int]) -> list[re.Match[str]]:
    """``rx.finditer(text)`` when ``starts`` (ascending) holds every position where ``rx`` can match."""
    found: list[re.Match[str]] = []
    last = 0
    for start in starts:
        if start >= last and (match := rx.match(text, start)):
            found.append(match)
            last = match.end()
    return found


def org_between(orgs: list[int], start: int) -> bool:
    """Whether an organisation word starts within org_reach characters before ``start`` (``orgs`` ascending)."""
    index = bisect.bisect_left(orgs, start - _rulebook.RULES.org_reach)
    return index < len(orgs) and orgs[index] < start


def the_before(text: str, start: int) -> int:
    """Where the article starts when it stands right before ``start`` (whitespace between), else -1."""
    article = _rulebook.RULES.article
    i = start
    while i > 0 and text[i - 1].isspace():
        i -= 1
    n = len(article)
    return i - n if n <= i < start and text[i - n : i] == article else -1


def person_spans(text: str, matches: Iterable[re.Match[str]]) -> tuple[list[tuple[int, int]], set[str]]:
    """People's names after titles: their spans, and their words (no place words, those)."""
    rules = _rulebook.RULES
    particles, split, quotes, over = (
        rules.particles,
        rules.person_word_split,
        rules.person_word_quotes,
        rules.person_word_over,
    )
    spans: list[tuple[int, int]] = []
    tokens: set[str] = set()
    for match in matches:
        spans.append(match.span(1))
        for token in split.split(match.group(1)):
            token = token.strip(quotes)
            if len(token) > over and token[0].isupper() and token.lower() not in particles:
                tokens.add(token)
    return spans, tokens


def titles_at(text: str, titles: list[tuple[int, str]]) -> list[re.Match[str]]:
    """``person_title.finditer(text)`` from the title words the automaton found (in order)."""
    title_at = _rulebook.RULES.title_at
    found: list[re.Match[str]] = []
    last = 0
    for start, word in titles:
        if start >= last and (match := title_at[word].match(text, start)):
            found.append(match)
            last = match.end()
    return found


def generic_after(text: str, end: int, word: str | None = None) -> tuple[int, tuple[str, ...]]:
    """A generic word right after a name ("Anbar province"): where it ends and the kinds it hint at.

    ``word``: the folded word after the name, when known (then only its own alternatives are tried).
    """
    rules = _rulebook.RULES
    rx = rules.generic_after if word is None else rules.generic_at.get(word)
    match = rx.match(text, end) if rx else None
    if not match:
        return end, ()
    return match.end(), _rulebook.generic_hints(match.group(1))


def pattern_mentions(text: str, words: list[tuple[int, str]] | None, lexicon: Lexicon, doc_id: str) -> list[Found]:
    """Candidates from the vague-region patterns, pattern by pattern (``words`` None: scan the whole text)."""
    rules = _rulebook.RULES
    starts: list[list[int]] = [[] for _ in rules.patterns]
    for start, word in words or ():
        at_start, at_the = rules.pattern_triggers[word]
        for index in at_start:
            starts[index].append(start)
        if at_the and (the := the_before(text, start)) >= 0:
            for index in at_the:
                starts[index].append(the)
    found: list[Found] = []
    for (rx, target, hints), candidates in zip(rules.patterns, starts, strict=True):
        if words is None:
            matches: Iterable[re.Match[str]] = rx.finditer(text)
        elif candidates:
            matches = matches_at(rx, text, sorted(candidates))
        else:
            continue
        ids = (target,) if target else lexicon.border_ids
        for match in matches:
            start, end = match.span()
            args = (doc_id, start, end, text[start:end], ids, "pattern", hints, target is None)
            found.append((start, start - end, 0, len(found), args))
    return found


def longest_first(found: list[Found]) -> list[Mention]:
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
