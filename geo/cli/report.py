"""``borderlens report``: one self-contained page with the offline map, charts and the event list."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from geo.cli.inputs import load_gazetteer, records_frame
from geo.cli.options import html_output_option, inputs_argument, records_option, store_option
from geo.cli.output import Fatal, report_rejected

__all__ = ["report"]

EXAMPLES_REPORT = """
\b
Examples:
  borderlens report articles/ -o report.html --title "Iran-Iraq border, November 2022"
  borderlens report --store events.gpkg -o report.html
"""


@click.command("report", epilog=EXAMPLES_REPORT)
@inputs_argument
@records_option
@store_option
@html_output_option("report.html")
@click.option("--title", help="The report's title.")
@click.pass_context
def report(
    ctx: click.Context,
    inputs: tuple[Path, ...],
    records_files: tuple[Path, ...],
    store: Path | None,
    output: Path,
    title: str | None,
) -> None:
    """One self-contained page for a report: the offline map, a summary with charts, the event list.

    Prints to PDF from a browser with a static image in place of the live map.
    """
    from maps.report import save_report

    gaz = load_gazetteer()
    frame, read = records_frame(ctx, inputs, records_files, gaz, store=store)
    try:
        save_report(frame, output, title=title, gazetteer=gaz)
    except OSError as err:
        raise Fatal(f"cannot write {str(output)!r}: {err.strerror or err}") from err
    if not ctx.obj["quiet"]:
        click.echo(f"wrote {output} ({len(frame)} events)", err=True)
    sys.exit(report_rejected(read))
