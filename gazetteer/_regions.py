"""Named regions and borders, built from the definitions in ``curated/regions.csv``.

A region is the union of admin areas it is defined by (the Kurdistan Region is
its three governorates); a border is a Natural Earth boundary line, or part of
one clipped to a region. Member references are readable: ``iso:IQ-AR`` (a
country or ISO 3166-2 code), ``county:IR-04:Mahabad`` (an Iranian county by its
province and English name), ``IRN-IRQ`` (a boundary line by country pair) or an
entry id.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry

from gazetteer._entries import Entry, clean_names, new_entry
from gazetteer._sources import split_names
from geo.errors import GazetteerError

CLIP_MARGIN_DEG = 0.045  # about 5 km: the border and admin files are different NE releases


def resolve_member(ref: str, entries: list[Entry], lines: dict[str, BaseGeometry]) -> BaseGeometry:
    """Geometry of one member reference (see the module docstring)."""
    if ref in lines:
        return lines[ref]
    if ref.startswith("iso:"):
        code = ref[4:]
        found = [e for e in entries if e["iso_code"] == code and e["kind"] in ("country", "adm1")]
    elif ref.startswith("county:"):
        _, province, name = ref.split(":", 2)
        found = [e for e in entries if e["kind"] == "adm2" and e.get("province_code") == province and e["name"] == name]
    else:
        found = [e for e in entries if e["id"] == ref]
    if len(found) != 1:
        raise GazetteerError(f"region member {ref!r} matches {len(found)} entries; it must match exactly one")
    return found[0]["geometry"]


def regions(path: Path, entries: list[Entry], line_rows: list[dict[str, Any]]) -> list[Entry]:
    """Build every region and border row of ``regions.csv`` in file order."""
    lines: dict[str, list[BaseGeometry]] = {}
    for row in line_rows:
        lines.setdefault(row["pair"], []).append(row["geometry"])
    merged = {pair: shapely.line_merge(shapely.union_all(parts)) for pair, parts in sorted(lines.items())}
    out: list[Entry] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            members = row["members"].split()
            known = entries + out
            if row["op"] == "union":
                geom = shapely.union_all([resolve_member(m, known, merged) for m in members])
            elif row["op"] == "line":
                geom = resolve_member(members[0], known, merged)
            elif row["op"] == "clip":
                line = resolve_member(members[0], known, merged)
                area = resolve_member(members[1], known, merged)
                geom = shapely.line_merge(shapely.intersection(line, shapely.buffer(area, CLIP_MARGIN_DEG)))
            else:
                raise GazetteerError(f"regions.csv: unknown op {row['op']!r} for {row['id']!r}")
            out.append(
                new_entry(
                    row["id"],
                    row["name"],
                    row["kind"],
                    shapely.normalize(geom),
                    country=row["country"] or None,
                    source="derived",
                    note=row["note"] or None,
                    iso_code="IQ-KR" if row["id"] == "region:kurdistan-region-iraq" else None,
                    alt_names=clean_names(row["name"], split_names(row["alt_names"])),
                )
            )
    return out
