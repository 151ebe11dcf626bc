"""Find place names in article text, with character offsets: the recognition stage.

Text is folded one character for one (case, diacritics, dashes, typographic
quotes; see :mod:`geo._lexicon`), so every offset found in the folded text is
an offset into the document: ``doc.text[m.start:m.end] == m.surface`` always
holds. Names come from the gazetteer through an Aho–Corasick automaton
(pyahocorasick) that reports whole words only; patterns add vague regions
("Iraq's semi-autonomous Kurdistan region", "the border areas") and datelines
("TEHRAN -"). Organisation names, people's names and common words that happen
to be village names are filtered out.

The rules are data (:mod:`geo.rules`, compiled by :mod:`geo._rulebook`); this
module is the engine that runs them. One pass of the automaton does most of the
reading: besides names it finds the words each pattern can start with, so a
pattern is tried only where one stands, and the rules about the words around a
name look at those words before they run their patterns. The result is the same
as running every pattern over the whole text, which is what a text with a
character the shortcuts could misread (see ``geo._lexicon._learn``) gets.
"""

from __future__ import annotations

import sys

from gazetteer import Gazetteer
from geo import _lexicon, _rulebook, _unknown
from geo._cues import find_dateline, near_cue
from geo._lexicon import fold_text
from geo._name_rules import (
    Found,
    generic_after,
    longest_first,
    org_between,
    pattern_mentions,
    person_spans,
    titles_at,
    word_after,
    word_before,
)
from geo._rulebook import ORG, PATTERN, TITLE, UNKNOWN, UNKNOWN_PHRASE
from geo.model import Document, Mention

__all__ = [
    "Mention",
    "find_dateline",
    "fold_text",
    "mentions_from_document",
    "mentions_from_text",
    "near_cue",
    "reload_rules",
]


def mentions_from_text(text: str, gaz: Gazetteer | None = None, *, doc_id: str = "") -> list[Mention]:
    """Every place mention in ``text``, in order, without overlaps (longest match wins)."""
    gaz = gaz or Gazetteer.load()
    lexicon = _lexicon.for_gazetteer(gaz)
    spaced, plain = _lexicon.spaced_text(text)
    if plain and lexicon.scanner is not None and _lexicon.speedups is not None:
        return _lexicon.speedups.mentions_plain(text, spaced, lexicon, doc_id)  # type: ignore[no-any-return]
    rules = _rulebook.RULES

    # One pass of the automaton: names (word-bounded), and the words patterns and titles start with.
    names: list[tuple[int, _lexicon.MatchValue]] = []
    pattern_words: list[tuple[int, str]] = []
    titles: list[tuple[int, str]] = []
    unknown: list[int] = []
    orgs: list[int] = []
    size = len(text)
    article = rules.article[0]
    for last, value in lexicon.matcher.iter(spaced):
        start = last - value.back
        if value.names:
            names.append((start, value))
        if roles := value.roles:
            if roles & PATTERN and (not value.gap or text[start + value.gap].isspace()):
                pattern_words.append((start, value.lead))
            if roles & TITLE:
                titles.append((start, value.trigger))
            if roles & UNKNOWN_PHRASE or (
                # the unknown-place pattern needs whitespace, then whitespace, the article or a capital
                roles & UNKNOWN
                and (end := start + value.length) + 1 < size
                and text[end].isspace()
                and ((char := text[end + 1]).isspace() or "A" <= char <= "Z" or char == article)
            ):
                unknown.append(start)
            if roles & ORG:
                orgs.append(start)

    if plain:
        people, person_tokens = person_spans(text, titles_at(text, titles))
    else:
        people, person_tokens = person_spans(text, rules.person_title.finditer(text))
    in_person = {i for s, e in people for i in range(s, e)}

    found: list[Found] = pattern_mentions(text, pattern_words if plain else None, lexicon, doc_id)
    dateline = find_dateline(text)
    dateline_span = dateline.span(1) if dateline else None
    dateline_start, dateline_end = dateline.span() if dateline else (-1, -1)
    entries = lexicon.entries
    last_index = len(spaced) - 1
    org_after_first, particles = rules.org_after_first, rules.particles
    generic_first, locative_words, org_before_words = rules.generic_first, rules.locative_words, rules.org_before_words
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
            after = word_after(text, spaced, end)
        else:
            after = spaced[end + 2 : spaced.find(" ", end + 2)]
        if (after is None or after in org_after_first) and rules.org_after.match(text, end):
            continue
        if (
            not plain or (orgs and org_between(orgs, start) and word_before(text, spaced, start) in org_before_words)
        ) and rules.org_before.search(text, max(0, start - rules.org_reach), start):
            continue
        if not entry.major:
            if (after is None or after in particles) and rules.name_particle_after.match(text, end):
                continue
            if not (
                (not plain or word_before(text, spaced, start) in locative_words)
                and rules.locative_before.search(text, max(0, start - rules.locative_reach), start)
            ):
                capital = rules.capitalised_after.match(text, end)
                if (
                    capital
                    and not ((after is None or after in generic_first) and rules.generic_after.match(text, end))
                    and capital.group(1) not in rules.not_places
                    and capital.group(1).lower().replace("-", " ") not in entries
                ):
                    continue
        if (in_person or person_tokens) and (
            start in in_person or end - 1 in in_person or text[start:end] in person_tokens
        ):
            if not entry.major:
                continue
            if any(s <= start and end <= e for s, e in people):
                continue
        if (dateline_start <= start and end <= dateline_end) or dateline_span == (start, end):
            source, span_end = "dateline", generic_after(text, end, after)[0]
            hints: tuple[str, ...] = rules.dateline_hints
        elif after is None or after in generic_first:
            source = "name"
            span_end, hints = generic_after(text, end, after)
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

    kept = longest_first(found)
    kept += _unknown.unknown_mentions(text, kept, unknown if plain else None, people, person_tokens, lexicon, doc_id)
    return sorted(kept, key=lambda m: m.start)


def mentions_from_document(doc: Document, gaz: Gazetteer | None = None) -> list[Mention]:
    """Place mentions of one document (see :func:`mentions_from_text`)."""
    return mentions_from_text(doc.text, gaz, doc_id=doc.id)


def reload_rules() -> None:
    """Compile the tables of :mod:`geo.rules` again, after a change at run time, and drop what was built on them.

    The lexicons are rebuilt on next use (their automata look for the rules' words) and the compiled
    loops are handed the new rules.
    """
    _rulebook.RULES = _rulebook.compile_rules()
    _lexicon.for_gazetteer.cache_clear()
    _bind()


def _bind() -> None:
    """Hand the compiled loops (geo._speedups) the rules and the functions they call back."""
    if _lexicon.speedups is not None:
        _lexicon.speedups.bind_toponyms(sys.modules[__name__], _rulebook.RULES)


_bind()
