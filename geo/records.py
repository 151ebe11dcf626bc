"""Event records: events as one GeoDataFrame row each, joined to admin areas; curated records read in.

Columns follow ACLED where they overlap (``event_date``, ``time_precision``,
``event_type``, ``sub_event_type``, ``actor1``, ``actor2``, ``country``,
``admin1``, ``admin2``, ``location``, ``latitude``, ``longitude``,
``geo_precision``, ``notes``) plus borderlens' own (``event_id``, ``place_id``,
``evidence``, ``source_count``, ``sources``, ``date_text``, and ``place_text``: the place as the
evidence writes it). The geometry is
the place's own: a point for a town, a polygon for a province or region, a
line for a border. ``country``, ``admin1``, ``admin2`` and ``admin3`` (a sub-district) come from a spatial
join against the gazetteer's polygons, filled only down to the place's own
level (an event "in the Kurdistan Region" names no governorate).
"""

from __future__ import annotations

import csv
import functools
import json
import math
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shapely

from gazetteer import Gazetteer
from geo.dates import EventDate
from geo.errors import InputError
from geo.events import EVENT_TYPES
from geo.model import Event, Mention, Place, Source
from geo.resolve import precision_of

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = [
    "COLUMNS",
    "check_event_properties",
    "events_from_records",
    "join_admin",
    "records_from_events",
    "records_from_rows",
]

COLUMNS = (
    "event_id",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "place_id",
    "latitude",
    "longitude",
    "geo_precision",
    "evidence",
    "source_count",
    "sources",
    "notes",
    "date_text",
)
_ADMIN_COLUMNS = {"country": "country", "adm1": "admin1", "adm2": "admin2", "adm3": "admin3"}  # kind -> column
_ADMIN_DEPTH = {"country": 0, "region": 0, "border": -1, "adm1": 1, "adm2": 2, "adm3": 3}  # others: 4 (points)


def _source_dict(source: Source) -> dict[str, Any]:
    # built by hand: dataclasses.asdict deep-copies and took a sixth of the time at a million events;
    # a publication date is one shared string, not one per source (100 MB at a million events)
    published = sys.intern(source.published) if source.published is not None else None
    return {"document": source.document, "outlet": source.outlet, "url": source.url, "published": published}


def _distinct_sources(sources: Sequence[Source]) -> list[dict[str, Any]]:
    """One entry per reporting document (an article may report an event in several sentences)."""
    seen: dict[str, dict[str, Any]] = {}
    for source in sources:
        seen.setdefault(source.document, _source_dict(source))
    return list(seen.values())


def records_from_events(
    events: Sequence[Event],
    gaz: Gazetteer | None = None,
    *,
    join: Callable[[gpd.GeoDataFrame, Gazetteer], gpd.GeoDataFrame] | None = None,
) -> gpd.GeoDataFrame:
    """One row per event, admin areas filled by a spatial join (geopandas ``sjoin``).

    ``join`` replaces the in-process join (:func:`join_admin`): :mod:`geo.scale` passes one that
    runs it over partitions of the table on Dask.
    """
    import geopandas as gpd

    gaz = gaz or Gazetteer.load()
    rows: list[dict[str, Any]] = []
    geoms: list[Any] = []
    for event in events:
        place = event.place
        entry = gaz.get(place.place_id) if place is not None and place.place_id else None
        if entry is not None:
            geom = entry.geometry
        elif place is not None and place.lat is not None and place.lon is not None:
            geom = shapely.Point(place.lon, place.lat)
        else:
            geom = None
        geoms.append(geom)
        rows.append(
            {
                "event_id": event.event_id,
                "event_date": event.date.value,
                "time_precision": event.date.precision,
                "event_type": event.event_type,
                "sub_event_type": event.sub_event_type,
                "actor1": event.actor1,
                "actor2": event.actor2,
                "country": None,
                "admin1": None,
                "admin2": None,
                "admin3": None,
                "location": (entry.name if entry is not None else (place.mention.surface if place else None)),
                "place_id": place.place_id if place is not None else None,
                "latitude": place.lat if place is not None else None,
                "longitude": place.lon if place is not None else None,
                "geo_precision": place.precision if place is not None else None,
                "evidence": event.evidence,
                "source_count": len({s.document for s in event.sources}),
                "sources": _distinct_sources(event.sources),
                "notes": event.notes or None,
                "date_text": event.date.text,
                "place_text": place.mention.surface if place is not None and place.mention.surface else None,
                "_kind": entry.kind if entry is not None else "point",
            }
        )
    frame = gpd.GeoDataFrame(rows, columns=[*COLUMNS, "_kind"], geometry=geoms, crs="EPSG:4326")
    frame = (join or join_admin)(frame, gaz)
    frame["time_precision"] = frame["time_precision"].astype("Int64")
    frame["geo_precision"] = frame["geo_precision"].astype("Int64")
    return frame.drop(columns="_kind")


