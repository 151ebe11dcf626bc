"""Reports of one event merged into one record: within an article, across articles, into a store.

Two reports are one event when their types agree, their dates can be one day, their sub-types
are compatible, and their places are compatible (the same entry, or one area covering the
other); across articles their actors must not contradict. The merged record keeps every source
and the most precise place and date.
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from gazetteer import Gazetteer
from geo import _rulebook
from geo._event_places import place_rank
from geo._triggers import UNSPECIFIED, joint_strike
from geo.actors import actor_named
from geo.dates import EventDate
from geo.model import Event, Place, Source
from geo.rules import merging as rules

__all__ = ["merge_events", "merge_into", "merge_reports"]

# Read from their tables (geo.rules.merging).
_WEEK_SPAN = timedelta(days=rules.WEEK_SPAN)
_SPECIFIC_UNPLACED = rules.SPECIFIC_UNPLACED
_IN_PERSON = rules.IN_PERSON
_GENERIC_SUBTYPES = rules.GENERIC_SUBTYPES


def _dates_compatible(a: EventDate, b: EventDate, *, same_doc: bool = True) -> bool:
    """Whether two reports can be of one day: one date within the other ("2022-09" and "2022-09-28").

    A date of week precision is within three days of the other; across articles
    a bare year ("earlier this year") is too vague to join a dated report.
    """
    if a.known and b.known:
        assert a.value is not None and b.value is not None
        n = min(len(a.value), len(b.value))
        if not same_doc and n < 7 and len(a.value) != len(b.value):
            return False
        if n == 10 and 2 in (a.precision, b.precision):  # a week: days apart within it
            return abs(date.fromisoformat(a.value) - date.fromisoformat(b.value)) <= _WEEK_SPAN
        return a.value[:n] == b.value[:n]
    if a.known or b.known:
        return False
    if not same_doc:  # across articles, two undated reports are of one day only when told by the same words
        return bool(a.text and b.text and a.text.lower() == b.text.lower())
    return not (a.text and b.text and a.text.lower() != b.text.lower())


def _places_compatible(a: Place | None, b: Place | None, gaz: Gazetteer) -> bool:
    if a is None or b is None:
        return a is b
    if a.place_id == b.place_id:
        return True
    ea, eb = gaz.get(a.place_id or ""), gaz.get(b.place_id or "")
    if ea is None or eb is None:
        return False
    return bool(
        (ea.is_area and ea.geometry.covers(eb.geometry.representative_point()))
        or (eb.is_area and eb.geometry.covers(ea.geometry.representative_point()))
    )


def _subtypes_compatible(a: str, b: str) -> bool:
    """Equal, or one unspecified, or two names for one in-person meeting."""
    return a == b or UNSPECIFIED in (a, b) or (a in _IN_PERSON and b in _IN_PERSON)


def _same_event(a: Event, b: Event, gaz: Gazetteer, a_documents: set[str] | None = None) -> bool:
    if a.event_type != b.event_type:
        return False
    if a_documents is None:
        a_documents = {s.document for s in a.sources}
    same_doc = any(s.document in a_documents for s in b.sources)
    if not _dates_compatible(a.date, b.date, same_doc=same_doc):
        return False
    # One article's reports of a strike name its weapons as they come ("missiles and drones"): within
    # an article any two strike sub-types can be one strike; across articles they must agree.
    if not (
        _subtypes_compatible(a.sub_event_type, b.sub_event_type)
        or (a.event_type == "strike" and (same_doc or _same_site_and_day(a, b)))
    ):
        return False
    if same_doc and a.event_type == "meeting" and _other_people(a.evidence, b.evidence):
        return False  # one visit's talks with different people are meetings of their own
    if same_doc:
        return (
            a.place is None or b.place is None or _places_compatible(a.place, b.place, gaz) or _summary_of_the_day(a, b)
        )
    unplaced = (_guessed(a.place) or _guessed(b.place)) and a.sub_event_type == b.sub_event_type in _SPECIFIC_UNPLACED
    if not (unplaced or _places_compatible(a.place, b.place, gaz)):
        return False
    actors_a, actors_b = {a.actor1, a.actor2} - {None}, {b.actor1, b.actor2} - {None}
    # an article that names no one does not contradict one that does
    return bool(actors_a & actors_b) or not actors_a or not actors_b or _same_attacker(a, b)


@functools.lru_cache(maxsize=256)
def _people(sentence: str) -> frozenset[str]:
    """The people a sentence names after a title, by their last name ("President Ebrahim Raisi": raisi)."""
    found = set()
    for match in _rulebook.RULES.person_title.finditer(sentence):
        last = match.group(1).split()[-1].strip("’'").lower()
        found.add(last.removeprefix("al-"))
    return frozenset(found)


def _other_people(first: str, second: str) -> bool:
    """Two sentences that each name someone the other does not: talks with different people."""
    a, b = _people(first), _people(second)
    return bool(a and b and not (a <= b or b <= a))


def _summary_of_the_day(a: Event, b: Event) -> bool:
    """One article's strike told for a whole region and for a town on the same day: one strike."""
    return (
        a.event_type == "strike"
        and a.date.precision == b.date.precision == 1
        and a.date.value == b.date.value
        and UNSPECIFIED in (a.sub_event_type, b.sub_event_type)
        and 3 in ((a.place.precision if a.place else None), (b.place.precision if b.place else None))
    )


