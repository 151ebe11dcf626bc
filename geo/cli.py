"""The ``borderlens`` command: a thin click layer over the library.

Library code never prints or configures logging; this module does both, turns
library errors into click errors, and chooses plain or machine (JSON) output.
"""

from __future__ import annotations

import json
import logging
import sys
from typing import Any

import click

from geo import __version__
from geo.errors import BorderlensError

log = logging.getLogger("borderlens")

EXAMPLES_LOOKUP = """
\b
Examples:
  borderlens gazetteer lookup Hawler
  borderlens gazetteer lookup "Kurdistan province" --limit 3
  borderlens gazetteer lookup Sardasht --kind adm2 --json
"""


def _setup_logging(verbose: int, quiet: int) -> None:
    level = logging.WARNING - 10 * verbose + 10 * quiet
    logging.basicConfig(level=max(level, logging.DEBUG), format="%(levelname)s: %(message)s", stream=sys.stderr)


def _gazetteer() -> Any:
    from gazetteer import Gazetteer

    try:
        return Gazetteer.load()
    except BorderlensError as err:
        raise click.ClickException(str(err)) from err


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="borderlens")
@click.option("-v", "--verbose", count=True, help="More messages (repeat for more).")
@click.option("-q", "--quiet", count=True, help="Fewer messages; no progress bars.")
@click.pass_context
def cli(ctx: click.Context, verbose: int, quiet: int) -> None:
    """Map security events on the Iran–Iraq border from news reports."""
    _setup_logging(verbose, quiet)
    ctx.ensure_object(dict)
    ctx.obj["quiet"] = quiet > 0


@cli.group()
def gazetteer() -> None:
    """Look up places in the bundled regional gazetteer."""


@gazetteer.command("lookup", epilog=EXAMPLES_LOOKUP)
@click.argument("name")
@click.option("--kind", multiple=True, help="Only entries of this kind (country, adm1, adm2, region, ...).")
@click.option("--country", help="Only entries in this country (ISO alpha-2, e.g. IQ).")
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True, help="At most this many.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def lookup(name: str, kind: tuple[str, ...], country: str | None, limit: int, as_json: bool) -> None:
    """Print the candidate entries for NAME, best first."""
    from gazetteer import KINDS

    for k in kind:
        if k not in KINDS:
            raise click.BadParameter(f"{k!r} is not a kind; use one of {', '.join(KINDS)}", param_hint="--kind")
    found = _gazetteer().lookup(name, kind=kind or None, country=country, limit=limit)
    if as_json:
        click.echo(json.dumps([e.to_dict() for e in found], ensure_ascii=False, indent=2))
        return
    if not found:
        click.echo(f"no gazetteer entry matches {name!r}", err=True)
        sys.exit(1)
    rows = [
        (e.id, e.name, e.kind, e.country or "", e.admin1 or "", f"{e.lat:.4f}", f"{e.lon:.4f}", e.geometry.geom_type)
        for e in found
    ]
    _table(("id", "name", "kind", "country", "admin1", "lat", "lon", "geometry"), rows)


@gazetteer.command("info")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def info(as_json: bool) -> None:
    """Counts of entries by kind and country, and the data's sources and licences."""
    from gazetteer import DATA_SOURCES

    gaz = _gazetteer()
    counts = gaz.counts()
    if as_json:
        click.echo(
            json.dumps(
                {
                    "entries": len(gaz),
                    "by_kind": dict(sorted(counts["kind"].items())),
                    "by_country": dict(sorted(counts["country"].items())),
                    "sources": [s._asdict() for s in DATA_SOURCES],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    click.echo(f"{len(gaz)} entries in {gaz.path}")
    click.echo("\nBy kind:")
    _table(("kind", "entries"), sorted(counts["kind"].items()))
    click.echo("\nBy country (the region's four, then the rest together):")
    focus = ["IQ", "IR", "TR", "SY"]
    rows = [(cc, counts["country"][cc]) for cc in focus]
    rows.append(("other", sum(n for cc, n in counts["country"].items() if cc not in focus and cc != "-")))
    rows.append(("none (borders)", counts["country"]["-"]))
    _table(("country", "entries"), rows)
    click.echo("\nData sources and licences:")
    for source in DATA_SOURCES:
        click.echo(f"- {source.name} ({source.licence}): {source.used_for}. {source.url}")


def _table(header: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    cells = [tuple(str(v) for v in header)] + [tuple(str(v) for v in row) for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    for n, row in enumerate(cells):
        click.echo("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            click.echo("  ".join("-" * w for w in widths))


def main() -> None:
    """Console entry point."""
    cli(prog_name="borderlens")
