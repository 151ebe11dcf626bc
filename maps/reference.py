"""Reference layers: the base map, admin areas, the Kurdistan Region, the border, and a choropleth.

Online, the base is OpenStreetMap or CARTO tiles (with their attribution), and
the bundled country shapes lie in a pane beneath them: with the network cut
off the tiles fail and the countries show through. Offline, the country shapes
are the base and no tile server is named at all. Reference shapes come from
the gazetteer, simplified for the screen.
"""

from __future__ import annotations

import functools
from collections import Counter
from typing import Any

import shapely
from branca.element import MacroElement
from jinja2 import Template

from gazetteer import Gazetteer
from geo.export import geometry_to_geojson
from maps.event_layers import script_json

__all__ = ["TILES", "ReferenceLayers", "choropleth_features", "simplified"]

TILES = (
    {
        "name": "OpenStreetMap",
        "url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "attribution": '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
        "max_zoom": 19,
    },
    {
        "name": "CARTO light",
        "url": "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}{r}.png",
        "attribution": '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors '
        '&copy; <a href="https://carto.com/attributions">CARTO</a>',
        "max_zoom": 19,
        "subdomains": "abcd",
    },
)
ADMIN_TOLERANCE = 0.005  # degrees, about 500 m: finer than a screen pixel at the zooms a region is read at
COUNTRY_TOLERANCE = 0.03
COUNTRY_MARGIN = 25.0  # degrees around the events' extent whose countries the base map draws
_CHOROPLETH = ("#fff5eb", "#fdd0a2", "#fd8d3c", "#d94801", "#7f2704")


@functools.lru_cache(maxsize=4096)
def _simplified(gaz: Gazetteer, place_id: str, tolerance: float) -> dict[str, Any] | None:
    entry = gaz.get(place_id)
    if entry is None:
        return None
    geom = shapely.simplify(entry.geometry, tolerance, preserve_topology=True)
    return geometry_to_geojson(geom, decimals=4)


def simplified(gaz: Gazetteer, place_id: str, tolerance: float = ADMIN_TOLERANCE) -> dict[str, Any] | None:
    """The entry's geometry, simplified for drawing, as GeoJSON (None for an unknown id)."""
    return _simplified(gaz, place_id, tolerance)


def _collection(
    gaz: Gazetteer, entries: list[Any], tolerance: float, extra: dict[str, dict[str, Any]] | None = None
) -> dict[str, Any]:
    features = []
    for entry in entries:
        geometry = simplified(gaz, entry.id, tolerance)
        if geometry is None:
            continue
        properties = {"name": entry.name, **(extra or {}).get(entry.id, {})}
        features.append({"type": "Feature", "geometry": geometry, "properties": properties})
    return {"type": "FeatureCollection", "features": features}


def _admin1(gaz: Gazetteer, country: str) -> list[Any]:
    return sorted((e for e in gaz if e.kind == "adm1" and e.country == country and e.is_area), key=lambda e: e.name)


def choropleth_features(gaz: Gazetteer, admin1_counts: Counter[tuple[str, str]]) -> dict[str, Any]:
    """Iraq's governorates and Iran's provinces coloured by how many events each holds."""
    entries = _admin1(gaz, "IQ") + _admin1(gaz, "IR")
    top = max(admin1_counts.values(), default=0)
    extra: dict[str, dict[str, Any]] = {}
    for entry in entries:
        count = admin1_counts.get((entry.country or "", entry.name), 0)
        shade = 0 if not count or not top else 1 + min(3, int(4 * (count - 1) / max(top, 1)))
        extra[entry.id] = {"count": count, "fill": _CHOROPLETH[shade]}
    return _collection(gaz, entries, ADMIN_TOLERANCE, extra)


class ReferenceLayers(MacroElement):  # type: ignore[misc]
    """Base map (tiles, or offline country shapes) and the reference overlays."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function () {
  var map = {{ this._parent.get_name() }};
  var layers = {{ this.payload }};
  map.setMinZoom(2);
  map.setMaxZoom(18);  // marker clusters need it, and offline there is no tile layer to set it
  var countryStyle = {color: "#8a8a8a", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1};
  if (layers.tiles) {
    borderlens.tiles(map, layers.tiles);
    borderlens.underlay(map, layers.countries, countryStyle);
  } else {
    borderlens.referenceLayer(map, layers.countries, {name: "Countries (offline)", base: true, tooltip: true,
      style: countryStyle});
  }
  borderlens.referenceLayer(map, layers.iraq, {name: "Iraq's governorates", shown: true, tooltip: true,
    style: {color: "#6b6b6b", weight: 1, fill: true, fillOpacity: 0, dashArray: "2 3"}});
  borderlens.referenceLayer(map, layers.iran, {name: "Iran's provinces", shown: true, tooltip: true,
    style: {color: "#6b6b6b", weight: 1, fill: true, fillOpacity: 0, dashArray: "2 3"}});
  borderlens.referenceLayer(map, layers.kri, {name: "Kurdistan Region", shown: true, tooltip: true,
    style: {color: "#b9770e", weight: 2, fillColor: "#f5cba7", fillOpacity: 0.18}});
  borderlens.referenceLayer(map, layers.border, {name: "Iran–Iraq border", shown: true, tooltip: true,
    style: {color: "#4a235a", weight: 3, opacity: 0.8}});
  borderlens.referenceLayer(map, layers.choropleth, {name: "Events per governorate / province", shown: false,
    tooltip: true, style: {color: "#7f2704", weight: 1, fillOpacity: 0.7}});
})();
{% endmacro %}
"""
    )

    def __init__(
        self,
        gaz: Gazetteer,
        *,
        offline: bool,
        admin1_counts: Counter[tuple[str, str]],
        bounds: tuple[tuple[float, float], tuple[float, float]] = ((29.0, 38.8), (39.8, 50.5)),
    ) -> None:
        super().__init__()
        self._name = "ReferenceLayers"
        layers: dict[str, Any] = {
            "iraq": _collection(gaz, _admin1(gaz, "IQ"), ADMIN_TOLERANCE),
            "iran": _collection(gaz, _admin1(gaz, "IR"), ADMIN_TOLERANCE),
            "kri": _collection(gaz, [gaz["region:kurdistan-region-iraq"]], ADMIN_TOLERANCE),
            "border": _collection(gaz, [gaz["border:iran-iraq"]], ADMIN_TOLERANCE),
            "choropleth": choropleth_features(gaz, admin1_counts),
        }
        (south, west), (north, east) = bounds
        view = shapely.box(west - COUNTRY_MARGIN, south - COUNTRY_MARGIN, east + COUNTRY_MARGIN, north + COUNTRY_MARGIN)
        countries = sorted(
            (e for e in gaz if e.kind == "country" and shapely.intersects(view, shapely.envelope(e.geometry))),
            key=lambda e: e.id,
        )  # the countries around the events: the far side of the world is not needed to read the border region
        layers["countries"] = _collection(gaz, countries, COUNTRY_TOLERANCE)
        if not offline:
            layers["tiles"] = list(TILES)
        self.payload = script_json(layers)
