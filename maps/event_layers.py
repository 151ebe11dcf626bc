"""The three event layers (Strikes, Meetings, Border control): data packing and the folium element.

Events travel to the page once, as compact column arrays with a shared string
table, not as one Leaflet object per event in the HTML: that keeps a map of
100,000 events small and quick to save. The page's runtime
(``static/borderlens.js``) makes the clustered markers, and builds a popup only
when it is opened, putting article text on the page as text, never as HTML.
Events placed only in a region, a province or on the border (precision 3) are
drawn as that area or line, lightly, one shape per place and layer.
"""

from __future__ import annotations

import base64
import gzip
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from branca.element import MacroElement
from jinja2 import Template
from shapely.geometry.base import BaseGeometry

__all__ = ["EVENT_LAYERS", "EventLayers", "LayerStyle", "pack_events", "page_payload", "script_json"]


@dataclass(frozen=True)
class LayerStyle:
    key: str
    label_many: str
    label_one: str
    color: str
    symbol: str


#: One layer per event type, in legend order; names are what the layer control shows.
EVENT_LAYERS = (
    LayerStyle("strike", "Strikes", "Strike", "#c0392b", "S"),
    LayerStyle("meeting", "Meetings", "Meeting", "#1f5fa8", "M"),
    LayerStyle("border_control", "Border control", "Border-control change", "#1e8449", "B"),
)
_EPOCH = date(1970, 1, 1)
COMPRESS_ABOVE = 512 * 1024  # characters of JSON


