"""Pick one gazetteer entry for each place mention: the resolution stage.

The choice reads the document, not only the name: generic words ("Kurdistan
province"), a list introduced by "governorates" (then "Mosul" is Nineveh
governorate), the countries and provinces the document already names
unambiguously, and its dateline. Population (or a weight by kind) breaks the
remaining ties. A name the gazetteer lacks stays in the output, unresolved.
"""

from __future__ import annotations

import math
import re
import sys
import weakref
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from gazetteer import Entry, Gazetteer
from geo import _lexicon, _rulebook, villages
from geo._cues import near_cue
from geo.model import Document, Mention, Place
from geo.toponyms import mentions_from_document

__all__ = ["Place", "places_from_document", "resolve_mentions"]

_POINT_KINDS = ("populated_place", "crossing", "landmark")
_WORD = re.compile(r"\w")


def precision_of(entry: Entry, *, near: bool = False) -> int:
    """ACLED geo_precision for an entry (2 for a point the text says is only "near")."""
    if entry.kind in _POINT_KINDS and not entry.is_area:
        return 2 if near else 1
    if entry.kind in ("adm2", "landmark"):
        return 2
    return 3


class _Candidates:
    """What resolution needs of one mention's candidate ids, worked out once per gazetteer."""

    __slots__ = ("admin1", "country", "entries", "features", "precisions", "region_named")

    def __init__(self, ids: tuple[str, ...], gaz: Gazetteer):
        entries = [e for e in (gaz.get(i) for i in ids) if e is not None]
        found = {e.country for e in entries if e.country}
        self.entries = entries
        # the country, when every entry has one and they agree; the province, when there is one entry
        self.country = found.pop() if len(found) == 1 and all(e.country for e in entries) else None
        self.admin1 = (entries[0].admin1 or entries[0].name) if len(entries) == 1 else None
        kri, kri_border = _rulebook.RULES.kri, _rulebook.RULES.kri_border
        self.region_named = kri in ids  # the region whose naming favours a border (rules.kri, rules.kri_border)
        # what _score reads of each entry: log10(importance + 10), kind, country, province, the KRI-Iran border?
        self.features = [
            (math.log10(gaz.importance(e) + 10), e.kind, e.country, e.admin1, e.id == kri_border) for e in entries
        ]
        self.precisions = [(precision_of(e), precision_of(e, near=True)) for e in entries]


_CACHE_LIMIT = 200_000
_candidates_cache: weakref.WeakKeyDictionary[Gazetteer, dict[tuple[str, ...], _Candidates]] = (
    weakref.WeakKeyDictionary()
)


def _candidates_of(gaz: Gazetteer) -> dict[tuple[str, ...], _Candidates]:
    cache = _candidates_cache.get(gaz)
    if cache is None or len(cache) > _CACHE_LIMIT:
        cache = _candidates_cache[gaz] = {}
    return cache


@dataclass
class _Context:
    countries: Counter[str]
    admin1: Counter[str]
    list_hint_spans: list[tuple[int, int]]
    kri: bool
    total: int = 0  # mentions counted in ``countries``


def _list_cues(text: str) -> list[tuple[int, int]]:
    """Where the list cue matches (``finditer`` spans), found with str.find when the text allows."""
    rules = _rulebook.RULES
    if "İ" in text or "ı" in text or "ſ" in text:  # characters re.I matches to i and s; lower() differs
        return [m.span() for m in rules.list_cue.finditer(text)]
    lowered = text.lower()  # one character for one once "İ" is ruled out
    spans = []
    for word in rules.list_cue_words:
        start = lowered.find(word)
        while start >= 0:
            end = start + len(word)
            if (start == 0 or not _WORD.match(text[start - 1])) and (end == len(text) or not _WORD.match(text[end])):
                spans.append((start, end))
            start = lowered.find(word, end)
    return sorted(spans)


