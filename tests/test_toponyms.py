"""Recognition: offsets, variants, vague regions, datelines, and what is not a place."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from gazetteer import Gazetteer
from geo.resolve import resolve_mentions
from geo.toponyms import fold_text, mentions_from_text


def resolved(text: str, gaz: Gazetteer) -> list[tuple[str, str | None]]:
    return [(p.mention.surface, p.place_id) for p in resolve_mentions(text, mentions_from_text(text, gaz), gaz)]


def ids(text: str, gaz: Gazetteer) -> list[str | None]:
    return [pid for _, pid in resolved(text, gaz)]


def test_fold_keeps_length() -> None:
    text = "Iraq’s Kurdistan — “Hewlêr”\u00a0Ḩalabjah ß İstanbul ﬁ"
    assert len(fold_text(text)) == len(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_offsets_always_slice_to_the_surface(gaz: Gazetteer, text: str) -> None:
    for mention in mentions_from_text(text, gaz):
        assert text[mention.start : mention.end] == mention.surface
        assert 0 <= mention.start < mention.end <= len(text)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Erbil",
                "Koya",
                " in ",
                "Iraq’s Kurdistan region",
                "TEHRAN - ",
                "the",
                "Sidakan",
                ", ",
                "Kurdistan Regional Government",
                "Iranian",
                "northern Iraq",
                "\n",
                "Arbil",
            ]
        ),
        max_size=20,
    )
)
def test_offsets_on_domain_text(gaz: Gazetteer, parts: list[str]) -> None:
    text = "".join(parts)
    mentions = mentions_from_text(text, gaz)
    assert all(text[m.start : m.end] == m.surface for m in mentions)
    assert all(a.end <= b.start for a, b in itertools.pairwise(mentions))


def test_arbil_is_erbil_city(gaz: Gazetteer) -> None:
    text = "a conference room at a hotel in the Kurdish regional capital Arbil."
    assert resolved(text, gaz) == [("Arbil", "geonames:95446")]


def test_kurdistan_region_phrases(gaz: Gazetteer) -> None:
    for text in (
        "bases in Iraq’s semi-autonomous Kurdistan region that",
        "bases in Iraq's Kurdish region.",
        "groups in Iraqi Kurdistan,",
        "the Kurdistan Region of Iraq",
        "in autonomous Kurdistan organized",
    ):
        assert ids(text, gaz) == ["region:kurdistan-region-iraq"], text


def test_organisations_and_demonyms_are_not_places(gaz: Gazetteer) -> None:
    for text in (
        "the Kurdistan Regional Government said",
        "the Democratic Party of Iranian Kurdistan (PDKI)",
        "Kurdistan 24 reported",
        "Iranian and Iraqi officials",
        "Kurdish groups",
        "Press TV reported",
        "the Supreme Security Council of Iraq",
    ):
        assert resolved(text, gaz) == [], text


def test_people_are_not_places(gaz: Gazetteer) -> None:
    text = "The secretary, Qasim al-Araji, met the region's health minister, Saman Barzinji."
    assert resolved(text, gaz) == []


def test_dateline(gaz: Gazetteer) -> None:
    assert resolved("TEHRAN - Iranian Intelligence Minister", gaz)[0] == ("TEHRAN", "geonames:112931")
    assert resolved("ERBIL, Iraq — Drones struck", gaz)[:2] == [("ERBIL", "geonames:95446"), ("Iraq", "geonames:99237")]


def test_governorates_list_resolves_to_governorates(gaz: Gazetteer) -> None:
    text = 'representatives from "six governorates: Baghdad, Mosul, Salaheddin, Al-Anbar, Diyala and Babylon," he said.'
    kinds = [(p.mention.surface, p.kind) for p in resolve_mentions(text, mentions_from_text(text, gaz), gaz)]
    assert kinds == [(name, "adm1") for name in ("Baghdad", "Mosul", "Salaheddin", "Al-Anbar", "Diyala", "Babylon")]
    assert ids("Mosul is a city", gaz) == ["geonames:99072"]


def test_kurdistan_province_vs_region(gaz: Gazetteer) -> None:
    assert ids("protests in Iran's Kurdistan province", gaz)[-1] == "geonames:126584"
    assert ids("attacks in Iraq's Kurdistan region", gaz) == ["region:kurdistan-region-iraq"]


def test_unknown_names_are_kept_unresolved(gaz: Gazetteer) -> None:
    text = "Drones hit a camp near Qzxwelan, local officials said."
    places = resolve_mentions(text, mentions_from_text(text, gaz), gaz)
    assert [(p.mention.surface, p.resolved) for p in places] == [("Qzxwelan", False)]


def test_near_miss_spelling_is_found(gaz: Gazetteer) -> None:
    text = "Shelling hit villages near Koysanjaq on Monday."
    assert ids(text, gaz) == ["geonames:94220"]


def test_precision(gaz: Gazetteer) -> None:
    text = "Drones struck Koya. Shells fell near Koya. Erbil province was calm. Iran denied it."
    places = resolve_mentions(text, mentions_from_text(text, gaz), gaz)
    assert [p.precision for p in places] == [1, 2, 3, 3]


def test_possessive_region_phrases_across_runs_of_separators(gaz: Gazetteer) -> None:
    """The Iraq's/Iran's patterns are looked for after the apostrophe, with any whitespace after the "s"."""
    cases = {
        "Iraq’s  Kurdistan region": "region:kurdistan-region-iraq",
        "in Iran's\nfar north-west": "region:northwestern-iran",
        "Iraq's  mountainous north": "region:northern-iraq",
    }
    for text, target in cases.items():
        patterns = [m for m in mentions_from_text(text, gaz) if m.source == "pattern"]
        assert [m.candidates for m in patterns] == [(target,)], text
    assert all(m.source == "name" for m in mentions_from_text("Iraq, Kurdistan region", gaz))
