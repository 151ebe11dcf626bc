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

import gzip
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
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


def pack_events(
    columns: dict[str, list[Any]],
    shape_for: Callable[[dict[str, Any]], dict[str, Any] | None],
    *,
    title: str | None = None,
) -> dict[str, Any]:
    """The page data for event columns (those of :data:`geo.records.COLUMNS`, plus ``geometry``).

    ``shape_for`` gets ``{"place_id": ..., "geometry": ...}`` and gives the
    simplified GeoJSON geometry to draw for an event placed in an area or on a
    line (precision 3), or None to draw a marker. Work is done a column at a
    time: this runs once per map, over up to hundreds of thousands of events.
    """
    size = len(next(iter(columns.values()), []))
    type_index = {layer.key: i for i, layer in enumerate(EVENT_LAYERS)}
    kinds = [type_index.get(t or "") for t in columns.get("event_type") or [None] * size]
    keep = [i for i, kind in enumerate(kinds) if kind is not None]

    def take(name: str) -> list[Any]:
        values = columns.get(name)
        return [values[i] for i in keep] if values is not None else [None] * len(keep)

    tables: dict[str, list[Any]] = {}

    def intern(name: str, values: list[Any]) -> list[int]:
        """Codes into a string table of this column (-1 for none): pandas.factorize, in C."""
        codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
        tables[name] = [str(u) for u in uniques]
        return codes.tolist()  # type: ignore[no-any-return]

    types: list[int] = [kind for kind in kinds if kind is not None]
    precisions = [int(p or 0) for p in take("geo_precision")]
    lats, lons = take("latitude"), take("longitude")
    shapes: list[dict[str, Any]] = []
    shape_ids: dict[str, int] = {}
    shape_of = [-1] * len(keep)
    place_ids, geometries = take("place_id"), take("geometry")
    for row, precision in enumerate(precisions):
        if precision != 3:
            continue
        drawn = shape_for({"place_id": place_ids[row], "geometry": geometries[row]})
        if drawn is not None:
            key = str(place_ids[row] or json.dumps(drawn, sort_keys=True))
            if key not in shape_ids:
                shape_ids[key] = len(shapes)
                shapes.append(drawn)
            shape_of[row] = shape_ids[key]
    counts = [0] * len(EVENT_LAYERS)
    unplaced = [0] * len(EVENT_LAYERS)
    for kind, lat, shape in zip(types, lats, shape_of, strict=True):
        counts[kind] += 1
        if shape < 0 and lat is None:
            unplaced[kind] += 1
    event_dates = take("event_date")
    days_of = {value: _day(value) for value in set(event_dates)}
    flat: list[Any] = []
    lengths: list[int] = []
    for row_sources in take("sources"):
        lengths.append(3 * len(row_sources or []))
        for source in row_sources or []:
            flat += [source.get("url"), source.get("outlet") or source.get("document"), source.get("published")]
    codes = intern("src", flat)
    sources, at = [], 0
    for length in lengths:
        sources.append(codes[at : at + length])
        at += length
    location = take("location")
    place_text = [text or place for text, place in zip(take("place_text"), location, strict=True)]
    out: dict[str, list[Any]] = {
        "type": types,
        "lat": [None if v is None else round(float(v), 5) for v in lats],
        "lon": [None if v is None else round(float(v), 5) for v in lons],
        "date": intern("date", event_dates),
        "day": [days_of[v] for v in event_dates],
        "prec": precisions,
        "sub": intern("sub", take("sub_event_type")),
        "place": intern("place", location),
        "a1": intern("a1", take("actor1")),
        "a2": intern("a2", take("actor2")),
        "ev": intern("ev", take("evidence")),
        "hl": intern("hl", place_text),
        "src": sources,
        "shape": shape_of,
    }
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
        "strings": tables,
        "events": out,
        "shapes": shapes,
        "days": days,
        "day_labels": [date.fromordinal(_EPOCH.toordinal() + d).isoformat() for d in days],
        "undated": sum(1 for d in out["day"] if d < 0),
    }


_B85 = np.frombuffer(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~", np.uint8)


def b85encode(data: bytes) -> str:
    """Base85 as ``base64.b85encode`` writes it (RFC 1924 alphabet, no padding), vectorised.

    25% larger than the bytes, where base64 adds 33%; the alphabet has no
    quote, backslash or slash, so the text is safe in a script string.
    """
    tail = len(data) % 4
    padded = data + b"\0" * ((4 - tail) % 4)
    words = np.frombuffer(padded, dtype=">u4").astype(np.uint64)
    digits = np.empty((len(words), 5), dtype=np.uint8)
    for position in range(4, -1, -1):
        digits[:, position] = (words % 85).astype(np.uint8)
        words //= 85
    text = _B85[digits.reshape(-1)].tobytes()
    if tail:
        text = text[: len(text) - (4 - tail)]
    return text.decode("ascii")


def page_payload(data: dict[str, Any]) -> str:
    """The data as a JavaScript expression: plain JSON when small, gzip + base85 text when large.

    A large map's JSON is mostly article text, which compresses about 5:1;
    the page inflates it with the browser's own ``DecompressionStream``.
    """
    text = script_json(data)
    if len(text) < COMPRESS_ABOVE:
        return text
    packed = gzip.compress(text.encode("utf-8"), compresslevel=5, mtime=0)  # level 6: +75% time, -5% size
    return '"' + b85encode(packed) + '"'


class EventLayers(MacroElement):  # type: ignore[misc]
    """Adds the event layers, the time slider and the legend to a folium map."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function () {
  var map = {{ this._parent.get_name() }};
  borderlens.pending.push(borderlens.unpack({{ this.placeholder }}).then(function (data) {
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
        # The payload goes into the page after rendering (see BorderMap.to_html): passing
        # megabytes through the template engine costs more than the rest of the page.
        self.placeholder = f"__borderlens_payload_{id(self):x}__"
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
