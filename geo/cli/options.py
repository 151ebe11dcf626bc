"""Options several commands share, and what they turn into: a Dask scheduler, geocoder settings.

A command takes one with a decorator (``@records_option``); the ``--scheduler``
and ``--workers`` values are kept on the click context and read by
:func:`dask_scheduler` only when the command reaches articles.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from geo.errors import BorderlensError

__all__ = [
    "dask_scheduler",
    "html_output_option",
    "inputs_argument",
    "online_options",
    "records_option",
    "scale_options",
    "settings_from",
    "store_option",
]

#: INPUT...: articles (files or folders) and, where a command reads them, events GeoJSON files.
inputs_argument = click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))


def html_output_option(default: str) -> Callable[[Any], Any]:
    """-o/--output: the HTML page a command writes, ``default`` when not given."""
    return click.option(
        "-o",
        "--output",
        type=click.Path(path_type=Path, dir_okay=False),
        default=Path(default),
        show_default=True,
        help="The HTML file to write.",
    )


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
    """The :class:`geo.settings.Settings` of the --online options; a bad combination is a usage error."""
    from geo.settings import Settings

    extra: dict[str, Any] = {"cache_dir": cache_dir} if cache_dir is not None else {}
    try:
        return Settings(online=online, user_agent=user_agent, geocoder=geocoder, domain=domain, scheme=scheme, **extra)
    except BorderlensError as err:
        raise click.UsageError(str(err)) from err
