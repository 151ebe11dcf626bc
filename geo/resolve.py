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
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from gazetteer import Entry, Gazetteer
from geo.documents import Document
from geo.toponyms import Mention, mentions_from_document, near_cue

__all__ = ["Place", "places_from_document", "resolve_mentions"]

_LIST_CUE = re.compile(r"\b(governorates|provinces)\b", re.I)
_SENTENCE_END = re.compile(r"[.!?]\s|\n")
_POINT_KINDS = ("populated_place", "crossing", "landmark")


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved mention: the mention, the entry chosen for it, and how sure and precise that is.

    ``place_id`` is None when no entry fits (the mention is kept, not dropped).
    ``precision`` follows ACLED's geo_precision: 1 the town itself, 2 near a town
    or a small area, 3 a region, province or border.
    """

    mention: Mention
    place_id: str | None
    name: str | None
    kind: str | None
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    precision: int | None
    confidence: float

    @property
    def resolved(self) -> bool:
        return self.place_id is not None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields, mention first."""
        return {
            "surface": self.mention.surface,
            "start": self.mention.start,
            "end": self.mention.end,
            "place_id": self.place_id,
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "admin1": self.admin1,
            "lat": self.lat,
            "lon": self.lon,
            "precision": self.precision,
            "confidence": round(self.confidence, 3),
        }


def precision_of(entry: Entry, *, near: bool = False) -> int:
    """ACLED geo_precision for an entry (2 for a point the text says is only "near")."""
    if entry.kind in _POINT_KINDS and not entry.is_area:
        return 2 if near else 1
    if entry.kind in ("adm2", "landmark"):
        return 2
    return 3


@dataclass
class _Context:
    countries: Counter[str]
    admin1: Counter[str]
    list_hint_spans: list[tuple[int, int]]
    kri: bool


def _context(text: str, mentions: Sequence[Mention], gaz: Gazetteer) -> _Context:
    """What the document says unambiguously: its countries, its provinces, its lists of governorates."""
    countries: Counter[str] = Counter()
    admin1: Counter[str] = Counter()
    kri = False
    for mention in mentions:
        entries = [e for e in (gaz.get(i) for i in mention.candidates) if e is not None]
        found = {e.country for e in entries if e.country}
        if len(found) == 1 and all(e.country for e in entries):
            countries[found.pop()] += 1
        if len(entries) == 1:
            admin1[entries[0].admin1 or entries[0].name] += 1
        kri = kri or "region:kurdistan-region-iraq" in mention.candidates
    spans = []
    for cue in _LIST_CUE.finditer(text):
        end = _SENTENCE_END.search(text, cue.end())
        spans.append((cue.end(), end.start() if end else len(text)))
    return _Context(countries, admin1, spans, kri)


def _score(entry: Entry, mention: Mention, hints: tuple[str, ...], ctx: _Context, gaz: Gazetteer) -> float:
    score = math.log10(gaz.importance(entry) + 10)
    if entry.kind in hints:
        score += 4.0 - hints.index(entry.kind)
    total = sum(ctx.countries.values())
    if total and entry.country:
        score += 3.0 * ctx.countries[entry.country] / total
    if entry.admin1 and ctx.admin1[entry.admin1]:
        score += 1.0
    if mention.vague and entry.id == "border:kurdistan-region-iran" and ctx.kri:
        score += 2.0
    return score


def resolve_mentions(text: str, mentions: Sequence[Mention], gaz: Gazetteer | None = None) -> list[Place]:
    """One :class:`Place` per mention, in the same order."""
    gaz = gaz or Gazetteer.load()
    ctx = _context(text, mentions, gaz)
    places: list[Place] = []
    for mention in mentions:
        entries = [e for e in (gaz.get(i) for i in mention.candidates) if e is not None]
        if not entries:
            places.append(Place(mention, None, None, None, None, None, None, None, None, 0.0))
            continue
        hints = mention.hints
        if any(s <= mention.start < e for s, e in ctx.list_hint_spans):
            hints = ("adm1", *hints)
        scores = [_score(e, mention, hints, ctx, gaz) for e in entries]
        best = max(range(len(entries)), key=lambda i: (scores[i], -i))
        top = max(scores)
        weights = [math.exp(s - top) for s in scores]
        confidence = weights[best] / sum(weights)
        if mention.vague:
            confidence = min(confidence, 0.5)
        entry = entries[best]
        places.append(
            Place(
                mention,
                entry.id,
                entry.name,
                entry.kind,
                entry.country,
                entry.admin1,
                entry.lat,
                entry.lon,
                precision_of(entry, near=near_cue(text, mention.start)),
                confidence,
            )
        )
    return places


def places_from_document(doc: Document, gaz: Gazetteer | None = None) -> list[Place]:
    """Recognise and resolve every place mention of a document."""
    gaz = gaz or Gazetteer.load()
    return resolve_mentions(doc.text, mentions_from_document(doc, gaz), gaz)
