"""Small bar charts as inline SVG for the report: stacked by event type, in the map's colours."""

from __future__ import annotations

import html
from typing import Any

from maps._summary import date_label
from maps.event_layers import EVENT_LAYERS

__all__ = ["hbars", "vbars"]


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def hbars(rows: list[tuple[str, list[int]]], name: str) -> str:
    """Horizontal bars, stacked by event type, with the label left and the total right."""
    if not rows:
        return '<p class="bl-note">No events.</p>'
    line, label_w, width = 22, 130, 400
    top = max(sum(v) for _label, v in rows) or 1
    scale = (width - label_w - 40) / top
    parts = []
    for i, (label, values) in enumerate(rows):
        y = i * line + 4
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 11}" text-anchor="end" class="bl-label">{_e(_short(label, 24))}'
            f"<title>{_e(label)}</title></text>"
        )
        x = float(label_w)
        for layer, value in zip(EVENT_LAYERS, values, strict=True):
            if value:
                parts.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{value * scale:.1f}" height="15" fill="{layer.color}">'
                    f"<title>{_e(layer.label_many)}: {value}</title></rect>"
                )
                x += value * scale
        parts.append(f'<text x="{x + 5:.1f}" y="{y + 11}" class="bl-value">{sum(values)}</text>')
    height = len(rows) * line + 4
    return (
        f'<svg class="bl-svg" viewBox="0 0 {width} {height}" role="img" aria-label="{_e(name)}" '
        f'xmlns="http://www.w3.org/2000/svg">{"".join(parts)}</svg>'
    )


def vbars(series: list[tuple[str, list[int]]]) -> str:
    """Vertical bars per month (or year), stacked by event type; a year label under each January."""
    if not series:
        return '<p class="bl-note">No dated events.</p>'
    width, height, left, bottom, top_pad = 800, 180, 30, 40, 14
    step = (width - left - 10) / len(series)
    bar = max(2.0, min(28.0, step * 0.72))
    peak = max(sum(v) for _k, v in series) or 1
    scale = (height - bottom - top_pad) / peak
    base = height - bottom
    parts = [f'<line x1="{left}" x2="{width - 10}" y1="{base}" y2="{base}" class="bl-axis"/>']
    for tick in sorted({0, peak, (peak + 1) // 2}):
        y = base - tick * scale
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" class="bl-tick">{tick}</text>')
    every = max(1, round(len(series) / 24))
    for i, (key, values) in enumerate(series):
        x = left + i * step + (step - bar) / 2
        y = float(base)
        for layer, value in zip(EVENT_LAYERS, values, strict=True):
            if value:
                h = value * scale
                y -= h
                parts.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="{layer.color}">'
                    f"<title>{_e(date_label(key))}: {value} {_e(layer.label_many.lower())}</title></rect>"
                )
        if sum(values):
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle" class="bl-value">'
                f"{sum(values)}</text>"
            )
        centre = left + i * step + step / 2
        if len(key) == 4:
            parts.append(f'<text x="{centre:.1f}" y="{base + 15}" text-anchor="middle" class="bl-tick">{key}</text>')
        elif i % every == 0 or key.endswith("-01"):
            month = date_label(key).split()[0]
            parts.append(f'<text x="{centre:.1f}" y="{base + 15}" text-anchor="middle" class="bl-tick">{month}</text>')
            if i == 0 or key.endswith("-01"):
                parts.append(
                    f'<text x="{centre:.1f}" y="{base + 30}" text-anchor="middle" class="bl-year">{key[:4]}</text>'
                )
    return (
        f'<svg class="bl-svg" viewBox="0 0 {width} {height}" role="img" aria-label="events by month" '
        f'xmlns="http://www.w3.org/2000/svg">{"".join(parts)}</svg>'
    )
