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
        "borderlens curated tables",
        "CC BY 4.0",
        "gazetteer/curated/",
        "border crossings, villages, regions; each row names the page it was sourced from",
    ),
)

#: One line for map footers and reports.
ATTRIBUTION = (
    "Places: GeoNames (CC BY 4.0). Boundaries: Made with Natural Earth. "
    "Iranian counties: © OpenStreetMap contributors (ODbL)."
)
