"""``borderlens events``: strikes, meetings and border-control changes in articles, as GeoJSON or CSV."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from geo.cli.inputs import load_gazetteer, show_progress
from geo.cli.options import dask_scheduler, inputs_argument, records_option, scale_options
from geo.cli.output import emit, fatal_errors, report_rejected

__all__ = ["events"]

EXAMPLES_EVENTS = """
\b
Examples:
  borderlens events -o events.geojson                 # the bundled sample corpus
  borderlens events articles/ --records mine.csv -o events.geojson
  borderlens events feed.jsonl --format csv -o events.csv
"""


@click.command("events", epilog=EXAMPLES_EVENTS)
@inputs_argument
@records_option
@click.option("--format", "fmt", type=click.Choice(["geojson", "csv"]), default="geojson", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write here (default: stdout).")
@scale_options
@click.pass_context
def events(
    ctx: click.Context, inputs: tuple[Path, ...], records_files: tuple[Path, ...], fmt: str, output: Path | None
) -> None:
    """Find strikes, meetings and border-control changes in articles; merge reports of one event.

    With no INPUT and no --records, reads the bundled sample corpus. Exit
    status: 0 when every record was read, 1 when some were rejected, 2 on a
    usage or fatal error.
    """
    from geo.export import dumps, events_csv, events_feature_collection
    from geo.pipeline import event_records, events_from_inputs

    gaz = load_gazetteer(reads_articles=True)
    scheduler = dask_scheduler(ctx)
    with fatal_errors():
        merged, report = events_from_inputs(
            inputs, gaz, records_files=records_files, scheduler=scheduler, progress=show_progress(ctx)
        )
        frame = event_records(merged, gaz, scheduler=scheduler)
    text = events_csv(frame) if fmt == "csv" else dumps(events_feature_collection(frame)) + "\n"
    emit(text, output)
    if not ctx.obj["quiet"]:
        click.echo(f"{len(merged)} events", err=True)
    sys.exit(report_rejected(report))
