"""Villages that need support (issue 15): taken where the text or the document's places support them.

Sentences are our own. Each sourced location is the one tests/test_gazetteer_border.py reads from
``../shared/data/SOURCES.md``.
"""

from __future__ import annotations

import itertools
import time

import pytest
import shapely
from test_gazetteer_border import SOURCED, km

from gazetteer import Gazetteer
from geo.model import Document, Place
from geo.resolve import places_from_document
from geo.villages import village_index

# name -> a sentence of our own that supports it (a cue, or a place of the document next to it)
SUPPORTED = {
    "Sidakan": "Iranian shells hit the village of Sidakan, north of Soran, on Monday.",
    "Sidekan": "Residents of Sidekan sub-district fled the shelling near Soran.",
    "Darhol": "Turkish drones struck the villages of Darhol and Binpareza near Sidakan on Monday.",
    "Binpareza": "Turkish drones struck the villages of Darhol and Binpareza near Sidakan on Monday.",
    "Degala": "Degala, a small town east of Hawler, was shelled on Monday.",
    "Jezhnikan": "Shells landed near Jezhnikan, a village near Erbil, on Friday.",
    "Pirde": "Families fled Pirde after rockets struck the town south of Erbil.",
    "Surdash": "Iranian artillery shelled Surdash village, north of Sulaymaniyah.",
    "Zerdkaw": "Drones struck Zerdkaw village near Penjwen on Tuesday.",
    "Zrgwez": "A drone hit a party camp in Zrgwez near Sulaymaniyah.",
    "Zirgwez": "A drone hit a party camp in Zirgwez near Sulaymaniyah.",
    "Kileh": "Iranian guards closed the Kileh crossing near Sardasht.",
    "Choman": "Farmers near Choman and Haji Omaran lost their orchards.",
}
# names written where nothing supports them: no cue, no place of the document anywhere near
UNSUPPORTED = (
    "Darhol was mentioned by the minister in a long speech.",
    "The report named Binpareza and Jezhnikan among its sources.",
    "Zerdkaw told reporters in Basra that the talks would go on.",
    "Surdash said the results were good, according to the statement.",
)


def _places(text: str, gaz: Gazetteer) -> list[Place]:
    return places_from_document(Document(id="t", text=text), gaz)


def _named(places: list[Place], name: str) -> Place:
    return next(p for p in places if name in p.mention.surface)


@pytest.mark.parametrize("name", sorted(SUPPORTED))
def test_supported_village_resolves_within_10_km(gaz: Gazetteer, name: str) -> None:
    place = _named(_places(SUPPORTED[name], gaz), name)
    point, country = SOURCED[name]
    assert place.resolved, f"{name} not resolved"
    assert place.country == country
    assert km(point, (place.lat, place.lon)) < 10, (place.place_id, place.name)


def test_sub_district_is_its_area(gaz: Gazetteer) -> None:
    place = _named(_places("Artillery struck villages in the Bradost sub-district on Sunday.", gaz), "Bradost")
    entry = gaz[place.place_id or ""]
    assert entry.kind == "adm3"
    assert entry.geometry.contains(shapely.Point(SOURCED["Sidakan"][0][::-1]))


@pytest.mark.parametrize("text", UNSUPPORTED)
def test_unsupported_village_is_not_taken(gaz: Gazetteer, text: str) -> None:
    found = [p for p in _places(text, gaz) if p.resolved and gaz[p.place_id or ""].needs_support]
    assert found == []


def test_degala_east_of_hawler_is_not_in_iran(gaz: Gazetteer) -> None:
    for text in (
        "Degala, a small town east of Hawler, was shelled on Monday.",
        "Shelling in Degala, east of Hawler, went on for a week.",
    ):
        found = [p for p in _places(text, gaz) if "Degala" in p.mention.surface and p.resolved]
        assert all(p.country == "IQ" and p.name != "Dehlaq" for p in found), (text, found)


def test_near_miss_does_not_jump_the_border(gaz: Gazetteer) -> None:
    """A spelling close to an Iranian village, in a sentence set in the Kurdistan Region, is not taken there."""
    for text in (
        "Shells fell in Alaneh, near Haji Omaran in the Kurdistan Region, on Monday.",
        "Shelling hit Degala in the Kurdistan Region, east of Hawler.",
    ):
        places = _places(text, gaz)
        assert places and all(p.country != "IR" for p in places), [(p.mention.surface, p.name) for p in places]


