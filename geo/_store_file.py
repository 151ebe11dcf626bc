"""The event store's file: a GeoPackage of two layers, read and written whole.

``events`` holds one row per event: the record columns of
:func:`geo.records.records_from_events` (``sources`` as JSON text), the event's
own geometry (point, polygon or border line in one layer of generic geometry
type), and what is needed to read the event back (``source_spans``, the chosen
place and its mention). ``documents`` is the ledger of what was ingested:
document id, SHA-256 of its text, kind (``article`` or ``record``) and when it
was first ingested (timestamps live only here, so the same ingests in the same
order give the same ``events`` rows).

A new file is written beside the old one and renamed into place, so a reader
sees the old file or the new one. :mod:`geo.store` decides what goes in.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gazetteer import Gazetteer
from geo.atomic import made_then_removed
from geo.dates import EventDate
from geo.errors import BorderlensError, InputError
from geo.model import Event, Mention, Place, Source
from geo.records import COLUMNS, records_from_events

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

__all__ = [
    "DOCUMENTS_LAYER",
    "EVENTS_LAYER",
    "STORED_COLUMNS",
    "check_store",
    "compact_json",
    "events_from_store",
    "read_ledger",
    "records_from_store",
    "stored_count",
    "write_store",
]

EVENTS_LAYER = "events"
DOCUMENTS_LAYER = "documents"
_PLACE_COLUMNS = (
    "place_name",
    "place_kind",
    "place_country",
    "place_admin1",
    "place_confidence",
    "mention_document",
    "mention_start",
    "mention_end",
    "mention_surface",
    "mention_source",
)
STORED_COLUMNS = (*COLUMNS, "source_spans", *_PLACE_COLUMNS)
_ADDED_COLUMNS = ("admin3",)  # columns a store written before them lacks: read as empty
_INTS = frozenset({"time_precision", "geo_precision", "source_count", "mention_start", "mention_end"})
_FLOATS = frozenset({"latitude", "longitude", "place_confidence"})
_LEDGER_COLUMNS = ("document", "sha256", "kind", "ingested")


# -- reading -------------------------------------------------------------------------------------
def check_store(store: Path) -> None:
    """Raise InputError unless ``store`` is a GeoPackage with borderlens' layers and columns."""
    import pyogrio
    from pyogrio.errors import DataLayerError, DataSourceError

    if not store.is_file():
        reason = "it is a folder" if store.is_dir() else "no such file"
        raise InputError(f"not an event store ({reason}); create one with 'borderlens ingest ... --store'", path=store)
    try:
        layers = {str(name) for name, _ in pyogrio.list_layers(store)}
        info = pyogrio.read_info(store, layer=EVENTS_LAYER) if EVENTS_LAYER in layers else None
    except (DataSourceError, DataLayerError, OSError) as err:
        raise InputError(
            f"not a GeoPackage event store ({err}); give a .gpkg written by 'borderlens ingest'", path=store
        ) from err
    if info is None or DOCUMENTS_LAYER not in layers or info["driver"] != "GPKG":
        raise InputError(
            f"not a borderlens event store: a GeoPackage with layers {EVENTS_LAYER!r} and {DOCUMENTS_LAYER!r} "
            "is needed; give another --store path",
            path=store,
        )
    missing = [c for c in STORED_COLUMNS if c not in set(info["fields"]) and c not in _ADDED_COLUMNS]
    if missing:
        raise InputError(
            f"the {EVENTS_LAYER!r} layer lacks columns {missing}; was it written by borderlens?", path=store
        )


def _plain(value: Any, column: str) -> Any:
    """A stored value as Python: missing values None, integers int, reals float, text str."""
    import pandas as pd

    if value is None or pd.isna(value):
        return None
    if column in _INTS:
        return int(value)
    if column in _FLOATS:
        return float(value)
    return str(value)


def _read_rows(store: Path) -> tuple[list[dict[str, Any]], list[Any]]:
    """The events layer as plain rows, and the geometries (None where an event has no place)."""
    import pyogrio

    check_store(store)
    frame = pyogrio.read_dataframe(store, layer=EVENTS_LAYER)
    columns = {
        c: [_plain(v, c) for v in frame[c].tolist()] if c in frame else [None] * len(frame) for c in STORED_COLUMNS
    }
    rows = [dict(zip(STORED_COLUMNS, values, strict=True)) for values in zip(*columns.values(), strict=True)]
    geoms = [None if g is None or g.is_empty else g for g in frame.geometry.tolist()]
    return rows, geoms


def read_ledger(store: Path) -> list[dict[str, Any]]:
    """The documents layer: one row per document ingested."""
    import pyogrio

    frame = pyogrio.read_dataframe(store, layer=DOCUMENTS_LAYER, read_geometry=False)
    return [
        {c: _plain(v, c) for c, v in zip(_LEDGER_COLUMNS, row, strict=True)}
        for row in frame[list(_LEDGER_COLUMNS)].itertuples(index=False)
    ]