def _names_an_area(text: str, mention: Mention) -> bool:
    """Whether the words around a name say it is the area, not the town ("Erbil's Sidakan", "northern Erbil")."""
    rules = _rulebook.RULES
    if text.startswith(rules.possessives, mention.end) and rules.owns_after.match(text, mention.end):
        return True
    return (
        mention.start > 0
        and text[mention.start - 1] == " "
        and bool(rules.part_before.search(text, max(0, mention.start - rules.part_reach), mention.start))
    )


def _context(text: str, mentions: Sequence[Mention], found: Sequence[_Candidates]) -> _Context:
    """What the document says unambiguously: its countries, its provinces, its lists of governorates."""
    countries: Counter[str] = Counter()
    admin1: Counter[str] = Counter()
    kri = False
    for candidates in found:
        if candidates.country is not None:
            countries[candidates.country] += 1
        if candidates.admin1 is not None:
            admin1[candidates.admin1] += 1
        kri = kri or candidates.region_named
    spans = []
    for _, cue_end in _list_cues(text):
        end = _rulebook.RULES.sentence_end.search(text, cue_end)
        spans.append((cue_end, end.start() if end else len(text)))
    return _Context(countries, admin1, spans, kri, sum(countries.values()))


def _scores(candidates: _Candidates, mention: Mention, hints: tuple[str, ...], ctx: _Context) -> list[float]:
    """How well each entry fits: size, the kind the words hint at, the document's countries and provinces."""
    total, countries, admin1 = ctx.total, ctx.countries, ctx.admin1
    kri_border = mention.vague and ctx.kri
    scores = []
    for base, kind, country, province, is_kri_iran in candidates.features:
        score = base
        if kind in hints:
            score += 4.0 - hints.index(kind)
        if total and country:
            score += 3.0 * countries[country] / total
        if province and admin1[province]:
            score += 1.0
        if kri_border and is_kri_iran:
            score += 2.0
        scores.append(score)
    return scores


def resolve_mentions(text: str, mentions: Sequence[Mention], gaz: Gazetteer | None = None) -> list[Place]:
    """One :class:`Place` per mention, in the same order."""
    gaz = gaz or Gazetteer.load()
    if _lexicon.speedups is not None:
        return _lexicon.speedups.resolve_mentions(text, mentions, gaz)  # type: ignore[no-any-return]
    cache = _candidates_of(gaz)
    found = []
    for mention in mentions:
        candidates = cache.get(mention.candidates)
        if candidates is None:
            candidates = cache[mention.candidates] = _Candidates(mention.candidates, gaz)
        found.append(candidates)
    ctx = _context(text, mentions, found)
    places: list[Place] = []
    for mention, candidates in zip(mentions, found, strict=True):
        entries = candidates.entries
        if not entries:
            places.append(Place(mention, None, None, None, None, None, None, None, None, 0.0))
            continue
        if len(entries) == 1:
            best, confidence = 0, 1.0  # what the scores below come to for one entry
        else:
            hints = mention.hints
            if any(s <= mention.start < e for s, e in ctx.list_hint_spans) or _names_an_area(text, mention):
                hints = (*_rulebook.RULES.area_hints, *hints)
            scores = _scores(candidates, mention, hints, ctx)
            top = max(scores)
            best = scores.index(top)  # the first of the best
            total = 0.0  # summed in order (sum() compensates since Python 3.12; geo._speedups does not)
            for score in scores:
                total += math.exp(score - top)
            confidence = 1.0 / total  # exp(top - top) is 1.0
        if mention.vague:
            confidence = min(confidence, 0.5)
        entry = entries[best]
        far, near = candidates.precisions[best]
        precision = far if far == near or not near_cue(text, mention.start) else near
        places.append(Place.from_entry(mention, entry, precision=precision, confidence=confidence))
    return places


def places_from_document(doc: Document, gaz: Gazetteer | None = None) -> list[Place]:
    """Recognise and resolve every place mention of a document."""
    gaz = gaz or Gazetteer.load()
    return villages.support_villages(doc.text, resolve_mentions(doc.text, mentions_from_document(doc, gaz), gaz), gaz)


villages.bind(precision_of)
if _lexicon.speedups is not None:
    _lexicon.speedups.bind_resolve(sys.modules[__name__])
