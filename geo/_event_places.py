"""Where an event happened: which of a sentence's places is the event's, and which are not.

A strike's place is where it hit, not the attacker's capital or the
reporter's dateline; a meeting's place is its venue, not its topic; a
border-control change sits on the border line when the sentence names one.
A strike sentence that names several struck towns gives one event per town
(:func:`strike_sites`), as ACLED codes one event per location.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from geo._cues import near_cue
from geo.model import Place

__all__ = ["best_place", "place_rank", "strike_sites", "usable_places", "venue_like"]


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


_NOT_VENUE = _rx(
    r"(?:headquarter(?:s|ed)?\s+(?:is\s+|are\s+)?in|based\s+in|from(?:\s+across)?|relations\s+between|ties\s+with|"
    r"between|security\W{0,3}\s+along|security\s+of|sovereignty\s+of|against|"
    # "Iran's ambassador to Baghdad"
    r"(?:ambassador|envoy|embassy|consul(?:ate)?|charg[ée]\s+d['’]affaires)\s+(?:to|in)|"
    # the addressees of a call ("called on both Baghdad and Erbil to act")
    r"(?:call(?:ed|s|ing)?\s+on|urg(?:ed|es|ing)|ask(?:ed|s|ing))(?:\s+both)?(?:\s+\w+\s+(?:and|or))?|"
    r"(?:from|between)\s+(?:the\s+)?\w+(?:\s+\w+)?\s+(?:and|or))\s+(?:the\s+)?$"  # "pressure from Ankara and Tehran"
)
# A place followed by a verb is the actor of the sentence ("Tehran says", "Iran held talks"), not where it happened.
_SUBJECT = _rx(
    r"^\s+(?:says?|said|has|have|had|is|was|will|would|held|launched|signs?|signed|meets?|met|accused|denied|"
    r"announced|welcomed|"
    r"urged|warned|rejected|stressed|called|demanded|considers?|maintains?|insists?|hopes?|wants?|[a-z]+ed|"
    r"set|sent|told|made|gave|took|began|struck|hit|fired|met|sought|brought|put|kept|won|lost)\b"
)
_LOCATIVE = _rx(r"\b(?:in|at|near|on|around|outside|inside|across|into|to)\s+(?:the\s+)?$")
# A party to a deal or talks ("agreed with Tehran") is not where a strike or border change happened.
_PARTY = _rx(r"\bwith\s+(?:the\s+)?$")
# "hit the PDKI headquarters in Koya": for a strike the headquarters is the target ("headquartered in" is not).
_STRUCK_HQ = _rx(r"\bheadquarters\s+in\s+(?:the\s+)?$")
_IN_OR_AT = _rx(r"\b(?:in|at)\s+(?:the\s+)?$")
_POSSESSIVE = re.compile(r"^['’]s?\b")


def venue_like(event_type: str, sub_event_type: str) -> bool:
    """Meetings and signings happen somewhere: their place is a venue, not a topic."""
    return event_type == "meeting" or sub_event_type == "security_agreement"


_KIND_RANK = {
    "populated_place": 0,
    "crossing": 0,
    "landmark": 1,
    "adm3": 2,
    "adm2": 2,
    "adm1": 3,
    "region": 4,
    "border": 5,
}


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
    # the reporter's dateline unless the sentence says where, with "in" or "at" ("signed ... in Baghdad")
    said = any(
        p.mention.source != "dateline" and _IN_OR_AT.search(text, max(0, p.mention.start - 8), p.mention.start)
        for p in usable
    )
    return min(usable, key=lambda p: (*place_rank(p), said and p.mention.source == "dateline", usable.index(p)))


_SITE_KINDS = ("populated_place", "crossing", "landmark")
# A town named in these words after a struck town says where that one lies, not another target.
_ALONG = _rx(r"\b(?:along|between|straddling)\s+(?:the\s+)?(?:[\w-]+\s+(?:and|or)\s+)?$")
_APPOSITION = 40  # characters between a town and a "near ..." that only says where it is


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
