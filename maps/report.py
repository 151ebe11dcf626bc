"""An events report: one self-contained HTML page to read on screen or print to PDF.

The page holds a header (title, dates, counts), the offline interactive map,
a summary (events by type, by governorate or province, by month, as inline
SVG charts) and the list of events with their evidence and sources. It asks
for nothing over the network: every script, style and image is inside it, and
a Content-Security-Policy says so to the browser as well.

The map is embedded as an ``<iframe srcdoc>``, not inlined: the map page is a
whole document whose Leaflet and folium styles set ``html`` and ``body``, and
whose script owns ``window``; in a frame it cannot disturb the report, and the
frame's sandbox (scripts, no same origin) keeps article text in the map away
from the page around it. Printed, the live map is hidden and a static image of
the same layers (:func:`maps.image.static_image`) stands in its place.

All text from articles is escaped with :func:`html.escape`; links are made
only for http and https URLs.
"""

from __future__ import annotations

import base64
import html
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from gazetteer import ATTRIBUTION, Gazetteer
from geo import __version__
from geo.atomic import atomic_write_text
from maps._charts import hbars, vbars
from maps._summary import PRECISION, count_label, date_label, date_span, distinct_sources, type_counts
from maps.event_layers import EVENT_LAYERS
from maps.image import static_image
from maps.render import columns_from_events, map_from_events

__all__ = ["report_from_events", "save_report"]

PRINT_MAP_MM = (180.0, 200.0)  # the printed map: an A4 page's width inside 15 mm margins, legend below
PRINT_MAP_DPI = 200  # sharp on paper, well under 1 MB embedded
MAP_HEIGHT_PX = 640
TOP_ADMIN1 = 10
_SAFE_SCHEMES = frozenset({"http", "https"})
_CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
    "font-src data:; base-uri 'none'; form-action 'none'"
)  # the map frame (srcdoc) inherits it: inline scripts and styles, data: images, and nothing from a host


def report_from_events(events: Any, *, title: str | None = None, gazetteer: Gazetteer | None = None) -> str:
    """One self-contained HTML page reporting the events: map, summary and the list.

    Parameters
    ----------
    events
        Events (from :func:`geo.events.events_from_documents`), their records
        GeoDataFrame, or an events GeoJSON path, as for :func:`maps.map_from_events`.
    title
        The report's title (shown as text); default "borderlens report".
    gazetteer
        The gazetteer to draw the reference layers from (default: the shipped one).

    Returns
    -------
    str
        The page. Same events, same page: it carries no date of its own.
    """
    from geo.model import Event
    from geo.records import records_from_events

    gaz = gazetteer or Gazetteer.load()
    if isinstance(events, Sequence) and not isinstance(events, str) and all(isinstance(e, Event) for e in events):
        events = records_from_events(list(events), gaz)  # once, for the map, the image and the list
    columns = columns_from_events(events, gaz)
    rows = [dict(zip(columns, values, strict=True)) for values in zip(*columns.values(), strict=True)]
    rows = [row for row in rows if row.get("event_type") in _LAYER_INDEX]
    rows.sort(key=_chronological)
    heading = title or "borderlens report"
    live = map_from_events(events, offline=True, gazetteer=gaz)  # the report's heading names it, not a map control
    image = static_image(events, fmt="png", gazetteer=gaz, size=PRINT_MAP_MM, dpi=PRINT_MAP_DPI, header=False)
    countries = {e.country: e.name for e in gaz if e.kind == "country" and e.country}
    parts = [
        _head(heading),
        '<body>\n<main class="bl-report">',
        _header(heading, rows),
        _map_section(live.to_html(), image, heading),
        _summary(rows, countries),
        _event_list(rows, countries),
        f'<footer class="bl-footer"><p>{_e(ATTRIBUTION)}</p><p>Made with borderlens {_e(__version__)}.</p></footer>',
        "</main>\n</body>\n</html>\n",
    ]
    return "\n".join(parts)


def save_report(events: Any, path: str | Path, *, title: str | None = None, gazetteer: Gazetteer | None = None) -> Path:
    """Write :func:`report_from_events` to ``path`` (atomically) and return the path."""
    path = Path(path)
    atomic_write_text(path, report_from_events(events, title=title, gazetteer=gazetteer))
    return path


# -- page parts ------------------------------------------------------------------------------------
_LAYER_INDEX = {layer.key: i for i, layer in enumerate(EVENT_LAYERS)}


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _chronological(row: dict[str, Any]) -> tuple[str, int, str]:
    return (str(row.get("event_date") or "9999"), _LAYER_INDEX[row["event_type"]], str(row.get("event_id") or ""))


