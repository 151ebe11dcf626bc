"""Small facts about a set of events, shared by the static map and the report: dates, counts, places."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date
from typing import Any

from maps.event_layers import EVENT_LAYERS

__all__ = ["PRECISION", "count_label", "date_label", "date_span", "distinct_sources", "type_counts"]

#: What each ``geo_precision`` means, as the interactive map's popups say it.
PRECISION = {1: "the town itself", 2: "near a town, or a small area", 3: "a region, province or border"}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def date_label(value: str | None) -> str:
    """``2022-09-28`` -> ``28 Sep 2022``, ``2023-03`` -> ``Mar 2023``, ``2023`` -> ``2023``; None -> ``""``."""
    if not value:
        return ""
    parts = str(value).split("-")
    try:
        if len(parts) >= 3:
            day = date(int(parts[0]), int(parts[1]), int(parts[2][:2]))
            return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
        if len(parts) == 2:
            return f"{_MONTHS[int(parts[1]) - 1]} {int(parts[0])}"
        return str(int(parts[0]))
    except (ValueError, IndexError):
        return str(value)


def date_span(values: Iterable[str | None]) -> str:
    """The first and last date, as text (``""`` when no event is dated)."""
    dated = sorted(str(v) for v in values if v)
    if not dated:
        return ""
    first, last = dated[0], dated[-1]
    return date_label(first) if first == last else f"{date_label(first)} – {date_label(last)}"


def count_label(count: int, one: str, many: str) -> str:
    """``1 strike``, ``3 strikes``."""
    return f"{count} {one if count == 1 else many}"


def type_counts(types: Iterable[Any]) -> list[int]:
    """Events per layer of :data:`maps.event_layers.EVENT_LAYERS`, in legend order."""
    counts = Counter(types)
    return [counts.get(layer.key, 0) for layer in EVENT_LAYERS]


def distinct_sources(sources: Iterable[Any]) -> int:
    """How many different reports (documents, else URLs) the events come from."""
    seen: set[str] = set()
    for listed in sources:
        for source in listed or []:
            if isinstance(source, dict):
                key = source.get("document") or source.get("url") or source.get("outlet")
                if key:
                    seen.add(str(key))
    return len(seen)
