"""Write pipeline results to files other tools read: GeoJSON (RFC 7946), GeoPackage, CSV,
GeoParquet, JSON Lines.

GeoJSON coordinates are longitude/latitude in WGS84, rounded to 7 decimals (about
1 cm), polygons wound by the right-hand rule, no ``crs`` member. Output is
deterministic: the same input gives byte-identical files.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from gazetteer import Gazetteer
from geo.atomic import atomic_write, atomic_write_text
from geo.model import Document, Place

__all__ = [
    "EXPORTERS",
    "events_csv",
    "events_feature_collection",
    "geometry_to_geojson",
    "places_feature_collection",
    "places_jsonl_line",
    "write_csv",
    "write_geojson",
    "write_geopackage",
    "write_geoparquet",
]

COORDINATE_DECIMALS = 7  # RFC 7946 advises no more; round trips stay within 1e-7 degrees


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
        row = counts.setdefault(place.place_id, {"mentions": 0, "documents": set(), "surfaces": set(), "place": place})
        row["mentions"] += 1
        row["documents"].add(place.mention.doc_id)
        row["surfaces"].add(place.mention.surface)
    features = []
    for place_id in sorted(counts, key=lambda i: (-counts[i]["mentions"], i)):
        entry = gaz.get(place_id)
        row = counts[place_id]
        first = row["place"]
        if entry is not None:
            geom = entry.geometry if full_geometry else shapely.Point(entry.lon, entry.lat)
            name, kind, country, admin1, lat, lon = (
                entry.name,
                entry.kind,
                entry.country,
                entry.admin1,
                entry.lat,
                entry.lon,
            )
        else:  # found by the online geocoder: a point
            geom = shapely.Point(first.lon, first.lat)
            name, kind, country, admin1, lat, lon = (
                first.name,
                first.kind,
                first.country,
                first.admin1,
                first.lat,
                first.lon,
            )
        features.append(
            {
                "type": "Feature",
                "id": place_id,
                "geometry": geometry_to_geojson(geom),
                "properties": {
                    "place_id": place_id,
                    "name": name,
                    "kind": kind,
                    "country": country,
                    "admin1": admin1,
                    "latitude": lat,
                    "longitude": lon,
                    "mentions": row["mentions"],
                    "documents": len(row["documents"]),
                    "surfaces": sorted(row["surfaces"]),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _plain(value: Any) -> Any:
    """A JSON-ready value: pandas' missing values become None, numpy numbers Python ones."""
    if value is None:
        return None
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    try:
        import pandas as pd

        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if hasattr(value, "item"):
        return value.item()
    return value


