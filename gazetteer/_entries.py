"""Turn source rows into gazetteer entries: countries, admin areas, places.

An entry here is a plain dict with the shipped columns. Ids follow the design:
``geonames:<id>`` where GeoNames has the feature, otherwise a readable id
(``osm:relation:<id>`` for OSM counties, ``adm1:halabja-governorate``...).
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import shapely
from rapidfuzz import fuzz
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from gazetteer import _sources as sources
from gazetteer.names import is_useful_alias, name_key

Entry = dict[str, Any]

# Neighbours whose large towns news about the border names (Kuwait City, Amman...).
NEIGHBOURS = ("KW", "SA", "JO", "LB", "IL", "PS", "AZ", "AM", "GE", "TM", "AF", "PK", "BH", "QA", "AE", "OM")


def new_entry(
    id: str, name: str, kind: str, geometry: BaseGeometry, *, country: str | None, source: str, **extra: Any
) -> Entry:
    """An entry with every shipped column present, so stacking rows stays uniform."""
    entry: Entry = {
        "id": id,
        "name": name,
        "kind": kind,
        "country": country,
        "admin1": None,
        "admin1_id": None,
        "admin2": None,
        "admin2_id": None,
        "admin3": None,
        "admin3_id": None,
        "pcode": None,
        "population": None,
        "iso_code": None,
        "iso_code_old": None,
        "admin_code": None,
        "feature_code": None,
        "alt_names": [],
        "source": source,
        "source_url": None,
        "note": None,
        "needs_support": False,
        "alt_langs": [],
        "counterpart_id": None,
        "point_basis": None,
        "geometry": geometry,
    }
    entry.update(extra)
    return entry


def clean_names(canonical: str, names: list[str], *, trusted: frozenset[str] = frozenset()) -> list[str]:
    """Useful alternate names, deduplicated by lookup key, canonical excluded, order kept.

    ``trusted`` names (curated aliases such as "UAE") skip the usefulness filter
    that drops codes from the bulk sources.
    """
    seen = {name_key(canonical)}
    out: list[str] = []
    for name in names:
        name = " ".join(name.split())
        key = name_key(name)
        if key and key not in seen and (name in trusted or is_useful_alias(name)):
            seen.add(key)
            out.append(name)
    return out


def countries(src: Path) -> list[Entry]:
    """World countries; the four focus countries get the 1:10m outline dissolved from admin-1."""
    admin1 = sources.admin1(src)
    detailed: dict[str, list[BaseGeometry]] = defaultdict(list)
    for row in admin1:
        detailed[row["country"]].append(row["geometry"])
    out = []
    for row in sources.countries(src):
        geom = row["geometry"]
        if row["country"] in detailed:
            geom = shapely.union_all(detailed[row["country"]])
        out.append(
            new_entry(
                f"geonames:{row['geonameid']}",
                row["name"],
                "country",
                geom,
                country=row["country"],
                source="naturalearth+geonames",
                iso_code=row["iso_code"],
                population=row["population"],
                alt_names=clean_names(row["name"], row["alt_names"]),
            )
        )
    return out


# Natural Earth still uses Kirkuk's pre-2012 code (At-Ta'mim); ISO 3166-2 now says IQ-KI.
RENAMED_ISO = {"IQ-TS": "IQ-KI"}


def iran_current_codes(admin1_rows: list[dict[str, Any]], counties: list[dict[str, Any]]) -> dict[int, str]:
    """Current ISO code of each Iranian province row (by its index in ``admin1_rows``).

    Natural Earth uses the old codes (and gives Tehran and Alborz the same one).
    The OSM counties carry the current code; the province polygon that holds
    most of a code's county label points is that code's province.
    """
    iran = [i for i, row in enumerate(admin1_rows) if row["country"] == "IR"]
    tree = shapely.STRtree([admin1_rows[i]["geometry"] for i in iran])
    votes: dict[int, Counter[str]] = defaultdict(Counter)
    for county in counties:
        point = county["geometry"].representative_point()
        for idx in tree.query(point, predicate="within"):
            votes[iran[int(idx)]][county["props"]["province_file_code"]] += 1
    return {i: counter.most_common(1)[0][0] for i, counter in sorted(votes.items())}


def admin1(src: Path, counties: list[dict[str, Any]]) -> list[Entry]:
    """Governorates and provinces of IQ, IR, TR and SY as polygons, with old and current ISO codes."""
    rows = sources.admin1(src)
    gn_names = sources.admin_codes(src, 1)
    iso = sources.iso3166_2(src)
    current = iran_current_codes(rows, counties)
    out = []
    for i, row in enumerate(rows):
        props = row["props"]
        code = props["iso_3166_2"]
        iso_code, iso_old = RENAMED_ISO.get(code, code), (code if code in RENAMED_ISO else None)
        if row["country"] == "IR":
            iso_code, iso_old = current[i], code
        gn_code = props.get("gn_a1_code") or None
        name = (gn_names.get(gn_code or "") if row["country"] == "IQ" else None) or props["name_en"] or props["name"]
        names = sources.split_names(
            props.get("name"),
            props.get("name_alt"),
            props.get("name_en"),
            props.get("gn_name"),
            props.get("woe_name"),
            props.get("name_local"),
            props.get("name_ar"),
            props.get("name_fa"),
            props.get("name_tr"),
            gn_names.get(gn_code or ""),
            iso.get(iso_code, {}).get("name"),
        )
        gn_id = props.get("gn_id") or 0
        ident = f"geonames:{gn_id}" if gn_id and gn_id > 0 else f"adm1:{iso_code.lower()}"
        out.append(
            new_entry(
                ident,
                name,
                "adm1",
                row["geometry"],
                country=row["country"],
                source="naturalearth",
                iso_code=iso_code,
                iso_code_old=iso_old,
                admin_code=gn_code,
                alt_names=clean_names(name, names),
                label=(float(props["longitude"]), float(props["latitude"])),
            )
        )
    return out


def iran_counties(counties: list[dict[str, Any]]) -> list[Entry]:
    """Iran's counties (OSM admin_level 5) with English, Persian and Kurdish names."""
    out = []
    for row in counties:
        props = row["props"]
        english = props.get("name:en") or props.get("name")
        name = english.removesuffix(" County").strip()
        names = [english] + [
            value
            for key, value in sorted(props.items())
            if isinstance(value, str)
            and (key == "name" or key.startswith(("name:", "alt_name", "old_name", "official_name")))
            and key.split(":")[-1]
            in ("name", "en", "fa", "ku", "ckb", "ar", "azb", "alt_name", "old_name", "official_name")
        ]
        population = props.get("population")
        out.append(
            new_entry(
                f"osm:{props['osm_type']}:{props['osm_id']}",
                name,
                "adm2",
                row["geometry"],
                country="IR",
                source="openstreetmap",
                alt_names=clean_names(name, sources.split_names(*names, sep=";")),
                province_code=props.get("province_file_code"),
                population=int(population) if str(population or "").isdigit() else None,
            )
        )
    return out


