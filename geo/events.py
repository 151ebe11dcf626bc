"""Find events in articles: strikes, meetings and border-control changes, one per clause of evidence.

Each sentence is read for a trigger (:mod:`geo._triggers`: "launched drone
strikes", "met with", "signed a border security agreement", "redeploy federal
guards"); sentences that only threaten, warn, deny, demand or plan are
skipped, and so are habits ("on countless occasions"). A reported past event
counts. Each event gets the
most precise place tied to it, a date from :mod:`geo.dates`, actors from
:mod:`geo.actors`, and the sentence as evidence. Reports of one event, in one
article or several, are merged by :func:`merge_events`.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from gazetteer import Gazetteer
from geo import _html
from geo._event_places import best_place, place_rank, strike_sites, usable_places, venue_like
from geo._triggers import candidates, sentence_actors
from geo.actors import actor_named
from geo.dates import UNKNOWN, EventDate, date_from_sentence
from geo.model import Document, Event, Source
from geo.resolve import Place, places_from_document
from geo.toponyms import find_dateline

__all__ = [
    "EVENT_TYPES",
    "events_from_document",
    "events_from_documents",
    "merge_events",
    "merge_into",
    "merge_reports",
]

EVENT_TYPES = ("strike", "meeting", "border_control")


# -- sentences ---------------------------------------------------------------------------------
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:U\.S|U\.K|U\.N|Gen|Lt|Col|Maj|Brig|Mr|Mrs|Ms|Dr|St|No|Sgt|Capt|Gov|Sen|Rep|Jan|Feb|Mar|Apr|Jun|Jul|Aug|"
    r"Sep|Sept|Oct|Nov|Dec|Amb|vs|etc|approx|Inc|Ltd|Co)|\b[A-Z]|\b[ap]\.m|\bi\.e|\be\.g)\.$"
)
_SENTENCE_END = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+|$)|\n+")


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans, split at end punctuation and line breaks, abbreviations kept whole."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if not match.group(0).startswith("\n") and _ABBREVIATIONS.search(text[max(start, end - 8) : end]):
            following = text[end : end + 3].lstrip()
            if following[:1].islower() or following[:1].isdigit() or not following:
                continue
            if _ABBREVIATIONS.search(text[max(start, end - 5) : end]) and text[end - 2 : end] in ("S.", "K.", "N."):
                continue  # "U.S. forces", "the U.N. said": not an end
        piece = text[start:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            trail = len(piece.rstrip())
            spans.append((start + lead, start + trail))
        start = end
    if text[start:].strip():
        piece = text[start:]
        spans.append((start + len(piece) - len(piece.lstrip()), start + len(piece.rstrip())))
    return spans


# -- one document --------------------------------------------------------------------------------
def _actors(sentence: str, event_type: str) -> tuple[str | None, str | None]:
    mentions = sentence_actors(sentence)
    if event_type == "strike":
        attackers = [m.actor.name for m in mentions if m.actor.kind == "military"]
        targets = [m.actor.name for m in mentions if m.actor.kind == "armed_group"]
        if not attackers and re.search(r"\bIranian\b", sentence):
            attackers = ["Military Forces of Iran"]
        specific = [t for t in targets if t != "Iranian Kurdish armed groups"]
        target = (specific or targets)[0] if (specific or targets) else None
        return (attackers[0] if attackers else None), target
    names = [m.actor.name for m in mentions if m.actor.kind in ("government", "organisation")]
    names = list(dict.fromkeys(names))
    return (names[0] if names else None), (names[1] if len(names) > 1 else None)


def events_from_document(doc: Document, gaz: Gazetteer | None = None) -> list[Event]:
    """Events reported in one document, merged within it."""
    gaz = gaz or Gazetteer.load()
    places = places_from_document(doc, gaz)
    published = doc.published
    found: list[Event] = []
    last_date: dict[str, EventDate] = {}
    boiler = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", doc.text) if _html.is_boilerplate(m.group(0))]
    dateline = find_dateline(doc.text)
    for start, end in sentences(doc.text):
        if any(s <= start < e for s, e in boiler):
            continue
        sentence = evidence = doc.text[start:end]
        if dateline and start < dateline.end() and dateline.start() < end:
            # the filing date and place ("Baghdad, Aug 12:") are not the event's: read the rest
            cut = min(dateline.end(), end) - start
            sentence = " " * cut + sentence[cut:]
        for cand in candidates(sentence):
            here = [p for p in places if start <= p.mention.start < end]
            usable = usable_places(here, doc.text, cand.event_type, cand.sub_event_type)
            sites = strike_sites(usable, doc.text) if cand.event_type == "strike" else []
            where = sites if len(sites) > 1 else [best_place(usable, doc.text, cand.event_type, cand.sub_event_type)]
            actor1, actor2 = _actors(sentence, cand.event_type)
            when = date_from_sentence(sentence, published, near=cand.trigger_start)
            notes = ""
            if when == UNKNOWN and last_date.get(cand.event_type):
                when, notes = last_date[cand.event_type], "date: from the article's earlier report of the same kind"
            if when.known and not _PAST_PERFECT.search(sentence):
                last_date[cand.event_type] = when  # "had launched" tells of before: its date is not passed on
            source = (_source(doc, start, end, published),)
            for site, place in enumerate(where):
                event = Event(
                    cand.event_type, cand.sub_event_type, when, actor1, actor2, place, evidence, source, notes
                )
                found.append(replace(event, site=site) if site else event)
    found = _dates_for_undated(_without_dateline_venues(found), published)
    return [_fill_place(e, places, doc) for e in merge_events(found, gaz)]


def _without_dateline_venues(events: list[Event]) -> list[Event]:
    """A meeting placed only by the dateline ("TEHRAN - ... met ...") loses that place when the article
    gives a venue for a meeting of the same kind: a wire story is often filed far from the meeting."""

    def by_dateline(e: Event) -> bool:
        return e.event_type == "meeting" and e.place is not None and e.place.mention.source == "dateline"

    venues = {e.sub_event_type for e in events if e.event_type == "meeting" and e.place and not by_dateline(e)}
    return [replace(e, place=None) if by_dateline(e) and e.sub_event_type in venues else e for e in events]


_PAST_PERFECT = re.compile(r"\bhad\s+(?:already\s+|also\s+)?(?:been\s+)?(?:\w+ed|hit|struck|shot|sent|led)\b", re.I)
_RECENT = timedelta(days=3)  # a headline's event is the one the article dates within this before publication


def _dates_for_undated(events: list[Event], published: date | None) -> list[Event]:
    """Dates for the reports a document leaves undated, such as its headline and lead.

    Such a report takes the date of the document's next report of the same kind
    when that one happened shortly before publication ("IRGC strikes Kurdistan
    Region" ... "fired missiles on Monday"); failing that, the publication date
    itself, at week precision. Without a publication date nothing is guessed.
    """
    if published is None:
        return events
    out = list(events)
    for i, event in enumerate(out):
        if event.date.known:
            continue
        later = next(
            (
                e.date
                for e in out[i + 1 :]
                if e.event_type == event.event_type and e.date.known and _recent(e.date, published)
            ),
            None,
        )
        if later is not None:
            out[i] = replace(
                event, date=later, notes=_note(event, "date: from the article's later report of the same kind")
            )
        else:
            around = EventDate(published.isoformat(), 2, None)
            out[i] = replace(
                event, date=around, notes=_note(event, "date: the report's publication date (the text gives none)")
            )
    return out


def _recent(when: EventDate, published: date) -> bool:
    if when.value is None or len(when.value) != 10:
        return False
    day = date.fromisoformat(when.value)
    return published - _RECENT <= day <= published


def _note(event: Event, note: str) -> str:
    return "; ".join(n for n in (event.notes, note) if n)


def _source(doc: Document, start: int, end: int, published: date | None) -> Source:
    return Source(doc.id, doc.outlet, doc.url, published.isoformat() if published else None, start, end)


def _fill_place(event: Event, places: Sequence[Place], doc: Document) -> Event:
    """An event with no place in its sentences takes the document's venue or focus.

    So does a border-control change placed only in a country ("Iraq to redeploy
    guards"), when the document names a border or region; else it keeps the country.
    """
    if event.place is not None and not (event.event_type == "border_control" and event.place.kind == "country"):
        return event
    resolved = [p for p in places if p.resolved]
    if venue_like(event.event_type, event.sub_event_type):
        if event.sub_event_type == "phone_call":
            return event
        venue = [
            p
            for p in resolved
            if p.kind == "populated_place"
            and re.search(r"\bin\s+$", doc.text[max(0, p.mention.start - 4) : p.mention.start])
        ]
        if venue:
            return replace(event, place=venue[0], notes=_note(event, "place: the city the article reports it in"))
        return event
    kinds = ("border", "region") if event.event_type == "border_control" else ("region",)
    for kind in kinds:
        focus = Counter(p.place_id for p in resolved if p.kind == kind and p.country != "IR")
        if focus:
            place_id = focus.most_common(1)[0][0]
            place = next(p for p in resolved if p.place_id == place_id)
            return replace(event, place=place, notes=_note(event, "place: the region the article is about"))
    return event


# -- merging -------------------------------------------------------------------------------------
_WEEK_SPAN = timedelta(days=3)  # a date of week precision (time_precision 2) is this many days either way


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


_GENERIC_SUBTYPES = {"attack", "talks", "official_visit"}
# Rare enough that two articles' reports on compatible dates are one event even where one names no place.
_SPECIFIC_UNPLACED = {"security_agreement", "agreement_signing", "guard_redeployment", "relocation_of_armed_groups"}
_IN_PERSON = {"talks", "official_visit"}


def _subtypes_compatible(a: str, b: str) -> bool:
    """Equal, or one unspecified ("attack"), or two names for one in-person meeting."""
    return a == b or a == "attack" or b == "attack" or (a in _IN_PERSON and b in _IN_PERSON)


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
    if same_doc:
        return a.place is None or b.place is None or _places_compatible(a.place, b.place, gaz)
    unplaced = (a.place is None or b.place is None) and a.sub_event_type == b.sub_event_type in _SPECIFIC_UNPLACED
    if not (unplaced or _places_compatible(a.place, b.place, gaz)):
        return False
    actors_a, actors_b = {a.actor1, a.actor2} - {None}, {b.actor1, b.actor2} - {None}
    # an article that names no one does not contradict one that does
    return bool(actors_a & actors_b) or not actors_a or not actors_b or _same_attacker(a, b)


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
    return Event(
        first.event_type,
        subtype,
        date_,
        first.actor1 or second.actor1,
        first.actor2 or second.actor2,
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
    Each event joins the first kept event it matches, in the order kept. Only kept
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
        for i in index.candidates(event):
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


def events_from_documents(
    docs: Iterable[Document], gaz: Gazetteer | None = None, *, records: Iterable[Event] = ()
) -> list[Event]:
    """Events of many documents (and curated ``records``), merged across them, in a stable order."""
    gaz = gaz or Gazetteer.load()
    every: list[Event] = []
    for doc in docs:
        every.extend(events_from_document(doc, gaz))
    return merge_reports(every, gaz, records=records)


def merge_reports(events: Iterable[Event], gaz: Gazetteer, *, records: Iterable[Event] = ()) -> list[Event]:
    """Documents' events (from :func:`events_from_document`) and ``records`` merged, in a stable order.

    The last step of :func:`events_from_documents`, apart so :mod:`geo.scale` can merge events
    extracted on many workers exactly as one process does.
    """
    every = [*events, *records]
    every.sort(key=lambda e: min((s.document, s.start) for s in e.sources))
    return sorted(merge_events(every, gaz), key=lambda e: (e.date.value or "9999", e.event_id))
