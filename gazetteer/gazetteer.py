"""The :class:`Gazetteer`: the shipped regional gazetteer, loaded once and indexed by name.

Loading reads the entries that may be taken on their name alone and their name
index with pyarrow (no geopandas import on this path, so the CLI starts fast),
builds the name index as a dict, and keeps the spatial index (an STRtree of
the areas) for the first containment query. The villages that need support and
the folded-name index are read on first use (:mod:`gazetteer._support`).
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

from gazetteer._support import FoldedIndex, Villages, entries_from_columns
from gazetteer.entry import KINDS, Entry
from gazetteer.names import (
    article_variants,
    fold_key,
    folded_keys,
    key_variants,
    name_key,
    split_generic,
    strip_leading,
)
from geo.errors import GazetteerError

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["DATA_DIR", "Gazetteer"]

DATA_DIR = Path(__file__).parent / "data"
_AREA_TYPES = ("Polygon", "MultiPolygon")
_FUZZY_CUTOFF = 88.0


#: Key-value metadata of entries.parquet: how many leading rows may be taken on their name alone.
STANDALONE_ROWS_KEY = b"borderlens:standalone_rows"


class Gazetteer:
    """The regional gazetteer: entries, a name index and a spatial index.

    Iterating, ``len`` and :meth:`lookup` cover the entries that may be taken
    on their name alone, the ones recognition may find by name. The villages
    that need support (``Entry.needs_support``) are apart: :meth:`get` finds
    them by id, :meth:`folded` and ``lookup(..., support=True)`` by name, and
    :meth:`needing_support` lists them. Use :meth:`load` for the shipped data;
    it is read once per process.
    """

    def __init__(
        self,
        entries: list[Entry],
        names: dict[str, tuple[int, ...]],
        importance: np.ndarray,
        path: Path,
        villages: Villages | None = None,
    ):
        self._entries = entries
        self._names = names
        self._importance = importance
        self._by_id = {entry.id: i for i, entry in enumerate(entries)}
        self.path = path
        self._villages = villages or Villages(path / "entries.parquet", len(entries), [])
        self._folded = FoldedIndex(path / "folded.parquet")

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
        return place_id in self._by_id or (isinstance(place_id, str) and self._villages.get(place_id) is not None)

    def get(self, place_id: str) -> Entry | None:
        """The entry with this id (a village that needs support too), or None."""
        index = self._by_id.get(place_id)
        return self._villages.get(place_id) if index is None else self._entries[index]

    def needing_support(self) -> Iterator[Entry]:
        """The villages that need support, in file order (each made on first use: about 130,000)."""
        return (self._villages.entry(i) for i in range(len(self._villages)))

    def support_table(self) -> Any:
        """The villages that need support as one pyarrow Table (the ``entries.parquet`` columns), or None.

        For building indexes over all of them without an object per village.
        """
        return self._villages.table

    def __getitem__(self, place_id: str) -> Entry:
        entry = self.get(place_id)
        if entry is None:
            raise KeyError(place_id)
        return entry

    def importance(self, entry: Entry) -> float:
        """How strongly a bare name leans to this entry (population, or a weight by kind)."""
        index = self._by_id.get(entry.id)
        if index is None:
            return float(self._villages.importance[self._villages.position(entry.id)])
        return float(self._importance[index])

    def _row_entry(self, row: int) -> Entry:
        """The entry at a row of ``entries.parquet`` (villages follow the entries taken alone)."""
        return self._entries[row] if row < len(self._entries) else self._villages.entry(row - len(self._entries))

    def _row_importance(self, row: int) -> float:
        if row < len(self._entries):
            return float(self._importance[row])
        return float(self._villages.importance[row - len(self._entries)])

    def folded_rows(self, key: str) -> tuple[int, ...]:
        """Rows of ``entries.parquet`` under a folded key (:func:`gazetteer.names.fold_key`): one dict lookup.

        Rows below ``len(self)`` are entries taken alone (``list(self)[row]``),
        the rest villages that need support. For recognition code that folds its
        own text; :meth:`folded` gives entries.
        """
        return self._folded.get(key)

    def folded(self, name: str, *, support: bool = True, limit: int | None = None) -> list[Entry]:
        """Entries with a name that folds like ``name`` ("Siddkan" finds Sidakan), closest spelling first.

        Folding (``data/folding.tsv``) joins transliteration variants; it also
        joins some different places, so candidates are ranked by how close their
        nearest name is to ``name`` (rapidfuzz ratio on name keys), then by
        importance. ``support=False`` leaves out the villages that need support.
        """
        from rapidfuzz import fuzz

        keys = key_variants(name_key(name))
        rows = {r for key in folded_keys(name) for r in self._folded.get(key) if support or r < len(self._entries)}

        def rank(row: int) -> tuple[float, float, str]:
            entry = self._row_entry(row)
            close = max(fuzz.ratio(k, name_key(n)) for k in keys for n in (entry.name, *entry.alt_names))
            return (-close, -self._row_importance(row), entry.id)

        return [self._row_entry(r) for r in sorted(rows, key=rank)[:limit]]

    # -- lookup --------------------------------------------------------------------------------
    def lookup(
        self,
        name: str,
        *,
        kind: str | Sequence[str] | None = None,
        country: str | None = None,
        limit: int | None = None,
        fuzzy: bool = True,
        support: bool = False,
    ) -> list[Entry]:
        """Candidate entries for a place name, best first.

        Matching ignores case, diacritics, hyphens and apostrophes, knows every
        spelling in the data, and reads a generic word as a hint: "Kurdistan
        province" puts Iran's province first, "Kurdistan region" the Kurdistan
        Region. With nothing else to go on, the bigger place wins (Erbil city
        before Erbil governorate). Close misspellings are tried when nothing
        matches exactly and ``fuzzy`` is true. ``support=True`` adds the
        villages that need support whose name matches exactly. An empty list
        means no match.
        """
        key = name_key(name)
        bare, lead_hints = strip_leading(key)
        stem, hints = split_generic(bare)
        hints = hints or lead_hints
        rows: dict[int, float] = {}
        for candidate in dict.fromkeys([key, bare, stem, *article_variants(stem)]):
            for row in self._names.get(candidate, ()):
                rows[row] = 100.0
            if support:
                rows.update(dict.fromkeys(self._villages_named(candidate), 100.0))
        if not rows and fuzzy and len(stem) >= 4:
            rows = self._fuzzy(stem)
        kinds = (kind,) if isinstance(kind, str) else tuple(kind or ())
        picked = [
            row
            for row in rows
            if (not kinds or self._row_entry(row).kind in kinds)
            and (country is None or self._row_entry(row).country == country.upper())
        ]

        def rank(row: int) -> tuple[int, float, float, str]:
            entry = self._row_entry(row)
            hinted = hints.index(entry.kind) if entry.kind in hints else len(hints)
            return (hinted, -rows[row], -self._row_importance(row), entry.id)

        picked.sort(key=rank)
        return [self._row_entry(row) for row in picked[:limit]]

    def _villages_named(self, key: str) -> list[int]:
        """Rows of the villages with a name whose key (or a variant of it) is ``key``."""
        found = []
        for row in self._folded.get(fold_key(key)):
            if row < len(self._entries):
                continue
            entry = self._row_entry(row)
            if any(key in key_variants(name_key(n)) for n in (entry.name, *entry.alt_names)):
                found.append(row)
        return found

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
    def to_geodataframe(self, *, support: bool = False) -> gpd.GeoDataFrame:
        """The entries as a GeoDataFrame in EPSG:4326 (a fresh copy each call).

        The entries taken alone, in iteration order; ``support=True`` appends the
        villages that need support.
        """
        import geopandas as gpd

        frame = gpd.read_parquet(self.path / "entries.parquet")
        if not support:
            frame = frame.iloc[: len(self._entries)]
        return frame.set_crs("EPSG:4326", allow_override=True)  # the file says CRS84: the same, lon/lat

    def counts(self) -> dict[str, Counter[str]]:
        """Number of entries by kind and by country; the villages that need support count apart.

        Their kind is counted as "populated_place (needs support)" (it reads the
        village table).
        """
        kinds = Counter(e.kind for e in self._entries)
        countries = Counter(e.country or "-" for e in self._entries)
        table = self._villages.table
        if table is not None:
            for kind, n in Counter(table.column("kind").to_pylist()).items():
                kinds[f"{kind} (needs support)"] += n
            countries.update(table.column("country").to_pylist())
        return {"kind": kinds, "country": countries}


def _column(table: Any, name: str) -> list[Any]:
    return table.column(name).to_pylist()  # type: ignore[no-any-return]


@functools.lru_cache(maxsize=4)
def _load(folder: Path) -> Gazetteer:
    import pyarrow.parquet as pq

    entries_path, names_path = folder / "entries.parquet", folder / "names.parquet"
    try:
        parquet = pq.ParquetFile(entries_path)
        standalone, groups = _standalone_groups(parquet)
        table = parquet.read_row_groups(groups[:standalone])
        # ParquetFile, not read_table: read_table imports pyarrow.dataset, and with it pandas (0.5 s)
        names_table = pq.ParquetFile(names_path).read(columns=["key", "row"])
    except (OSError, ValueError) as err:
        raise GazetteerError(
            f"cannot read the gazetteer in {str(folder)!r}: {err}; "
            "reinstall borderlens or rebuild it with 'python -m gazetteer.build SOURCE_DIR'"
        ) from err
    geometry = shapely.from_wkb(table.column("geometry").to_pylist())
    columns = {name: _column(table, name) for name in table.column_names if name != "geometry"}
    entries = entries_from_columns(columns, geometry)
    index: dict[str, list[int]] = {}
    for key, row in zip(_column(names_table, "key"), _column(names_table, "row"), strict=True):
        index.setdefault(key, []).append(row)
    names = {key: tuple(rows) for key, rows in index.items()}
    importance = np.asarray(columns["importance"], dtype=float)
    villages = Villages(entries_path, len(entries), groups[standalone:])
    return Gazetteer(entries, names, importance, folder, villages)


def _standalone_groups(parquet: Any) -> tuple[int, list[int]]:
    """How many row groups hold the entries taken alone, and every row group's index.

    The build writes those entries first, in their own row groups, and their
    count in the file's metadata; a file without it is all entries taken alone.
    """
    groups = list(range(parquet.metadata.num_row_groups))
    metadata = parquet.schema_arrow.metadata or {}
    if STANDALONE_ROWS_KEY not in metadata:
        return len(groups), groups
    wanted, count = int(metadata[STANDALONE_ROWS_KEY]), 0
    for i in groups:
        if count >= wanted:
            return i, groups
        count += parquet.metadata.row_group(i).num_rows
    return len(groups), groups
