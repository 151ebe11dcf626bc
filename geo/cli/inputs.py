"""The commands' side of :mod:`geo.pipeline`: the gazetteer, and articles, records, events files and a store.

Each function reads the options the command was given off the click context
(quiet, Dask), shows progress on a terminal, and turns library errors into
:class:`~geo.cli.output.Fatal` ones.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from geo.cli.options import dask_scheduler
from geo.cli.output import fatal_errors, progress
from geo.pipeline import InputReport, records_from_inputs

__all__ = ["load_gazetteer", "records_frame", "show_progress"]


def load_gazetteer(*, reads_articles: bool = False) -> Any:
    """The bundled gazetteer; ``reads_articles``: also ready to find names in text."""
    from gazetteer import Gazetteer

    with fatal_errors():
        gaz = Gazetteer.load()
    if reads_articles:
        from geo._lexicon import settle

        settle(gaz)
    return gaz


def show_progress(ctx: click.Context) -> Any:
    """A function that shows a progress bar over the documents read, unless --quiet or piped."""
    quiet = ctx.obj["quiet"]
    return lambda docs: progress(docs, quiet=quiet, unit="doc")


def records_frame(
    ctx: click.Context,
    inputs: tuple[Path, ...],
    records_files: tuple[Path, ...],
    gaz: Any,
    *,
    store: Path | None = None,
) -> tuple[Any, InputReport]:
    """One records GeoDataFrame from articles, curated records, events GeoJSON files and a store.

    With a store and no other input, only the store is read, and --scheduler is not looked at.
    """
    store_only = store is not None and not inputs and not records_files
    scheduler = None if store_only else dask_scheduler(ctx)
    with fatal_errors():
        return records_from_inputs(
            inputs, gaz, records_files=records_files, store=store, scheduler=scheduler, progress=show_progress(ctx)
        )