@functools.lru_cache(maxsize=4)
def _admin_areas(gaz: Gazetteer) -> gpd.GeoDataFrame:
    """The gazetteer's country and admin polygons, built once from the loaded entries."""
    import geopandas as gpd

    areas = [e for e in gaz if e.kind in ("country", "adm1", "adm2", "adm3") and e.is_area]
    return gpd.GeoDataFrame(
        {"kind": [e.kind for e in areas], "name": [e.name for e in areas], "country": [e.country for e in areas]},
        geometry=[e.geometry for e in areas],
        crs="EPSG:4326",
    )


def join_admin(frame: gpd.GeoDataFrame, gaz: Gazetteer) -> gpd.GeoDataFrame:
    """``frame`` (rows as :func:`records_from_events` builds them) with country/admin1/admin2/admin3 filled.

    Row by row independent, so a table may be joined in partitions and concatenated.
    """
    _join_admin(frame, gaz)
    return frame


def _join_admin(frame: gpd.GeoDataFrame, gaz: Gazetteer) -> None:
    """Fill country/admin1/admin2/admin3 from the gazetteer polygons that contain each event's point."""
    import geopandas as gpd
    import pandas as pd

    if frame.empty:
        return
    areas = _admin_areas(gaz)
    has_point = frame["latitude"].notna() & frame["longitude"].notna()
    points = gpd.GeoDataFrame(
        {"row": frame.index[has_point]},
        geometry=gpd.points_from_xy(frame.loc[has_point, "longitude"], frame.loc[has_point, "latitude"]),
        crs="EPSG:4326",
    )
    joined = gpd.sjoin(points, areas[["kind", "name", "country", "geometry"]], how="inner", predicate="within")
    found: dict[tuple[int, str], tuple[str, str]] = {}
    for row, kind, name, country in zip(
        joined["row"].tolist(),
        joined["kind"].tolist(),
        joined["name"].tolist(),
        joined["country"].tolist(),
        strict=True,
    ):
        found.setdefault((row, kind), (name, country))
    # plain lists, one column write each: frame.at per cell cost 16 s per 100,000 events
    columns = {name: frame[name].tolist() for name in _ADMIN_COLUMNS.values()}
    kinds, place_ids = frame["_kind"].tolist(), frame["place_id"].tolist()
    for position, row in enumerate(frame.index):
        if not has_point.iat[position]:
            continue
        depth = _ADMIN_DEPTH.get(kinds[position], 4)
        entry = gaz.get(place_ids[position] or "")
        country = found.get((row, "country"), (None, None))[1] or (entry.country if entry else None)
        if depth >= 0:
            columns["country"][position] = country
        if depth >= 1:
            columns["admin1"][position] = found.get((row, "adm1"), (None,))[0] or (entry.admin1 if entry else None)
        if depth >= 2:
            columns["admin2"][position] = found.get((row, "adm2"), (None,))[0] or (entry.admin2 if entry else None)
        if depth >= 3:
            columns["admin3"][position] = found.get((row, "adm3"), (None,))[0] or (entry.admin3 if entry else None)
        if entry is not None and entry.kind in _ADMIN_COLUMNS:
            columns[_ADMIN_COLUMNS[entry.kind]][position] = entry.country if entry.kind == "country" else entry.name
    for name, values in columns.items():
        frame[name] = pd.Series(values, index=frame.index, dtype=object)


# -- curated records -----------------------------------------------------------------------------
def _parse_event_date(value: str, path: Path, line: int) -> EventDate:
    text = value.strip()
    if not text:
        return EventDate(None, None, None)
    try:
        if len(text) == 4:
            return EventDate(f"{int(text):04d}", 3, text)
        if len(text) == 7:
            date(int(text[:4]), int(text[5:7]), 1)
            return EventDate(text, 3, text)
        return EventDate(date.fromisoformat(text[:10]).isoformat(), 1, text)
    except ValueError as err:
        raise InputError(
            f"event_date {text!r} is not a date; write YYYY-MM-DD (or YYYY-MM, YYYY)", path=path, line=line
        ) from err


