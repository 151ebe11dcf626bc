"""Run the pipeline on Dask: the same stage functions over partitions of a corpus, on a pool of
threads or processes or a ``dask.distributed`` cluster, with the same output as one process.

Why: one core reads a few MB of news a second; years of many outlets need more cores or machines.
There is no job system here, only Dask (``dask.bag`` for documents, ``dask-geopandas`` for the
admin join), so a cluster can be any Dask cluster (``dask scheduler`` + ``dask worker``).

How the output stays byte-identical to the single-process run:

* the client plans the work (:func:`plan`) from :func:`geo.documents.article_files`: one piece per
  file, and a large UTF-8 JSON Lines file cut into byte ranges at line ends (each range knows its
  first line number, so rejected records keep their file and line);
* each partition reads its pieces with :mod:`geo.documents` and runs
  :func:`geo.events.events_from_document` per document, with a gazetteer loaded once per worker
  process (:func:`worker_gazetteer`; never pickled with a task);
* the client puts the results back in reading order, drops repeated document ids as
  :func:`geo.documents.unique_documents` does, and merges everything with
  :func:`geo.merge.merge_reports`, the last step of :func:`geo.events.events_from_documents`
  (merging is greedy in document order, so per-partition merging could group reports differently).

Dask is imported only inside the functions that use it, so ``borderlens --help`` stays fast.
"""

from __future__ import annotations

import codecs
import functools
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.errors import BorderlensError, InputError

if TYPE_CHECKING:
    import geopandas as gpd

    from gazetteer import Gazetteer
    from geo.model import Event

__all__ = [
    "Extracted",
    "Piece",
    "Scheduler",
    "events_on_dask",
    "extract_on_dask",
    "plan",
    "records_on_dask",
    "worker_gazetteer",
]

#: Pieces are cut to about this many bytes at most, fewer when the corpus is small (see :func:`piece_bytes`).
MAX_PIECE_BYTES = 8_000_000
MIN_PIECE_BYTES = 64_000
#: With a scheduler, tables of more events than this are joined to admin areas in partitions of this size.
JOIN_PARTITION_ROWS = 100_000
_SPLITTABLE = (".jsonl", ".ndjson")
# Line breaks str.splitlines() knows besides "\n" (a lone "\r" is checked apart): a file holding one is
# read whole, since its line numbers cannot be found by counting newline bytes.
_OTHER_BREAKS = (b"\x0b", b"\x0c", b"\x1c", b"\x1d", b"\x1e", b"\xc2\x85", b"\xe2\x80\xa8", b"\xe2\x80\xa9")


# -- the scheduler -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Scheduler:
    """Where Dask runs: ``threads``, ``processes``, ``local`` (a LocalCluster) or a scheduler address."""

    name: str
    workers: int | None = None

    def __post_init__(self) -> None:
        if self.workers is not None and self.workers < 1:
            raise BorderlensError("--workers must be at least 1")
        if self.name not in ("threads", "processes", "local") and "://" not in self.name and ":" not in self.name:
            raise BorderlensError(
                f"scheduler {self.name!r} is not threads, processes, local or an address such as tcp://host:8786"
            )


@contextmanager
def running(scheduler: Scheduler) -> Iterator[tuple[dict[str, Any], int]]:
    """Keyword arguments for ``dask.compute`` on this scheduler, and how many workers it has."""
    import dask

    with dask.config.set({"dataframe.convert-string": False}):  # keep object columns as they are
        if scheduler.name in ("threads", "processes"):
            workers = scheduler.workers or os.cpu_count() or 1
            # chunksize 1: dask's process pool otherwise hands a worker up to six partitions at once,
            # and one process ran three quarters of them while the other waited
            yield {"scheduler": scheduler.name, "num_workers": workers, "chunksize": 1}, workers
            return
        from distributed import Client, LocalCluster

        if scheduler.name == "local":
            workers = scheduler.workers or os.cpu_count() or 1
            with (
                LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
                ) as cluster,
                Client(cluster) as client,
            ):
                yield {"scheduler": client}, workers
            return
        try:
            client = Client(scheduler.name, timeout=30)
        except (OSError, TimeoutError) as err:
            raise BorderlensError(f"cannot reach the Dask scheduler at {scheduler.name}: {err}") from err
        with client:
            yield {"scheduler": client}, max(1, sum(client.nthreads().values()))


