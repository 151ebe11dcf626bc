"""What the commands print and how they end: output files, tables, progress, the rejected-input summary.

Exit status: 0 when every record was read, 1 when some were rejected (each named
on stderr), 2 on a usage or fatal error (:class:`Fatal`).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from geo.errors import BorderlensError

if TYPE_CHECKING:
    from geo.pipeline import InputReport

__all__ = ["Fatal", "emit", "fatal_errors", "progress", "report_rejected", "table"]


class Fatal(click.ClickException):
    """A fatal error: exit status 2 (1 means some records were rejected; see README)."""

    exit_code = 2


@contextmanager
def fatal_errors() -> Iterator[None]:
    """A library error raised inside becomes a :class:`Fatal` one with its message."""
    try:
        yield
    except BorderlensError as err:
        raise Fatal(str(err)) from err


def progress(items: Iterable[Any], *, quiet: bool, unit: str) -> Iterable[Any]:
    """A progress bar on a terminal; nothing when piped or quiet."""
    if quiet or not sys.stderr.isatty():
        return items
    from tqdm import tqdm

    bar: Iterable[Any] = tqdm(items, unit=unit, file=sys.stderr, leave=False)
    return bar


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def report_rejected(report: InputReport) -> int:
    """Print each rejected record and a summary line; return the exit code (0 or 1).

    The summary counts documents, and the curated records, events-file events and
    store events the run read, then the rejected records of every kind.
    """
    for err in report.rejected:
        click.echo(f"rejected: {err}", err=True)
    read = [_plural(report.documents, "document")]
    if report.records:
        read.append(_plural(report.records, "curated record"))
    if report.file_events:
        read.append(_plural(report.file_events, "event") + " from events files")
    if report.store_events:
        read.append(_plural(report.store_events, "event") + " from the store")
    click.echo(f"processed {', '.join(read)}; rejected {len(report.rejected)}", err=True)
    return 1 if report.rejected else 0


def emit(text: str, output: Path | None) -> None:
    """Write to a file atomically, or to stdout."""
    if output is None:
        click.echo(text, nl=False)
        return
    from geo.atomic import atomic_write_text

    try:
        atomic_write_text(output, text)
    except OSError as err:
        raise Fatal(f"cannot write {str(output)!r}: {err.strerror or err}") from err


def table(header: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """Print rows as aligned columns under a header and a rule."""
    cells = [tuple(str(v) for v in header)] + [tuple(str(v) for v in row) for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    for n, row in enumerate(cells):
        click.echo("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            click.echo("  ".join("-" * w for w in widths))
