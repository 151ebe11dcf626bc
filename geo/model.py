"""The values the pipeline hands from stage to stage, in one place every stage imports.

A stage imports its input and output types from here, never from the stage that
makes them: reading a stored event back (:mod:`geo.store`) or a curated record
(:mod:`geo.records`) builds an :class:`Event` without importing the recogniser.
The types are frozen dataclasses with no stage's logic: equal input gives equal values.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gazetteer import Entry
    from geo.dates import EventDate

__all__ = ["Document", "Event", "Mention", "Place", "Source"]


# -- documents and sources ------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Document:
    """One article: its text and what is known of where and when it appeared."""

    id: str
    text: str
    title: str | None = None
    published: date | None = None
    outlet: str | None = None
    url: str | None = None
    path: str | None = field(default=None, compare=False)
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Source:
    """Where an event was reported."""

    document: str
    outlet: str | None
    url: str | None
    published: str | None
    start: int
    end: int


# -- recognition and resolution: Mention, Place ----------------------------------------------------
@dataclass(frozen=True, slots=True)
class Mention:
    """A place name in a document: where it is and which gazetteer entries it could be."""

    doc_id: str
    start: int
    end: int
    surface: str
    candidates: tuple[str, ...]
    source: str = "name"  # "name", "pattern", "dateline", "fuzzy", or "context" (an event's "the border")
    hints: tuple[str, ...] = ()  # kinds the words around it suggest ("province" -> adm1)
    vague: bool = False  # a vague area ("the border areas"), resolved from the document's context


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

    @classmethod
    def from_entry(cls, mention: Mention, entry: Entry, *, precision: int, confidence: float) -> Place:
        """The mention resolved to a gazetteer entry."""
        return cls(
            mention,
            entry.id,
            entry.name,
            entry.kind,
            entry.country,
            entry.admin1,
            entry.lat,
            entry.lon,
            precision,
            confidence,
        )

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


# -- events ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Event:
    """One real-world event, with the evidence and every source that reported it."""

    event_type: str
    sub_event_type: str
    date: EventDate
    actor1: str | None
    actor2: str | None
    place: Place | None
    evidence: str
    sources: tuple[Source, ...]
    notes: str = ""
    stored_id: str | None = None  # the id an event store gave it; kept when new sources join
    site: int = 0  # which of its sentence's struck towns this is (0: the first, or the only one)

    @property
    def event_id(self) -> str:
        """Stable id: from the earliest source and the type, so the same input gives the same id.

        An event read back from a store keeps the id it was stored under
        (``stored_id``), even when a later source sorts before its first one.
        """
        if self.stored_id is not None:
            return self.stored_id
        first = min(self.sources, key=lambda s: (s.document, s.start))
        key = f"{first.document}\x1f{first.start}\x1f{self.event_type}\x1f{self.sub_event_type}"
        if self.site:
            key += f"\x1f{self.site}"
        return "ev-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
