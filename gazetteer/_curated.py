"""The hand-curated tables that add to the open data: sourced points and crossings.

``curated/sourced_points.csv`` holds the rows of the shared ``curated_sourced_points.csv``
the gazetteer uses, each with its page and quote; a row whose id is already an
entry adds its names to it. ``curated/crossings.csv`` holds crossings with no
sourced gate: their point is the named town's (``point_of``), never an invented one,
and ``counterpart`` links the two sides.
"""

from __future__ import annotations

import csv
from pathlib import Path

from shapely.geometry import Point

from gazetteer import _sources as sources
from gazetteer._entries import Entry, clean_names, new_entry


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def sourced_points(path: Path, entries: list[Entry]) -> list[Entry]:
    """New entries for the sourced points; rows naming an existing entry extend its names instead."""
    by_id = {e["id"]: e for e in entries}
    out = []
    for row in _rows(path):
        names = sources.split_names(row["alt_names"])
        known = by_id.get(row["id"])
        if known is not None:
            known["alt_names"] = clean_names(known["name"], [*known["alt_names"], row["name"], *names])
            known["feature_code"] = known["feature_code"] or row["feature_code"] or None
            continue
        out.append(
            new_entry(
                row["id"],
                row["name"],
                row["kind"],
                Point(float(row["lon"]), float(row["lat"])),
                country=row["country"] or None,
                source="curated",
                feature_code=row["feature_code"] or None,
                source_url=row["source_url"] or None,
                note=row["precision_note"] or None,
                point_basis=row["point_basis"] or None,
                alt_names=clean_names(row["name"], names),
            )
        )
    return out


def crossings(path: Path, entries: list[Entry]) -> list[Entry]:
    """Crossings placed at their named town's point (see the module docstring)."""
    by_id = {e["id"]: e for e in entries}
    out = []
    for line, row in enumerate(_rows(path), start=2):
        town = by_id.get(row["point_of"])
        if town is None:
            raise sources.GazetteerError(f"{path.name} line {line}: no entry {row['point_of']!r} to take the point of")
        out.append(
            new_entry(
                row["id"],
                row["name"],
                "crossing",
                town["geometry"],
                country=row["country"] or town["country"],
                source="curated",
                admin_code=town["admin_code"],
                source_url=row["source_url"] or None,
                note=row["note"] or None,
                point_basis="town",
                counterpart_id=row["counterpart"] or None,
                alt_names=clean_names(row["name"], sources.split_names(row["alt_names"])),
            )
        )
    return out


def link_counterparts(entries: list[Entry]) -> None:
    """Make every counterpart link two-way (a sourced crossing names no counterpart of its own)."""
    by_id = {e["id"]: e for e in entries}
    for e in entries:
        other = by_id.get(e["counterpart_id"] or "")
        if e["counterpart_id"] and other is None:
            raise sources.GazetteerError(f"crossing {e['id']!r}: no counterpart entry {e['counterpart_id']!r}")
        if other is not None and other["counterpart_id"] is None:
            other["counterpart_id"] = e["id"]
