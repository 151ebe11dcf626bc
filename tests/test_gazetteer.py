"""The shipped gazetteer: what it holds, how lookups rank, where things are."""

from __future__ import annotations

import pytest
import shapely
from shapely.geometry import Point

from gazetteer import KINDS, Gazetteer
from gazetteer.names import name_key

AREA = ("Polygon", "MultiPolygon")

# Spellings news and the data use for each governorate / province (ISO 3166-2, current scheme).
SPELLINGS = {
    "IQ-AR": ["Arbil", "Erbil", "Irbil", "Hawler", "Hewlêr", "Erbil governorate", "Arbil Governorate"],
    "IQ-SU": ["As-Sulaymaniyah", "Sulaymaniyah", "Sulaimani", "Slemani", "Sulaimaniyah", "Sulaymaniyah province"],
    "IQ-DA": ["Dihok", "Duhok", "Dohuk", "Dahuk", "Duhok governorate"],
    "IQ-NI": ["Ninawa", "Nineveh", "Ninewa", "Mosul", "Nineveh governorate"],
    "IQ-SD": ["Sala ad-Din", "Salah ad-Din", "Salaheddin", "Salahuddin", "Salah al-Din", "Saladin"],
    "IQ-BB": ["Babil", "Babylon", "Babil governorate"],
    "IQ-KI": ["At-Ta'mim", "Kirkuk", "Tamim", "Kirkuk governorate"],
    "IQ-AN": ["Al-Anbar", "Anbar", "Anbar province"],
    "IQ-DI": ["Diyala", "Diyala governorate"],
    "IQ-BG": ["Baghdad", "Baghdad governorate"],
    "IQ-BA": ["Basra", "Al-Basrah", "Basra province"],
    "IQ-NA": ["Najaf", "An-Najaf"],
    "IQ-KA": ["Karbala", "Karbala'", "Kerbela"],
    "IQ-WA": ["Wasit", "Wassit"],
    "IQ-MA": ["Maysan", "Maysan governorate"],
    "IQ-DQ": ["Dhi Qar", "Thi Qar", "Dhi-Qar"],
    "IQ-MU": ["Muthanna", "Al-Muthanna"],
    "IQ-QA": ["Al-Qadisiyah", "Qadisiyah", "Al-Qādisiyyah"],
    "IR-12": ["Kordestan", "Kurdistan Province", "Kordestan province", "Kurdistan province"],
    "IR-04": ["West Azarbaijan", "West Azerbaijan", "West Azerbaijan province", "Azarbaijan-e Gharbi"],
    "IR-03": ["East Azarbaijan", "East Azerbaijan"],
    "IR-05": ["Kermanshah", "Kermanshah Province", "Bakhtaran"],
    "IR-16": ["Ilam", "Ilam province"],
    "IR-06": ["Khuzestan", "Khuzistan", "Khuzestan province"],
    "IR-23": ["Tehran", "Tehran Province", "Teheran"],
    "IR-24": ["Ardabil", "Ardebil"],
    "IR-10": ["Isfahan", "Esfahan"],
}


def adm1(gaz: Gazetteer, iso: str):
    (entry,) = [e for e in gaz if e.kind == "adm1" and e.iso_code == iso]
    return entry


def test_iraq_has_18_governorate_polygons_and_a_marked_halabja(gaz: Gazetteer) -> None:
    iraq = [e for e in gaz if e.kind == "adm1" and e.country == "IQ"]
    polygons = [e for e in iraq if e.geometry.geom_type in AREA]
    assert len(polygons) == 18
    (halabja,) = [e for e in iraq if e.geometry.geom_type == "Point"]
    assert halabja.name == "Halabja"
    assert "no open boundary" in (halabja.note or "")
    assert adm1(gaz, "IQ-SU").geometry.contains(halabja.geometry)


def test_iran_has_31_province_polygons_with_old_and_new_iso_codes(gaz: Gazetteer) -> None:
    iran = [e for e in gaz if e.kind == "adm1" and e.country == "IR"]
    assert len(iran) == 31
    assert all(e.geometry.geom_type in AREA for e in iran)
    assert len({e.iso_code for e in iran}) == 31
    kurdistan = adm1(gaz, "IR-12")
    assert (kurdistan.iso_code_old, kurdistan.name) == ("IR-16", "Kurdistan")
    assert adm1(gaz, "IR-04").iso_code_old == "IR-02"
    assert adm1(gaz, "IR-30").name == "Alborz"  # NE gives Alborz and Tehran one old code


def test_iran_counties_are_polygons_under_their_province(gaz: Gazetteer) -> None:
    counties = [e for e in gaz if e.kind == "adm2" and e.country == "IR"]
    assert len(counties) >= 470
    assert all(e.geometry.geom_type in AREA and e.admin1 for e in counties)
    sardasht = gaz.lookup("Sardasht County")[0]
    assert (sardasht.kind, sardasht.admin1) == ("adm2", "West Azerbaijan")


