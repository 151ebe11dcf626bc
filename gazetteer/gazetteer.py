"""The :class:`Gazetteer`: the shipped regional gazetteer, loaded once and indexed by name.

Loading reads two Parquet files with pyarrow (no geopandas import on this
path, so the CLI starts fast), builds the name index as a dict, and keeps the
spatial index (an STRtree of the areas) for the first containment query.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from gazetteer.entry import KINDS, Entry
from gazetteer.names import article_variants, name_key, split_generic, strip_leading
from geo.errors import GazetteerError

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["DATA_DIR", "Gazetteer"]

DATA_DIR = Path(__file__).parent / "data"
_AREA_TYPES = ("Polygon", "MultiPolygon")
_FUZZY_CUTOFF = 88.0


class Gazetteer:
    """The regional gazetteer: entries, a name index and a spatial index.

    Use :meth:`load` for the shipped data; it is read once per process.
    """

    def __init__(self, entries: list[Entry], names: dict[str, tuple[int, ...]], importance: np.ndarray, path: Path):
        self._entries = entries
        self._names = names
        self._importance = importance
        self._by_id = {entry.id: i for i, entry in enumerate(entries)}
        self.path = path

    # -- loading -------------------------------------------------------------------------------
    @classmethod
    def load(cls, path: str | Path | None = None) -> Gazetteer:
        """Load the gazetteer from ``path`` (a folder), or the shipped data; cached per folder."""
        return _load(Path(path) if path is not None else DATA_DIR)

    # -- access --------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self._entries)

    def __contains__(self, place_id: object) -> bool:
        return place_id in self._by_id

    def get(self, place_id: str) -> Entry | None:
        """The entry with this id, or None."""
        index = self._by_id.get(place_id)
        return None if index is None else self._entries[index]

    def __getitem__(self, place_id: str) -> Entry:
        entry = self.get(place_id)
        if entry is None:
            raise KeyError(place_id)
        return entry

    def importance(self, entry: Entry) -> float:
        """How strongly a bare name leans to this entry (population, or a weight by kind)."""
        return float(self._importance[self._by_id[entry.id]])

    # -- lookup --------------------------------------------------------------------------------
    def lookup(
        self,
        name: str,
        *,
        kind: str | Sequence[str] | None = None,
        country: str | None = None,
        limit: int | None = None,
        fuzzy: bool = True,
    ) -> list[Entry]:
        """Candidate entries for a place name, best first.

        Matching ignores case, diacritics, hyphens and apostrophes, knows every
        spelling in the data, and reads a generic word as a hint: "Kurdistan
        province" puts Iran's province first, "Kurdistan region" the Kurdistan
        Region. With nothing else to go on, the bigger place wins (Erbil city
        before Erbil governorate). Close misspellings are tried when nothing
        matches exactly and ``fuzzy`` is true. An empty list means no match.
        """
        key = name_key(name)
        bare, lead_hints = strip_leading(key)
        stem, hints = split_generic(bare)
        hints = hints or lead_hints
        rows: dict[int, float] = {}
        for candidate in dict.fromkeys([key, bare, stem, *article_variants(stem)]):
            for row in self._names.get(candidate, ()):
                rows[row] = 100.0
        if not rows and fuzzy and len(stem) >= 4:
            rows = self._fuzzy(stem)
        kinds = (kind,) if isinstance(kind, str) else tuple(kind or ())
        picked = [
            row
            for row in rows
            if (not kinds or self._entries[row].kind in kinds)
            and (country is None or self._entries[row].country == country.upper())
        ]

        def rank(row: int) -> tuple[int, float, float, str]:
            entry = self._entries[row]
            hinted = hints.index(entry.kind) if entry.kind in hints else len(hints)
            return (hinted, -rows[row], -float(self._importance[row]), entry.id)

        picked.sort(key=rank)
        return [self._entries[row] for row in picked[:limit]]

    def _fuzzy(self, key: str) -> dict[int, float]:
        from rapidfuzz import fuzz, process

        keys = self._sorted_keys
        rows: dict[int, float] = {}
        for match, score, _ in process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF, limit=10):
            for row in self._names[match]:
                rows[row] = max(rows.get(row, 0.0), score)
        return rows

    @functools.cached_property
    def _sorted_keys(self) -> list[str]:
        return sorted(self._names)

    # -- space ---------------------------------------------------------------------------------
    @functools.cached_property
    def _areas(self) -> tuple[list[int], shapely.STRtree]:
        rows = [i for i, e in enumerate(self._entries) if e.geometry.geom_type in _AREA_TYPES]
        tree = shapely.STRtree([self._entries[i].geometry for i in rows])
        return rows, tree

    @overload
    def containing(self, points: BaseGeometry | tuple[float, float]) -> list[Entry]: ...
    @overload
    def containing(self, points: Sequence[BaseGeometry] | np.ndarray) -> list[list[Entry]]: ...

    def containing(self, points: Any) -> list[Entry] | list[list[Entry]]:
        """Areas (countries, admin areas, regions) that contain a point, most general first.

        Give one point (a shapely geometry or a ``(lon, lat)`` pair) for a list of
        entries, or many points for one list per point; many points are answered
        with one bulk STRtree query.
        """
        single = isinstance(points, BaseGeometry) or (
            isinstance(points, tuple) and len(points) == 2 and all(isinstance(v, (int, float)) for v in points)
        )
        if isinstance(points, tuple) and single:
            points = shapely.points(*points)
        geoms = np.asarray([points] if single else points, dtype=object)
        rows, tree = self._areas
        found: list[list[Entry]] = [[] for _ in range(len(geoms))]
        if len(geoms):
            point_idx, area_idx = tree.query(geoms, predicate="within")
            for p, a in zip(point_idx.tolist(), area_idx.tolist(), strict=True):
                found[p].append(self._entries[rows[a]])
        order = {kind: i for i, kind in enumerate(KINDS)}
        for entries in found:
            entries.sort(key=lambda e: (order[e.kind], e.id))
        return found[0] if single else found

    # -- tables --------------------------------------------------------------------------------
    def to_geodataframe(self) -> gpd.GeoDataFrame:
        """The whole table as a GeoDataFrame in EPSG:4326 (a fresh copy each call)."""
        import geopandas as gpd

        frame = gpd.read_parquet(self.path / "entries.parquet")
        return frame.set_crs("EPSG:4326", allow_override=True)  # the file says CRS84: the same, lon/lat

    def counts(self) -> dict[str, Counter[str]]:
        """Number of entries by kind and by country."""
        return {
            "kind": Counter(e.kind for e in self._entries),
            "country": Counter(e.country or "-" for e in self._entries),
        }


def _column(table: Any, name: str) -> list[Any]:
    return table.column(name).to_pylist()  # type: ignore[no-any-return]


@functools.lru_cache(maxsize=4)
def _load(folder: Path) -> Gazetteer:
    import pyarrow.parquet as pq

    entries_path, names_path = folder / "entries.parquet", folder / "names.parquet"
    try:
        table = pq.read_table(entries_path)
        names_table = pq.read_table(names_path, columns=["key", "row"])
    except (OSError, ValueError) as err:
        raise GazetteerError(
            f"cannot read the gazetteer in {str(folder)!r}: {err}; "
            "reinstall borderlens or rebuild it with 'python -m gazetteer.build SOURCE_DIR'"
        ) from err
    geometry = shapely.from_wkb(table.column("geometry").to_numpy(zero_copy_only=False))
    columns = {name: _column(table, name) for name in table.column_names if name != "geometry"}
    optional = ("admin1_id", "admin2_id", "iso_code", "iso_code_old", "note")
    entries = [
        Entry(
            id=columns["id"][i],
            name=columns["name"][i],
            kind=columns["kind"][i],
            country=columns["country"][i],
            admin1=columns["admin1"][i],
            admin2=columns["admin2"][i],
            population=columns["population"][i],
            lat=columns["lat"][i],
            lon=columns["lon"][i],
            geometry=geometry[i],
            alt_names=tuple(columns["alt_names"][i] or ()),
            source=columns["source"][i],
            **{name: columns[name][i] for name in optional},
        )
        for i in range(table.num_rows)
    ]
    index: dict[str, list[int]] = {}
    for key, row in zip(_column(names_table, "key"), _column(names_table, "row"), strict=True):
        index.setdefault(key, []).append(row)
    names = {key: tuple(rows) for key, rows in index.items()}
    importance = np.asarray(columns["importance"], dtype=float)
    return Gazetteer(entries, names, importance, folder)
