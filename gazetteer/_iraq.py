"""Iraq's districts and sub-districts as OCHA COD-AB polygons (SOURCES.md file 12).

Districts (``adm2``) keep the GeoNames ids the gazetteer gave them when they
were points, where ``curated/iraq_districts.csv`` maps the P-code to one; the
others, and every sub-district (``adm3``), are ``ocha:<P-code>``. The
governorates stay Natural Earth's polygons and get their OCHA P-code here.
"""

from __future__ import annotations

import csv
from pathlib import Path

import shapely
from shapely.geometry.base import BaseGeometry

from gazetteer import _sources as sources
from gazetteer._entries import Entry, clean_names, new_entry

#: Generic words English reports put after a district's or sub-district's name.
DISTRICT_FORMS = ("{} District", "Qadha {}")
SUBDISTRICT_FORMS = ("{} sub-district", "{} Subdistrict", "Nahiyat {}")


def district_ids(path: Path) -> dict[str, str]:
    """P-code -> the id a district kept from the point era (rows marked ``kept``)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return {row["pcode"]: row["old_id"] for row in csv.DictReader(fh) if row["status"] == "kept"}


def _adm1_by_pcode(src: Path, entries: list[Entry]) -> dict[str, Entry]:
    """Each OCHA governorate P-code -> the Natural Earth governorate it overlaps most (P-code set on it)."""
    iraq = [e for e in entries if e["kind"] == "adm1" and e["country"] == "IQ" and e["geometry"].area > 0]
    out: dict[str, Entry] = {}
    for row in sources.ocha_iraq(src, 1):
        pcode = row["props"]["ADM1_PCODE"]
        overlap = [float(shapely.intersection(row["geometry"], e["geometry"]).area) for e in iraq]
        best = iraq[max(range(len(iraq)), key=lambda i: (overlap[i], -i))]
        best["pcode"] = pcode
        out[pcode] = best
    return out


def _area(row_props: dict[str, object], geom: BaseGeometry, level: int, ident: str, forms: tuple[str, ...]) -> Entry:
    english = str(row_props[f"ADM{level}_EN"])
    arabic = str(row_props[f"ADM{level}_AR"] or "")
    names = [arabic, *(form.format(english) for form in forms)]
    entry = new_entry(
        ident,
        english,
        f"adm{level}",
        geom,
        country="IQ",
        source="ocha",
        pcode=str(row_props[f"ADM{level}_PCODE"]),
        alt_names=clean_names(english, names),
        note="OCHA COD-AB 2019 (CSO/ITOS) boundary; federal map, not the KRG's newer districts",
    )
    entry["name_langs"] = {arabic: "ara", english: "eng"}
    return entry


def areas(src: Path, entries: list[Entry], ids_path: Path) -> list[Entry]:
    """Iraq's 101 districts and 294 sub-districts, parents filled.

    A district that keeps a point-era id also keeps that entry's names (GeoNames
    spellings such as "Koisnjaq"); the display name is OCHA's.
    """
    adm1 = _adm1_by_pcode(src, entries)
    kept = district_ids(ids_path)
    old = {e["id"]: e for e in entries if e["kind"] == "adm2" and e["country"] == "IQ"}
    out: list[Entry] = []
    districts: dict[str, Entry] = {}
    for row in sources.ocha_iraq(src, 2):
        props = row["props"]
        pcode = str(props["ADM2_PCODE"])
        entry = _area(props, row["geometry"], 2, kept.get(pcode, f"ocha:{pcode}"), DISTRICT_FORMS)
        previous = old.get(entry["id"])
        if previous is not None:
            entry["alt_names"] = clean_names(
                entry["name"], [*entry["alt_names"], previous["name"], *previous["alt_names"]]
            )
            entry["admin_code"] = previous["admin_code"]
        parent = adm1[str(props["ADM1_PCODE"])]
        entry["admin1"], entry["admin1_id"] = parent["name"], parent["id"]
        districts[pcode] = entry
        out.append(entry)
    for row in sources.ocha_iraq(src, 3):
        props = row["props"]
        entry = _area(props, row["geometry"], 3, f"ocha:{props['ADM3_PCODE']}", SUBDISTRICT_FORMS)
        district = districts[str(props["ADM2_PCODE"])]
        entry["admin1"], entry["admin1_id"] = district["admin1"], district["admin1_id"]
        entry["admin2"], entry["admin2_id"] = district["name"], district["id"]
        out.append(entry)
    return out


def assign_areas(entries: list[Entry]) -> None:
    """Fill admin2 and admin3 of every Iraqi point entry from the polygon that covers it."""
    districts = [e for e in entries if e["kind"] == "adm2" and e["country"] == "IQ" and e["source"] == "ocha"]
    subs = [e for e in entries if e["kind"] == "adm3"]
    points = [e for e in entries if e["country"] == "IQ" and e["geometry"].geom_type == "Point"]
    geoms = [e["geometry"] for e in points]
    for areas_, level in ((districts, "admin2"), (subs, "admin3")):
        tree = shapely.STRtree([a["geometry"] for a in areas_])
        point_idx, area_idx = tree.query(geoms, predicate="intersects")
        found: dict[int, int] = {}
        for p, a in zip(point_idx.tolist(), area_idx.tolist(), strict=True):
            found[p] = min(found.get(p, a), a)  # on a shared edge: the first by P-code
        for p, a in sorted(found.items()):
            points[p][level], points[p][f"{level}_id"] = areas_[a]["name"], areas_[a]["id"]
