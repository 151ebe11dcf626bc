"""One gazetteer entry as callers see it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from shapely.geometry.base import BaseGeometry

__all__ = ["KINDS", "Entry"]

#: Every kind of entry, most general first.
KINDS = ("country", "region", "adm1", "adm2", "adm3", "border", "crossing", "populated_place", "landmark")


@dataclass(frozen=True, slots=True)
class Entry:
    """A place in the gazetteer: what it is called, where it is, what contains it.

    ``lat``/``lon`` is a representative point inside the geometry (a label point
    for areas, the middle of a border line), used where one point is needed.
    ``needs_support`` marks a place that may not be taken on its name alone (a
    village with no known population): text must support it (a place cue, a
    resolved neighbour). ``alt_langs`` gives each alternate name's language tag
    ("" when the source gives none). ``counterpart_id`` links the two sides of a
    border crossing; ``point_basis`` says how a curated point was found
    ("source", "derived", "proxy", or "town": the named town's point).
    """

    id: str
    name: str
    kind: str
    country: str | None
    admin1: str | None
    admin2: str | None
    population: int | None
    lat: float
    lon: float
    geometry: BaseGeometry = field(repr=False, compare=False)
    alt_names: tuple[str, ...] = field(default=(), repr=False)
    admin1_id: str | None = field(default=None, repr=False)
    admin2_id: str | None = field(default=None, repr=False)
    iso_code: str | None = field(default=None, repr=False)
    iso_code_old: str | None = field(default=None, repr=False)
    source: str = field(default="", repr=False)
    note: str | None = field(default=None, repr=False)
    admin3: str | None = field(default=None, repr=False)
    admin3_id: str | None = field(default=None, repr=False)
    pcode: str | None = field(default=None, repr=False)
    needs_support: bool = field(default=False, repr=False)
    alt_langs: tuple[str, ...] = field(default=(), repr=False)
    counterpart_id: str | None = field(default=None, repr=False)
    point_basis: str | None = field(default=None, repr=False)

    @property
    def is_area(self) -> bool:
        """True for entries drawn as polygons (countries, admin areas, regions)."""
        return self.geometry.geom_type in ("Polygon", "MultiPolygon")

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready fields (geometry as its type only)."""
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "admin3": self.admin3,
            "population": self.population,
            "lat": self.lat,
            "lon": self.lon,
            "geometry_type": self.geometry.geom_type,
            "alt_names": list(self.alt_names),
            "iso_code": self.iso_code,
            "iso_code_old": self.iso_code_old,
            "source": self.source,
            "note": self.note,
            "pcode": self.pcode,
            "needs_support": self.needs_support,
            "counterpart_id": self.counterpart_id,
            "point_basis": self.point_basis,
        }
