"""The parts of the shipped gazetteer read only when asked: the villages that need support, the folded index.

``entries.parquet`` holds first the entries that may be taken on their name
alone (read at start), then, in their own row group, about 130,000 villages
that need support. Those stay an Arrow table until asked for; an
:class:`~gazetteer.entry.Entry` is made for a village only when a lookup
returns it. ``folded.parquet`` maps every transliteration-folded key (one row per
key) to its entry rows; it becomes one dict on first use.
"""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from gazetteer.entry import Entry

__all__ = ["FoldedIndex", "Villages", "entries_from_columns"]

_TUPLES = ("alt_names", "alt_langs")


def entries_from_columns(columns: dict[str, list[Any]], geometry: Any) -> list[Entry]:
    """Entries from the columns of ``entries.parquet`` as lists (older files lack some columns).

    Entries are made positionally, field by field, with no dict per row: this
    is most of :meth:`Gazetteer.load`'s time.
    """
    count = len(geometry)
    fields = []
    for field in dataclasses.fields(Entry):
        name = field.name
        if name == "geometry":
            fields.append(list(geometry))
        elif name in _TUPLES:
            fields.append([tuple(v) if v else () for v in columns.get(name, [None] * count)])
        elif name == "needs_support":
            fields.append([bool(v) for v in columns.get(name, [False] * count)])
        elif name in columns:
            fields.append(columns[name])
        else:
            fields.append([field.default] * count)
    return list(map(Entry, *fields))


class Villages:
    """The entries that need support: rows ``first_row`` onwards of ``entries.parquet``, read on first use."""

    def __init__(self, path: Path, first_row: int, row_groups: list[int]):
        self.path = path
        self.first_row = first_row
        self.row_groups = row_groups
        self._made: dict[int, Entry] = {}

    @functools.cached_property
    def table(self) -> Any:
        """The villages as a pyarrow Table (the columns of ``entries.parquet``), or None when there are none."""
        import pyarrow.parquet as pq

        if not self.row_groups:
            return None
        return pq.ParquetFile(self.path).read_row_groups(self.row_groups)

    def __len__(self) -> int:
        return 0 if self.table is None else int(self.table.num_rows)

    @functools.cached_property
    def _ids(self) -> dict[str, int]:
        return {} if self.table is None else {v: i for i, v in enumerate(self.table.column("id").to_pylist())}

    @functools.cached_property
    def importance(self) -> np.ndarray:
        """Importance of each village, by position."""
        if self.table is None:
            return np.zeros(0)
        return np.asarray(self.table.column("importance").to_pylist(), dtype=float)

    def entry(self, position: int) -> Entry:
        """The village at ``position`` (0 is row ``first_row`` of the file), made once."""
        made = self._made.get(position)
        if made is None:
            row = self.table.slice(position, 1)
            columns = {name: row.column(name).to_pylist() for name in row.column_names if name != "geometry"}
            made = entries_from_columns(columns, shapely.from_wkb(row.column("geometry").to_pylist()))[0]
            self._made[position] = made
        return made

    def position(self, place_id: str) -> int:
        """A village's position (KeyError when there is none)."""
        return self._ids[place_id]

    def get(self, place_id: str) -> Entry | None:
        """The village with this id, or None."""
        position = self._ids.get(place_id)
        return None if position is None else self.entry(position)


class FoldedIndex:
    """Folded key -> entry rows, from ``folded.parquet``; an empty index when the file is absent."""

    def __init__(self, path: Path):
        self.path = path

    @functools.cached_property
    def rows(self) -> dict[str, tuple[int, ...]]:
        """The whole index as one dict (built on first use)."""
        import pyarrow.parquet as pq

        if not self.path.is_file():
            return {}
        table = pq.ParquetFile(self.path).read(columns=["key", "rows"])
        return dict(zip(table.column("key").to_pylist(), map(tuple, table.column("rows").to_pylist()), strict=True))

    def get(self, key: str) -> tuple[int, ...]:
        """Entry rows under one folded key."""
        return self.rows.get(key, ())
