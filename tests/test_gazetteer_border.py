"""Issue 15's border places: villages, sub-districts, crossings, and the folding that finds their spellings.

Each sourced location below is the point ``../shared/data/SOURCES.md`` names for
the place (its GeoNames/WOF record or the curated sourced point), not the
gazetteer's own answer.
"""

from __future__ import annotations

import math

import pytest
import shapely

from gazetteer import Gazetteer
from gazetteer.names import fold_key

# name -> (lat, lon) of its sourced location, and the country the name is written about
SOURCED = {
    "Sidakan": ((36.79677, 44.67208), "IQ"),
    "Sidekan": ((36.79677, 44.67208), "IQ"),
    "Darhol": ((36.87661, 44.61206), "IQ"),
    "Binpareza": ((36.83067, 44.76517), "IQ"),
    "Degala": ((36.17678, 44.38543), "IQ"),
    "Jezhnikan": ((36.35083, 43.99989), "IQ"),
    "Pirde": ((35.75351, 44.14361), "IQ"),
    "Surdash": ((35.86295, 45.1038), "IQ"),
    "Zerdkaw": ((35.68507, 45.82643), "IQ"),
    "Zrgwez": ((35.42514, 45.42665), "IQ"),
    "Zirgwez": ((35.42514, 45.42665), "IQ"),
    "Choman": ((36.64, 44.89139), "IQ"),
    "Mergasor": ((36.84069, 44.30229), "IQ"),
    "Rawanduz": ((36.609692, 44.522395), "IQ"),
    "Haji Omaran": ((36.67331, 45.04386), "IQ"),
    "Tamarchin": ((36.6598, 45.0813), "IR"),
    "Bashmaq": ((35.60639, 46.0351), "IR"),
    "Parviz Khan": ((34.55994, 45.58926), "IQ"),
    "Khosravi": ((34.3928, 45.4741), "IR"),
    "Al-Mundhiriya": ((34.38063, 45.46318), "IQ"),
    "Mehran": ((33.1222, 46.1646), "IR"),
    "Zurbatiyah": ((33.15, 46.05), "IQ"),
    "Shalamcheh": ((30.5, 48.066667), "IR"),
    "Kileh": ((36.164313, 45.36259), "IR"),
    "Said Sadiq": ((35.35278, 45.86682), "IQ"),
    "Arbat": ((35.42241, 45.58003), "IQ"),
    "Khalifan": ((36.6505, 44.41116), "IQ"),
    "Qandil Mountains": ((36.541111, 44.996111), "IQ"),
    "Makhmour camp": ((35.789306, 43.606097), "IQ"),
}


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points."""
    (lat1, lon1), (lat2, lon2) = (tuple(map(math.radians, p)) for p in (a, b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


@pytest.mark.parametrize("name", sorted(SOURCED))
def test_border_name_is_found_within_10_km(gaz: Gazetteer, name: str) -> None:
    """The first three exact matches (villages included) or the first three folded ones hold the place.

    Recognition then picks among them by the text around the name.
    """
    point, country = SOURCED[name]
    found = gaz.lookup(name, support=True, country=country, fuzzy=False)[:3]
    found += [e for e in gaz.folded(name) if e.country == country][:3]
    assert found, f"{name} not found"
    distances = [km(point, (e.lat, e.lon)) for e in found]
    assert min(distances) < 10, f"{name}: {[(e.id, round(d, 1)) for e, d in zip(found, distances, strict=True)]}"


@pytest.mark.parametrize(
    ("name", "kind", "inside"),
    [
        ("Bradost sub-district", "adm3", (36.79677, 44.67208)),  # its centre, Sidakan
        ("Penjwen district", "adm2", (35.62054, 45.94908)),  # Penjwen town
        ("Koya district", "adm2", (36.08289, 44.62873)),  # Koya town
        ("Haji Omaran sub-district", "adm3", (36.67331, 45.04386)),
    ],
)
def test_area_names_find_their_polygon(gaz: Gazetteer, name: str, kind: str, inside: tuple[float, float]) -> None:
    (entry,) = gaz.lookup(name, kind=kind, limit=1)
    assert entry.is_area and entry.country == "IQ"
    assert shapely.contains_xy(entry.geometry, inside[1], inside[0])


def test_iraq_districts_and_sub_districts_are_ocha_polygons(gaz: Gazetteer) -> None:
    districts = [e for e in gaz if e.kind == "adm2" and e.country == "IQ"]
    subs = [e for e in gaz if e.kind == "adm3"]
    assert len(districts) == 101 and len(subs) == 294
    assert all(e.is_area and e.pcode and e.admin1_id for e in districts + subs)
    by_id = {e.id: e for e in districts}
    assert all(by_id[s.admin2_id].pcode == s.pcode[: len(by_id[s.admin2_id].pcode)] for s in subs)  # type: ignore[index]
    assert gaz.get("geonames:9166588").pcode == "IQG11Q03"  # a point-era district id kept: Koysinjaq (Koya)
    sidakan = gaz.get("geonames:90727")
    assert sidakan is not None and sidakan.admin3_id == "ocha:IQG11Q05N06" and sidakan.admin2 == "Rawanduz"


def test_crossing_sides_are_linked(gaz: Gazetteer) -> None:
    pairs = [("Haji Omaran", "Tamarchin"), ("Zurbatiyah", "Mehran crossing"), ("Al-Mundhiriya", "Khosravi")]
    for one, other in pairs:
        a, b = gaz.lookup(one, kind="crossing")[0], gaz.lookup(other, kind="crossing")[0]
        assert a.counterpart_id == b.id and b.counterpart_id == a.id
        assert a.country != b.country
    crossings = [e for e in gaz if e.kind == "crossing"]
    assert all(gaz[e.counterpart_id].counterpart_id == e.id for e in crossings if e.counterpart_id)
    # a crossing with no sourced gate sits on its named town's point, and says so
    bashmaq = gaz["crossing:bashmaq"]
    town = gaz["geonames:141130"]
    assert bashmaq.point_basis == "town" and (bashmaq.lat, bashmaq.lon) == (town.lat, town.lon)
    assert gaz["crossing:kileh"].point_basis == "derived"


def test_villages_that_need_support_stay_out_of_iteration_and_name_lookup(gaz: Gazetteer) -> None:
    village = gaz.get("geonames:8470646")  # Derhol, near Sidakan: no population
    assert village is not None and village.needs_support and village.population is None
    assert village.id in gaz and village.id not in {e.id for e in gaz}
    assert not any(e.needs_support for e in gaz)
    assert gaz.lookup("Derhol", fuzzy=False) == []
    assert gaz.lookup("Derhol", support=True)[0] == village
    assert gaz.importance(village) < min(gaz.importance(e) for e in gaz if e.kind == "populated_place")
    assert gaz.counts()["kind"]["populated_place (needs support)"] > 100_000


def test_recognition_lexicon_leaves_needs_support_villages_out(gaz: Gazetteer) -> None:
    from geo import _lexicon

    lexicon = _lexicon.for_gazetteer(gaz)
    ids = {i for value in lexicon.entries.values() for i in value.ids}
    assert "geonames:8470646" not in ids  # Derhol
    assert {"ocha:IQG11Q05N06", "crossing:bashmaq", "crossing:parviz-khan", "landmark:erbil-airport"} <= ids
    # hand-listed word names ("Al-Salam", "Kanan") are in the common-word table, so no bare sub-district takes them
    assert "al salam" not in lexicon.entries and "kanan" not in lexicon.entries


def test_folded_index_holds_every_name_of_a_sample(gaz: Gazetteer) -> None:
    entries = list(gaz)
    for row in range(0, len(entries), 97):
        entry = entries[row]
        for name in (entry.name, *entry.alt_names):
            key = fold_key(name)
            if len(key) >= 2:
                assert row in gaz.folded_rows(key), (entry.id, name)


@pytest.mark.parametrize(
    "variants",
    [
        ("Sidakan", "Sidekan", "Siddkan", "Sîdekan"),
        ("Bashmaq", "Bashmakh", "Bashmagh"),
        ("Parviz", "Parvez", "Parwez"),
        ("Zrgwez", "Zirgwez", "Zargwez", "Zergwez", "Zṟgwêz", "Zirkuwayz"),
        ("Koya", "Koye", "Koyeh"),
        ("Koy Sanjaq", "Koysinjaq", "Koysanjaq"),
        ("Haji Omaran", "Haj Omran", "Hajj Umran", "Ḩājj ‘Umrān"),
        ("Jezhnikan", "Cezhnîkan"),
        ("Perde", "Pirde", "Prde", "Pirdê"),
        ("Chazabeh", "Chazzabeh"),
        ("Penjwen", "Panjwin", "Baynjiwayn"),
        ("Şemzînan", "Shemzinan"),
        ("Mexmur", "Makhmur", "Makhmour"),
        ("Darhol", "Derhoł"),
    ],
)
def test_folding_joins_transliteration_variants(variants: tuple[str, ...]) -> None:
    keys = {fold_key(v) for v in variants}
    assert len(keys) == 1, dict(zip(variants, map(fold_key, variants), strict=True))


@pytest.mark.parametrize(("one", "other"), [("Degala", "Dehlaq"), ("Sidakan", "Soran"), ("Surdash", "Sardasht")])
def test_folding_keeps_different_names_apart(one: str, other: str) -> None:
    assert fold_key(one) != fold_key(other)


def test_folding_table_is_data() -> None:
    from gazetteer.names import FOLDING_TABLE

    rows = [r for r in FOLDING_TABLE.read_text(encoding="utf-8").splitlines() if r and not r.startswith("#")]
    assert all(len(r.split("\t")) == 3 for r in rows)
    assert any(r.startswith("w\tv\t") for r in rows)


# Personal names and Arabic/Kurdish words that are also names of sub-districts, villages or crossings.
PEOPLE = (
    "Salam Walid Rasheed Mansour Aziz Adel Hilal Nasr Majd Kanan Rabia Talha Shwan Diana Hero Sumer Dijla Rebwar "
    "Karwan Hiwa Kawa Aram Azad Baran Dara Goran Hemin Jiyan Rojin Shilan Zana Jafari Hosseini Mousavi Rezaei "
    "Karimi Hashemi Sadeghi Moradi Khalil Yasin Karim Rahim Salim Sami Zaid Tariq Bashir Nadia Layla Zainab"
).split()
WORDS = "the council said on a quiet morning that a meeting with their friends and teachers would follow".split()


def test_personal_names_and_words_find_no_new_admin_area_or_village(gaz: Gazetteer) -> None:
    """Names of people in plain sentences: no sub-district, crossing or village that needs support is found."""
    import random

    from geo.model import Document
    from geo.resolve import places_from_document

    rng = random.Random(15)
    sentences = []
    for _ in range(400):
        words = [rng.choice(WORDS) for _ in range(8)]
        words.insert(rng.randrange(1, 8), rng.choice(PEOPLE))
        words.insert(rng.randrange(1, 9), f"{rng.choice(PEOPLE)} {rng.choice(PEOPLE)}")
        sentences.append(" ".join(words).capitalize() + ".")
    # a control: the same text does find real places, a sub-district and a village among them; the places
    # also give every name a neighbourhood, so a village named like a person would be taken if it could be
    sentences.insert(200, "Shells fell on villages of the Bradost sub-district, north of Erbil, on Tuesday.")
    sentences.insert(300, "Families near Soran fled the village of Sidakan.")
    places = places_from_document(Document(id="people", text=" ".join(sentences)), gaz)
    found = {(p.place_id, p.kind) for p in places if p.place_id}
    control = {
        ("ocha:IQG11Q05N06", "adm3"),
        ("geonames:95446", "populated_place"),
        ("geonames:96961", "populated_place"),
        ("geonames:90727", "populated_place"),
    }
    assert control <= found
    found -= control
    assert not [f for f in found if f[1] in ("adm3", "crossing") or gaz[f[0]].needs_support]
