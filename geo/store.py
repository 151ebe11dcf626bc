"""The event store: events accumulated over many ingests in one GeoPackage.

A store has two layers. ``events`` holds one row per event: the record columns
of :func:`geo.records.records_from_events` (``sources`` as JSON text), the
event's own geometry (point, polygon or border line in one layer of generic
geometry type), and what is needed to read the event back (``source_spans``,
the chosen place and its mention). ``documents`` is the ledger of what was
ingested: document id, SHA-256 of its text, kind (``article`` or ``record``)
and when it was first ingested (timestamps live only here, so the same ingests
in the same order give the same ``events`` rows).

:func:`ingest` skips a document whose text is already in the ledger, merges
the events of new documents into the stored ones (a new report of a known
event adds a source to it and the event keeps its id), and rewrites the file
atomically under an exclusive lock on ``<store>.lock``: concurrent ingests
extract in parallel, then merge and write one at a time, each on top of the
other's result. Readers never lock: they see the old file or the new one.
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gazetteer import Gazetteer
from geo.dates import EventDate
from geo.errors import BorderlensError, InputError
from geo.events import events_from_document, merge_events, merge_into
from geo.model import Document, Event, Source
from geo.records import COLUMNS, records_from_events
from geo.resolve import Place
from geo.toponyms import Mention

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

__all__ = [
    "IngestReport",
    "StoreLockError",
    "document_digest",
    "events_from_store",
    "ingest",
    "ingest_extracted",
    "records_from_store",
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
_INTS = frozenset({"time_precision", "geo_precision", "source_count", "mention_start", "mention_end"})
_FLOATS = frozenset({"latitude", "longitude", "place_confidence"})
_LEDGER_COLUMNS = ("document", "sha256", "kind", "ingested")


class StoreLockError(BorderlensError, TimeoutError):
    """Another ingest held the store's lock for longer than the timeout."""


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What one ingest did. Documents count articles and curated records alike."""

    documents_seen: int
    documents_new: int
    documents_skipped: int  # already in the store (same text), or repeated within this ingest
    events_new: int
    events_updated: int  # stored events that gained a source
    events_total: int


@dataclass(frozen=True, slots=True)
class _Input:
    document: str
    sha256: str
    kind: str
    events: tuple[Event, ...]


# -- reading -------------------------------------------------------------------------------------
def _check_store(store: Path) -> None:
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
    missing = [c for c in STORED_COLUMNS if c not in set(info["fields"])]
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

    _check_store(store)
    frame = pyogrio.read_dataframe(store, layer=EVENTS_LAYER)
    columns = {c: [_plain(v, c) for v in frame[c].tolist()] for c in STORED_COLUMNS}
    rows = [dict(zip(STORED_COLUMNS, values, strict=True)) for values in zip(*columns.values(), strict=True)]
    geoms = [None if g is None or g.is_empty else g for g in frame.geometry.tolist()]
    return rows, geoms


def _read_ledger(store: Path) -> list[dict[str, Any]]:
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
    admin = {c: [row[c] for row in rows] for c in ("country", "admin1", "admin2")}
    records = [
        {
            **{c: row[c] for c in COLUMNS},
            "sources": json.loads(row["sources"]),
            "country": None,
            "admin1": None,
            "admin2": None,
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
def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _stored_frame(events: Sequence[Event], gaz: Gazetteer) -> gpd.GeoDataFrame:
    """The events layer: record columns, typed for the GeoPackage, plus what reading back needs."""
    import geopandas as gpd
    import pandas as pd

    records = records_from_events(events, gaz)
    data: dict[str, list[Any]] = {c: [_plain(v, c) for v in records[c].tolist()] for c in COLUMNS if c != "sources"}
    data["sources"] = [_dumps(v) for v in records["sources"].tolist()]
    data["source_spans"] = [_dumps([[s.document, s.start, s.end] for s in e.sources]) for e in events]
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


def _write(store: Path, events: Sequence[Event], ledger: Sequence[dict[str, Any]], gaz: Gazetteer) -> None:
    """Write a new GeoPackage beside ``store`` and rename it into place."""
    import pandas as pd
    import pyogrio

    table = _stored_frame(events, gaz)
    documents = pd.DataFrame({c: pd.Series([row[c] for row in ledger], dtype=object) for c in _LEDGER_COLUMNS})
    folder = tempfile.mkdtemp(prefix=f".{store.name}.", dir=store.parent)
    try:
        tmp = Path(folder) / "store.gpkg"
        pyogrio.write_dataframe(table, tmp, layer=EVENTS_LAYER, driver="GPKG", geometry_type="Unknown")
        pyogrio.write_dataframe(documents, tmp, layer=DOCUMENTS_LAYER, driver="GPKG")
        os.replace(tmp, store)
    except OSError as err:
        raise BorderlensError(f"cannot write event store {str(store)!r}: {err.strerror or err}") from err
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def _locked(store: Path, timeout: float) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``<store>.lock`` (released by the kernel if the process dies)."""
    lock = store.with_name(store.name + ".lock")
    try:
        store.parent.mkdir(parents=True, exist_ok=True)
        handle = lock.open("a")
    except OSError as err:
        raise BorderlensError(f"cannot create lock file {str(lock)!r}: {err.strerror or err}") from err
    with handle:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise StoreLockError(
                        f"event store {str(store)!r} is locked by another ingest (lock file {str(lock)!r}) "
                        f"and stayed locked for {timeout:g} s; try again when it has finished"
                    ) from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


