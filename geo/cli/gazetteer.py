"""``borderlens gazetteer``: look up places in the bundled gazetteer, and say what it holds."""

from __future__ import annotations

import json
import sys

import click

from geo.cli.inputs import load_gazetteer
from geo.cli.output import table

__all__ = ["gazetteer"]

EXAMPLES_LOOKUP = """
\b
Examples:
  borderlens gazetteer lookup Hawler
  borderlens gazetteer lookup "Kurdistan province" --limit 3
  borderlens gazetteer lookup Sardasht --kind adm2 --json
"""


@click.group()
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
    found = load_gazetteer().lookup(name, kind=kind or None, country=country, limit=limit)
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
    table(("id", "name", "kind", "country", "admin1", "lat", "lon", "geometry"), rows)


@gazetteer.command("info")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def info(as_json: bool) -> None:
    """Counts of entries by kind and country, and the data's sources and licences."""
    from gazetteer import DATA_SOURCES

    gaz = load_gazetteer()
    counts = gaz.counts()
    total = sum(counts["kind"].values())  # the villages that need support too (len(gaz) leaves them out)
    if as_json:
        click.echo(
            json.dumps(
                {
                    "entries": total,
                    "by_kind": dict(sorted(counts["kind"].items())),
                    "by_country": dict(sorted(counts["country"].items())),
                    "sources": [s._asdict() for s in DATA_SOURCES],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    click.echo(f"{total} entries in {gaz.path}")
    click.echo("\nBy kind:")
    table(("kind", "entries"), sorted(counts["kind"].items()))
    click.echo("\nBy country (the region's four, then the rest together):")
    focus = ["IQ", "IR", "TR", "SY"]
    rows = [(cc, counts["country"][cc]) for cc in focus]
    rows.append(("other", sum(n for cc, n in counts["country"].items() if cc not in focus and cc != "-")))
    rows.append(("none (borders)", counts["country"]["-"]))
    table(("country", "entries"), rows)
    click.echo("\nData sources and licences:")
    for source in DATA_SOURCES:
        click.echo(f"- {source.name} ({source.licence}): {source.used_for}. {source.url}")