def _district_name(raw: str) -> str:
    """'Qaḑā’ Ḩalabchah' -> 'Ḩalabchah'; 'Rania District' -> 'Rania'."""
    for prefix in ("Qaḑā’ ", "Qaḑā' ", "Qeza-î ", "Qadaa "):
        raw = raw.removeprefix(prefix)
    return raw.removesuffix(" District").removesuffix(" district").strip()


def iraq_districts(src: Path, towns: list[dict[str, str]]) -> list[Entry]:
    """Iraq's GeoNames districts as points at their seats: the ids and names before the OCHA polygons.

    :func:`gazetteer._iraq.areas` reads them for the ids and spellings the OCHA
    districts keep (``curated/iraq_districts.csv``); they are not shipped. The
    point is the district's namesake town where one matches, else its largest listed town.
    """
    by_code: dict[str, list[dict[str, str]]] = defaultdict(list)
    for town in towns:
        if town["countrycode"] == "IQ" and town["admin2code"]:
            by_code[f"IQ.{town['admin1code']}.{town['admin2code']}"].append(town)
    out = []
    for code, raw in sorted(sources.admin_codes(src, 2).items()):
        if not code.startswith("IQ.") or code not in by_code:
            continue
        name = _district_name(raw)
        members = by_code[code]
        best = max(members, key=lambda t: (fuzz.WRatio(name_key(name), name_key(t["name"])), -members.index(t)))
        point = Point(float(best["longitude"]), float(best["latitude"]))
        out.append(
            new_entry(
                f"geonames:{code.rsplit('.', 1)[1]}",
                name,
                "adm2",
                point,
                country="IQ",
                source="geonames",
                admin_code=code,
                alt_names=clean_names(name, [raw, f"{name} District"]),
                note=f"point at {best['name']}: no open boundary for this district",
            )
        )
    return out


def populated_places(src: Path) -> list[Entry]:
    """GeoNames towns of IQ, IR, TR, SY, plus capitals and large cities elsewhere."""
    world = sources.cities15000(src)
    codes = {row["geonameid"]: row["feature_code"] for row in world}
    out = []
    for row in sources.cities500(src):
        out.append(
            new_entry(
                f"geonames:{row['geonameid']}",
                row["name"],
                "populated_place",
                Point(float(row["longitude"]), float(row["latitude"])),
                country=row["countrycode"],
                source="geonames",
                admin_code=f"{row['countrycode']}.{row['admin1code']}",
                population=int(row["population"] or 0) or None,
                feature_code=codes.get(row["geonameid"]),
                alt_names=clean_names(row["name"], sources.split_names(row["alternatenames"])),
            )
        )
    for row in world:
        cc, code, pop = row["country_code"], row["feature_code"], int(row["population"] or 0)
        if cc in sources.FOCUS_ISO2:
            continue
        if not (code == "PPLC" or pop >= 1_000_000 or (cc in NEIGHBOURS and (code == "PPLA" or pop >= 100_000))):
            continue
        names = sources.split_names(row["asciiname"], row["alternatenames"], sep=",")
        out.append(
            new_entry(
                f"geonames:{row['geonameid']}",
                row["name"],
                "populated_place",
                Point(float(row["longitude"]), float(row["latitude"])),
                country=cc,
                source="geonames",
                population=pop or None,
                feature_code=code,
                alt_names=clean_names(row["name"], names[:1] + [n for n in names[1:] if n.isascii()]),
            )
        )
    return out


def curated_places(path: Path) -> list[Entry]:
    """Hand-curated places the open data lacks, each with the page it was sourced from."""
    if not path.is_file():
        return []
    out = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            out.append(
                new_entry(
                    row["id"],
                    row["name"],
                    row["kind"],
                    Point(float(row["lon"]), float(row["lat"])),
                    country=row["country"] or None,
                    source="curated",
                    admin_code=row["admin1"] or None,
                    source_url=row["source_url"] or None,
                    note=row["note"] or None,
                    point_basis=row.get("point_basis") or None,
                    alt_names=clean_names(row["name"], sources.split_names(row["alt_names"])),
                )
            )
    return out
