"""The values the pipeline hands from stage to stage, in one place every stage imports.

A stage imports its input and output types from here, never from the stage that
makes them: reading a stored event back (:mod:`geo.store`) or a curated record
(:mod:`geo.records`) builds an :class:`Event` without importing the recogniser.
The types are frozen dataclasses: equal input gives equal values.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from geo.dates import EventDate
    from geo.resolve import Place

__all__ = ["Document", "Event", "Source"]


# -- documents, events and their sources ------------------------------------------------------------
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
