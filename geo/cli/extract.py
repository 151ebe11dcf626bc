"""``borderlens extract``: the place names in articles, resolved, as a table, JSON Lines or GeoJSON."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from geo.cli.inputs import load_gazetteer, show_progress
from geo.cli.options import inputs_argument, online_options, settings_from
from geo.cli.output import emit, fatal_errors, report_rejected
from geo.errors import InputError
from geo.pipeline import InputReport

__all__ = ["extract"]

EXAMPLES_EXTRACT = """
\b
Examples:
  borderlens extract                       # the bundled sample corpus, as a table
  borderlens extract articles/ --format jsonl -o places.jsonl
  borderlens extract feed.jsonl --format geojson > places.geojson
"""

_TABLE_HEADER = ("document", "start", "end", "surface", "place_id", "name", "kind", "precision", "confidence")


@click.command("extract", epilog=EXAMPLES_EXTRACT)
@inputs_argument
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
    gaz = load_gazetteer(reads_articles=True)
    errors: list[InputError] = []
    paths = list(inputs) or [sample_corpus_path()]
    docs = documents_from_paths(paths, errors=errors)
    per_doc = [(doc, places_from_document(doc, gaz)) for doc in show_progress(ctx)(docs)]
    if settings.online:
        with fatal_errors():
            filled, failures = geocode_unresolved([p for _, places in per_doc for p in places], settings)
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
        lines.append("\t".join(_TABLE_HEADER))
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
    sys.exit(report_rejected(InputReport(documents=len(per_doc), rejected=errors)))