def _guessed(place: Place | None) -> bool:
    """No place, or only "the border" its article names: either joins a report that names the place."""
    return place is None or place.mention.source == "context"


def _same_site_and_day(a: Event, b: Event) -> bool:
    """Two reports of one town hit on one day, whatever weapons each names."""
    return (
        a.place is not None
        and b.place is not None
        and a.place.kind in ("populated_place", "crossing", "landmark")
        and a.place.place_id == b.place.place_id
        and a.date.value is not None
        and len(a.date.value) == 10
        and a.date.value == b.date.value
    )


def _same_attacker(a: Event, b: Event) -> bool:
    """Strikes by one state's forces, however named ("IRGC", "Military Forces of Iran")."""
    if a.event_type != "strike" or a.actor1 is None or b.actor1 is None:
        return False
    first, second = actor_named(a.actor1), actor_named(b.actor1)
    return (
        first is not None
        and second is not None
        and first.kind == second.kind == "military"
        and first.country is not None
        and first.country == second.country
    )


def _source_key(source: Source) -> tuple[str, int]:
    return (source.document, source.start)


def _in_order(sources: Sequence[Source]) -> bool:
    """Sorted by document and offset, no two at one place: as :func:`_combine` leaves them."""
    return all(_source_key(x) < _source_key(y) for x, y in itertools.pairwise(sources))


def _add_sources(merged: list[Source], new: Sequence[Source]) -> bool:
    """Put ``new`` into ``merged`` (both in order) as ``sorted({*merged, *new})`` would have them; whether
    ``merged`` is still in order. In place: an event reported thousands of times made sorting or copying
    all its sources on each new report quadratic (most new ones go at the end)."""
    in_order = True
    for source in new:
        key = _source_key(source)
        at = bisect.bisect_left(merged, key, key=_source_key)
        if at < len(merged) and merged[at] == source:
            continue
        in_order = in_order and (at == len(merged) or _source_key(merged[at]) != key)
        merged.insert(at, source)
    return in_order


def _two_actors(first: Event, second: Event) -> tuple[str | None, str | None]:
    """The first report's actors, gaps filled from the second's, never one actor on both sides."""
    named = [n for n in (first.actor1, first.actor2, second.actor1, second.actor2) if n]
    actor1 = first.actor1 or (named[0] if named else None)
    actor2 = next((n for n in ([first.actor2] if first.actor2 else []) + named if n != actor1), None)
    return actor1, actor2


def _combine(a: Event, b: Event, *, sources: tuple[Source, ...] | None = None) -> Event:
    """One event of two reports. ``sources``: what the result holds, given when both events' sources are
    in order (see :func:`_in_order`); ``a.sources[0]`` must then be ``a``'s earliest."""
    places = [p for p in (a.place, b.place) if p is not None]
    place = min(places, key=place_rank) if places else None
    subtype = a.sub_event_type if b.sub_event_type in _GENERIC_SUBTYPES else b.sub_event_type
    date_ = a.date if (a.date.precision or 9) <= (b.date.precision or 9) else b.date
    if sources is not None:
        first, second = (a, b) if _source_key(a.sources[0]) <= _source_key(b.sources[0]) else (b, a)
    else:
        first, second = sorted((a, b), key=lambda e: min((s.document, s.start) for s in e.sources))
        sources = tuple(sorted({*a.sources, *b.sources}, key=lambda s: (s.document, s.start)))
    if a.sub_event_type not in _GENERIC_SUBTYPES:
        subtype = a.sub_event_type
    subtype = joint_strike(a.sub_event_type, b.sub_event_type) or subtype
    return Event(
        first.event_type,
        subtype,
        date_,
        *_two_actors(first, second),
        place,
        first.evidence,
        sources,
        "; ".join(n for n in dict.fromkeys([first.notes, second.notes]) if n),
        stored_id=a.stored_id or b.stored_id,  # a stored event keeps its id; ``a`` is the one kept first
        site=first.site,
    )


