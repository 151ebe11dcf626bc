"""The event store: events accumulated over many ingests in one GeoPackage (:mod:`geo._store_file`).

:func:`ingest` skips a document whose text is already in the store's ledger,
merges the events of new documents into the stored ones (a new report of a
known event adds a source to it and the event keeps its id), and rewrites the
file atomically under an exclusive lock on ``<store>.lock``: concurrent ingests
extract in parallel, then merge and write one at a time, each on top of the
other's result. Readers never lock: they see the old file or the new one.
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from gazetteer import Gazetteer
from geo._store_file import (
    check_store,
    compact_json,
    events_from_store,
    read_ledger,
    records_from_store,
    stored_count,
    write_store,
)
from geo.errors import BorderlensError
from geo.events import events_from_document
from geo.merge import merge_events, merge_into
from geo.model import Document, Event

__all__ = [
    "IngestReport",
    "StoreLockError",
    "document_digest",
    "events_from_store",
    "ingest",
    "ingest_extracted",
    "records_from_store",
]


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


# -- locking -------------------------------------------------------------------------------------
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
        compact_json(
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
    first stored event it reports (by :func:`~geo.merge.merge_events`' rules),
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
        check_store(store)
    known = {row["sha256"] for row in read_ledger(store)} if exists else set()
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
        return IngestReport(seen, 0, seen, 0, 0, stored_count(store) if exists else 0)

    with _locked(store, lock_timeout):
        stored: list[Event] = []
        ledger: list[dict[str, Any]] = []
        if store.exists():  # re-read: another ingest may have written since
            stored, ledger = events_from_store(store), read_ledger(store)
        known = {row["sha256"] for row in ledger}
        fresh = [item for item in batch.values() if item.sha256 not in known]
        if not fresh:
            return IngestReport(seen, 0, seen, 0, 0, len(stored))
        before = {e.event_id: _spans(e) for e in stored}
        merged = _merge_into(stored, [e for item in fresh for e in item.events], gaz)
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        ledger += [{"document": i.document, "sha256": i.sha256, "kind": i.kind, "ingested": now} for i in fresh]
        write_store(store, merged, ledger, gaz)
    new = sum(e.event_id not in before for e in merged)
    updated = sum(e.event_id in before and _spans(e) != before[e.event_id] for e in merged)
    return IngestReport(seen, len(fresh), seen - len(fresh), new, updated, len(merged))
