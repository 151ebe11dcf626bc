"""The value types every stage passes on: what recognition finds and what resolution makes of it.

Plain frozen dataclasses, with no stage's logic, so a stage (or a store, an
export) can build and read them without importing the stage that makes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gazetteer import Entry

__all__ = ["Mention", "Place"]


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
