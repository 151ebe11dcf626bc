"""Find events in articles: strikes, meetings and border-control changes, one per clause of evidence.

Each sentence is read for a trigger (:mod:`geo._triggers`: "launched drone
strikes", "met with", "signed a border security agreement", "redeploy federal
guards"); sentences that only threaten, warn, deny, demand or plan are
skipped, and so are habits ("on countless occasions"). A reported past event
counts. Each event gets the most precise place tied to it (:mod:`geo._event_places`),
a date from :mod:`geo.dates`, actors from :mod:`geo.actors`, and the sentence as
evidence. Reports of one event, in one article or several, are merged by
:mod:`geo.merge`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, timedelta

from gazetteer import Gazetteer
from geo import _html
from geo._cues import find_dateline
from geo._event_places import (
    REGION_COUNTRIES,
    best_place,
    fill_place,
    note_on,
    strike_sites,
    told_at,
    usable_places,
)
from geo._triggers import candidates, continued_strike, sentence_actors
from geo.dates import UNKNOWN, EventDate, date_from_sentence
from geo.merge import merge_events, merge_into, merge_reports
from geo.model import Document, Event, Source
from geo.resolve import places_from_document
from geo.rules import sentences as rules

__all__ = [
    "EVENT_TYPES",
    "events_from_document",
    "events_from_documents",
    "merge_events",
    "merge_into",
    "merge_reports",
]

EVENT_TYPES = ("strike", "meeting", "border_control")


# Compiled from their tables (geo.rules.sentences).
_ABBREVIATIONS = re.compile(rules.ABBREVIATIONS)
_SENTENCE_END = re.compile(rules.SENTENCE_END)
_PAST_PERFECT = re.compile(rules.PAST_PERFECT, re.I)
_RECENT = timedelta(days=rules.RECENT)


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
    last_strike = ""  # the sub-type of the article's latest strike report
    for start, end in sentences(doc.text):
        if any(s <= start < e for s, e in boiler):
            continue
        sentence = evidence = doc.text[start:end]
        previous, current = current, (start, end)
        if dateline and start < dateline.end() and dateline.start() < end:
            # the filing date and place ("Baghdad, Aug 12:") are not the event's: read the rest
            cut = min(dateline.end(), end) - start
            sentence = " " * cut + sentence[cut:]
        found_here = candidates(sentence)
        if not any(c.event_type == "strike" for c in found_here) and last_strike:
            more = continued_strike(sentence, last_strike)
            found_here += [more] if more else []
        for cand in found_here:
            if cand.event_type == "strike":
                last_strike = cand.sub_event_type
            here = [p for p in places if start <= p.mention.start < end]
            usable = [
                p
                for p in usable_places(here, doc.text, cand.event_type, cand.sub_event_type)
                if p.country in REGION_COUNTRIES
                or p.country is None
                or told_at(p, doc.text, start + cand.trigger_start)
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
    return [fill_place(e, places, doc, gaz) for e in merge_events(found, gaz)]


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
                event, date=later, notes=note_on(event, "date: from the article's later report of the same kind")
            )
        else:
            around = EventDate(published.isoformat(), 2, None)
            out[i] = replace(
                event, date=around, notes=note_on(event, "date: the report's publication date (the text gives none)")
            )
    return out


def _recent(when: EventDate, published: date) -> bool:
    if when.value is None or len(when.value) != 10:
        return False
    day = date.fromisoformat(when.value)
    return published - _RECENT <= day <= published


def _source(doc: Document, start: int, end: int, published: date | None) -> Source:
    return Source(doc.id, doc.outlet, doc.url, published.isoformat() if published else None, start, end)


def events_from_documents(
    docs: Iterable[Document], gaz: Gazetteer | None = None, *, records: Iterable[Event] = ()
) -> list[Event]:
    """Events of many documents (and curated ``records``), merged across them, in a stable order."""
    gaz = gaz or Gazetteer.load()
    every: list[Event] = []
    for doc in docs:
        every.extend(events_from_document(doc, gaz))
    return merge_reports(every, gaz, records=records)