def events_feature_collection(frame: Any) -> dict[str, Any]:
    """Event records (a GeoDataFrame from :func:`geo.records.records_from_events`) as RFC 7946 GeoJSON."""
    from geo.records import COLUMNS

    features = []
    for row in frame.itertuples(index=False):
        data = row._asdict()
        geom = data.pop("geometry")
        features.append(
            {
                "type": "Feature",
                "id": data["event_id"],
                "geometry": None if geom is None or geom.is_empty else geometry_to_geojson(geom),
                "properties": {name: _plain(data[name]) for name in COLUMNS},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def events_csv(frame: Any) -> str:
    """Event records as CSV with ACLED-style columns; ``sources`` as JSON, ``source`` as outlets."""
    import io

    from geo.records import COLUMNS

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    header = [*COLUMNS, "source"]
    writer.writerow(header)
    for row in frame.itertuples(index=False):
        data = row._asdict()
        sources = _plain(data["sources"]) or []
        values = []
        for name in COLUMNS:
            value = _plain(data[name])
            if name == "sources":
                value = dumps(sources)
            values.append("" if value is None else value)
        values.append("; ".join(dict.fromkeys(s.get("outlet") or s.get("document") or "" for s in sources)))
        writer.writerow(values)
    return out.getvalue()


# -- event files: one writer per format (see EXPORTERS) -----------------------------------------
def _flat(frame: Any) -> Any:
    """The records with ``sources`` as JSON text, for formats without nested values (GeoPackage, CSV)."""
    flat = frame.copy()
    flat["sources"] = [dumps(_plain(s) or []) for s in frame["sources"]]
    return flat


def write_geojson(frame: Any, path: str | Path) -> None:
    """RFC 7946 GeoJSON: lon/lat WGS84, no ``crs`` member, right-hand rule, 7 decimals."""
    atomic_write_text(path, dumps(events_feature_collection(frame)) + "\n")


def write_csv(frame: Any, path: str | Path) -> None:
    """CSV with ACLED-style columns (``sources`` as JSON, ``source`` the outlets)."""
    atomic_write_text(path, events_csv(frame))


def write_geopackage(frame: Any, path: str | Path) -> None:
    """A GeoPackage with an ``events`` layer and one layer per event type (mixed geometry types).

    GDAL's write timestamp is pinned, so the same records give the same bytes.
    """
    import pyogrio

    from geo.events import EVENT_TYPES

    flat = _flat(frame)
    flat = flat.set_geometry(flat.geometry.apply(lambda g: shapely.orient_polygons(g) if g is not None else None))

    def write(tmp: str) -> None:
        previous = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": "2000-01-01T00:00:00.000Z"})
        try:
            pyogrio.write_dataframe(flat, tmp, layer="events", driver="GPKG", geometry_type="Unknown")
            for event_type in EVENT_TYPES:
                part = flat[flat["event_type"] == event_type]
                pyogrio.write_dataframe(
                    part, tmp, layer=event_type, driver="GPKG", geometry_type="Unknown", append=False
                )
        finally:
            pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": previous})

    atomic_write(path, write)


def geoparquet_metadata(geoms: Sequence[BaseGeometry | None], *, decimals: int) -> str:
    """GeoParquet 1.0 ``geo`` metadata for one WKB column of lon/lat geometries (no ``crs``: CRS84)."""
    present = [g for g in geoms if g is not None]
    bounds = shapely.total_bounds(present) if present else [0.0, 0.0, 0.0, 0.0]
    geo = {
        "version": "1.0.0",
        "primary_column": "geometry",
        "columns": {
            "geometry": {
                "encoding": "WKB",
                "geometry_types": sorted({g.geom_type for g in present}),
                "bbox": [round(float(v), decimals) for v in bounds],
                "orientation": "counterclockwise",
            }
        },
    }
    return json.dumps(geo, sort_keys=True)


#: GeoParquet row groups hold at most this many events: the conversion to Arrow and WKB is done one
#: group at a time, so a million events need memory for one group besides the frame.
PARQUET_ROW_GROUP = 32_768


def _arrow_schema(columns: Any) -> Any:
    """The Arrow schema of a frame's columns, read from its first row group only (converting every row
    to learn the types took a gigabyte at a million events); a type left null there (no value in the
    first group) is learnt from the column's values."""
    import pyarrow as pa

    schema = pa.Schema.from_pandas(columns.iloc[:PARQUET_ROW_GROUP], preserve_index=False)
    if len(columns) <= PARQUET_ROW_GROUP:
        return schema
    for index, field in enumerate(schema):
        if _holds_null(field.type):
            values = columns[field.name].dropna()
            learnt = pa.array(values, from_pandas=True).type if len(values) else field.type
            schema = schema.set(index, field.with_type(learnt))
    return schema


def _holds_null(kind: Any) -> bool:
    import pyarrow as pa

    if pa.types.is_null(kind):
        return True
    return any(_holds_null(kind.field(i).type) for i in range(kind.num_fields))


def write_geoparquet(frame: Any, path: str | Path) -> None:
    """GeoParquet 1.0 (WKB geometry, lon/lat CRS84); ``sources`` as a list of structs.

    Written with pyarrow and fixed ``geo`` metadata, so the bytes depend on the
    records only (geopandas' own writer embeds a CRS description that varies
    with pyproj's state).
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = frame.drop(columns=frame.geometry.name)
    geometry = frame.geometry.array.to_numpy()
    base = _arrow_schema(columns)
    metadata = dict(base.metadata or {})
    metadata[b"geo"] = geoparquet_metadata(list(geometry), decimals=COORDINATE_DECIMALS).encode("utf-8")
    schema = base.append(pa.field("geometry", pa.binary())).with_metadata(metadata)

    def write(tmp: str) -> None:
        with pq.ParquetWriter(tmp, schema, compression="zstd") as writer:
            for start in range(0, max(len(frame), 1), PARQUET_ROW_GROUP):
                part = columns.iloc[start : start + PARQUET_ROW_GROUP]
                table = pa.Table.from_pandas(part, schema=base, preserve_index=False)
                # one vectorised call per group (None stays None): a loop took 1.5 s per 100,000 events
                shapes = shapely.orient_polygons(geometry[start : start + PARQUET_ROW_GROUP])
                wkb = pa.array(shapely.to_wkb(shapes, output_dimension=2), pa.binary())
                writer.write_table(table.append_column("geometry", wkb).replace_schema_metadata(metadata))
                del table, wkb
                pa.default_memory_pool().release_unused()  # hand the group's buffers back before the next

    atomic_write(path, write)


#: Writers by format name (the ``--format`` values of ``borderlens export``).
EXPORTERS: dict[str, Callable[[Any, str | Path], None]] = {
    "geojson": write_geojson,
    "gpkg": write_geopackage,
    "csv": write_csv,
    "parquet": write_geoparquet,
}
