"""Where an event happened: which of a sentence's places is the event's, and which are not.

A strike's place is where it hit, not the attacker's capital or the
reporter's dateline; a meeting's place is its venue, not its topic; a
border-control change sits on the border line when the sentence names one.
A strike sentence that names several struck towns gives one event per town
(:func:`strike_sites`), as ACLED codes one event per location.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from gazetteer import Gazetteer
from geo._cues import near_cue
from geo.actors import actor_named
from geo.model import Document, Event, Mention, Place
from geo.resolve import precision_of
from geo.rules import places as rules

__all__ = [
    "REGION_COUNTRIES",
    "best_place",
    "fill_place",
    "note_on",
    "place_rank",
    "strike_sites",
    "told_at",
    "usable_places",
    "venue_like",
]


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


# Compiled from their table (geo.rules.places).
_NOT_VENUE = re.compile(rules.NOT_VENUE, re.I)
_SUBJECT = re.compile(rules.SUBJECT, re.I)
_LOCATIVE = re.compile(rules.LOCATIVE, re.I)
_PARTY = re.compile(rules.PARTY, re.I)
_STRUCK_HQ = re.compile(rules.STRUCK_HQ, re.I)
_IN_OR_AT = re.compile(rules.IN_OR_AT, re.I)
_POSSESSIVE = re.compile(rules.POSSESSIVE, re.I)
_KIND_RANK = rules.KIND_RANK
_SITE_KINDS = rules.SITE_KINDS
_ALONG = re.compile(rules.ALONG, re.I)
_APPOSITION = rules.APPOSITION
_FAR_REACH = rules.FAR_REACH
_VENUE_BEFORE = re.compile(rules.VENUE_BEFORE, re.I)
REGION_COUNTRIES = rules.REGION_COUNTRIES
_GUEST = re.compile(rules.GUEST, re.I)
_YEAR = re.compile(rules.YEAR, re.I)
_COUNTRY_WIDE = rules.COUNTRY_WIDE
_BORDER_WORD = re.compile(rules.BORDER_WORD, re.I)
THE_BORDER = rules.THE_BORDER
THE_REGION_BORDER = rules.THE_REGION_BORDER


def venue_like(event_type: str, sub_event_type: str) -> bool:
    """Meetings and signings happen somewhere: their place is a venue, not a topic."""
    return event_type == "meeting" or sub_event_type == "security_agreement"


def place_rank(p: Place) -> tuple[int, int]:
    """Most precise first; among places "near" (precision 2), a district before a town it is near."""
    kind = _KIND_RANK.get(p.kind or "", 6)
    return (p.precision or 9, -1 if p.kind == "adm2" and p.precision == 2 else kind)


def usable_places(places: Sequence[Place], text: str, event_type: str, sub_event_type: str) -> list[Place]:
    """The resolved places of a sentence that can be where its event happened, in order.

    Not the attacker ("Tehran's forces"), the subject of a statement ("Tehran
    says"), a headquarters, a party to talks, the reporter's dateline or where a
    statement was made; a venue is a city or a site, not a country or region.
    """
    usable = []
    venue = venue_like(event_type, sub_event_type)
    for p in places:
        if not p.resolved:
            continue
        before = text[max(0, p.mention.start - 40) : p.mention.start]
        after = text[p.mention.end : p.mention.end + 24]
        if _POSSESSIVE.match(after) and p.kind in ("country", "populated_place", "adm1") and p.country == "IR":
            continue  # "Tehran's forces", "Iran's Revolutionary Guard": the attacker, not the place
        if (_SUBJECT.match(after) and not _LOCATIVE.search(before)) or (
            _NOT_VENUE.search(before) and not (event_type == "strike" and _STRUCK_HQ.search(before))
        ):
            continue
        if p.mention.source == "dateline":
            continue  # where the reporter filed from, not where it happened, nor a meeting's venue
        if (
            text[max(0, p.mention.start - 3) : p.mention.start] == "In "
            and text[p.mention.end : p.mention.end + 1] == ","
        ):
            continue  # "In Tehran, the IRGC said ...": where a statement was made
        if not venue and _PARTY.search(before):
            continue
        if event_type == "strike" and p.country == "IR" and p.kind == "country":
            continue
        if venue and p.kind in ("border", "region", "country"):
            continue  # a venue is a city or a site; "Iraq and Iran sign" names the parties
        usable.append(p)
    return usable


def best_place(usable: Sequence[Place], text: str, event_type: str, sub_event_type: str) -> Place | None:
    """The most precise of the usable places (a border line first for a border-control change)."""
    if event_type == "border_control" and not venue_like(event_type, sub_event_type):
        borders = [p for p in usable if p.kind == "border"]
        if borders:
            return borders[0]
    if not usable:
        return None
    return min(usable, key=lambda p: (*place_rank(p), usable.index(p)))  # usable_places drops datelines


def strike_sites(usable: Sequence[Place], text: str) -> list[Place]:
    """The towns and sites a strike sentence names as struck, each once, in order.

    "bases in Sulaimaniyah ... and in Koye" names two; "the city of Koye, near
    Erbil" names one: a town after "near", "outside" or "east of" right after
    another town only says where that one is.
    """
    sites: list[Place] = []
    for p in usable:
        if p.kind not in _SITE_KINDS or any(s.place_id == p.place_id for s in sites):
            continue
        if (
            sites
            and p.mention.start - sites[-1].mention.end <= _APPOSITION
            and near_cue(text, p.mention.start, along_lists=False)
        ):
            continue
        if sites and _ALONG.search(text, max(0, p.mention.start - 40), p.mention.start):
            continue  # "in Prde town, along the Erbil and Kirkuk border": where the town lies
        sites.append(p)
    return sites


def told_at(place: Place, text: str, trigger: int) -> bool:
    """A place outside the region is an event's only when named right after its trigger with "in" or "at"
    ("talks in Washington"), not in passing ("who studied in Washington")."""
    start = place.mention.start
    return 0 <= start - trigger <= _FAR_REACH and bool(_IN_OR_AT.search(text, max(0, start - 8), start))


def note_on(event: Event, note: str) -> str:
    """The event's notes with one more."""
    return "; ".join(n for n in (event.notes, note) if n)


def fill_place(event: Event, places: Sequence[Place], doc: Document, gaz: Gazetteer) -> Event:
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
            return replace(event, place=filed[0], notes=note_on(event, "place: the dateline's city, where guests came"))
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
            return replace(event, place=nearest, notes=note_on(event, "place: the city the article reports it in"))
        if event.sub_event_type != "security_agreement":
            return event
    if event.sub_event_type in _COUNTRY_WIDE and event.place is None:
        actor = actor_named(event.actor1 or "")
        home = next((p for p in resolved if p.kind == "country" and actor and p.country == actor.country), None)
        if home is not None:
            return replace(event, place=home, notes=note_on(event, "place: the country whose authorities decided it"))
    kinds = ("border", "the border", "region") if event.event_type == "border_control" else ("region",)
    for kind in kinds:
        if kind == "the border":
            border = _the_border(event, resolved, doc, gaz)
            if border is not None:
                return replace(event, place=border, notes=note_on(event, "place: the border its sentence names"))
            continue
        focus = Counter(p.place_id for p in resolved if p.kind == kind and p.country != "IR")
        if focus:
            place_id = focus.most_common(1)[0][0]
            place = next(p for p in resolved if p.place_id == place_id)
            return replace(event, place=place, notes=note_on(event, "place: the region the article is about"))
    return event


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
