"""What the ``borderlens`` commands share: input gathering, shared options, output, reporting.

Kept apart from :mod:`geo.cli` so the command module reads as the list of
commands. Nothing here prints except through click, at the CLI edge.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import click

from geo.errors import BorderlensError, InputError


class Fatal(click.ClickException):
    """A fatal error: exit status 2 (1 means some records were rejected; see README)."""

    exit_code = 2


def records_option(func: Any) -> Any:
    """--records FILE (repeatable): curated events to add."""
    return click.option(
        "--records",
        "records_files",
        multiple=True,
        type=click.Path(path_type=Path, dir_okay=False),
        help="Curated events (CSV or GeoJSON: event_date, event_type, sub_event_type, location or "
        "latitude/longitude, actor1, actor2, notes, source). Repeatable.",
    )(func)


def store_option(func: Any) -> Any:
    """--store GPKG: also read the events accumulated by 'borderlens ingest'."""
    return click.option(
        "--store",
        type=click.Path(path_type=Path, dir_okay=False),
        help="Also read the events accumulated in this GeoPackage (see 'borderlens ingest').",
    )(func)


def progress(items: Iterable[Any], *, quiet: bool, unit: str) -> Iterable[Any]:
    """A progress bar on a terminal; nothing when piped or quiet."""
    if quiet or not sys.stderr.isatty():
        return items
    from tqdm import tqdm

    bar: Iterable[Any] = tqdm(items, unit=unit, file=sys.stderr, leave=False)
    return bar


def tally(ctx: click.Context) -> Counter[str]:
    """What this run has read besides documents, for the summary line: curated records, file events."""
    counts: Counter[str] = ctx.ensure_object(dict).setdefault("tally", Counter())
    return counts


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def report_rejected(errors: list[InputError], processed: int) -> int:
    """Print each rejected record and a summary line; return the exit code (0 or 1).

    The summary counts documents, and the curated records and events-file events
    the run read (see :func:`tally`), then the rejected records of every kind.
    """
    for err in errors:
        click.echo(f"rejected: {err}", err=True)
    ctx = click.get_current_context(silent=True)
    counts = tally(ctx) if ctx is not None else Counter()
    read = [_plural(processed, "document")]
    if counts["records"]:
        read.append(_plural(counts["records"], "curated record"))
    if counts["file_events"]:
        read.append(_plural(counts["file_events"], "event") + " from events files")
    if counts["store_events"]:
        read.append(_plural(counts["store_events"], "event") + " from the store")
    click.echo(f"processed {', '.join(read)}; rejected {len(errors)}", err=True)
    return 1 if errors else 0


def curated_records(ctx: click.Context, records_files: Iterable[Path], errors: list[InputError], gaz: Any) -> list[Any]:
    """The events of curated records files (``--records``), counted for the summary line."""
    from geo.records import events_from_records

    records = [event for path in records_files for event in events_from_records(path, gaz=gaz, errors=errors)]
    tally(ctx)["records"] += len(records)
    return records


def scale_options(func: Any) -> Any:
    """--scheduler and --workers: run the pipeline on Dask (:mod:`geo.scale`); read by :func:`dask_scheduler`."""

    def remember(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        ctx.ensure_object(dict)[f"dask_{param.name}"] = value
        return value

    options = [
        click.option(
            "--scheduler",
            metavar="threads|processes|local|ADDRESS",
            expose_value=False,
            callback=remember,
            help="Run on Dask: a pool of threads or processes here, 'local' (a LocalCluster of --workers "
            "processes) or a dask.distributed scheduler such as tcp://127.0.0.1:8786. Same output as without.",
        ),
        click.option(
            "--workers",
            type=click.IntRange(min=1),
            expose_value=False,
            callback=remember,
            help="Workers for --scheduler threads, processes or local (default: one per CPU).",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def dask_scheduler(ctx: click.Context) -> Any:
    """The :class:`geo.scale.Scheduler` that --scheduler/--workers ask for, or None to run in this process."""
    obj = ctx.ensure_object(dict)
    name, workers = obj.get("dask_scheduler"), obj.get("dask_workers")
    if name is None:
        if workers is not None:
            raise click.UsageError("--workers needs --scheduler")
        return None
    import logging

    from geo.scale import Scheduler

    if name not in ("threads", "processes") and logging.getLogger().getEffectiveLevel() > logging.DEBUG:
        # dask.distributed sets its loggers to INFO on import (each worker's start and stop): -vv shows them
        import distributed  # noqa: F401

        logging.getLogger("distributed").setLevel(logging.WARNING)
    try:
        return Scheduler(name, workers)
    except BorderlensError as err:
        raise click.UsageError(str(err)) from err


def online_options(func: Any) -> Any:
    """--online and the settings it needs, shared by the commands that resolve places."""
    options = [
        click.option("--online", is_flag=True, help="Ask an online geocoder (geopy) for names the gazetteer lacks."),
        click.option("--user-agent", help="Who you are, for the geocoder's usage policy (required with --online)."),
        click.option("--geocoder", default="nominatim", show_default=True, help="A geopy service name."),
        click.option("--geocoder-domain", help="A self-hosted geocoder's host[:port] instead of the public one."),
        click.option("--geocoder-scheme", type=click.Choice(["https", "http"]), default="https", show_default=True),
        click.option(
            "--cache-dir",
            type=click.Path(path_type=Path, file_okay=False),
            help="Where geocoder answers are kept (default: $BORDERLENS_CACHE_DIR or ~/.cache/borderlens).",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def settings_from(
    online: bool, user_agent: str | None, geocoder: str, domain: str | None, scheme: str, cache_dir: Path | None
) -> Any:
    from geo.settings import Settings

    extra: dict[str, Any] = {"cache_dir": cache_dir} if cache_dir is not None else {}
    try:
        return Settings(online=online, user_agent=user_agent, geocoder=geocoder, domain=domain, scheme=scheme, **extra)
    except BorderlensError as err:
        raise click.UsageError(str(err)) from err


def is_events_file(path: Path) -> bool:
    """True for a GeoJSON FeatureCollection of events (as 'borderlens events' writes)."""
    if path.suffix.lower() not in (".geojson", ".json") or not path.is_file():
        return False
    with path.open("rb") as fh:
        head = fh.read(4096)
    return b'"FeatureCollection"' in head


def collect_events(
    ctx: click.Context,
    inputs: tuple[Path, ...],
    records_files: tuple[Path, ...],
    errors: list[InputError],
    gaz: Any,
    *,
    events_files: bool = True,
) -> tuple[list[Any], list[Path], int]:
    """Events from articles and curated records (merged), and any events GeoJSON files given instead.

    With no INPUT and no records, the articles are the bundled sample corpus.
    """
    from geo.documents import documents_from_paths, sample_corpus_path
    from geo.events import events_from_documents

    event_files = [p for p in inputs if events_files and is_events_file(p)]
    articles = [p for p in inputs if p not in event_files]
    if not inputs and not records_files:
        articles = [sample_corpus_path()]
    processed = 0

    def counted(docs: Iterable[Any]) -> Iterator[Any]:
        nonlocal processed
        for doc in docs:
            processed += 1
            yield doc

    scheduler = dask_scheduler(ctx)
    if scheduler is not None:
        from geo.scale import events_on_dask

        records = curated_records(ctx, records_files, errors, gaz)
        try:
            merged, processed = events_on_dask(articles, gaz, scheduler, records=records, errors=errors)
        except BorderlensError as err:
            raise Fatal(str(err)) from err
        return merged, event_files, processed
    docs = counted(progress(documents_from_paths(articles, errors=errors), quiet=ctx.obj["quiet"], unit="doc"))
    records = curated_records(ctx, records_files, errors, gaz)
    merged = events_from_documents(docs, gaz, records=records)
    return merged, event_files, processed


def event_records(ctx: click.Context, events: list[Any], gaz: Any) -> Any:
    """The records GeoDataFrame of ``events``; with --scheduler, large tables are joined on Dask."""
    from geo.records import records_from_events

    scheduler = dask_scheduler(ctx)
    if scheduler is None:
        return records_from_events(events, gaz)
    from geo.scale import records_on_dask

    try:
        return records_on_dask(events, gaz, scheduler)
    except BorderlensError as err:
        raise Fatal(str(err)) from err


def records_frame(
    ctx: click.Context,
    inputs: tuple[Path, ...],
    records_files: tuple[Path, ...],
    errors: list[InputError],
    gaz: Any,
    *,
    store: Path | None = None,
) -> tuple[Any, int]:
    """One records GeoDataFrame from articles, curated records, events GeoJSON files and a store.

    With a store and no other input, only the store is read (not the sample corpus).
    """
    import geopandas as gpd
    import pandas as pd

    from geo.records import records_from_events, records_from_rows
    from maps.render import rows_from_events

    frames = []
    if store is not None:
        from geo.store import records_from_store

        try:
            frames.append(records_from_store(store))
        except BorderlensError as err:
            raise Fatal(str(err)) from err
        tally(ctx)["store_events"] += len(frames[0])
    if store is not None and not inputs and not records_files:
        return frames[0], 0
    events, event_files, processed = collect_events(ctx, inputs, records_files, errors, gaz)
    if events or not event_files:
        frames.append(event_records(ctx, events, gaz))
    for path in event_files:
        try:
            rows = rows_from_events(path, gaz, errors=errors)
        except InputError as err:
            errors.append(err)
            continue
        tally(ctx)["file_events"] += len(rows)
        geometry = [row.pop("geometry") for row in rows]
        frames.append(records_from_rows(rows, geometry))
    if not frames:
        return records_from_events([], gaz), processed
    frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    return gpd.GeoDataFrame(frame, geometry="geometry", crs="EPSG:4326"), processed


def emit(text: str, output: Path | None) -> None:
    """Write to a file atomically, or to stdout."""
    if output is None:
        click.echo(text, nl=False)
        return
    from geo.atomic import atomic_write_text

    try:
        atomic_write_text(output, text)
    except OSError as err:
        raise Fatal(f"cannot write {str(output)!r}: {err.strerror or err}") from err
