"""geo.pipeline, the input pipeline under the commands, called as a library: what it returns and reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gazetteer import Gazetteer
from geo.errors import InputError
from geo.pipeline import (
    InputReport,
    event_records,
    events_file_rows,
    events_from_inputs,
    ingest_inputs,
    is_events_file,
    records_from_inputs,
)

ARTICLES = [
    {
        "id": "pipe-1",
        "published": "2022-10-03",
        "text": "Iranian drones struck a camp near Koya on Sunday, local officials said.",
    },
    {"id": "pipe-2", "published": "2022-10-04", "text": "A quiet day in the market of Erbil, traders said."},
]
RECORDS = (
    "event_date,event_type,sub_event_type,location,actor1,source\n"
    "2022-10-05,strike,shelling,Koya,Iran,https://example.org/pipe/1\n"
    "2022-10-06,parade,,Koya,,\n"
)


@pytest.fixture
def inputs(tmp_path: Path) -> tuple[Path, Path]:
    articles = tmp_path / "articles.jsonl"
    articles.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES) + "{broken\n", encoding="utf-8")
    records = tmp_path / "records.csv"
    records.write_text(RECORDS, encoding="utf-8")
    return articles, records


def test_events_from_inputs_counts_what_it_read_and_keeps_what_it_rejected(
    inputs: tuple[Path, Path], gaz: Gazetteer
) -> None:
    articles, records = inputs
    events, report = events_from_inputs([articles], gaz, records_files=[records])
    assert (report.documents, report.records, report.file_events, report.store_events) == (2, 1, 0, 0)
    assert [(e.line, e.path) for e in report.rejected] == [(3, str(records)), (3, str(articles))]  # parade; bad JSON
    assert {e.event_type for e in events} == {"strike"}
    assert any(s.document == "pipe-1" for e in events for s in e.sources)
    frame = event_records(events, gaz)
    assert len(frame) == len(events)


def test_no_input_reads_the_sample_corpus(gaz: Gazetteer) -> None:
    from geo.documents import sample_corpus_path

    events, report = events_from_inputs([], gaz)
    lines = sample_corpus_path().read_text(encoding="utf-8").splitlines()
    assert report.documents == len(lines) and not report.rejected
    assert events


def test_records_from_inputs_reads_events_files_beside_articles(
    tmp_path: Path, inputs: tuple[Path, Path], gaz: Gazetteer
) -> None:
    from geo.export import write_geojson

    articles, _ = inputs
    events, _ = events_from_inputs([articles], gaz)
    written = tmp_path / "events.geojson"
    write_geojson(event_records(events, gaz), written)
    data = json.loads(written.read_text(encoding="utf-8"))
    data["features"].append({"type": "Feature", "geometry": None})  # no properties: rejected, the rest read
    written.write_text(json.dumps(data), encoding="utf-8")
    assert is_events_file(written) and not is_events_file(articles)

    frame, report = records_from_inputs([written], gaz)
    assert report.file_events == len(events) == len(frame)
    assert report.documents == 0
    assert [e.unit for e in report.rejected] == ["feature"]
    with pytest.raises(InputError, match="feature without properties"):
        events_file_rows(written)


def test_a_store_alone_is_read_without_the_sample_corpus(
    tmp_path: Path, inputs: tuple[Path, Path], gaz: Gazetteer
) -> None:
    articles, records = inputs
    store = tmp_path / "events.gpkg"
    done, report = ingest_inputs([articles], store, gaz, records_files=[records])
    assert (report.documents, report.records, len(report.rejected)) == (2, 1, 2)
    assert done.documents_new == 3 and done.events_total >= 2

    frame, read = records_from_inputs([], gaz, store=store)
    assert read == InputReport(store_events=done.events_total)
    assert len(frame) == done.events_total


def test_a_missing_store_raises(tmp_path: Path, gaz: Gazetteer) -> None:
    with pytest.raises(InputError, match="not an event store"):
        records_from_inputs([], gaz, store=tmp_path / "none.gpkg")