def check_event_properties(props: dict[str, Any], path: Path, number: int) -> None:
    """Refuse an events-file feature whose values no event can have (the file may be hand-edited).

    Raises :class:`InputError` naming the feature; missing values are allowed.
    """
    try:
        event_type = props.get("event_type")
        if event_type not in EVENT_TYPES:
            raise InputError(f"event_type {event_type!r} is not one of {', '.join(EVENT_TYPES)}", path=path)
        if props.get("event_date") is not None:
            _parse_event_date(str(props["event_date"]), path, number)
        _coordinate(props.get("latitude"), "latitude", 90, path, number)
        _coordinate(props.get("longitude"), "longitude", 180, path, number)
        for name, allowed in _INTEGER_COLUMNS.items():
            value = props.get(name)
            if value is not None and (type(value) is not int or (allowed is not None and value not in allowed)):
                raise InputError(f"{name} {value!r} is not one of {allowed or 'the whole numbers'}", path=path)
    except InputError as err:
        raise InputError(err.reason, path=path, line=number, unit="feature") from err


_INTEGER_COLUMNS: dict[str, tuple[int, ...] | None] = {
    "time_precision": (1, 2, 3),
    "geo_precision": (1, 2, 3),
    "source_count": None,
}


def records_from_rows(rows: Sequence[dict[str, Any]], geometry: Sequence[Any]) -> gpd.GeoDataFrame:
    """Event records from plain rows (an events file read back), typed as :func:`records_from_events`
    types them, so writing them again gives the same file (1 stays 1, not 1.0)."""
    import geopandas as gpd

    frame = gpd.GeoDataFrame(list(rows), columns=list(COLUMNS), geometry=list(geometry), crs="EPSG:4326")
    for name in _INTEGER_COLUMNS:
        frame[name] = frame[name].astype("Int64")
    return frame


def _coordinate(value: Any, name: str, limit: float, path: Path, line: int) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError) as err:
        raise InputError(f"{name} {value!r} is not a number", path=path, line=line) from err
    if not math.isfinite(number) or not -limit <= number <= limit:
        raise InputError(f"{name} {number!r} is outside -{limit:g}..{limit:g}", path=path, line=line)
    return number


_REQUIRED = "event_type"
_PLACE_COLUMNS = ("location", "latitude", "longitude")


def _is_geojson(path: Path) -> bool:
    return path.suffix.lower() in (".geojson", ".json")


def _record_rows(path: Path) -> Iterator[tuple[int, dict[str, Any] | InputError, Any]]:
    """(line or feature number, properties or why the row is unusable, geometry or None) for a CSV or
    GeoJSON file. A file that cannot be read at all raises :class:`InputError`."""
    from geo.documents import bad_bytes, decode

    text = decode(path.read_bytes(), path, damaged_ok=not _is_geojson(path))
    if _is_geojson(path):
        yield from _feature_rows(text, path)
        return
    reader = csv.DictReader(text.splitlines(keepends=True))
    header = [(name or "").strip().lower() for name in reader.fieldnames or []]
    missing = (
        "event_type"
        if _REQUIRED not in header
        else None
        if any(c in header for c in _PLACE_COLUMNS)
        else "location (nor latitude and longitude)"
    )
    if missing:
        raise InputError(f"no {missing} column (columns: {', '.join(header) or 'none'})", path=path, line=1)
    start = reader.line_num + 1
    for row in reader:
        props = {(k or "").strip().lower(): v for k, v in row.items() if k is not None}
        damage = next(filter(None, (bad_bytes(v) for v in props.values() if isinstance(v, str))), None)
        if None in row:
            extra = row[None]  # type: ignore[index]
            yield start, InputError(f"{len(extra)} more field(s) than the header has", path=path, line=start), None
        elif damage:
            yield start, InputError(damage, path=path, line=start), None
        else:
            yield start, props, None
        start = reader.line_num + 1


