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

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from branca.element import MacroElement
from jinja2 import Template
from shapely.geometry.base import BaseGeometry

__all__ = ["EVENT_LAYERS", "EventLayers", "LayerStyle", "pack_events", "script_json"]


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
    rows: Sequence[dict[str, Any]],
    shape_for: Callable[[dict[str, Any]], dict[str, Any] | None],
    *,
    title: str | None = None,
) -> dict[str, Any]:
    """The page data for a list of event rows (the columns of :data:`geo.records.COLUMNS` plus ``geometry``).

    ``shape_for`` gives the simplified GeoJSON geometry to draw for an event
    placed in an area or on a line (precision 3), or None to draw a marker.
    """
    strings = _Strings()
    type_index = {layer.key: i for i, layer in enumerate(EVENT_LAYERS)}
    columns: dict[str, list[Any]] = {
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
    for row in rows:
        kind = type_index.get(row.get("event_type") or "")
        if kind is None:
            continue
        counts[kind] += 1
        lat, lon = row.get("latitude"), row.get("longitude")
        precision = int(row.get("geo_precision") or 0)
        shape = -1
        if precision == 3:
            geometry = shape_for(row)
            if geometry is not None:
                key = str(row.get("place_id") or json.dumps(geometry, sort_keys=True))
                if key not in shape_ids:
                    shape_ids[key] = len(shapes)
                    shapes.append(geometry)
                shape = shape_ids[key]
        if shape < 0 and lat is None:
            unplaced[kind] += 1
        sources: list[int] = []
        for source in row.get("sources") or []:
            sources += [
                strings(source.get("url")),
                strings(source.get("outlet") or source.get("document")),
                strings(source.get("published")),
            ]
        columns["type"].append(kind)
        columns["lat"].append(None if lat is None else round(float(lat), 5))
        columns["lon"].append(None if lon is None else round(float(lon), 5))
        columns["date"].append(strings(row.get("event_date")))
        columns["day"].append(_day(row.get("event_date")))
        columns["prec"].append(precision)
        columns["sub"].append(strings(row.get("sub_event_type")))
        columns["place"].append(strings(row.get("location")))
        columns["a1"].append(strings(row.get("actor1")))
        columns["a2"].append(strings(row.get("actor2")))
        columns["ev"].append(strings(row.get("evidence")))
        columns["hl"].append(strings(row.get("place_text") or row.get("location")))
        columns["src"].append(sources)
        columns["shape"].append(shape)
        columns["id"].append(str(row.get("event_id") or ""))
    days = sorted({d for d in columns["day"] if d >= 0})
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
        "events": columns,
        "shapes": shapes,
        "days": days,
        "day_labels": [date.fromordinal(_EPOCH.toordinal() + d).isoformat() for d in days],
        "undated": sum(1 for d in columns["day"] if d < 0),
    }


class EventLayers(MacroElement):  # type: ignore[misc]
    """Adds the event layers, the time slider and the legend to a folium map."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function () {
  var map = {{ this._parent.get_name() }};
  var data = {{ this.payload }};
  var layers = borderlens.eventLayers(map, data, {cluster: {{ this.cluster|tojson }}});
  borderlens.timeSlider(map, data, layers.draw);
  borderlens.legend(map, data, {{ this.attribution|tojson }});
  borderlens.title(map, data.title);
})();
{% endmacro %}
"""
    )

    def __init__(self, data: dict[str, Any], *, cluster: bool = True, attribution: str = "") -> None:
        super().__init__()
        self._name = "EventLayers"
        self.payload = script_json(data)
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
