"""Where the shipped gazetteer's data comes from, and the licence each part keeps."""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["ATTRIBUTION", "DATA_SOURCES", "DataSource"]


class DataSource(NamedTuple):
    name: str
    licence: str
    url: str
    used_for: str


DATA_SOURCES: tuple[DataSource, ...] = (
    DataSource(
        "GeoNames",
        "CC BY 4.0",
        "https://www.geonames.org/",
        "towns and their alternate names, admin codes, country facts",
    ),
    DataSource(
        "Natural Earth",
        "public domain",
        "https://www.naturalearthdata.com/",
        "country and province polygons, international boundary lines",
    ),
    DataSource(
        "OpenStreetMap contributors",
        "ODbL 1.0",
        "https://www.openstreetmap.org/copyright",
        "Iranian county polygons and names (via hosseinhabibi2004/iran-geojson)",
    ),
    DataSource(
        "Debian iso-codes (via pycountry)",
        "LGPL-2.1-or-later",
        "https://salsa.debian.org/iso-codes-team/iso-codes",
        "ISO 3166-2 subdivision codes and names",
    ),
    DataSource(
        "OCHA COD-AB Iraq (Central Statistics Organization of Iraq / OCHA, HDX)",
        "CC BY 3.0 IGO",
        "https://data.humdata.org/dataset/cod-ab-irq",
        "Iraqi district (adm2) and sub-district (adm3) polygons, P-codes, Arabic names",
    ),
    DataSource(
        "Who's On First (with GeoNames and Quattroshapes data)",
        "CC0 + CC BY 4.0 (GeoNames) + CC BY (Quattroshapes)",
        "https://github.com/whosonfirst-data/whosonfirst-data/blob/master/LICENSE.md",
        "villages of Iraq, Iran, Syria and eastern Turkey with language-tagged names (needs-support entries)",
    ),
    DataSource(
        "borderlens curated tables",
        "CC BY 4.0",
        "gazetteer/curated/",
        "border crossings (both sides linked), sourced points, regions, aliases; each row names its source",
    ),
)

#: One line for map footers and reports.
ATTRIBUTION = (
    "Places: GeoNames (CC BY 4.0), Who's On First. Boundaries: Made with Natural Earth; "
    "Iraqi districts: CSO Iraq / OCHA (CC BY 3.0 IGO). Iranian counties: © OpenStreetMap contributors (ODbL)."
)