def _feature_rows(text: str, path: Path) -> Iterator[tuple[int, dict[str, Any] | InputError, Any]]:
    try:
        data = json.loads(text)
    except ValueError as err:
        raise InputError(f"not a readable GeoJSON file: {err}", path=path) from err
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        raise InputError("a GeoJSON FeatureCollection is needed", path=path)
    for number, feature in enumerate(features, start=1):
        props = feature.get("properties") if isinstance(feature, dict) else None
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            yield number, InputError("not a GeoJSON Feature object", path=path, line=number, unit="feature"), None
        elif not isinstance(props or {}, dict) or not (geometry is None or isinstance(geometry, dict)):
            why = "'properties' must be an object" if not isinstance(props or {}, dict) else "bad 'geometry'"
            yield number, InputError(why, path=path, line=number, unit="feature"), None
        else:
            yield number, props or {}, geometry


def _record_event(number: int, props: dict[str, Any], geometry: Any, path: Path, gaz: Gazetteer) -> Event:
    try:
        return _record_event_checked(number, props, geometry, path, gaz)
    except InputError as err:
        if _is_geojson(path) and err.unit == "line":  # a GeoJSON record is a feature, not a line
            raise InputError(err.reason, path=path, line=err.line, unit="feature") from err
        raise


def _record_event_checked(number: int, props: dict[str, Any], geometry: Any, path: Path, gaz: Gazetteer) -> Event:
    event_type = str(props.get("event_type") or "").strip()
    if event_type not in EVENT_TYPES:
        raise InputError(f"event_type {event_type!r} is not one of {', '.join(EVENT_TYPES)}", path=path, line=number)
    when = _parse_event_date(str(props.get("event_date") or ""), path, number)
    lat = _coordinate(props.get("latitude"), "latitude", 90, path, number)
    lon = _coordinate(props.get("longitude"), "longitude", 180, path, number)
    if geometry and geometry.get("type") == "Point" and lat is None:
        coordinates = geometry.get("coordinates")
        if not isinstance(coordinates, list) or len(coordinates) < 2:
            raise InputError("a Point geometry needs [longitude, latitude] coordinates", path=path, line=number)
        lon, lat = (
            _coordinate(v, n, m, path, number)
            for v, n, m in zip(coordinates[:2], ("longitude", "latitude"), (180, 90), strict=True)
        )
    location = str(props.get("location") or "").strip()
    doc_id = f"{path.name}:{number}"
    found = gaz.lookup(location) if location else []
    if location and not found and lat is None:
        raise InputError(
            f"location {location!r} is not in the gazetteer; give latitude and longitude", path=path, line=number
        )
    if (lat is None) != (lon is None):
        raise InputError("give both latitude and longitude, or neither", path=path, line=number)
    mention = Mention(doc_id, 0, len(location), location, (), "records")
    if lat is not None and lon is not None:
        place = Place(mention, f"point:{lat:.6f},{lon:.6f}", location or None, "point", None, None, lat, lon, 1, 1.0)
    elif found:
        place = Place.from_entry(mention, found[0], precision=precision_of(found[0]), confidence=1.0)
    else:
        raise InputError("no place: give a location name or latitude and longitude", path=path, line=number)
    source = str(props.get("source") or "").strip()
    url = source if source.startswith(("http://", "https://")) else None
    notes = str(props.get("notes") or "").strip()
    return Event(
        event_type,
        str(props.get("sub_event_type") or "").strip() or "unspecified",
        when,
        str(props.get("actor1") or "").strip() or None,
        str(props.get("actor2") or "").strip() or None,
        place,
        notes or f"curated record {doc_id}",
        (Source(doc_id, source if source and not url else None, url, None, 0, 0),),
        "; ".join(filter(None, [notes, "curated record"])),
    )


def events_from_records(
    path: str | Path, *, gaz: Gazetteer | None = None, errors: list[InputError] | None = None
) -> list[Event]:
    """Curated events from a CSV or GeoJSON file; bad rows are reported (or raised) with their line."""
    gaz = gaz or Gazetteer.load()
    path = Path(path)
    events: list[Event] = []
    try:
        for number, props, geometry in _record_rows(path):
            try:
                if isinstance(props, InputError):
                    raise props
                events.append(_record_event(number, props, geometry, path, gaz))
            except InputError as err:
                if errors is None:
                    raise
                errors.append(err)
    except OSError as err:
        failure = InputError(f"{err.strerror or err}", path=path)
        if errors is None:
            raise failure from err
        errors.append(failure)
    except InputError as err:
        if errors is None:
            raise
        errors.append(err)
    return events
