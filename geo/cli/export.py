"""``borderlens export``: event records for other tools, as GeoJSON, GeoPackage, CSV or GeoParquet."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from geo.cli.inputs import load_gazetteer, records_frame
from geo.cli.options import inputs_argument, records_option, scale_options, store_option
from geo.cli.output import Fatal, report_rejected

__all__ = ["export_command"]

EXAMPLES_EXPORT = """
\b
Examples:
  borderlens export articles/ --format gpkg -o events.gpkg
  borderlens export events.geojson --format parquet -o events.parquet
  borderlens export feed.jsonl --records mine.csv --format csv -o events.csv
"""


@click.command("export", epilog=EXAMPLES_EXPORT)
@inputs_argument
@records_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["geojson", "gpkg", "csv", "parquet"]),
    required=True,
    help="geojson: RFC 7946; gpkg: GeoPackage, a layer per event type and 'events'; csv: ACLED-style "
    "columns; parquet: GeoParquet.",
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True, help="The file to write."
)
@store_option
@scale_options
@click.pass_context
def export_command(
    ctx: click.Context,
    inputs: tuple[Path, ...],
    records_files: tuple[Path, ...],
    fmt: str,
    output: Path,
    store: Path | None,
) -> None:
    """Write event records for other tools: GeoJSON, GeoPackage, CSV or GeoParquet.

    INPUT: articles (files or folders) or events GeoJSON files; none: the sample corpus.
    """
    from geo.export import EXPORTERS

    gaz = load_gazetteer()
    frame, report = records_frame(ctx, inputs, records_files, gaz, store=store)
    try:
        EXPORTERS[fmt](frame, output)
    except OSError as err:
        raise Fatal(f"cannot write {str(output)!r}: {err.strerror or err}") from err
    if not ctx.obj["quiet"]:
        click.echo(f"wrote {output} ({len(frame)} events)", err=True)
    sys.exit(report_rejected(report))
