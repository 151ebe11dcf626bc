"""Readers for the open source files in ``shared/data`` (see its SOURCES.md).

Each reader returns plain rows (dicts with a shapely ``geometry``) in a fixed
order, so the build that stacks them is deterministic. Nothing here decides
ids or parents; :mod:`gazetteer.build` does.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from geo.errors import GazetteerError

__all__ = ["FOCUS_ISO2", "FOCUS_ISO3", "GazetteerError", "Row"]

Row = dict[str, Any]

FOCUS_ISO2 = ("IQ", "IR", "TR", "SY")
FOCUS_ISO3 = {"IRQ": "IQ", "IRN": "IR", "TUR": "TR", "SYR": "SY"}


def _need(src: Path, name: str) -> Path:
    path = src / name
    if not path.is_file():
        raise GazetteerError(f"source file {str(path)!r} is missing; pass the folder that holds SOURCES.md")
    return path


def _features(path: Path) -> Iterator[tuple[dict[str, Any], BaseGeometry]]:
    with path.open(encoding="utf-8") as fh:
        data = json.load(fh)
    for feature in data["features"]:
        geom = shape(feature["geometry"])
        if not geom.is_valid:
            # "structure" keeps a polygon a polygon (the default may add stray lines).
            geom = shapely.make_valid(geom, method="structure", keep_collapsed=False)
        yield feature["properties"], geom


def _tsv(path: Path, *, encoding: str = "utf-8") -> list[dict[str, str]]:
    with path.open(encoding=encoding, newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def split_names(*values: Any, sep: str = "|") -> list[str]:
    """Flatten name fields (some pipe- or comma-joined) into a list, blanks dropped."""
    out: list[str] = []
    for value in values:
        if not value or not isinstance(value, str):
            continue
        out.extend(part.strip() for part in value.split(sep) if part.strip())
    return out


def country_info(src: Path) -> dict[str, dict[str, str]]:
    """GeoNames countryInfo.txt keyed by ISO alpha-2 (the file starts with a BOM)."""
    header: list[str] = []
    rows: dict[str, dict[str, str]] = {}
    with _need(src, "geonames_countryInfo.txt").open(encoding="utf-8-sig") as fh:
        for line in fh:
            if line.startswith("#"):
                header = line[1:].rstrip("\n").split("\t")
                continue
            values = line.rstrip("\n").split("\t")
            row = dict(zip(header, values, strict=False))
            rows[row["ISO"]] = row
    return rows


def countries(src: Path) -> list[Row]:
    """Natural Earth 1:50m admin-0 polygons joined to GeoNames country info."""
    info = country_info(src)
    by_iso3 = {row["ISO3"]: iso2 for iso2, row in info.items()}
    rows: list[Row] = []
    for props, geom in _features(_need(src, "ne_50m_admin0_countries_world.geojson")):
        iso2 = props.get("ISO_A2")
        if iso2 not in info:
            iso2 = by_iso3.get(props.get("ADM0_A3") or "") or by_iso3.get(props.get("ISO_A3_EH") or "")
        if iso2 is None or iso2 not in info:
            continue  # disputed units GeoNames does not list (e.g. Somaliland)
        meta = info[iso2]
        names = split_names(
            props.get("NAME"),
            props.get("NAME_LONG"),
            props.get("ADMIN"),
            props.get("FORMAL_EN"),
            props.get("NAME_ALT"),
            props.get("BRK_NAME"),
            props.get("NAME_SORT"),
            props.get("NAME_CIAWF"),
        )
        rows.append(
            {
                "geonameid": meta["geonameid"],
                "name": meta["Country"],
                "alt_names": names,
                "country": iso2,
                "iso_code": iso2,
                "population": int(meta["Population"] or 0) or None,
                "geometry": geom,
            }
        )
    return rows


def admin1(src: Path) -> list[Row]:
    """Natural Earth 1:10m admin-1 polygons of the four focus countries."""
    rows: list[Row] = []
    for props, geom in _features(_need(src, "ne_10m_admin1_IRQ_IRN_TUR_SYR.geojson")):
        # Skips the UNDOF zone (code "SY-X01~"), which is no admin area.
        if props.get("adm0_a3") not in FOCUS_ISO3 or not str(props.get("iso_3166_2") or "")[3:].isalnum():
            continue
        rows.append({"props": props, "geometry": geom, "country": FOCUS_ISO3[props["adm0_a3"]]})
    return rows


def admin_codes(src: Path, level: int) -> dict[str, str]:
    """GeoNames admin1 or admin2 code -> name (``IQ.11`` -> ``Erbil``)."""
    name = f"geonames_admin{level}_codes_IQ_IR_TR_SY.tsv"
    return {row["code"]: row["name"] for row in _tsv(_need(src, name))}


def iso3166_2(src: Path) -> dict[str, dict[str, str]]:
    """ISO 3166-2 subdivisions (current scheme) keyed by code."""
    with _need(src, "iso3166_2_IQ_IR_TR_SY.csv").open(encoding="utf-8", newline="") as fh:
        return {row["code"]: row for row in csv.DictReader(fh)}


def iran_counties(src: Path) -> list[Row]:
    """OSM county (shahrestan) polygons of Iran with their name tags."""
    rows: list[Row] = []
    for props, geom in _features(_need(src, "osm_iran_counties.geojson")):
        rows.append({"props": props, "geometry": geom})
    return rows


def border_lines(src: Path) -> list[Row]:
    """Natural Earth land boundary lines, keyed by the sorted pair of ISO3 codes."""
    rows: list[Row] = []
    for props, geom in _features(_need(src, "ne_10m_admin0_boundary_lines_land_IRQ_IRN_TUR_SYR.geojson")):
        left, right = props.get("adm0_a3_l"), props.get("adm0_a3_r")
        if not left or not right or left == right:
            continue
        rows.append({"pair": "-".join(sorted((left, right))), "geometry": geom})
    return rows


def cities500(src: Path) -> list[dict[str, str]]:
    """GeoNames populated places of IQ, IR, TR, SY with pipe-joined alternate names."""
    return _tsv(_need(src, "geonames_cities500_IQ_IR_TR_SY.tsv"))


def cities_npm(src: Path) -> list[dict[str, str]]:
    """The newer GeoNames city list: no ids, but admin2 codes."""
    return _tsv(_need(src, "geonames_cities_npm_IQ_IR_TR_SY.tsv"))


def cities15000(src: Path) -> list[dict[str, str]]:
    """The world GeoNames ``cities15000.txt`` table (19 columns, no header)."""
    columns = [
        "geonameid",
        "name",
        "asciiname",
        "alternatenames",
        "latitude",
        "longitude",
        "feature_class",
        "feature_code",
        "country_code",
        "cc2",
        "admin1",
        "admin2",
        "admin3",
        "admin4",
        "population",
        "elevation",
        "dem",
        "timezone",
        "modified",
    ]
    rows: list[dict[str, str]] = []
    with _need(src, "geonames_cities15000_world.txt").open(encoding="utf-8", newline="") as fh:
        for line in fh:
            values = line.rstrip("\n").split("\t")
            rows.append(dict(zip(columns, values, strict=False)))
    return rows


OCHA_IRAQ = "ocha_cod_ab_irq_admbnda_adm{level}_cso_20190603.geojson"


def ocha_iraq(src: Path, level: int) -> list[Row]:
    """OCHA COD-AB Iraq areas of one level (1 governorates, 2 districts, 3 sub-districts), by P-code."""
    rows = [{"props": props, "geometry": geom} for props, geom in _features(_need(src, OCHA_IRAQ.format(level=level)))]
    return sorted(rows, key=lambda row: str(row["props"][f"ADM{level}_PCODE"]))


#: Who's On First extracts of GeoNames populated places, by country (SOURCES.md files 13-16).
WOF_PLACES = {
    "IQ": "wof_geonames_places_IQ.tsv",
    "IR": "wof_geonames_places_IR.tsv",
    "SY": "wof_geonames_places_SY.tsv",
    "TR": "wof_geonames_places_TR_east36E.tsv",
}


def wof_places(src: Path, country: str) -> list[dict[str, str]]:
    """One country's WOF localities (neighbourhoods, counties and regions left out), by WOF id."""
    rows = [row for row in _tsv(_need(src, WOF_PLACES[country])) if row["placetype"] == "locality"]
    return sorted(rows, key=lambda row: int(row["wof_id"]))


def tagged_names(value: str) -> list[tuple[str, str]]:
    """``"ara:سيدكان|und:Sidaka"`` -> ``[("ara", "سيدكان"), ("und", "Sidaka")]``."""
    out = []
    for part in split_names(value):
        lang, sep, name = part.partition(":")
        if sep and name.strip():
            out.append((lang, name.strip()))
    return out


def sourced_points(src: Path) -> list[dict[str, str]]:
    """The hand-curated table of sourced points (crossings, landmarks, camps, airports)."""
    with _need(src, "curated_sourced_points.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))