@pytest.mark.parametrize(("iso", "spelling"), [(iso, s) for iso, names in SPELLINGS.items() for s in names])
def test_every_spelling_of_a_governorate_or_province_resolves_to_its_polygon(
    gaz: Gazetteer, iso: str, spelling: str
) -> None:
    target = adm1(gaz, iso)
    found = gaz.lookup(spelling)
    assert target in found, f"{spelling!r} does not offer {target.name}"
    assert target.geometry.geom_type in AREA
    if name_key(spelling).endswith(("governorate", "province")):
        assert found[0] == target


def test_every_stored_name_of_every_focus_admin1_finds_it(gaz: Gazetteer) -> None:
    missing = [
        (e.name, alt)
        for e in gaz
        if e.kind == "adm1" and e.country in ("IQ", "IR")
        for alt in (e.name, *e.alt_names)
        if e not in gaz.lookup(alt, fuzzy=False)
    ]
    assert missing == []


@pytest.mark.parametrize("spelling", ["Arbil", "Hawler", "Irbil", "Erbil", "ERBIL", "Hewlêr", "أربيل"])
def test_erbil_city_first_governorate_among_candidates(gaz: Gazetteer, spelling: str) -> None:
    found = gaz.lookup(spelling)
    assert (found[0].name, found[0].kind, found[0].country) == ("Erbil", "populated_place", "IQ")
    assert adm1(gaz, "IQ-AR") in found


def test_koysinjaq_is_koya(gaz: Gazetteer) -> None:
    for spelling in ("Koysinjaq", "Koya", "Koye", "Koi Sanjaq"):
        top = gaz.lookup(spelling)[0]
        assert (top.name, top.kind, top.admin1) == ("Koya", "populated_place", "Erbil")


def test_babylon_offers_babil_governorate(gaz: Gazetteer) -> None:
    assert adm1(gaz, "IQ-BB") in gaz.lookup("Babylon")


def test_generic_word_decides_kurdistan(gaz: Gazetteer) -> None:
    assert gaz.lookup("Kurdistan province")[0] == adm1(gaz, "IR-12")
    assert gaz.lookup("Kurdistan Region")[0].id == "region:kurdistan-region-iraq"
    assert gaz.lookup("Iraq's Kurdistan region")[0].id == "region:kurdistan-region-iraq"
    assert gaz.lookup("Tehran Province")[0] == adm1(gaz, "IR-23")
    assert gaz.lookup("Tehran")[0].kind == "populated_place"


@pytest.mark.parametrize(
    ("alias", "country"),
    [
        ("UAE", "AE"),
        ("U.S.", "US"),
        ("United States", "US"),
        ("Islamic Republic of Iran", "IR"),
        ("Iran", "IR"),
        ("Morocco", "MA"),
        ("Israel", "IL"),
        ("Türkiye", "TR"),
    ],
)
def test_country_aliases(gaz: Gazetteer, alias: str, country: str) -> None:
    top = gaz.lookup(alias)[0]
    assert (top.kind, top.country) == ("country", country)
    assert top.geometry.geom_type in AREA


def test_lookup_filters_and_misses(gaz: Gazetteer) -> None:
    assert gaz.lookup("Arbill")[0].name == "Erbil"  # fuzzy
    assert gaz.lookup("Arbill", fuzzy=False) == []
    assert gaz.lookup("Qzxqzx") == []
    assert all(e.kind == "adm1" for e in gaz.lookup("Erbil", kind="adm1"))
    assert all(e.country == "IR" for e in gaz.lookup("Sardasht", country="ir"))
    assert len(gaz.lookup("Sardasht", limit=1)) == 1


def test_kurdistan_region_covers_its_cities_not_kirkuk(gaz: Gazetteer) -> None:
    kri = gaz["region:kurdistan-region-iraq"].geometry
    for city in ("Erbil", "Duhok", "Sulaymaniyah", "Halabja"):
        town = gaz.lookup(city, kind="populated_place", country="IQ")[0]
        assert kri.contains(town.geometry), city
    kirkuk = gaz.lookup("Kirkuk", kind="populated_place")[0]
    assert not kri.contains(kirkuk.geometry)


def test_containing_koya(gaz: Gazetteer) -> None:
    koya = gaz.lookup("Koya")[0]
    names = {e.id: e for e in gaz.containing(koya.geometry)}
    assert adm1(gaz, "IQ-AR").id in names
    assert "region:kurdistan-region-iraq" in names
    assert next(e.kind for e in gaz.containing((koya.lon, koya.lat))) == "country"


def test_containing_many_points_matches_one_by_one(gaz: Gazetteer) -> None:
    points = [Point(44.01, 36.19), Point(46.99, 35.31), Point(-30.0, 0.0), Point(51.39, 35.69)]
    bulk = gaz.containing(points)
    assert bulk == [gaz.containing(p) for p in points]
    assert bulk[2] == []
    assert {e.iso_code for e in bulk[1] if e.kind == "adm1"} == {"IR-12"}  # Sanandaj


