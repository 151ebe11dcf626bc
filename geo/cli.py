"""The ``borderlens`` command: a thin click layer over the library.

Library code never prints or configures logging; this module does both, turns
library errors into click errors, and chooses plain or machine (JSON) output.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import Any

import click

from geo import __version__
from geo._cli_shared import (
    Fatal,
    collect_events,
    curated_records,
    dask_scheduler,
    emit,
    event_records,
    online_options,
    progress,
    records_frame,
    records_option,
    report_rejected,
    scale_options,
    settings_from,
    store_option,
)
from geo.errors import BorderlensError, InputError

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


def _gazetteer(*, reads_articles: bool = False) -> Any:
    from gazetteer import Gazetteer

    try:
        gaz = Gazetteer.load()
    except BorderlensError as err:
        raise Fatal(str(err)) from err
    if reads_articles:
        from geo._lexicon import settle

        settle(gaz)
    return gaz


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


EXAMPLES_EXTRACT = """
\b
Examples:
  borderlens extract                       # the bundled sample corpus, as a table
  borderlens extract articles/ --format jsonl -o places.jsonl
  borderlens extract feed.jsonl --format geojson > places.geojson
"""


@cli.command(epilog=EXAMPLES_EXTRACT)
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "jsonl", "geojson"]),
    default="table",
    show_default=True,
    help="table: one line per mention; jsonl: one object per document; geojson: distinct places with counts.",
)
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write here (default: stdout).")
@online_options
@click.pass_context
def extract(
    ctx: click.Context,
    inputs: tuple[Path, ...],
    fmt: str,
    output: Path | None,
    online: bool,
    user_agent: str | None,
    geocoder: str,
    geocoder_domain: str | None,
    geocoder_scheme: str,
    cache_dir: Path | None,
) -> None:
    """Find and resolve the place names in articles (files or folders; none: the sample corpus).

    Reads plain text, HTML, Markdown, JSON Lines and CSV. Exit status: 0 when
    every record was read, 1 when some were rejected (each is named on stderr),
    2 on a usage or fatal error.
    """
    from geo.documents import documents_from_paths, sample_corpus_path
    from geo.export import dumps, places_feature_collection, places_jsonl_line
    from geo.geocode import geocode_unresolved
    from geo.resolve import places_from_document

    settings = settings_from(online, user_agent, geocoder, geocoder_domain, geocoder_scheme, cache_dir)
    gaz = _gazetteer(reads_articles=True)
    errors: list[InputError] = []
    paths = list(inputs) or [sample_corpus_path()]
    docs = documents_from_paths(paths, errors=errors)
    per_doc = [(doc, places_from_document(doc, gaz)) for doc in progress(docs, quiet=ctx.obj["quiet"], unit="doc")]
    if settings.online:
        try:
            filled, failures = geocode_unresolved([p for _, places in per_doc for p in places], settings)
        except BorderlensError as err:
            raise Fatal(str(err)) from err
        for failure in failures:
            click.echo(f"not geocoded: {failure.name!r}: {failure.message}", err=True)
        rebuilt, position = [], 0
        for doc, places in per_doc:
            rebuilt.append((doc, filled[position : position + len(places)]))
            position += len(places)
        per_doc = rebuilt
    lines: list[str] = []
    if fmt == "jsonl":
        lines = [places_jsonl_line(doc, places) for doc, places in per_doc]
    elif fmt == "geojson":
        lines = [dumps(places_feature_collection([p for _, places in per_doc for p in places], gaz))]
    else:
        lines.append(
            "\t".join(["document", "start", "end", "surface", "place_id", "name", "kind", "precision", "confidence"])
        )
        for doc, places in per_doc:
            for p in places:
                lines.append(
                    "\t".join(
                        [
                            doc.id,
                            str(p.mention.start),
                            str(p.mention.end),
                            p.mention.surface,
                            p.place_id or "-",
                            p.name or "(unresolved)",
                            p.kind or "-",
                            str(p.precision or "-"),
                            f"{p.confidence:.2f}",
                        ]
                    )
                )
    emit("\n".join(lines) + "\n", output)
    sys.exit(report_rejected(errors, len(per_doc)))


EXAMPLES_EVENTS = """
\b
Examples:
  borderlens events -o events.geojson                 # the bundled sample corpus
  borderlens events articles/ --records mine.csv -o events.geojson
  borderlens events feed.jsonl --format csv -o events.csv
"""


@cli.command(epilog=EXAMPLES_EVENTS)
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
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

    gaz = _gazetteer(reads_articles=True)
    errors: list[InputError] = []
    merged, _, processed = collect_events(ctx, inputs, records_files, errors, gaz, events_files=False)
    frame = event_records(ctx, merged, gaz)
    text = events_csv(frame) if fmt == "csv" else dumps(events_feature_collection(frame)) + "\n"
    emit(text, output)
    if not ctx.obj["quiet"]:
        click.echo(f"{len(merged)} events", err=True)
    sys.exit(report_rejected(errors, processed))


EXAMPLES_MAP = """
\b
Examples:
  borderlens map                                  # the bundled sample corpus -> map.html
  borderlens map articles/ --records mine.csv -o strikes.html --title "Strikes, autumn 2022"
  borderlens map events.geojson --offline -o map.html   # from 'borderlens events'; works with no network
