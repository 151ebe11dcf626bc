"""``borderlens ingest``: add articles' events to an event store, a GeoPackage that grows run by run."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from geo.cli.inputs import load_gazetteer, show_progress
from geo.cli.options import dask_scheduler, inputs_argument, records_option, scale_options
from geo.cli.output import fatal_errors, report_rejected

__all__ = ["ingest"]

EXAMPLES_INGEST = """
\b
Examples:
  borderlens ingest articles/ --store events.gpkg       # add this week's articles
  borderlens ingest feed.jsonl --records mine.csv --store events.gpkg
  borderlens map --store events.gpkg -o map.html
"""


@click.command("ingest", epilog=EXAMPLES_INGEST)
@inputs_argument
@click.option(
    "--store",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="The GeoPackage that accumulates events (created if missing).",
)
@records_option
@scale_options
@click.pass_context
def ingest(ctx: click.Context, inputs: tuple[Path, ...], store: Path, records_files: tuple[Path, ...]) -> None:
    """Add articles' events to a store: a document seen before adds nothing; a new report of a known
    event adds a source to it. Safe to run twice at once on one store.

    INPUT: articles (files or folders); none: the bundled sample corpus.
    """
    from geo.pipeline import ingest_inputs

    gaz = load_gazetteer(reads_articles=True)
    scheduler = dask_scheduler(ctx)
    with fatal_errors():
        done, read = ingest_inputs(
            inputs, store, gaz, records_files=records_files, scheduler=scheduler, progress=show_progress(ctx)
        )
    if not ctx.obj["quiet"]:
        click.echo(
            f"{store}: {done.documents_new} new documents ({done.documents_skipped} seen before), "
            f"{done.events_new} new events, {done.events_updated} with a new source, "
            f"{done.events_total} in all",
            err=True,
        )
    sys.exit(report_rejected(read))