# -- planning ------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Piece:
    """Part of the corpus one task reads: a whole file, or bytes ``start:end`` of a JSON Lines file."""

    path: str
    start: int = 0
    end: int | None = None  # None: the whole file, read by geo.documents.read_file
    first_line: int = 1
    size: int = 0


def piece_bytes(total: int, workers: int) -> int:
    """A piece size that gives each worker about eight pieces, so the last ones end close together."""
    return max(MIN_PIECE_BYTES, min(MAX_PIECE_BYTES, total // max(1, 8 * workers) + 1))


def plan(paths: Sequence[str | Path], *, workers: int = 1, target: int | None = None) -> list[Piece | InputError]:
    """The pieces of a run and the problems found listing its inputs, in reading order."""
    from geo.documents import article_files

    listed: list[Path | InputError] = []
    problems: list[InputError] = []
    for file in article_files(paths, errors=problems):
        listed.extend(problems)
        problems.clear()
        listed.append(file)
    listed.extend(problems)
    sizes = {item: _size(item) for item in listed if isinstance(item, Path)}
    size = target or piece_bytes(sum(sizes.values()), workers)
    out: list[Piece | InputError] = []
    for item in listed:
        if isinstance(item, InputError):
            out.append(item)
        elif item.suffix.lower() in _SPLITTABLE and sizes[item] > size:
            out.extend(_jsonl_pieces(item, size))
        else:
            out.append(Piece(str(item), size=sizes[item]))
    return out


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _jsonl_pieces(path: Path, size: int) -> list[Piece]:
    """Byte ranges of about ``size`` bytes ending at line ends; the whole file when that is not safe.

    Safe means: UTF-8 (a BOM allowed) with no NUL byte and no line break but ``\\n`` and ``\\r\\n``,
    so each range decodes on its own and line numbers are newline counts.
    """
    try:
        data = path.read_bytes()
    except OSError:
        return [Piece(str(path))]  # reading it whole reports the error
    whole = [Piece(str(path), size=len(data))]
    if b"\x00" in data or data.count(b"\r") != data.count(b"\r\n") or any(b in data for b in _OTHER_BREAKS):
        return whole
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for block in range(0, len(data), 1 << 24):
            decoder.decode(data[block : block + (1 << 24)], final=block + (1 << 24) >= len(data))
    except UnicodeDecodeError:
        return whole  # damaged or legacy-encoded: geo.documents decides how, over the whole file
    pieces: list[Piece] = []
    start, line = 0, 1
    while start < len(data):
        cut = data.find(b"\n", min(start + size, len(data)) - 1)
        end = len(data) if cut < 0 else cut + 1
        pieces.append(Piece(str(path), start, end, line, end - start))
        line += data.count(b"\n", start, end)
        start = end
    return pieces


# -- on the workers ------------------------------------------------------------------------------
@functools.cache
def worker_gazetteer() -> Gazetteer:
    """The gazetteer, loaded once per worker process (tasks name this function; they carry no data)."""
    from gazetteer import Gazetteer
    from geo._lexicon import settle

    gaz = Gazetteer.load()
    settle(gaz)
    return gaz


@dataclass(frozen=True, slots=True)
class Extracted:
    """One document's events, found on a worker; the text stays there, only its digest comes back."""

    document: str
    path: str | None
    line: int | None
    sha256: str
    events: tuple[Event, ...]


def _read(piece: Piece, errors: list[InputError]) -> Iterator[Any]:
    from geo.documents import decode, jsonl_documents, read_file

    path = Path(piece.path)
    if piece.end is None:
        yield from read_file(path, errors=errors)
        return
    with path.open("rb") as fh:
        fh.seek(piece.start)
        data = fh.read(piece.end - piece.start)
    text = decode(data, path, damaged_ok=True) if piece.start == 0 else data.decode("utf-8")
    yield from jsonl_documents(text, path, errors, first_line=piece.first_line)


def extract_pieces(pieces: Sequence[Piece]) -> list[Extracted | InputError]:
    """One partition's work: read its pieces, find each document's events; results in reading order."""
    from geo.events import events_from_document
    from geo.store import document_digest

    gaz = worker_gazetteer()
    out: list[Extracted | InputError] = []
    errors: list[InputError] = []
    for piece in pieces:
        for doc in _read(piece, errors):
            out.extend(errors)
            errors.clear()
            events = tuple(events_from_document(doc, gaz))
            out.append(Extracted(doc.id, doc.path, doc.line, document_digest(doc.text), events))
        out.extend(errors)
        errors.clear()
    return out


# -- on the client -------------------------------------------------------------------------------
def _partitions(items: Sequence[Piece | InputError], target: int) -> tuple[list[list[Piece]], list[InputError | int]]:
    """Consecutive pieces grouped into partitions of about ``target`` bytes, and the run's layout:
    listing problems and partition numbers in reading order (a problem ends a partition)."""
    groups: list[list[Piece]] = []
    layout: list[InputError | int] = []
    size = target
    for item in items:
        if isinstance(item, InputError):
            layout.append(item)
            size = target
            continue
        if size + item.size > target and size > 0:
            groups.append([])
            layout.append(len(groups) - 1)
            size = 0
        groups[-1].append(item)
        size += item.size
    return groups, layout


def extract_on_dask(
    paths: Sequence[str | Path],
    scheduler: Scheduler,
    *,
    errors: list[InputError],
    target: int | None = None,
) -> list[Extracted]:
    """Every document's events, found on Dask; problems appended to ``errors`` in reading order.

    Documents whose id was used before in the run are dropped and reported, as
    :func:`geo.documents.documents_from_paths` does.
    """
    import dask.bag as db
    from dask.base import compute as dask_compute

    from geo.documents import unique_documents
    from geo.model import Document

    with running(scheduler) as (compute, workers):
        items = plan(paths, workers=workers, target=target)
        size = target or piece_bytes(sum(i.size for i in items if isinstance(i, Piece)), workers)
        groups, layout = _partitions(items, size)
        results: list[list[Extracted | InputError]] = []
        if groups:
            bag = db.from_sequence(groups, npartitions=len(groups)).map(extract_pieces)
            (results,) = dask_compute(bag, **compute)
    found: dict[int, Extracted] = {}

    def documents() -> Iterator[Document]:
        """Stand-ins for the documents (id, file, line) in reading order; problems go to ``errors``."""
        for slot in layout:
            for entry in [slot] if isinstance(slot, InputError) else results[slot]:
                if isinstance(entry, InputError):
                    errors.append(entry)
                    continue
                stub = Document(entry.document, "", path=entry.path, line=entry.line)
                found[id(stub)] = entry
                yield stub

    return [found[id(stub)] for stub in unique_documents(documents(), errors=errors)]


def events_on_dask(
    paths: Sequence[str | Path],
    gaz: Gazetteer,
    scheduler: Scheduler,
    *,
    records: Sequence[Event] = (),
    errors: list[InputError],
    target: int | None = None,
) -> tuple[list[Event], int]:
    """:func:`geo.events.events_from_documents` over ``paths`` on Dask, and the number of documents read."""
    from geo.merge import merge_reports

    extracted = extract_on_dask(paths, scheduler, errors=errors, target=target)
    merged = merge_reports((e for item in extracted for e in item.events), gaz, records=records)
    return merged, len(extracted)


def _joined(part: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    from geo.records import join_admin

    return join_admin(part.copy(), worker_gazetteer())


def records_on_dask(
    events: Sequence[Event],
    gaz: Gazetteer,
    scheduler: Scheduler,
    *,
    partition_rows: int = JOIN_PARTITION_ROWS,
) -> gpd.GeoDataFrame:
    """:func:`geo.records.records_from_events`, the admin join run with dask-geopandas over partitions of
    ``partition_rows`` events when the table is larger than that (in this process otherwise)."""
    from geo.records import records_from_events

    if len(events) <= partition_rows:
        return records_from_events(events, gaz)
    return records_from_events(events, gaz, join=_dask_join(scheduler, partition_rows))


def _dask_join(scheduler: Scheduler, partition_rows: int) -> Callable[[gpd.GeoDataFrame, Gazetteer], gpd.GeoDataFrame]:
    def join(frame: gpd.GeoDataFrame, gaz: Gazetteer) -> gpd.GeoDataFrame:
        import dask_geopandas
        import geopandas as gpd
        import pandas as pd

        with running(scheduler) as (compute, _):
            parts = -(-len(frame) // partition_rows)
            table = dask_geopandas.from_geopandas(frame, npartitions=parts, sort=False)
            joined = table.map_partitions(_joined, meta=frame.iloc[:0]).compute(**compute)
        joined = gpd.GeoDataFrame(pd.DataFrame(joined), geometry="geometry", crs=frame.crs)
        joined.index = frame.index
        return joined

    return join
