"""Build a borderlens map: :func:`map_from_events` returns a :class:`BorderMap` to save or show.

The page is a folium map with borderlens' elements on it (reference layers,
event layers, controls). The same events give byte-identical HTML: folium's
random element ids are replaced by a counter while the map is built and rendered.
"""

from __future__ import annotations

import contextlib
import html
import itertools
import threading
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import branca.element
import folium
import shapely

from gazetteer import ATTRIBUTION, Gazetteer
from geo.atomic import atomic_write_text
from geo.errors import InputError
from geo.export import geometry_to_geojson
from geo.pipeline import events_file_rows
from maps.assets import assets
from maps.controls import Controls
from maps.event_layers import EventLayers, geometry_kind, pack_events
from maps.reference import ADMIN_TOLERANCE, ReferenceLayers, simplified

__all__ = ["BorderMap", "columns_from_events", "map_from_events", "rows_from_events"]

REGION_BOUNDS = ((29.0, 38.8), (39.8, 50.5))  # Iraq and western Iran, when there is nothing to fit
_ID_LOCK = threading.Lock()


@contextlib.contextmanager
def _stable_ids() -> Iterator[None]:
    """Number folium/branca element ids 0, 1, 2, ... instead of random hex, for byte-identical output."""
    counter = itertools.count()
    original = branca.element.Element.__dict__["_generate_id"]
    with _ID_LOCK:
        setattr(branca.element.Element, "_generate_id", classmethod(lambda cls: f"{next(counter):04d}"))  # noqa: B010
        try:
            yield
        finally:
            setattr(branca.element.Element, "_generate_id", original)  # noqa: B010


class BorderMap:
    """An interactive map of events: ``save`` it, or show it in a notebook."""

    def __init__(self, figure: folium.Figure, folium_map: folium.Map) -> None:
        self.figure = figure
        self.map = folium_map

    def to_html(self) -> str:
        """The whole page as one HTML string."""
        with _stable_ids():
            page = str(self.figure.render())
        for element in self.map._children.values():
            if isinstance(element, EventLayers):
                page = page.replace(element.placeholder, element.payload, 1)
        return page

    def save(self, path: str | Path) -> None:
        """Write the page to ``path`` (atomically)."""
        atomic_write_text(path, self.to_html())

    def iframe(self, *, height: int = 600) -> str:
        """An ``<iframe srcdoc=...>`` snippet that embeds the page in another HTML page."""
        return (
            f'<iframe srcdoc="{html.escape(self.to_html(), quote=True)}" title="borderlens map" '
            f'style="width:100%;height:{int(height)}px;border:0" '
            'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox" loading="lazy"></iframe>'
        )

    def _repr_html_(self) -> str:
        return self.iframe()


def rows_from_events(events: Any, gaz: Gazetteer, *, errors: list[InputError] | None = None) -> list[dict[str, Any]]:
    """Event rows (dicts with the record columns and a shapely ``geometry``) from any accepted input.

    With ``errors``, a bad feature of an events GeoJSON file is reported there and the rest are read.
    """
    columns = columns_from_events(events, gaz, errors=errors)
    names = list(columns)
    return [dict(zip(names, values, strict=True)) for values in zip(*columns.values(), strict=True)]


def columns_from_events(events: Any, gaz: Gazetteer, *, errors: list[InputError] | None = None) -> dict[str, list[Any]]:
    """Event columns (name -> list, missing values as None, plus ``geometry``) from any accepted input."""
    import geopandas as gpd

    from geo.model import Event
    from geo.records import records_from_events

    if isinstance(events, (str, Path)):
        rows = events_file_rows(Path(events), errors=errors)
        names = list(dict.fromkeys(k for row in rows for k in row))
        return {name: [row.get(name) for row in rows] for name in names}
    if isinstance(events, Sequence) and (not events or isinstance(events[0], Event)):
        events = records_from_events(list(events), gaz)
    if isinstance(events, gpd.GeoDataFrame):
        columns: dict[str, list[Any]] = {}
        for name in events.columns:
            series = events[name]
            if name == events.geometry.name:
                columns["geometry"] = list(series.array)
                continue
            present = series.notna().tolist()
            columns[name] = [v if ok else None for v, ok in zip(series.astype(object).tolist(), present, strict=True)]
        return columns
    raise TypeError(f"cannot map {type(events).__name__}: give events, an events GeoDataFrame or a GeoJSON path")


def _shape_for(gaz: Gazetteer) -> Any:
    def shape_for(row: dict[str, Any]) -> dict[str, Any] | None:
        place_id = row.get("place_id")
        if place_id and place_id in gaz:
            entry = gaz[place_id]
            return simplified(gaz, place_id) if geometry_kind(entry.geometry) in ("area", "line") else None
        geometry = row.get("geometry")
        if geometry_kind(geometry) in ("area", "line"):
            return geometry_to_geojson(shapely.simplify(geometry, ADMIN_TOLERANCE, preserve_topology=True), decimals=4)
        return None

    return shape_for


def _bounds(columns: dict[str, list[Any]]) -> tuple[tuple[float, float], tuple[float, float]]:
    lats = [float(v) for v in columns.get("latitude", []) if v is not None]
    lons = [float(v) for v in columns.get("longitude", []) if v is not None]
    if not lats:
        return REGION_BOUNDS
    pad = 0.3
    return (min(lats) - pad, min(lons) - pad), (max(lats) + pad, max(lons) + pad)


def map_from_events(
    events: Any,
    *,
    offline: bool = False,
    title: str | None = None,
    cluster: bool = True,
    gazetteer: Gazetteer | None = None,
) -> BorderMap:
    """A layered map of events.

    Parameters
    ----------
    events
        Events (from :func:`geo.events.events_from_documents`), their records
        GeoDataFrame (:func:`geo.records.records_from_events`), or the path of
        a GeoJSON file written by ``borderlens events``.
    offline
        Inline every script and stylesheet and use the bundled country shapes
        as the base map: the file then works with no network at all.
    title
        Shown on the map and as the page title (as text).
    cluster
        Cluster markers per layer (recommended beyond a few hundred events).
    """
    gaz = gazetteer or Gazetteer.load()
    columns = columns_from_events(events, gaz)
    size = len(next(iter(columns.values()), []))
    countries, admin1 = columns.get("country", [None] * size), columns.get("admin1", [None] * size)
    counts: Counter[tuple[str, str]] = Counter((str(c), str(a)) for c, a in zip(countries, admin1, strict=True) if a)
    with _stable_ids():
        figure = folium.Figure(title=html.escape(title or "borderlens map"))
        (south, west), (north, east) = bounds = _bounds(columns)
        folium_map = folium.Map(
            location=[(south + north) / 2, (west + east) / 2],
            zoom_start=6,
            min_zoom=2,
            max_zoom=18,
            tiles=None,
            control_scale=True,
        )
        folium_map.default_js = []  # no jQuery, Bootstrap or icon fonts: the page needs Leaflet only
        folium_map.default_css = []
        figure.add_child(folium_map)
        for asset in assets():
            figure.header.add_child(branca.element.Element(asset.tag()))
        folium_map.add_child(ReferenceLayers(gaz, offline=offline, admin1_counts=counts, bounds=bounds))
        data = pack_events(columns, _shape_for(gaz), title=title)
        folium_map.add_child(EventLayers(data, cluster=cluster, attribution=ATTRIBUTION))
        folium_map.add_child(Controls(bounds))
    return BorderMap(figure, folium_map)