# -- ingesting -----------------------------------------------------------------------------------
def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _record_digest(event: Event) -> str:
    """A curated record's content hash: every field that makes it what it is."""
    place = event.place
    return _sha256(
        _dumps(
            [
                event.event_type,
                event.sub_event_type,
                [event.date.value, event.date.precision, event.date.text],
                event.actor1,
                event.actor2,
                None if place is None else [place.place_id, place.name, place.lat, place.lon],
                event.evidence,
                event.notes,
                [[s.document, s.outlet, s.url, s.published] for s in event.sources],
            ]
        )
    )


def _spans(event: Event) -> frozenset[tuple[str, int, int]]:
    return frozenset((s.document, s.start, s.end) for s in event.sources)


def _earliest(event: Event) -> tuple[str, int]:
    return min((s.document, s.start) for s in event.sources)


def _merge_into(stored: list[Event], new: list[Event], gaz: Gazetteer) -> list[Event]:
    """Stored events with the new ones merged in; stored events are never merged with each other.

    The new events are first merged among themselves as
    :func:`~geo.events.events_from_documents` does; each result then joins the
    first stored event it reports (by :func:`~geo.events.merge_events`' rules),
    or is added.
    """
    kept = merge_into(stored, merge_events(sorted(new, key=_earliest), gaz), gaz)
    taken = {e.event_id for e in kept if e.stored_id is not None}
    for i, event in enumerate(kept):
        if event.stored_id is None:
            event_id = event.event_id
            while event_id in taken:  # a revised article (same id, new text) reporting at the same offset
                event_id = "ev-" + hashlib.sha1(f"{event_id}\x1frevised".encode()).hexdigest()[:12]
            taken.add(event_id)
            kept[i] = replace(event, stored_id=event_id)
    return sorted(kept, key=lambda e: (e.date.value or "9999", e.event_id))


def _stored_count(store: Path) -> int:
    import pyogrio

    return int(pyogrio.read_info(store, layer=EVENTS_LAYER)["features"])


def ingest(
    docs: Iterable[Document],
    store: str | Path,
    *,
    gaz: Gazetteer | None = None,
    records: Iterable[Event] = (),
    lock_timeout: float = 120.0,
) -> IngestReport:
    """Add the events of ``docs`` (and curated ``records``) to the GeoPackage ``store``, creating it if needed.

    A document whose text is already stored adds nothing; a new report of a
    stored event adds a source to it and the event keeps its ``event_id``.
    Events are extracted without the lock; reading the store again, merging
    and writing happen under it, so concurrent ingests each build on the
    other's result.

    Raises :class:`~geo.errors.InputError` when ``store`` exists but is not a
    borderlens GeoPackage, and :class:`StoreLockError` when another ingest
    holds the store for more than ``lock_timeout`` seconds.
    """
    gaz = gaz or Gazetteer.load()
    extracted = ((doc.id, _sha256(doc.text), functools.partial(events_from_document, doc, gaz)) for doc in docs)
    return _ingest(extracted, Path(store), gaz, records, lock_timeout)


def ingest_extracted(
    extracted: Iterable[tuple[str, str, Sequence[Event]]],
    store: str | Path,
    *,
    gaz: Gazetteer | None = None,
    records: Iterable[Event] = (),
    lock_timeout: float = 120.0,
) -> IngestReport:
    """:func:`ingest` for documents whose events were found elsewhere (:mod:`geo.scale`: on Dask workers).

    ``extracted`` holds (document id, :func:`document_digest` of its text, its events from
    :func:`~geo.events.events_from_document`) in reading order.
    """
    lazy = ((doc_id, digest, functools.partial(tuple, events)) for doc_id, digest, events in extracted)
    return _ingest(lazy, Path(store), gaz or Gazetteer.load(), records, lock_timeout)


def document_digest(text: str) -> str:
    """The ledger's key for an article: the SHA-256 of its UTF-8 text."""
    return _sha256(text)


def _ingest(
    extracted: Iterable[tuple[str, str, Callable[[], Iterable[Event]]]],
    store: Path,
    gaz: Gazetteer,
    records: Iterable[Event],
    lock_timeout: float,
) -> IngestReport:
    exists = store.exists()
    if exists:
        _check_store(store)
    known = {row["sha256"] for row in _read_ledger(store)} if exists else set()
    seen = 0
    batch: dict[str, _Input] = {}
    for doc_id, digest, events_of in extracted:
        seen += 1
        if digest not in known and digest not in batch:
            batch[digest] = _Input(doc_id, digest, "article", tuple(events_of()))
    for event in records:
        seen += 1
        digest = _record_digest(event)
        if digest not in known and digest not in batch:
            batch[digest] = _Input(event.sources[0].document, digest, "record", (event,))
    if not batch:
        return IngestReport(seen, 0, seen, 0, 0, _stored_count(store) if exists else 0)

    with _locked(store, lock_timeout):
        stored: list[Event] = []
        ledger: list[dict[str, Any]] = []
        if store.exists():  # re-read: another ingest may have written since
            stored, ledger = events_from_store(store), _read_ledger(store)
        known = {row["sha256"] for row in ledger}
        fresh = [item for item in batch.values() if item.sha256 not in known]
        if not fresh:
            return IngestReport(seen, 0, seen, 0, 0, len(stored))
        before = {e.event_id: _spans(e) for e in stored}
        merged = _merge_into(stored, [e for item in fresh for e in item.events], gaz)
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        ledger += [{"document": i.document, "sha256": i.sha256, "kind": i.kind, "ingested": now} for i in fresh]
        _write(store, merged, ledger, gaz)
    new = sum(e.event_id not in before for e in merged)
    updated = sum(e.event_id in before and _spans(e) != before[e.event_id] for e in merged)
    return IngestReport(seen, len(fresh), seen - len(fresh), new, updated, len(merged))