def _head(title: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_e(_CSP)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="borderlens {_e(__version__)}">
<title>{_e(title)}</title>
<style>{_STYLE}</style>
</head>"""


def _header(title: str, rows: list[dict[str, Any]]) -> str:
    counts = type_counts(row["event_type"] for row in rows)
    span = date_span(row.get("event_date") for row in rows)
    reports = distinct_sources(row.get("sources") for row in rows)
    undated = sum(1 for row in rows if not row.get("event_date"))
    facts = [count_label(len(rows), "event", "events")]
    if span:
        facts.append(span)
    facts.append(f"from {count_label(reports, 'report', 'reports')}")
    if undated:
        facts.append(f"{undated} undated")
    by_type = "".join(
        f'<li><span class="bl-badge" style="--c:{layer.color}">{_e(layer.symbol)}</span> '
        f"{_e(count_label(n, layer.label_one, layer.label_many))}</li>"
        for layer, n in zip(EVENT_LAYERS, counts, strict=True)
    )
    return (
        f'<header class="bl-header"><h1>{_e(title)}</h1>'
        f'<p class="bl-facts">{" · ".join(_e(f) for f in facts)}</p>'
        f'<ul class="bl-types">{by_type}</ul></header>'
    )


def _map_section(page: str, image: bytes, title: str) -> str:
    # Not BorderMap.iframe(): the report loads the map at once (no loading="lazy"), and a source
    # opened from a popup leaves the sandbox (allow-popups-to-escape-sandbox) so the article works.
    frame = (
        f'<iframe class="bl-map-frame" srcdoc="{html.escape(page, quote=True)}" title="Interactive map of the events" '
        'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"></iframe>'
    )
    data = base64.b64encode(image).decode("ascii")
    return (
        '<section class="bl-map" aria-label="Map">'
        f'<div class="bl-live-map">{frame}<p class="bl-hint">Click a marker or a dashed area for the event, '
        "its evidence and sources; tick layers on and off at the top right.</p></div>"
        f'<img class="bl-print-map" src="data:image/png;base64,{data}" '
        f'alt="{_e("Map of the events: " + title)}">'
        "</section>"
    )


def _summary(rows: list[dict[str, Any]], countries: dict[str, str]) -> str:
    counts = type_counts(row["event_type"] for row in rows)
    by_type = [
        (layer.label_many, [n if i == k else 0 for i in range(len(EVENT_LAYERS))])
        for k, (layer, n) in enumerate(zip(EVENT_LAYERS, counts, strict=True))
    ]
    areas: dict[str, list[int]] = {}
    no_admin1 = 0
    for row in rows:
        if not row.get("admin1"):
            no_admin1 += 1
            continue
        country = countries.get(str(row.get("country") or ""), str(row.get("country") or ""))
        label = f"{row['admin1']}, {country}" if country else str(row["admin1"])
        areas.setdefault(label, [0] * len(EVENT_LAYERS))[_LAYER_INDEX[row["event_type"]]] += 1
    top = sorted(areas.items(), key=lambda kv: (-sum(kv[1]), kv[0]))[:TOP_ADMIN1]
    admin_note = []
    if len(areas) > TOP_ADMIN1:
        admin_note.append(f"{len(areas) - TOP_ADMIN1} more governorates or provinces not shown.")
    if no_admin1:
        admin_note.append(
            f"{count_label(no_admin1, 'event', 'events')} placed only in a region, on a border or nowhere."
        )
    months, month_note = _by_month(rows)
    return (
        '<section class="bl-summary"><h2>Summary</h2><div class="bl-charts">'
        + _chart("Events by type", hbars(by_type, "events by type"), [])
        + _chart(f"By governorate / province (top {TOP_ADMIN1})", hbars(top, "events by governorate"), admin_note)
        + _chart("By month", vbars(months), month_note, wide=True)
        + "</div></section>"
    )


def _by_month(rows: list[dict[str, Any]]) -> tuple[list[tuple[str, list[int]]], list[str]]:
    counts: dict[str, list[int]] = {}
    undated = year_only = 0
    for row in rows:
        value = str(row.get("event_date") or "")
        if not value:
            undated += 1
        elif len(value) < 7:
            year_only += 1
        else:
            counts.setdefault(value[:7], [0] * len(EVENT_LAYERS))[_LAYER_INDEX[row["event_type"]]] += 1
    note = []
    if undated:
        note.append(f"{count_label(undated, 'event', 'events')} undated, not shown.")
    if year_only:
        note.append(f"{count_label(year_only, 'event', 'events')} dated only to the year, not shown.")
    if not counts:
        return [], note
    first, last = min(counts), max(counts)
    year, month = int(first[:4]), int(first[5:7])
    series: list[tuple[str, list[int]]] = []
    while f"{year:04d}-{month:02d}" <= last:
        key = f"{year:04d}-{month:02d}"
        series.append((key, counts.get(key, [0] * len(EVENT_LAYERS))))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    if len(series) > 60:  # more than five years: one bar per year reads better
        years: dict[str, list[int]] = {}
        for key, values in series:
            total = years.setdefault(key[:4], [0] * len(EVENT_LAYERS))
            years[key[:4]] = [a + b for a, b in zip(total, values, strict=True)]
        series = list(years.items())
    return series, note


def _chart(caption: str, svg: str, notes: list[str], *, wide: bool = False) -> str:
    note = "".join(f'<p class="bl-note">{_e(n)}</p>' for n in notes)
    return (
        f'<figure class="bl-chart{" bl-wide" if wide else ""}"><figcaption>{_e(caption)}</figcaption>'
        f"{svg}{note}</figure>"
    )


def _event_list(rows: list[dict[str, Any]], countries: dict[str, str]) -> str:
    items = [_event_item(number, row, countries) for number, row in enumerate(rows, start=1)]
    return (
        f'<section class="bl-list"><h2>Events ({len(rows)})</h2>'
        '<p class="bl-note">In date order; undated events last. Precision says how exactly the place is known: '
        "1 the town itself, 2 near a town or a small area, 3 only a region, province or border.</p>"
        f'<ol class="bl-events">{"".join(items)}</ol></section>'
    )


def _event_item(number: int, row: dict[str, Any], countries: dict[str, str]) -> str:
    layer = EVENT_LAYERS[_LAYER_INDEX[row["event_type"]]]
    sub = str(row.get("sub_event_type") or "").replace("_", " ")
    when = date_label(row.get("event_date")) or "date unknown"
    head = (
        f'<div class="bl-event-head"><span class="bl-badge" style="--c:{layer.color}">{_e(layer.symbol)}</span>'
        f' <span class="bl-event-type">{_e(layer.label_one)}</span>'
        + (f' <span class="bl-sub">· {_e(sub)}</span>' if sub else "")
        + f' <span class="bl-date">{_e(when)}</span></div>'
    )
    place = str(row.get("location") or "") or "place unknown"
    within = [str(row["admin1"])] if row.get("admin1") and str(row["admin1"]) != place else []
    country = row.get("country")
    if country:
        within.append(countries.get(str(country), str(country)))
    precision = int(row.get("geo_precision") or 0)
    where = f'<div class="bl-where"><span class="bl-place">{_e(place)}</span>'
    if within:
        where += f'<span class="bl-within">, {_e(", ".join(within))}</span>'
    if precision in PRECISION:
        where += f' <span class="bl-prec">precision {precision}: {_e(PRECISION[precision])}</span>'
    where += "</div>"
    actors = [str(a) for a in (row.get("actor1"), row.get("actor2")) if a]
    body = [head, where]
    if actors:
        body.append(f'<div class="bl-actors">Actors: {_e(" — ".join(actors))}</div>')
    if row.get("evidence"):
        body.append(f'<blockquote class="bl-evidence">{_e(row["evidence"])}</blockquote>')
    if row.get("notes"):
        body.append(f'<div class="bl-notes">Notes: {_e(row["notes"])}</div>')
    sources = [_source_item(source) for source in _sources(row.get("sources"))]
    if sources:
        body.append(f'<ul class="bl-sources">{"".join(sources)}</ul>')
    anchor = _e(f"event-{row.get('event_id') or number}")
    return f'<li class="bl-event bl-{_e(layer.key)}" id="{anchor}">{"".join(body)}</li>'


def _sources(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, str):  # a GeoPackage or CSV row keeps them as JSON text
        try:
            value = json.loads(value)
        except ValueError:
            return []
    return [s for s in value or [] if isinstance(s, dict)]


def _source_item(source: dict[str, Any]) -> str:
    label = str(source.get("outlet") or source.get("document") or "source")
    if source.get("published"):
        label += f", {date_label(str(source['published']))}"
    url = _safe_url(source.get("url"))
    if url is None:
        extra = f' <span class="bl-url">{_e(source["url"])}</span>' if source.get("url") else ""
        return f'<li><span class="bl-source">{_e(label)}</span>{extra}</li>'
    return (
        f'<li><a class="bl-source" href="{_e(url)}" target="_blank" rel="noopener noreferrer">{_e(label)}</a>'
        f' <span class="bl-url">{_e(url)}</span></li>'
    )


def _safe_url(url: Any) -> str | None:
    """The URL if it is an http or https URL with a host, else None (never a ``javascript:`` link)."""
    if not isinstance(url, str):
        return None
    text = url.strip()
    if any(ord(c) < 0x20 or c.isspace() for c in text):
        return None
    parts = urlsplit(text)
    return text if parts.scheme.lower() in _SAFE_SCHEMES and parts.netloc else None


_STYLE = (
    """
:root { --ink: #1f2328; --muted: #59636e; --line: #d8dee4; --paper: #ffffff; --tint: #f6f8fa; }
* { box-sizing: border-box; }
html { background: var(--tint); }
body { margin: 0; color: var(--ink); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans",
  "DejaVu Sans", sans-serif; }
.bl-report { max-width: 1080px; margin: 0 auto; padding: 28px 32px 40px; background: var(--paper); }
h1 { font-size: 28px; line-height: 1.2; margin: 0 0 6px; overflow-wrap: anywhere; }
h2 { font-size: 20px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
.bl-facts { margin: 0 0 6px; color: var(--muted); font-size: 16px; }
.bl-types { list-style: none; display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 0; padding: 0; }
.bl-badge { display: inline-flex; align-items: center; justify-content: center; width: 20px; height: 20px;
  border-radius: 50%; background: var(--c); color: #fff; font-size: 11px; font-weight: 700; vertical-align: -0.2em;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.bl-map { margin: 18px 0 0; }
.bl-map-frame { display: block; width: 100%; height: """
    + str(MAP_HEIGHT_PX)
    + """px; border: 1px solid var(--line);
  border-radius: 4px; }
.bl-hint { margin: 4px 0 0; color: var(--muted); font-size: 13px; }
.bl-print-map { display: none; width: 100%; height: auto; }
.bl-charts { display: grid; grid-template-columns: 1fr 1fr; gap: 18px 28px; }
.bl-chart { margin: 0; }
.bl-chart.bl-wide { grid-column: 1 / -1; }
.bl-chart figcaption { font-weight: 600; margin-bottom: 6px; }
.bl-svg { display: block; width: 100%; height: auto; font: 12px system-ui, "DejaVu Sans", sans-serif;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.bl-svg .bl-label { fill: var(--ink); }
.bl-svg .bl-value { fill: var(--ink); font-weight: 600; }
.bl-svg .bl-tick, .bl-svg .bl-year { fill: var(--muted); font-size: 11px; }
.bl-svg .bl-year { font-weight: 600; }
.bl-svg .bl-axis { stroke: #8c959f; stroke-width: 1; }
.bl-note { color: var(--muted); font-size: 13px; margin: 4px 0 0; }
.bl-events { padding-left: 2.2em; margin: 10px 0 0; }
.bl-event { padding: 10px 0 12px; border-bottom: 1px solid var(--line); }
.bl-event::marker { color: var(--muted); font-size: 13px; }
.bl-event-head { font-size: 16px; }
.bl-event-type { font-weight: 700; }
.bl-sub { color: var(--muted); }
.bl-date { float: right; color: var(--ink); font-variant-numeric: tabular-nums; font-weight: 600; }
.bl-place { font-weight: 600; }
.bl-within, .bl-prec, .bl-actors, .bl-notes { color: var(--muted); }
.bl-prec { font-size: 13px; margin-left: 6px; }
.bl-evidence { margin: 6px 0; padding: 4px 10px; border-left: 3px solid #c9d1d9; white-space: pre-wrap;
  overflow-wrap: anywhere; }
.bl-sources { margin: 4px 0 0; padding-left: 18px; font-size: 14px; }
.bl-url { color: var(--muted); font-size: 12px; overflow-wrap: anywhere; }
a { color: #0b5cad; }
.bl-footer { margin-top: 32px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); }
@page { size: A4; margin: 14mm 15mm; }
@media print {
  html, .bl-report { background: none; }
  body { font-size: 10pt; }
  .bl-report { max-width: none; padding: 0; }
  h1 { font-size: 20pt; }
  h2 { font-size: 14pt; margin-top: 14pt; break-after: avoid; }
  .bl-facts { font-size: 11pt; }
  .bl-live-map { display: none !important; }
  .bl-print-map { display: block !important; break-inside: avoid; }
  .bl-summary { break-inside: avoid; }
  .bl-chart { break-inside: avoid; }
  .bl-event { break-inside: avoid; padding: 6pt 0 7pt; }
  .bl-event-head { font-size: 11pt; }
  .bl-sources { font-size: 9pt; }
  a { color: inherit; text-decoration: none; }
}
"""
)