def script_json(data: Any) -> str:
    """JSON safe to place inside a ``<script>`` element: no ``</script>``, no HTML, no line separators."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for raw, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return text


def _day(value: str | None) -> int:
    """Days since 1970 of the first day an ISO date (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``) covers; -1 if none."""
    if not value:
        return -1
    parts = [int(p) for p in value.split("-")]
    first = date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    return (first - _EPOCH).days


class _Strings:
    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def __call__(self, value: Any) -> int:
        if value is None or value == "":
            return -1
        text = str(value)
        found = self.index.get(text)
        if found is None:
            found = self.index[text] = len(self.index)
        return found

    def table(self) -> list[str]:
        return list(self.index)


def pack_events(
    columns: dict[str, list[Any]],
    shape_for: Callable[[dict[str, Any]], dict[str, Any] | None],
    *,
    title: str | None = None,
) -> dict[str, Any]:
    """The page data for event columns (those of :data:`geo.records.COLUMNS`, plus ``geometry``).

    ``shape_for`` gets ``{"place_id": ..., "geometry": ...}`` and gives the
    simplified GeoJSON geometry to draw for an event placed in an area or on a
    line (precision 3), or None to draw a marker.
    """
    size = len(next(iter(columns.values()), []))

    def column(name: str) -> list[Any]:
        return columns.get(name) or [None] * size

    strings = _Strings()
    type_index = {layer.key: i for i, layer in enumerate(EVENT_LAYERS)}
    out: dict[str, list[Any]] = {
        k: []
        for k in (
            "type",
            "lat",
            "lon",
            "date",
            "day",
            "prec",
            "sub",
            "place",
            "a1",
            "a2",
            "ev",
            "hl",
            "src",
            "shape",
            "id",
        )
    }
    shapes: list[dict[str, Any]] = []
    shape_ids: dict[str, int] = {}
    counts = [0] * len(EVENT_LAYERS)
    unplaced = [0] * len(EVENT_LAYERS)
    days_cache: dict[Any, int] = {}
    rows = zip(
        column("event_type"),
        column("latitude"),
        column("longitude"),
        column("geo_precision"),
        column("place_id"),
        column("geometry"),
        column("sources"),
        column("event_date"),
        column("sub_event_type"),
        column("location"),
        column("actor1"),
        column("actor2"),
        column("evidence"),
        column("place_text"),
        column("event_id"),
        strict=True,
    )
    for (
        event_type,
        lat,
        lon,
        precision,
        place_id,
        geometry,
        sources,
        event_date,
        sub,
        location,
        actor1,
        actor2,
        evidence,
        place_text,
        event_id,
    ) in rows:
        kind = type_index.get(event_type or "")
        if kind is None:
            continue
        counts[kind] += 1
        precision = int(precision or 0)
        shape = -1
        if precision == 3:
            drawn = shape_for({"place_id": place_id, "geometry": geometry})
            if drawn is not None:
                key = str(place_id or json.dumps(drawn, sort_keys=True))
                if key not in shape_ids:
                    shape_ids[key] = len(shapes)
                    shapes.append(drawn)
                shape = shape_ids[key]
        if shape < 0 and lat is None:
            unplaced[kind] += 1
        packed_sources: list[int] = []
        for source in sources or []:
            packed_sources += [
                strings(source.get("url")),
                strings(source.get("outlet") or source.get("document")),
                strings(source.get("published")),
            ]
        if event_date not in days_cache:
            days_cache[event_date] = _day(event_date)
        out["type"].append(kind)
        out["lat"].append(None if lat is None else round(float(lat), 5))
        out["lon"].append(None if lon is None else round(float(lon), 5))
        out["date"].append(strings(event_date))
        out["day"].append(days_cache[event_date])
        out["prec"].append(precision)
        out["sub"].append(strings(sub))
        out["place"].append(strings(location))
        out["a1"].append(strings(actor1))
        out["a2"].append(strings(actor2))
        out["ev"].append(strings(evidence))
        out["hl"].append(strings(place_text or location))
        out["src"].append(packed_sources)
        out["shape"].append(shape)
        out["id"].append(str(event_id or ""))
    days = sorted({d for d in out["day"] if d >= 0})
    return {
        "title": title,
        "types": [
            {
                "key": t.key,
                "label_many": t.label_many,
                "label_one": t.label_one,
                "color": t.color,
                "symbol": t.symbol,
                "count": counts[i],
                "unplaced": unplaced[i],
            }
            for i, t in enumerate(EVENT_LAYERS)
        ],
        "strings": strings.table(),
        "events": out,
        "shapes": shapes,
        "days": days,
        "day_labels": [date.fromordinal(_EPOCH.toordinal() + d).isoformat() for d in days],
        "undated": sum(1 for d in out["day"] if d < 0),
    }


def page_payload(data: dict[str, Any]) -> str:
    """The data as a JavaScript expression: plain JSON when small, gzip + base64 text when large.

    A large map's JSON is mostly article text, which compresses about 5:1;
    the page inflates it with the browser's own ``DecompressionStream``.
    """
    text = script_json(data)
    if len(text) < COMPRESS_ABOVE:
        return text
    packed = gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0)
    return json.dumps(base64.b64encode(packed).decode("ascii"))


class EventLayers(MacroElement):  # type: ignore[misc]
    """Adds the event layers, the time slider and the legend to a folium map."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function () {
  var map = {{ this._parent.get_name() }};
  borderlens.pending.push(borderlens.unpack({{ this.payload }}).then(function (data) {
    var layers = borderlens.eventLayers(map, data, {cluster: {{ this.cluster|tojson }}});
    borderlens.timeSlider(map, data, layers.draw);
    borderlens.legend(map, data, {{ this.attribution|tojson }});
    borderlens.title(map, data.title);
  }));
})();
{% endmacro %}
"""
    )

    def __init__(self, data: dict[str, Any], *, cluster: bool = True, attribution: str = "") -> None:
        super().__init__()
        self._name = "EventLayers"
        self.payload = page_payload(data)
        self.cluster = cluster
        self.attribution = attribution


def geometry_kind(geometry: BaseGeometry | None) -> str | None:
    """ "area", "line" or "point" (None for no geometry)."""
    if geometry is None or geometry.is_empty:
        return None
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        return "area"
    if geometry.geom_type in ("LineString", "MultiLineString"):
        return "line"
    return "point"
