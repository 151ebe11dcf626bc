"""One run's inputs gathered into events or records: articles, curated records, events files, a store.

What the ``borderlens`` commands read goes through here, in this process or on Dask
(:mod:`geo.scale`, when a :class:`~geo.scale.Scheduler` is given): articles (files or
folders) become events and are merged with curated records (``--records``); events
GeoJSON files (written by ``borderlens events``) and an event store (:mod:`geo.store`)
are read as records beside them. With no input at all, the articles are the bundled
sample corpus.

Bad input never stops a run: each rejected record is kept in the :class:`InputReport`
returned with the result, beside counts of what was read. Nothing here prints; a
caller that shows progress passes a ``progress`` function that wraps the documents.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.errors import InputError
from geo.model import Document, Event

if TYPE_CHECKING:
    import geopandas as gpd

    from gazetteer import Gazetteer
    from geo.scale import Scheduler
    from geo.store import IngestReport

__all__ = [
    "InputReport",
    "event_records",
    "events_file_rows",
    "events_from_inputs",
    "ingest_inputs",
    "is_events_file",
    "records_from_inputs",
]

#: Wraps the documents as they are read (a progress bar, a counter); returns them unchanged.
Progress = Callable[[Iterable[Document]], Iterable[Document]]


@dataclass
class InputReport:
    """What a run read, and every record it rejected (each named by an :class:`~geo.errors.InputError`)."""

    documents: int = 0  # articles read
    records: int = 0  # curated records read (--records)
    file_events: int = 0  # events read from events GeoJSON files
    store_events: int = 0  # events read from an event store
    rejected: list[InputError] = field(default_factory=list)


def _unchanged(docs: Iterable[Document]) -> Iterable[Document]:
    return docs


def is_events_file(path: Path) -> bool:
    """True for a GeoJSON FeatureCollection of events (as 'borderlens events' writes)."""
    if path.suffix.lower() not in (".geojson", ".json") or not path.is_file():
        return False
    with path.open("rb") as fh:
        head = fh.read(4096)
    return b'"FeatureCollection"' in head


def events_file_rows(path: Path, *, errors: list[InputError] | None = None) -> list[dict[str, Any]]:
    """The features of an events GeoJSON file as rows: their properties and a shapely ``geometry``.

    A bad feature is reported in ``errors`` and the rest are read (without ``errors``, it is
    raised); a file that is not an events FeatureCollection raises :class:`~geo.errors.InputError`.
    """
    import shapely
    from shapely.geometry import shape

    from geo.records import check_event_properties

    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as err:
        raise InputError(f"not a readable events GeoJSON file: {err}", path=path) from err
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise InputError("an events GeoJSON FeatureCollection (from 'borderlens events') is needed", path=path)
    rows = []
    for number, feature in enumerate(data.get("features") or [], start=1):
        try:
            if not isinstance(feature, dict) or not isinstance(feature.get("properties"), dict):
                raise InputError("feature without properties", path=path, line=number, unit="feature")
            check_event_properties(feature["properties"], path, number)
            geometry = feature.get("geometry")
            try:
                geom = shape(geometry) if geometry else None
            except (AttributeError, TypeError, ValueError, KeyError, IndexError, shapely.errors.ShapelyError) as err:
                raise InputError(f"bad geometry: {err}", path=path, line=number, unit="feature") from err
            rows.append({**feature["properties"], "geometry": geom})
        except InputError as err:
            if errors is None:
                raise
            errors.append(err)
    return rows


def _curated(records_files: Iterable[Path], gaz: Gazetteer, report: InputReport) -> list[Event]:
    """The events of curated records files, counted in ``report``."""
    from geo.records import events_from_records

    records = [event for path in records_files for event in events_from_records(path, gaz=gaz, errors=report.rejected)]
    report.records += len(records)
    return records


def _events(
    paths: Sequence[Path],
    records_files: Sequence[Path],
    gaz: Gazetteer,
    scheduler: Scheduler | None,
    progress: Progress,
    report: InputReport,
    *,
    events_files: bool,
) -> tuple[list[Event], list[Path]]:
    """Merged events of the articles and curated records, and the events files found among ``paths``."""
    from geo.documents import documents_from_paths, sample_corpus_path
    from geo.events import events_from_documents

    event_files = [p for p in paths if events_files and is_events_file(p)]
    articles = [p for p in paths if p not in event_files]
    if not paths and not records_files:
        articles = [sample_corpus_path()]
    if scheduler is not None:
        from geo.scale import events_on_dask

        records = _curated(records_files, gaz, report)
        merged, report.documents = events_on_dask(articles, gaz, scheduler, records=records, errors=report.rejected)
        return merged, event_files

    def counted(docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            report.documents += 1
            yield doc

    docs = counted(progress(documents_from_paths(articles, errors=report.rejected)))
    records = _curated(records_files, gaz, report)
    return events_from_documents(docs, gaz, records=records), event_files


def events_from_inputs(
    paths: Sequence[Path],
    gaz: Gazetteer,
    *,
    records_files: Sequence[Path] = (),
    scheduler: Scheduler | None = None,
    progress: Progress = _unchanged,
) -> tuple[list[Event], InputReport]:
    """The events of articles (``paths``: files or folders) merged with curated records.

    With no paths and no records files, the articles are the bundled sample corpus.
    Raises :class:`~geo.errors.BorderlensError` when Dask fails.
    """
    report = InputReport()
    events, _ = _events(paths, records_files, gaz, scheduler, progress, report, events_files=False)
    return events, report


def event_records(events: list[Event], gaz: Gazetteer, *, scheduler: Scheduler | None = None) -> gpd.GeoDataFrame:
    """The records GeoDataFrame of ``events``; with a scheduler, large tables are joined on Dask."""
    from geo.records import records_from_events

    if scheduler is None:
        return records_from_events(events, gaz)
    from geo.scale import records_on_dask

    return records_on_dask(events, gaz, scheduler)


def records_from_inputs(
    paths: Sequence[Path],
    gaz: Gazetteer,
    *,
    records_files: Sequence[Path] = (),
    store: Path | None = None,
    scheduler: Scheduler | None = None,
    progress: Progress = _unchanged,
) -> tuple[gpd.GeoDataFrame, InputReport]:
    """One records GeoDataFrame from articles, curated records, events GeoJSON files and a store.

    ``paths`` may mix articles and events files. With a store and no other input, only the
    store is read (not the sample corpus). Raises :class:`~geo.errors.InputError` when
    ``store`` is not an event store, and :class:`~geo.errors.BorderlensError` when Dask fails.
    """
    import geopandas as gpd
    import pandas as pd

    from geo.records import records_from_events, records_from_rows

    report = InputReport()
    frames = []
    if store is not None:
        from geo.store import records_from_store

        frames.append(records_from_store(store))
        report.store_events += len(frames[0])
    if store is not None and not paths and not records_files:
        return frames[0], report
    events, event_files = _events(paths, records_files, gaz, scheduler, progress, report, events_files=True)
    if events or not event_files:
        frames.append(event_records(events, gaz, scheduler=scheduler))
    for path in event_files:
        try:
            rows = events_file_rows(path, errors=report.rejected)
        except InputError as err:
            report.rejected.append(err)
            continue
        names = list(dict.fromkeys(k for row in rows for k in row))  # every row with every column
        rows = [{name: row.get(name) for name in names} for row in rows]
        report.file_events += len(rows)
        geometry = [row.pop("geometry") for row in rows]
        frames.append(records_from_rows(rows, geometry))
    if not frames:
        return records_from_events([], gaz), report
    frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    return gpd.GeoDataFrame(frame, geometry="geometry", crs="EPSG:4326"), report


def ingest_inputs(
    paths: Sequence[Path],
    store: Path,
    gaz: Gazetteer,
    *,
    records_files: Sequence[Path] = (),
    scheduler: Scheduler | None = None,
    progress: Progress = _unchanged,
) -> tuple[IngestReport, InputReport]:
    """Add the events of articles (``paths``) and curated records to the event store ``store``.

    With no paths and no records files, the articles are the bundled sample corpus. Raises
    :class:`~geo.errors.BorderlensError` when the store cannot be read, locked or written.
    """
    from geo.documents import documents_from_paths, sample_corpus_path
    from geo.store import ingest, ingest_extracted

    report = InputReport()
    paths = list(paths) or ([] if records_files else [sample_corpus_path()])
    if scheduler is None:
        docs = list(progress(documents_from_paths(paths, errors=report.rejected)))
        report.documents = len(docs)
        records = _curated(records_files, gaz, report)
        return ingest(docs, store, gaz=gaz, records=records), report
    from geo.scale import extract_on_dask

    extracted = extract_on_dask(paths, scheduler, errors=report.rejected)
    report.documents = len(extracted)
    records = _curated(records_files, gaz, report)
    done = ingest_extracted([(d.document, d.sha256, d.events) for d in extracted], store, gaz=gaz, records=records)
    return done, report