def test_regions_have_honest_geometry(gaz: Gazetteer) -> None:
    sanandaj = gaz.lookup("Sanandaj", kind="populated_place")[0].geometry
    mahabad = gaz.lookup("Mahabad", kind="populated_place")[0].geometry
    mosul = gaz.lookup("Mosul", kind="populated_place")[0].geometry
    basra = gaz.lookup("Basra", kind="populated_place")[0].geometry
    assert gaz["region:iranian-kurdistan"].geometry.contains(sanandaj)
    assert gaz["region:iranian-kurdistan"].geometry.contains(mahabad)
    assert gaz["region:northwestern-iran"].geometry.contains(mahabad)
    assert gaz["region:northern-iraq"].geometry.contains(mosul)
    assert not gaz["region:northern-iraq"].geometry.contains(basra)
    for name in (
        "northern Iraq",
        "northwestern Iran",
        "Iranian Kurdistan",
        "the Iran–Iraq border",
        "Kurdistan Region–Iran border",
        "Iraq–Turkey border",
    ):
        assert gaz.lookup(name)[0].kind in ("region", "border"), name


def test_border_lines(gaz: Gazetteer) -> None:
    import pyproj

    border = gaz["border:iran-iraq"].geometry
    segment = gaz["border:kurdistan-region-iran"].geometry
    assert border.geom_type in ("LineString", "MultiLineString")
    length_km = pyproj.Geod(ellps="WGS84").geometry_length(border) / 1000
    assert 1300 < length_km < 1800  # about 1,600 km
    assert segment.length < border.length
    assert shapely.hausdorff_distance(segment, border.intersection(segment.buffer(0.01))) < 0.01
    kri = gaz["region:kurdistan-region-iraq"].geometry
    assert segment.distance(kri) < 0.05


def test_curated_crossings_lie_on_the_iran_iraq_border(gaz: Gazetteer) -> None:
    import pyproj
    from shapely.ops import nearest_points

    crossings = [e for e in gaz if e.kind == "crossing" and e.country in ("IQ", "IR")]
    assert len(crossings) >= 5
    geod = pyproj.Geod(ellps="WGS84")
    border = gaz["border:iran-iraq"].geometry
    for crossing in crossings:
        nearest = nearest_points(border, crossing.geometry)[0]
        _, _, metres = geod.inv(crossing.lon, crossing.lat, nearest.x, nearest.y)
        # a derived point (Kileh: placed from two road distances) is good to about 3 km more
        limit = 8_000 if crossing.point_basis == "derived" else 5_000
        assert metres < limit, f"{crossing.name} is {metres / 1000:.1f} km from the border line"
    for name, expected in (
        ("Haji Omaran", "crossing:haji-omaran"),
        ("Tamarchin", "crossing:tamarchin"),
        ("Mehran border crossing", "crossing:mehran"),
        ("Shalamcheh", "crossing:shalamcheh"),
        ("Kelishin Pass", "crossing:kelashin"),
    ):
        assert gaz.lookup(name)[0].id == expected, name


def test_curated_rows_cite_their_source(gaz: Gazetteer) -> None:
    curated = [e for e in gaz if e.source == "curated"]
    assert len(curated) >= 15
    import csv
    from pathlib import Path

    folder = Path(gaz.path).parent / "curated"
    rows = [
        row
        for table in ("places.csv", "sourced_points.csv", "crossings.csv")
        for row in csv.DictReader((folder / table).open(encoding="utf-8"))
    ]
    assert {r["id"] for r in rows} == {e.id for e in curated}
    assert all(r["source_url"].startswith("http") for r in rows)


def test_curated_places_news_names(gaz: Gazetteer) -> None:
    for name in ("Altun Kupri", "Prde", "Qandil", "Makhmour camp", "Halgurd"):
        found = gaz.lookup(name, fuzzy=False)
        assert found, name
        assert found[0].country == "IQ", name
        assert found[0].source == "curated", name


def test_every_entry_is_well_formed(gaz: Gazetteer) -> None:
    ids = [e.id for e in gaz]
    assert len(ids) == len(set(ids))
    for e in gaz:
        assert e.kind in KINDS
        assert e.name and e.geometry.is_valid and not e.geometry.is_empty, e.id
        assert -90 <= e.lat <= 90 and -180 <= e.lon <= 180
        if e.is_area:
            assert e.geometry.buffer(1e-6).contains(Point(e.lon, e.lat)), e.id
    assert all(e.country in ("IQ", "IR", "TR", "SY") for e in gaz if e.kind in ("adm1", "adm2"))


def test_to_geodataframe(gaz: Gazetteer) -> None:
    frame = gaz.to_geodataframe()
    assert len(frame) == len(gaz)
    assert frame.crs.to_epsg() == 4326
    assert set(frame.columns) >= {"id", "name", "kind", "country", "admin1", "population", "geometry"}
