"""``borderlens map``: events on a layered interactive map (HTML), and a static image of it."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from geo.cli.inputs import load_gazetteer, records_frame
from geo.cli.options import html_output_option, inputs_argument, records_option, store_option
from geo.cli.output import Fatal, report_rejected

__all__ = ["map_command"]

EXAMPLES_MAP = """
\b
Examples:
  borderlens map                                  # the bundled sample corpus -> map.html
  borderlens map articles/ --records mine.csv -o strikes.html --title "Strikes, autumn 2022"
  borderlens map events.geojson --offline -o map.html   # from 'borderlens events'; works with no network
"""


@click.command("map", epilog=EXAMPLES_MAP)
@inputs_argument
@records_option
@html_output_option("map.html")
@store_option
@click.option("--offline", is_flag=True, help="Inline every script and style; no tiles: works with no network.")
@click.option("--title", help="Shown on the map and as the page title.")
@click.option(
    "--embed", is_flag=True, help="Print an <iframe srcdoc> snippet of the (offline) map to paste into a page."
)
@click.option(
    "--static",
    "static_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Also write a static image of the same layers (.png or .svg, A4), drawn without a browser.",
)
@click.option(
    "--size",
    type=click.Choice(["a4-landscape", "a4-portrait"]),
    default="a4-landscape",
    show_default=True,
    help="Page size of the static image.",
)
@click.pass_context
def map_command(
    ctx: click.Context,
    inputs: tuple[Path, ...],
    records_files: tuple[Path, ...],
    output: Path,
    store: Path | None,
    offline: bool,
    title: str | None,
    embed: bool,
    static_path: Path | None,
    size: str,
) -> None:
    """Draw events on a layered interactive map (HTML): strikes, meetings, border control.

    INPUT: articles (files or folders), or events GeoJSON files written by
    'borderlens events'; none: the bundled sample corpus.
    """
    from maps import map_from_events

    gaz = load_gazetteer()
    frame, report = records_frame(ctx, inputs, records_files, gaz, store=store)
    try:
        if embed:
            click.echo(map_from_events(frame, offline=True, title=title, gazetteer=gaz).iframe())
        else:
            map_from_events(frame, offline=offline, title=title, gazetteer=gaz).save(output)
        if static_path is not None:
            from maps.image import static_map

            static_map(frame, static_path, title=title, gazetteer=gaz, size=size)  # type: ignore[arg-type]
    except OSError as err:
        raise Fatal(f"cannot write: {err.strerror or err} ({err.filename})") from err
    if not ctx.obj["quiet"]:
        wrote = [str(p) for p in ((None if embed else output), static_path) if p is not None]
        click.echo(f"wrote {', '.join(wrote) or 'the snippet'} ({len(frame)} events)", err=True)
    sys.exit(report_rejected(report))
