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
from geo._cues import find_dateline
from geo._event_places import best_place, place_rank, strike_sites, usable_places, venue_like
from geo._triggers import UNSPECIFIED, candidates, joint_strike, sentence_actors
from geo.actors import actor_named
from geo.dates import UNKNOWN, EventDate, date_from_sentence
from geo.model import Document, Event, Mention, Place, Source
from geo.resolve import places_from_document, precision_of

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
    previous = current = (0, 0)  # the spans of the sentence before and of this one
    for start, end in sentences(doc.text):
        if any(s <= start < e for s, e in boiler):
            continue
        sentence = evidence = doc.text[start:end]
        previous, current = current, (start, end)
        if dateline and start < dateline.end() and dateline.start() < end:
            # the filing date and place ("Baghdad, Aug 12:") are not the event's: read the rest
            cut = min(dateline.end(), end) - start
            sentence = " " * cut + sentence[cut:]
        for cand in candidates(sentence):
            here = [p for p in places if start <= p.mention.start < end]
            usable = [
                p
                for p in usable_places(here, doc.text, cand.event_type, cand.sub_event_type)
                if p.country in REGION_COUNTRIES
                or p.country is None
                or _told_at(p, doc.text, start + cand.trigger_start)
            ]
            sites = strike_sites(usable, doc.text) if cand.event_type == "strike" else []
            where = sites if len(sites) > 1 else [best_place(usable, doc.text, cand.event_type, cand.sub_event_type)]
            actor1, actor2 = _actors(sentence, cand.event_type)
            when = date_from_sentence(sentence, published, near=cand.trigger_start)
            notes = cand.rule
            if when == UNKNOWN and last_date.get(cand.event_type):
                when = last_date[cand.event_type]
                notes += "; date: from the article's earlier report of the same kind"
            told_before = doc.text[previous[0] : previous[1]]
            if when == UNKNOWN and told_before and not _PAST_PERFECT.search(told_before):
                before = date_from_sentence(told_before, published)
                if before.precision in (1, 2):  # "On Wednesday, the council met. It decided to ..."
                    when = before
                    notes += "; date: from the sentence before"
            if when.known and not _PAST_PERFECT.search(sentence):
                last_date[cand.event_type] = when  # "had launched" tells of before: its date is not passed on
            source = (_source(doc, start, end, published),)
            for site, place in enumerate(where):
                event = Event(
                    cand.event_type, cand.sub_event_type, when, actor1, actor2, place, evidence, source, notes
                )
                found.append(replace(event, site=site) if site else event)
    found = _dates_for_undated(found, published)
    return [_fill_place(e, places, doc, gaz) for e in merge_events(found, gaz)]


_FAR_REACH = 80  # characters after its trigger within which a place far outside the region must be named


def _told_at(place: Place, text: str, trigger: int) -> bool:
    """A place outside the region is an event's only when named right after its trigger with "in" or "at"
    ("talks in Washington"), not in passing ("who studied in Washington")."""
    start = place.mention.start
    return 0 <= start - trigger <= _FAR_REACH and bool(_IN_OR_AT.search(text, max(0, start - 8), start))


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


