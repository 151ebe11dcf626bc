"""Events grouped for the static map: markers by place, areas and lines by place, the extent to show."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import Any

import shapely
from shapely.geometry import shape as geojson_shape
from shapely.geometry.base import BaseGeometry

from gazetteer import Gazetteer
from maps.event_layers import EVENT_LAYERS, geometry_kind
from maps.reference import ADMIN_TOLERANCE, simplified
from maps.render import REGION_BOUNDS

__all__ = ["NEEDED", "Events", "anchors", "fit"]

PAD = 0.3  # degrees around the events, as on the interactive map
MIN_SPAN = 1.2  # degrees: one event still shows its surroundings
#: The record columns the static map reads.
NEEDED = ("event_type", "latitude", "longitude", "geo_precision", "place_id", "geometry", "location", "event_date")


class Events:
    """The events grouped for drawing: markers by place, areas and lines by place, and the extent."""

    def __init__(self, col: dict[str, list[Any]], gaz: Gazetteer) -> None:
        index = {layer.key: i for i, layer in enumerate(EVENT_LAYERS)}
        self.points: dict[tuple[float, float], Counter[tuple[int, bool]]] = defaultdict(Counter)
        self.names: dict[tuple[float, float], Counter[str]] = defaultdict(Counter)
        self.areas: dict[tuple[int, str], tuple[BaseGeometry, int, str]] = {}
        self.lats: list[float] = []
        self.lons: list[float] = []
        self.unplaced = [0] * len(EVENT_LAYERS)
        rows = zip(*(col[name] for name in NEEDED), strict=True)
        for event_type, lat, lon, precision, place_id, geometry, location, _date in rows:
            kind = index.get(event_type or "")
            if kind is None:
                continue
            if lat is not None and lon is not None:
                self.lats.append(float(lat))
                self.lons.append(float(lon))
            drawn = area_for(gaz, place_id, geometry) if int(precision or 0) == 3 else None
            if drawn is not None:
                key = (kind, str(place_id or drawn.wkt))
                _old, count, _name = self.areas.get(key, (drawn, 0, ""))
                self.areas[key] = (drawn, count + 1, str(location or "this area"))
            elif lat is not None and lon is not None:
                spot = (round(float(lat), 4), round(float(lon), 4))
                self.points[spot][(kind, int(precision or 0) == 2)] += 1
                if location:
                    self.names[spot][str(location)] += 1
            else:
                self.unplaced[kind] += 1

    def extent(self) -> tuple[float, float, float, float]:
        """(west, south, east, north) around the events, padded; the region when none is placed."""
        if not self.lats:
            (south, west), (north, east) = REGION_BOUNDS
            return west, south, east, north
        west, east = min(self.lons) - PAD, max(self.lons) + PAD
        south, north = min(self.lats) - PAD, max(self.lats) + PAD
        if east - west < MIN_SPAN:
            west, east = (west + east) / 2 - MIN_SPAN / 2, (west + east) / 2 + MIN_SPAN / 2
        if north - south < MIN_SPAN:
            south, north = (south + north) / 2 - MIN_SPAN / 2, (south + north) / 2 + MIN_SPAN / 2
        return west, south, east, north

    def point_labels(self) -> list[tuple[float, float, str]]:
        """(lon, lat, name) per marked place, the places with most events first."""
        ranked = sorted(
            (
                (-sum(self.points[spot].values()), names.most_common(1)[0][0], spot)
                for spot, names in self.names.items()
            ),
        )
        return [(spot[1], spot[0], name) for _n, name, spot in ranked]


def area_for(gaz: Gazetteer, place_id: Any, geometry: Any) -> BaseGeometry | None:
    """The area or line a precision-3 event is drawn as (None: draw a marker)."""
    if place_id and place_id in gaz:
        if geometry_kind(gaz[place_id].geometry) not in ("area", "line"):
            return None
        found = simplified(gaz, place_id)
        return None if found is None else geojson_shape(found)
    if isinstance(geometry, BaseGeometry) and geometry_kind(geometry) in ("area", "line"):
        return shapely.simplify(geometry, ADMIN_TOLERANCE, preserve_topology=True)
    return None


def anchors(geometry: BaseGeometry) -> list[Any]:
    """Points to try for an area's or a line's label, the most central first."""
    if geometry.is_empty:
        return []
    if geometry_kind(geometry) != "area":
        line = shapely.line_merge(geometry) if geometry.geom_type == "MultiLineString" else geometry
        return [shapely.line_interpolate_point(line, f, normalized=True) for f in (0.5, 0.35, 0.65, 0.2, 0.8)]
    centre = geometry.representative_point()
    west, south, east, north = geometry.bounds
    grid = [
        shapely.Point(west + (east - west) * i / 6, south + (north - south) * j / 6)
        for i in range(1, 6)
        for j in range(1, 6)
    ]
    inside = sorted((p for p in grid if geometry.contains(p)), key=lambda p: (p.distance(centre), p.x, p.y))
    return [centre, *inside]


def fit(extent: tuple[float, float, float, float], width: float, height: float) -> tuple[float, float, float, float]:
    """Widen the extent so that, with degrees of longitude shortened by cos(latitude), it fills the box."""
    west, south, east, north = extent
    shrink = math.cos(math.radians((south + north) / 2))
    wide, tall = (east - west) * shrink, north - south
    if wide / tall < width / height:
        grow = (tall * width / height / shrink - (east - west)) / 2
        west, east = west - grow, east + grow
    else:
        grow = (wide * height / width - tall) / 2
        south, north = south - grow, north + grow
    return west, south, east, north