def _event_from_row(row: dict[str, Any]) -> Event:
    documents = {s["document"]: s for s in json.loads(row["sources"])}
    sources = tuple(
        Source(doc, documents[doc]["outlet"], documents[doc]["url"], documents[doc]["published"], start, end)
        for doc, start, end in json.loads(row["source_spans"])
    )
    place = None
    if row["mention_document"] is not None:
        mention = Mention(
            row["mention_document"],
            row["mention_start"],
            row["mention_end"],
            row["mention_surface"] or "",
            (),
            row["mention_source"] or "name",
        )
        place = Place(
            mention,
            row["place_id"],
            row["place_name"],
            row["place_kind"],
            row["place_country"],
            row["place_admin1"],
            row["latitude"],
            row["longitude"],
            row["geo_precision"],
            row["place_confidence"] if row["place_confidence"] is not None else 1.0,
        )
    return Event(
        row["event_type"],
        row["sub_event_type"],
        EventDate(row["event_date"], row["time_precision"], row["date_text"]),
        row["actor1"],
        row["actor2"],
        place,
        row["evidence"] or "",
        sources,
        row["notes"] or "",
        stored_id=row["event_id"],
    )


def events_from_store(store: str | Path) -> list[Event]:
    """The stored events, in stored order, each keeping its stored id (``Event.stored_id``).

    Raises :class:`~geo.errors.InputError` when ``store`` is missing or not a
    borderlens GeoPackage.
    """
    rows, _ = _read_rows(Path(store))
    return [_event_from_row(row) for row in rows]


def records_from_store(store: str | Path) -> gpd.GeoDataFrame:
    """The stored events as records: the columns, order and dtypes of :func:`~geo.records.records_from_events`.

    Read as stored (no gazetteer needed): geometry and admin areas are those
    computed when the events were ingested.
    """
    import geopandas as gpd
    import pandas as pd

    rows, geoms = _read_rows(Path(store))
    admin = {c: [row[c] for row in rows] for c in ("country", "admin1", "admin2", "admin3")}
    records = [
        {
            **{c: row[c] for c in COLUMNS},
            "sources": json.loads(row["sources"]),
            "country": None,
            "admin1": None,
            "admin2": None,
            "admin3": None,
        }
        for row in rows
    ]
    frame = gpd.GeoDataFrame(records, columns=list(COLUMNS), geometry=geoms, crs="EPSG:4326")
    for column, values in admin.items():  # as records_from_events fills them: object dtype, None when empty
        frame[column] = pd.Series(values, index=frame.index, dtype=object)
    frame["time_precision"] = frame["time_precision"].astype("Int64")
    frame["geo_precision"] = frame["geo_precision"].astype("Int64")
    return frame


# -- writing -------------------------------------------------------------------------------------
def compact_json(data: Any) -> str:
    """JSON as stored: no spaces, non-ASCII kept."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _stored_frame(events: Sequence[Event], gaz: Gazetteer) -> gpd.GeoDataFrame:
    """The events layer: record columns, typed for the GeoPackage, plus what reading back needs."""
    import geopandas as gpd
    import pandas as pd

    records = records_from_events(events, gaz)
    data: dict[str, list[Any]] = {c: [_plain(v, c) for v in records[c].tolist()] for c in COLUMNS if c != "sources"}
    data["sources"] = [compact_json(v) for v in records["sources"].tolist()]
    data["source_spans"] = [compact_json([[s.document, s.start, s.end] for s in e.sources]) for e in events]
    for column in _PLACE_COLUMNS:
        data[column] = []
    for event in events:
        p = event.place
        values = (
            (
                p.name,
                p.kind,
                p.country,
                p.admin1,
                p.confidence,
                p.mention.doc_id,
                p.mention.start,
                p.mention.end,
                p.mention.surface,
                p.mention.source,
            )
            if p is not None
            else (None,) * len(_PLACE_COLUMNS)
        )
        for column, value in zip(_PLACE_COLUMNS, values, strict=True):
            data[column].append(value)

    def series(column: str) -> pd.Series[Any]:
        dtype = "Int64" if column in _INTS else "float64" if column in _FLOATS else object
        return pd.Series(data[column], dtype=dtype)

    return gpd.GeoDataFrame({c: series(c) for c in STORED_COLUMNS}, geometry=records.geometry.tolist(), crs="EPSG:4326")


def write_store(store: Path, events: Sequence[Event], ledger: Sequence[dict[str, Any]], gaz: Gazetteer) -> None:
    """Write a new GeoPackage beside ``store`` and rename it into place."""
    import pandas as pd
    import pyogrio

    table = _stored_frame(events, gaz)
    documents = pd.DataFrame({c: pd.Series([row[c] for row in ledger], dtype=object) for c in _LEDGER_COLUMNS})
    try:
        with made_then_removed(
            lambda: tempfile.mkdtemp(prefix=f".{store.name}.", dir=store.parent),
            lambda folder: shutil.rmtree(folder, ignore_errors=True),
        ) as folder:
            tmp = Path(folder) / "store.gpkg"
            pyogrio.write_dataframe(table, tmp, layer=EVENTS_LAYER, driver="GPKG", geometry_type="Unknown")
            pyogrio.write_dataframe(documents, tmp, layer=DOCUMENTS_LAYER, driver="GPKG")
            os.replace(tmp, store)
    except OSError as err:
        raise BorderlensError(f"cannot write event store {str(store)!r}: {err.strerror or err}") from err


def stored_count(store: Path) -> int:
    """How many events the store holds, read off the layer's header."""
    import pyogrio

    return int(pyogrio.read_info(store, layer=EVENTS_LAYER)["features"])
