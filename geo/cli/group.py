"""The ``borderlens`` group: ``--version``, ``-v``/``-q``, logging, and the commands it holds."""

from __future__ import annotations

import logging
import os
import sys

import click

from geo import __version__
from geo.cli.events import events
from geo.cli.export import export_command
from geo.cli.extract import extract
from geo.cli.gazetteer import gazetteer
from geo.cli.ingest import ingest
from geo.cli.map import map_command
from geo.cli.report import report

__all__ = ["cli", "main"]


def _setup_logging(verbose: int, quiet: int) -> None:
    level = logging.WARNING - 10 * verbose + 10 * quiet
    logging.basicConfig(level=max(level, logging.DEBUG), format="%(levelname)s: %(message)s", stream=sys.stderr)


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """``--version``: the version, and whether the compiled inner loops (geo/_speedups.pyx) are in use."""
    if not value or ctx.resilient_parsing:
        return
    import importlib.util

    built = importlib.util.find_spec("geo._speedups") is not None
    if built and not os.environ.get("BORDERLENS_PURE_PYTHON"):
        how = "compiled inner loops"
    else:
        how = (
            "pure Python: " + ("BORDERLENS_PURE_PYTHON is set" if built else "geo._speedups was not built") + ", slower"
        )
    click.echo(f"borderlens, version {__version__} ({how})")
    ctx.exit()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help="Show the version and exit.",
)
@click.option("-v", "--verbose", count=True, help="More messages (repeat for more).")
@click.option("-q", "--quiet", count=True, help="Fewer messages; no progress bars.")
@click.pass_context
def cli(ctx: click.Context, verbose: int, quiet: int) -> None:
    """Map security events on the Iran–Iraq border from news reports."""
    _setup_logging(verbose, quiet)
    ctx.ensure_object(dict)
    ctx.obj["quiet"] = quiet > 0


for _command in (events, export_command, extract, gazetteer, ingest, map_command, report):
    cli.add_command(_command)


def main() -> None:
    """Console entry point."""
    from geo.atomic import clean_up_on_termination

    clean_up_on_termination()  # a terminated run removes its temporary output files
    cli(prog_name="borderlens")