def test_repeated_name_takes_the_one_near_the_document(gaz: Gazetteer) -> None:
    """Several villages share a name: the one near the document's other places wins."""
    chosen = set()
    for anchor in ("Penjwen", "Urmia"):
        places = _places(f"Drones struck the village of Kani Miran near {anchor}.", gaz)
        village, town = _named(places, "Kani Miran"), _named(places, anchor)
        namesakes = gaz.lookup("Kani Miran", support=True, fuzzy=False)
        assert len(namesakes) > 2
        nearest = min(namesakes, key=lambda e: km((town.lat, town.lon), (e.lat, e.lon)))
        assert village.place_id == nearest.id
        chosen.add(village.place_id)
    assert len(chosen) == 2


def test_villages_in_a_list_after_a_cue(gaz: Gazetteer) -> None:
    places = _places("Shells landed in the villages of Darhol, Binpareza, and Sidakan on Sunday.", gaz)
    assert {p.mention.surface for p in places if p.resolved} >= {"Darhol", "Binpareza", "Sidakan"}
    assert all(p.country == "IQ" for p in places if p.resolved)


def test_folded_spelling_needs_the_neighbourhood(gaz: Gazetteer) -> None:
    """'Zirgwez' folds like Zirkuwayz: taken next to Sulaymaniyah, not next to Basra."""
    near = _named(_places("A drone hit a camp in Zirgwez near Sulaymaniyah.", gaz), "Zirgwez")
    far = _named(_places("A drone hit a camp in Zirgwez near Basra.", gaz), "Zirgwez")
    assert near.resolved and not far.resolved


def test_output_is_in_order_without_overlaps(gaz: Gazetteer) -> None:
    places = _places("Surdash village, Darhol and Sidakan, near Soran: the villages of Binpareza and Darhol.", gaz)
    spans = [(p.mention.start, p.mention.end) for p in places]
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


def test_index_makes_no_entry_per_village(gaz: Gazetteer) -> None:
    """The index reads the support table's columns; entries are made only for what is taken."""
    index = village_index(gaz)
    started = time.perf_counter()
    rows = index.exact("sidakan")
    assert rows and time.perf_counter() - started < 5
    assert gaz[index.entry(rows[0]).id].name == "Sidakan"
    assert len(gaz._villages._made) < 1000  # what the lookups made, not 130,000


def test_villages_struck_are_strike_events_with_their_sub_district(gaz: Gazetteer) -> None:
    """'shelled the villages of A and B': a strike at each village; its record names the sub-district (admin3)."""
    from datetime import date

    from geo.events import events_from_document
    from geo.records import records_from_events

    doc = Document(
        id="s",
        text="Iranian artillery shelled the villages of Darhol and Binpareza near Sidakan on Monday.",
        published=date(2024, 3, 5),
    )
    strikes = [e for e in events_from_document(doc, gaz) if e.event_type == "strike"]
    assert strikes and all(e.place is not None and e.place.country == "IQ" for e in strikes)
    records = records_from_events(strikes, gaz)
    assert set(records["admin3"]) == {"Bradost"}
    assert set(records["admin2"]) <= {"Rawanduz", "Soran"}


@pytest.mark.parametrize(
    "name",
    ["CUES_BEFORE", "CUES_AFTER", "APPOSITION", "APPOSITION_NOUNS", "PERSON_AFTER", "CAPITALISED_RUN", "LIST_GAP"],
)
def test_every_village_table_is_read(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Each word table of geo.rules.villages changes the compiled rules when it changes."""
    from geo import villages
    from geo.rules import villages as tables

    villages._rules.cache_clear()
    before = villages._rules()
    value = getattr(tables, name)
    changed = (*value, "zzq") if isinstance(value, tuple) else value + "(?:zzq)?"
    monkeypatch.setattr(tables, name, changed)
    villages._rules.cache_clear()
    try:
        assert villages._rules() != before
    finally:
        monkeypatch.undo()
        villages._rules.cache_clear()
