"""Write pipeline results to files other tools read: GeoJSON (RFC 7946) and JSON Lines.

Coordinates are longitude/latitude in WGS84, rounded to 6 decimals (about
10 cm), polygons wound by the right-hand rule, no ``crs`` member. Output is
deterministic: the same input gives byte-identical files.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

import shapely
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from gazetteer import Gazetteer
from geo.documents import Document
from geo.resolve import Place

__all__ = ["geometry_to_geojson", "places_feature_collection", "places_jsonl_line"]

COORDINATE_DECIMALS = 6


def _round(value: Any, decimals: int) -> Any:
    if isinstance(value, float):
        return round(value, decimals)
    if isinstance(value, (list, tuple)):
        return [_round(v, decimals) for v in value]
    return value


def geometry_to_geojson(geom: BaseGeometry, *, decimals: int = COORDINATE_DECIMALS) -> dict[str, Any]:
    """An RFC 7946 geometry object: right-hand winding, rounded coordinates."""
    geom = shapely.orient_polygons(geom)
    data = dict(mapping(geom))
    if "coordinates" in data:
        data["coordinates"] = _round(data["coordinates"], decimals)
    else:  # GeometryCollection
        data["geometries"] = [geometry_to_geojson(g, decimals=decimals) for g in getattr(geom, "geoms", [])]
    return data


def dumps(data: Any) -> str:
    """Compact, key-ordered, UTF-8 JSON: stable bytes for the same data."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)


def places_jsonl_line(doc: Document, places: Sequence[Place]) -> str:
    """One JSON Lines record: a document id and its resolved mentions."""
    return dumps({"id": doc.id, "places": [p.to_dict() for p in places]})


def places_feature_collection(places: Iterable[Place], gaz: Gazetteer, *, full_geometry: bool = True) -> dict[str, Any]:
    """Distinct resolved places as GeoJSON features, with how often and where each was mentioned.

    ``full_geometry`` gives areas and borders their real shape; otherwise every
    place is its representative point.
    """
    counts: dict[str, dict[str, Any]] = {}
    for place in places:
        if place.place_id is None:
            continue
        row = counts.setdefault(place.place_id, {"mentions": 0, "documents": set(), "surfaces": set()})
        row["mentions"] += 1
        row["documents"].add(place.mention.doc_id)
        row["surfaces"].add(place.mention.surface)
    features = []
    for place_id in sorted(counts, key=lambda i: (-counts[i]["mentions"], i)):
        entry = gaz[place_id]
        row = counts[place_id]
        geom = entry.geometry if full_geometry else shapely.Point(entry.lon, entry.lat)
        features.append(
            {
                "type": "Feature",
                "id": place_id,
                "geometry": geometry_to_geojson(geom),
                "properties": {
                    "place_id": place_id,
                    "name": entry.name,
                    "kind": entry.kind,
                    "country": entry.country,
                    "admin1": entry.admin1,
                    "latitude": entry.lat,
                    "longitude": entry.lon,
                    "mentions": row["mentions"],
                    "documents": len(row["documents"]),
                    "surfaces": sorted(row["surfaces"]),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}