def merge_events(events: Iterable[Event], gaz: Gazetteer | None = None) -> list[Event]:
    """Merge reports of the same event: same type and sub-type, compatible date and place, same actors.

    Reports from different documents merge only when their dates agree (or are
    both unknown with no conflicting date words) and their places and actors do.
    Each event joins the first kept event it matches, in the order kept (one that names no place
    joins the latest, as a follow-up sentence refers to the report just before it). Only kept
    events of the same type with a compatible date (one value a prefix of the
    other, or both unknown) can match, so those are looked up in an index
    instead of comparing every pair: a corpus of years of news stays fast.
    """
    gaz = gaz or Gazetteer.load()
    # Of each kept event, kept up to date, since it may gather thousands of sources: its documents, all
    # its sources (while they are in order, the kept event itself holds only the earliest; all are put
    # back at the end), and whether they are in order.
    merged: list[Event] = []
    documents: list[set[str]] = []
    sources: list[list[Source]] = []
    ordered: list[bool] = []
    index = _DateIndex()
    for event in events:
        found = list(index.candidates(event))
        if event.place is None:
            found.sort(reverse=True)  # a report that names no place follows up the latest one it matches
        for i in found:
            kept = merged[i]
            if _same_event(kept, event, gaz, documents[i]):
                if ordered[i] and _in_order(event.sources):
                    ordered[i] = _add_sources(sources[i], event.sources)
                    merged[i] = _combine(kept, event, sources=(sources[i][0],))
                else:
                    merged[i] = _combine(replace(kept, sources=tuple(sources[i])), event)
                    sources[i] = list(merged[i].sources)
                    ordered[i] = _in_order(merged[i].sources)
                documents[i].update(s.document for s in event.sources)
                index.move(i, kept, merged[i])
                break
        else:
            index.add(len(merged), event)
            merged.append(event)
            documents.append({s.document for s in event.sources})
            sources.append(list(event.sources))
            ordered.append(_in_order(event.sources))
    return [
        e if len(e.sources) == len(s) else replace(e, sources=tuple(s)) for e, s in zip(merged, sources, strict=True)
    ]


def merge_into(kept: Sequence[Event], new: Iterable[Event], gaz: Gazetteer | None = None) -> list[Event]:
    """``kept`` with each new event joined to the first kept event it reports (as :func:`merge_events`
    judges), or added at the end. Kept events are not merged with one another, and an added event
    is not offered to the new events after it (an event store: the new ones are merged already).
    """
    gaz = gaz or Gazetteer.load()
    out = list(kept)
    index = _DateIndex()
    for position, event in enumerate(out):
        index.add(position, event)
    for event in new:
        for i in index.candidates(event):
            if _same_event(out[i], event, gaz):
                combined = _combine(out[i], event)
                index.move(i, out[i], combined)
                out[i] = combined
                break
        else:
            out.append(event)
    return out


class _DateIndex:
    """Positions of kept events by type and date value, for the date test of :func:`_dates_compatible`."""

    def __init__(self) -> None:
        self._exact: dict[tuple[str, str | None], set[int]] = {}  # (type, value) -> positions
        self._prefix: dict[tuple[str, str], set[int]] = {}  # (type, any prefix of the value) -> positions

    def _keys(self, event: Event) -> list[tuple[dict[Any, set[int]], tuple[str, str | None]]]:
        value = event.date.value
        keys: list[tuple[dict[Any, set[int]], tuple[str, str | None]]] = [(self._exact, (event.event_type, value))]
        if value is not None:
            keys += [(self._prefix, (event.event_type, value[:n])) for n in range(1, len(value) + 1)]
        return keys

    def add(self, position: int, event: Event) -> None:
        for table, key in self._keys(event):
            table.setdefault(key, set()).add(position)

    def move(self, position: int, old: Event, new: Event) -> None:
        if old.date.value == new.date.value and old.event_type == new.event_type:
            return
        for table, key in self._keys(old):
            table[key].discard(position)
        self.add(position, new)

    def candidates(self, event: Event) -> list[int]:
        """Kept positions whose date may be compatible, in order: equal, a prefix of it, or prefixed by it."""
        value, kind = event.date.value, event.event_type
        if value is None:
            return sorted(self._exact.get((kind, None), ()))
        found = set(self._prefix.get((kind, value), ()))  # kept values that start with this one (or equal it)
        for n in range(1, len(value)):
            found.update(self._exact.get((kind, value[:n]), ()))  # kept values this one starts with
        if len(value) == 10:  # days a date of week precision reaches (either may be one)
            day = date.fromisoformat(value)
            for offset in range(-_WEEK_SPAN.days, _WEEK_SPAN.days + 1):
                found.update(self._exact.get((kind, (day + timedelta(days=offset)).isoformat()), ()))
        return sorted(found)


def merge_reports(events: Iterable[Event], gaz: Gazetteer, *, records: Iterable[Event] = ()) -> list[Event]:
    """Documents' events (from :func:`events_from_document`) and ``records`` merged, in a stable order.

    The last step of :func:`events_from_documents`, apart so :mod:`geo.scale` can merge events
    extracted on many workers exactly as one process does.
    """
    every = [*events, *records]
    every.sort(key=lambda e: min((s.document, s.start) for s in e.sources))
    return sorted(merge_events(every, gaz), key=lambda e: (e.date.value or "9999", e.event_id))