# The words before a city that make it where the article's meetings happen ("arrived in", "a visit to").
_VENUE_BEFORE = re.compile(
    r"\b(?:in|visit(?:ed|ing)?|(?:visits?|trip)\s+(?:of\s+(?:[\w'’.-]+\s+){1,10})?to|travel(?:l?ed|s)?\s+to|"
    r"arriv(?:ed|es|ing)\s+(?:\w+\s+){0,2}in)\s+(?:the\s+)?$",
    re.I,
)
# Countries where an event can be placed from a passing mention: the border's two sides, their neighbours
# on the mission's map and the Gulf. A place elsewhere is an event's only when its own sentence names it.
REGION_COUNTRIES = frozenset({"IQ", "IR", "TR", "SY", "KW", "SA", "BH", "QA", "AE", "OM", "JO"})
_IN_OR_AT = re.compile(r"\b(?:in|at)\s+(?:the\s+)?$", re.I)
_GUEST = re.compile(r"\b(?:the|a|an|his|her|their)\s+visiting\b|\barriv(?:ed|es)\s+here\b", re.I)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _fill_place(event: Event, places: Sequence[Place], doc: Document, gaz: Gazetteer) -> Event:
    """An event with no place in its sentences takes the document's venue or focus.

    So does a border-control change placed only in a country ("Iraq to redeploy
    guards"), when the document names a border or region; else it keeps the country.
    """
    if event.place is not None and not (event.event_type == "border_control" and event.place.kind == "country"):
        return event
    resolved = [p for p in places if p.resolved]
    if venue_like(event.event_type, event.sub_event_type):
        if event.sub_event_type == "phone_call" or (event.date.text and _YEAR.search(event.date.text)):
            return event  # a call has no venue; a meeting dated to a year ago or a month is not the article's visit
        own = [s for s in event.sources if s.document == doc.id]
        if any(
            not p.resolved and _IN_OR_AT.search(doc.text, max(0, p.mention.start - 8), p.mention.start)
            for s in own
            for p in places
            if s.start <= p.mention.start < s.end
        ):
            return event  # its sentence names a venue the gazetteer lacks ("in Davos"): no guess from elsewhere
        filed = [p for p in resolved if p.mention.source == "dateline" and p.kind == "populated_place"]
        if filed and any(_GUEST.search(doc.text, s.start, s.end) for s in own):
            # "met the visiting delegation", "arrived here": the guests came to where the report was filed
            return replace(event, place=filed[0], notes=_note(event, "place: the dateline's city, where guests came"))
        venues = [
            p
            for p in resolved
            if p.kind == "populated_place"
            and p.mention.source != "dateline"
            and p.country in REGION_COUNTRIES
            and _VENUE_BEFORE.search(doc.text, max(0, p.mention.start - 80), p.mention.start)
        ]
        if venues:
            at = min(s.start for s in event.sources if s.document == doc.id)
            nearest = min(venues, key=lambda p: abs(p.mention.start - at))
            return replace(event, place=nearest, notes=_note(event, "place: the city the article reports it in"))
        if event.sub_event_type != "security_agreement":
            return event
    if event.sub_event_type in _COUNTRY_WIDE and event.place is None:
        actor = actor_named(event.actor1 or "")
        home = next((p for p in resolved if p.kind == "country" and actor and p.country == actor.country), None)
        if home is not None:
            return replace(event, place=home, notes=_note(event, "place: the country whose authorities decided it"))
    kinds = ("border", "the border", "region") if event.event_type == "border_control" else ("region",)
    for kind in kinds:
        if kind == "the border":
            border = _the_border(event, resolved, doc, gaz)
            if border is not None:
                return replace(event, place=border, notes=_note(event, "place: the border its sentence names"))
            continue
        focus = Counter(p.place_id for p in resolved if p.kind == kind and p.country != "IR")
        if focus:
            place_id = focus.most_common(1)[0][0]
            place = next(p for p in resolved if p.place_id == place_id)
            return replace(event, place=place, notes=_note(event, "place: the region the article is about"))
    return event


_COUNTRY_WIDE = {"entry_restriction"}  # decisions that hold at every border of the deciding country
_BORDER_WORD = re.compile(r"\bborders?\b", re.I)
# What "the border" means in an article that names both Iran and Iraq: the Kurdistan Region's stretch
# when the article names the region, else the whole line.
THE_BORDER = "border:iran-iraq"
THE_REGION_BORDER = ("region:kurdistan-region-iraq", "border:kurdistan-region-iran")


def _the_border(event: Event, resolved: Sequence[Place], doc: Document, gaz: Gazetteer) -> Place | None:
    """Where "the border" of a sentence lies, in an article naming both Iran and Iraq.

    The Iran–Iraq border, or its Kurdistan Region stretch in an article about the region.
    """
    countries = {p.country for p in resolved if p.kind == "country"}
    region, region_border = THE_REGION_BORDER
    in_region = any(p.place_id == region for p in resolved)
    entry = gaz.get(region_border if in_region else THE_BORDER)
    if not {"IQ", "IR"} <= countries or entry is None:
        return None
    for source in event.sources:
        if source.document != doc.id:
            continue
        word = _BORDER_WORD.search(doc.text, source.start, source.end)
        if word is not None:
            mention = Mention(doc.id, word.start(), word.end(), word.group(0), (entry.id,), source="context")
            return Place.from_entry(mention, entry, precision=precision_of(entry), confidence=0.5)
    return None


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


_GENERIC_SUBTYPES = {UNSPECIFIED, "talks", "official_visit"}
# Rare enough that two articles' reports on compatible dates are one event even where one names no place.
_SPECIFIC_UNPLACED = {"security_agreement", "agreement_signing", "guard_deployment", "relocation_of_armed_groups"}
_IN_PERSON = {"talks", "official_visit", "agreement_signing"}  # one visit, however each report tells it


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
