"""Event detection and merging, scored against the hand-annotated seed gold (tests/gold/events.jsonl).

A gold event (one per ``event_key``) is found when an output event reported by
one of its documents has its type and a place within 161 km of the gold place
(or the gold event has no place). Each output event matches at most one gold event.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pyproj
import pytest

from gazetteer import Gazetteer
from geo.actors import actor_named
from geo.documents import documents_from_paths
from geo.events import events_from_document, events_from_documents
from geo.model import Document, Event

GOLD = Path(__file__).parent / "gold" / "events.jsonl"


@pytest.fixture(scope="module")
def seed_events(seeds_dir: Path, gaz: Gazetteer) -> list[Event]:
    return events_from_documents(documents_from_paths([seeds_dir]), gaz)


def _matches(event: Event, gold: list[dict], gaz: Gazetteer, geod: pyproj.Geod) -> bool:
    if event.event_type != gold[0]["event_type"]:
        return False
    if not {s.document for s in event.sources} & {g["doc"] for g in gold}:
        return False
    place_id = gold[0]["place_id"]
    if place_id is None:
        return True
    if event.place is None or event.place.lat is None:
        return False
    target = gaz[place_id]
    return geod.inv(target.lon, target.lat, event.place.lon, event.place.lat)[2] <= 161_000


def _gold_by_key() -> dict[str, list[dict]]:
    """The seed gold's rows, grouped by the event they report."""
    gold: dict[str, list[dict]] = {}
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        gold.setdefault(row["event_key"], []).append(row)
    return gold


def test_event_f1_on_the_seeds(seed_events: list[Event], gaz: Gazetteer) -> None:
    gold = _gold_by_key()
    geod = pyproj.Geod(ellps="WGS84")
    used: set[int] = set()
    found = 0
    for rows in gold.values():
        for i, event in enumerate(seed_events):
            if i not in used and _matches(event, rows, gaz, geod):
                used.add(i)
                found += 1
                break
    precision, recall = found / len(seed_events), found / len(gold)
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= 0.85, (precision, recall)


def test_dated_seed_events_have_exact_dates(seed_events: list[Event]) -> None:
    dated = {e.evidence[:40]: e.date for e in seed_events if e.date.known}
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    for row in gold:
        if row["event_date"]:
            match = [d for text, d in dated.items() if row["evidence"].startswith(text)]
            assert match, row["evidence"]
            assert (match[0].value, match[0].precision) == (row["event_date"], row["time_precision"])
    assert all(not e.date.known for e in seed_events if "2018" not in e.evidence and "2019" not in e.evidence)


def test_tehran_meeting_is_one_record_with_two_sources(seed_events: list[Event]) -> None:
    tehran = [e for e in seed_events if e.event_type == "meeting" and e.place and e.place.name == "Tehran"]
    assert len(tehran) == 1
    assert sorted({s.document[:3] for s in tehran[0].sources}) == ["001", "002"]


def test_warnings_and_denials_are_not_events(seeds_dir: Path, gaz: Gazetteer) -> None:
    doc000, doc004 = (next(documents_from_paths([p])) for p in sorted(seeds_dir.glob("00[04]_*.txt")))
    for event in events_from_document(doc000, gaz):
        assert "warn" not in event.evidence.lower(), event.evidence
    for event in events_from_document(doc004, gaz):
        lowered = event.evidence.lower()
        assert "ground operation" not in lowered and "ground advance" not in lowered, event.evidence


def doc(text: str, published: date | None = date(2022, 11, 16), doc_id: str = "d") -> Document:
    return Document(doc_id, text, published=published, outlet="Test", url=f"https://example.org/{doc_id}")


@pytest.mark.parametrize(
    "text",
    [
        "Iran warned that it would strike Kurdish groups in Koya if they attacked again.",
        "The ambassador denied that Iranian drones had struck Koya.",
        "Iraq plans to sign a border security agreement with Iran next month.",
        "Tehran has threatened to launch a ground operation in northern Iraq.",
        "Iranian forces have on countless occasions attacked bases in the Kurdistan Region.",
        "Officials demanded that Baghdad disarm the groups near the border.",
    ],
)
def test_not_events(text: str, gaz: Gazetteer) -> None:
    assert events_from_document(doc(text), gaz) == []