"""


@cli.command("map", epilog=EXAMPLES_MAP)
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@records_option
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("map.html"),
    show_default=True,
    help="The HTML file to write.",
)
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

    gaz = _gazetteer()
    errors: list[InputError] = []
    frame, processed = records_frame(ctx, inputs, records_files, errors, gaz, store=store)
    try:
        if embed:
            click.echo(map_from_events(frame, offline=True, title=title, gazetteer=gaz).iframe())
        else:
            map_from_events(frame, offline=offline, title=title, gazetteer=gaz).save(output)
        if static_path is not None:
            from maps.static import static_map

            static_map(frame, static_path, title=title, gazetteer=gaz, size=size)  # type: ignore[arg-type]
    except OSError as err:
        raise Fatal(f"cannot write: {err.strerror or err} ({err.filename})") from err
    if not ctx.obj["quiet"]:
        wrote = [str(p) for p in ((None if embed else output), static_path) if p is not None]
        click.echo(f"wrote {', '.join(wrote) or 'the snippet'} ({len(frame)} events)", err=True)
    sys.exit(report_rejected(errors, processed))


EXAMPLES_REPORT = """
\b
Examples:
  borderlens report articles/ -o report.html --title "Iran-Iraq border, November 2022"
  borderlens report --store events.gpkg -o report.html
"""


@cli.command(epilog=EXAMPLES_REPORT)
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@records_option
@store_option
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("report.html"),
    show_default=True,
    help="The HTML file to write.",
)
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

    gaz = _gazetteer()
    errors: list[InputError] = []
    frame, processed = records_frame(ctx, inputs, records_files, errors, gaz, store=store)
    try:
        save_report(frame, output, title=title, gazetteer=gaz)
    except OSError as err:
        raise Fatal(f"cannot write {str(output)!r}: {err.strerror or err}") from err
    if not ctx.obj["quiet"]:
        click.echo(f"wrote {output} ({len(frame)} events)", err=True)
    sys.exit(report_rejected(errors, processed))


EXAMPLES_INGEST = """
\b
Examples:
  borderlens ingest articles/ --store events.gpkg       # add this week's articles
  borderlens ingest feed.jsonl --records mine.csv --store events.gpkg
  borderlens map --store events.gpkg -o map.html
"""


@cli.command(epilog=EXAMPLES_INGEST)
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
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
    from geo.documents import documents_from_paths, sample_corpus_path
    from geo.store import ingest as ingest_documents
    from geo.store import ingest_extracted

    gaz = _gazetteer(reads_articles=True)
    errors: list[InputError] = []
    paths = list(inputs) or ([] if records_files else [sample_corpus_path()])
    scheduler = dask_scheduler(ctx)
    try:
        if scheduler is None:
            docs: list[Any] = list(
                progress(documents_from_paths(paths, errors=errors), quiet=ctx.obj["quiet"], unit="doc")
            )
            records = curated_records(ctx, records_files, errors, gaz)
            report = ingest_documents(docs, store, gaz=gaz, records=records)
        else:
            from geo.scale import extract_on_dask

            docs = extract_on_dask(paths, scheduler, errors=errors)
            records = curated_records(ctx, records_files, errors, gaz)
            extracted = [(d.document, d.sha256, d.events) for d in docs]
            report = ingest_extracted(extracted, store, gaz=gaz, records=records)
    except BorderlensError as err:
        raise Fatal(str(err)) from err
    if not ctx.obj["quiet"]:
        click.echo(
            f"{store}: {report.documents_new} new documents ({report.documents_skipped} seen before), "
            f"{report.events_new} new events, {report.events_updated} with a new source, "
            f"{report.events_total} in all",
            err=True,
        )
    sys.exit(report_rejected(errors, len(docs)))


EXAMPLES_EXPORT = """
\b
Examples:
  borderlens export articles/ --format gpkg -o events.gpkg
  borderlens export events.geojson --format parquet -o events.parquet
  borderlens export feed.jsonl --records mine.csv --format csv -o events.csv
"""


@cli.command("export", epilog=EXAMPLES_EXPORT)
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
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

    gaz = _gazetteer()
    errors: list[InputError] = []
    frame, processed = records_frame(ctx, inputs, records_files, errors, gaz, store=store)
    try:
        EXPORTERS[fmt](frame, output)
    except OSError as err:
        raise Fatal(f"cannot write {str(output)!r}: {err.strerror or err}") from err
    if not ctx.obj["quiet"]:
        click.echo(f"wrote {output} ({len(frame)} events)", err=True)
    sys.exit(report_rejected(errors, processed))


def _table(header: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    cells = [tuple(str(v) for v in header)] + [tuple(str(v) for v in row) for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    for n, row in enumerate(cells):
        click.echo("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            click.echo("  ".join("-" * w for w in widths))


def main() -> None:
    """Console entry point."""
    from geo.atomic import clean_up_on_termination

    clean_up_on_termination()  # a terminated run removes its temporary output files
    cli(prog_name="borderlens")