def test_strike_with_place_date_actors(gaz: Gazetteer) -> None:
    (event,) = events_from_document(doc("IRGC drones struck PDKI bases near Koya on Monday, killing two."), gaz)
    assert (event.event_type, event.sub_event_type) == ("strike", "drone_strike")
    assert (event.date.value, event.date.precision) == ("2022-11-14", 1)
    assert (event.actor1, event.actor2) == ("IRGC", "PDKI")
    assert event.place is not None and (event.place.name, event.place.precision) == ("Koya", 2)


def test_meeting_place_is_the_venue_not_the_topic(gaz: Gazetteer) -> None:
    text = "Iraq's foreign minister met his Iranian counterpart in Tehran on Saturday to discuss the Kurdistan Region."
    (event,) = events_from_document(doc(text), gaz)
    assert event.event_type == "meeting" and event.place is not None and event.place.name == "Tehran"


def test_border_control(gaz: Gazetteer) -> None:
    text = "Iraq began deploying federal border guards along the Kurdistan Region's border with Iran on Sunday."
    (event,) = events_from_document(doc(text), gaz)
    assert (event.event_type, event.sub_event_type) == ("border_control", "guard_deployment")
    assert event.place is not None and event.place.place_id == "border:kurdistan-region-iran"


def test_different_events_are_never_merged(gaz: Gazetteer) -> None:
    a = doc("Iranian drones struck Koya on Monday.", doc_id="a")
    b = doc("Iranian drones struck Koya on Tuesday.", doc_id="b")
    c = doc("Iranian drones struck Penjwen on Monday.", doc_id="c")
    d = doc("Iranian drones struck Koya on Monday.", doc_id="d")
    merged = events_from_documents([a, b, c, d], gaz)
    assert sorted(len(e.sources) for e in merged) == [1, 1, 2]


def test_event_ids_are_stable(gaz: Gazetteer) -> None:
    text = "Iranian drones struck Koya on Monday."
    first = events_from_document(doc(text), gaz)[0].event_id
    assert first == events_from_document(doc(text), gaz)[0].event_id
    assert first != events_from_document(doc(text, doc_id="other"), gaz)[0].event_id


_IN_PERSON = {"talks", "official_visit", "agreement_signing"}  # aspects of one visit


def _gold_countries(name: str | None) -> set[str]:
    """The country of a gold actor ("Ali Shamkhani (Iran)", "IRGC", "Iran")."""
    if not name:
        return set()
    named = {"Iran": "IR", "Iraq": "IQ"}
    inner = name[name.rfind("(") + 1 : -1] if name.endswith(")") else name
    actor = actor_named(name)
    return {named.get(inner) or (actor.country if actor else None)} - {None}


def test_seed_events_have_the_gold_sub_types_and_sides(seed_events: list[Event], gaz: Gazetteer) -> None:
    """Every seed gold event is found with its sub-type (the in-person kinds of one visit count as one)
    and with actors only of the sides the gold names, never one actor on both sides."""
    gold = _gold_by_key()
    geod = pyproj.Geod(ellps="WGS84")
    used: set[int] = set()
    for key, rows in gold.items():
        want = rows[0]["sub_event_type"]
        order = sorted(range(len(seed_events)), key=lambda i: seed_events[i].sub_event_type != want)
        hit = next((i for i in order if i not in used and _matches(seed_events[i], rows, gaz, geod)), None)
        assert hit is not None, key
        used.add(hit)
        event = seed_events[hit]
        assert event.sub_event_type == want or {event.sub_event_type, want} <= _IN_PERSON, key
        sides = _gold_countries(rows[0]["actor1"]) | _gold_countries(rows[0]["actor2"])
        found = {a.country for a in map(actor_named, (event.actor1 or "", event.actor2 or "")) if a and a.country}
        assert found <= sides, (key, event.actor1, event.actor2)
        if sides:
            assert found, (key, "no actor named")
    assert all(e.actor1 is None or e.actor1 != e.actor2 for e in seed_events)
