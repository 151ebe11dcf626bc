"""The event store: a GeoPackage that accumulates events over many ingests, safely under concurrency."""

from __future__ import annotations

import dataclasses
import fcntl
import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest

from gazetteer import Gazetteer
from geo.documents import documents_from_paths, sample_corpus_path
from geo.errors import BorderlensError, InputError
from geo.events import events_from_documents
from geo.model import Document
from geo.records import COLUMNS, events_from_records, records_from_events
from geo.store import StoreLockError, events_from_store, ingest, records_from_store

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def sample_docs() -> list[Document]:
    return list(documents_from_paths([sample_corpus_path()]))


def events_layer(store: Path) -> str:
    """The events layer as JSON text: what must not change when nothing new is ingested."""
    return str(pyogrio.read_dataframe(store, layer="events").to_json())


def spans(frame: pd.DataFrame) -> list[tuple[str, int, int]]:
    return [tuple(span) for text in frame["source_spans"] for span in json.loads(text)]


def test_ingesting_the_same_documents_twice_adds_nothing(tmp_path: Path, sample_docs: list[Document], gaz: Gazetteer):
    store = tmp_path / "events.gpkg"
    first = ingest(sample_docs, store, gaz=gaz)
    assert (first.documents_seen, first.documents_new, first.documents_skipped) == (10, 10, 0)
    assert first.events_new == first.events_total == len(events_from_documents(sample_docs, gaz)) > 0
    layer = events_layer(store)

    again = ingest(sample_docs, store, gaz=gaz)
    assert (again.documents_new, again.documents_skipped, again.events_new, again.events_updated) == (0, 10, 0, 0)
    assert again.events_total == first.events_total
    assert events_layer(store) == layer

    # a new document with no events rewrites the file; the stored events read back and write out unchanged
    quiet = ingest([Document("quiet-day", "Markets in Erbil were busy on Monday.")], store, gaz=gaz)
    assert (quiet.documents_new, quiet.events_new, quiet.events_updated) == (1, 0, 0)
    assert events_layer(store) == layer
    ledger = pyogrio.read_dataframe(store, layer="documents")
    assert ledger["document"].tolist() == [d.id for d in sample_docs] + ["quiet-day"]


def test_same_ingests_give_the_same_event_rows(tmp_path: Path, sample_docs: list[Document], gaz: Gazetteer):
    for name in ("a.gpkg", "b.gpkg"):
        ingest(sample_docs[:6], tmp_path / name, gaz=gaz)
        ingest(sample_docs[6:], tmp_path / name, gaz=gaz)
    assert events_layer(tmp_path / "a.gpkg") == events_layer(tmp_path / "b.gpkg")


def test_a_new_report_of_a_known_event_adds_a_source_and_keeps_the_id(
    tmp_path: Path, sample_docs: list[Document], gaz: Gazetteer
):
    store = tmp_path / "events.gpkg"
    ingest(sample_docs, store, gaz=gaz)
    before = {e.event_id: e for e in events_from_store(store)}
    original = next(d for d in sample_docs if d.id == "sample-009-border-security-agreement")
    signing = next(e for e in before.values() if e.sources[0].document == original.id)
    text = original.text.replace(
        "Iraq and Iran signed a security agreement", "Iran and Iraq signed a security pact"
    ).replace("committing the two governments", "committing both governments")
    assert text != original.text
    # an id that sorts first: without the stored id, the event's id would change
    copy = dataclasses.replace(
        original, id="sample-000-other-outlet", text=text, outlet="Other outlet", url="https://example.org/other"
    )

    report = ingest([copy], store, gaz=gaz)

    assert (report.documents_new, report.events_new, report.events_updated) == (1, 0, 1)
    after = {e.event_id: e for e in events_from_store(store)}
    assert after.keys() == before.keys()
    merged = after[signing.event_id]
    assert {s.document for s in merged.sources} == {original.id, copy.id}
    assert dataclasses.replace(merged, stored_id=None).event_id != signing.event_id
    row = records_from_store(store).set_index("event_id").loc[signing.event_id]
    assert row["source_count"] == 2
    assert [s["outlet"] for s in row["sources"]] == ["Other outlet", original.outlet]


def test_records_from_store_match_records_from_events(tmp_path: Path, sample_docs: list[Document], gaz: Gazetteer):
    store = tmp_path / "events.gpkg"
    ingest(sample_docs, store, gaz=gaz)
    fresh = records_from_events(events_from_documents(sample_docs, gaz), gaz)

    stored = records_from_store(store)

    assert list(stored.columns) == [*COLUMNS, "geometry"] == list(fresh.columns)
    assert stored.dtypes.equals(fresh.dtypes)
    assert stored["event_id"].tolist() == fresh["event_id"].tolist()
    assert stored.crs == fresh.crs
    missing = stored.geometry.isna()
    assert missing.equals(fresh.geometry.isna())  # events with no place have no geometry
    assert stored.geometry[~missing].geom_equals_exact(fresh.geometry[~missing], tolerance=1e-7).all()
    pd.testing.assert_frame_equal(stored, fresh)
    # events read back make the same records again
    pd.testing.assert_frame_equal(records_from_events(events_from_store(store), gaz), fresh)


def test_the_store_is_a_plain_geopackage(tmp_path: Path, sample_docs: list[Document], gaz: Gazetteer):
    store = tmp_path / "events.gpkg"
    ingest(sample_docs, store, gaz=gaz)

    info = pyogrio.read_info(store, layer="events")
    assert info["driver"] == "GPKG"
    assert info["geometry_type"] == "Unknown"  # points, polygons and border lines in one layer
    assert {str(name) for name, _ in pyogrio.list_layers(store)} == {"events", "documents"}
    frame = pyogrio.read_dataframe(store, layer="events")
    assert {"Point", "Polygon", "LineString"} <= set(frame.geom_type.dropna())
    assert len(gpd.read_file(store, layer="events")) == len(frame)
    assert sorted(tmp_path.iterdir()) == [store, tmp_path / "events.gpkg.lock"]  # no temporary files left


def test_curated_records_are_ingested_once(tmp_path: Path, sample_docs: list[Document], gaz: Gazetteer):
    csv_path = tmp_path / "mine.csv"
    csv_path.write_text(
        "event_date,event_type,sub_event_type,location,actor1,source\n"
        "2022-10-02,strike,drone_strike,Koya,Military Forces of Iran,local reporter\n",
        encoding="utf-8",
    )
    store = tmp_path / "events.gpkg"
    ingest(sample_docs, store, gaz=gaz)
    first = ingest([], store, gaz=gaz, records=events_from_records(csv_path, gaz=gaz))
    again = ingest([], store, gaz=gaz, records=events_from_records(csv_path, gaz=gaz))

    assert (first.documents_new, first.events_new) == (1, 1)
    assert (again.documents_new, again.documents_skipped, again.events_new) == (0, 1, 0)
    ledger = pyogrio.read_dataframe(store, layer="documents")
    assert ledger["kind"].tolist()[-1] == "record"
    assert "mine.csv:2" in {s.document for e in events_from_store(store) for s in e.sources}


def test_a_revised_article_never_reuses_an_event_id(tmp_path: Path, gaz: Gazetteer):
    store = tmp_path / "events.gpkg"
    text = "Iranian drones struck PDKI bases near Koya on Saturday."
    ingest([Document("koya", text, published=pd.Timestamp("2022-09-26").date())], store, gaz=gaz)
    revised = Document("koya", text + " ", published=pd.Timestamp("2022-11-14").date())

    report = ingest([revised], store, gaz=gaz)

    ids = [e.event_id for e in events_from_store(store)]
    assert report.events_new == 1
    assert len(ids) == len(set(ids)) == 2


_INGEST_SCRIPT = """
import sys, time
from pathlib import Path
from gazetteer import Gazetteer
from geo.documents import documents_from_paths
from geo.store import ingest

corpus, store, ready, go = sys.argv[1:]
gaz = Gazetteer.load()
docs = list(documents_from_paths([corpus]))
Path(ready).touch()
while not Path(go).exists():
    time.sleep(0.01)
print(ingest(docs, store, gaz=gaz))
"""


def test_two_processes_ingesting_at_once_keep_every_event_once(
    tmp_path: Path, sample_docs: list[Document], gaz: Gazetteer
):
    lines = sample_corpus_path().read_text(encoding="utf-8").splitlines(keepends=True)
    halves = [tmp_path / "a.jsonl", tmp_path / "b.jsonl"]
    halves[0].write_text("".join(lines[0::2]), encoding="utf-8")  # 004 and 005 report one visit: split them
    halves[1].write_text("".join(lines[1::2]), encoding="utf-8")
    store = tmp_path / "events.gpkg"
    go = tmp_path / "go"
    ready = [tmp_path / f"ready-{i}" for i in range(2)]
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _INGEST_SCRIPT, str(half), str(store), str(flag), str(go)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for half, flag in zip(halves, ready, strict=True)
    ]
    deadline = time.monotonic() + 120
    while not all(flag.exists() for flag in ready) and time.monotonic() < deadline:
        assert all(p.poll() is None for p in procs), [p.communicate() for p in procs]
        time.sleep(0.01)
    go.touch()  # both ingest from here on, at the same moment
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs

    frame = pyogrio.read_dataframe(store, layer="events")
    stored = Counter(spans(frame))
    expected: Counter[tuple[str, int, int]] = Counter()
    for half in halves:
        docs = list(documents_from_paths([half]))
        for event in events_from_documents(docs, gaz):
            expected.update((source.document, source.start, source.end) for source in event.sources)
    # every report of both halves once (a sentence naming two struck towns is in two events)
    assert stored == expected
    assert frame["event_id"].is_unique
    ledger = pyogrio.read_dataframe(store, layer="documents")
    assert sorted(ledger["document"]) == sorted(d.id for d in sample_docs)
    # the result is what one ingest after the other gives, in one order or the other
    sequential = []
    for order in (halves, halves[::-1]):
        other = tmp_path / f"sequential-{len(sequential)}.gpkg"
        for half in order:
            ingest(documents_from_paths([half]), other, gaz=gaz)
        sequential.append(events_layer(other))
    assert events_layer(store) in sequential


def test_a_held_lock_times_out_with_a_clear_error(tmp_path: Path, gaz: Gazetteer):
    store = tmp_path / "events.gpkg"
    doc = Document("d1", "Iranian drones struck PDKI bases near Koya on Saturday.")
    with (tmp_path / "events.gpkg.lock").open("a") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        with pytest.raises(StoreLockError, match=r"events\.gpkg.*locked by another ingest") as caught:
            ingest([doc], store, gaz=gaz, lock_timeout=0.2)
    assert isinstance(caught.value, BorderlensError)
    assert isinstance(caught.value, TimeoutError)
    assert not store.exists()
    assert ingest([doc], store, gaz=gaz).documents_new == 1  # released: the next ingest proceeds


def test_a_file_that_is_not_a_store_is_refused_by_name(tmp_path: Path, gaz: Gazetteer):
    doc = Document("d1", "Iranian drones struck PDKI bases near Koya on Saturday.")
    garbage = tmp_path / "events.gpkg"
    garbage.write_bytes(b"this is not a GeoPackage\n" * 50)
    for call in (
        lambda: ingest([doc], garbage, gaz=gaz),
        lambda: records_from_store(garbage),
        lambda: events_from_store(garbage),
    ):
        with pytest.raises(InputError, match=r"cannot read '.*events\.gpkg': not a GeoPackage event store"):
            call()
    assert garbage.read_bytes() == b"this is not a GeoPackage\n" * 50  # never overwritten

    other = tmp_path / "other.gpkg"
    pyogrio.write_dataframe(pd.DataFrame({"a": [1]}), other, layer="things", driver="GPKG")
    with pytest.raises(InputError, match=r"other\.gpkg.*not a borderlens event store"):
        ingest([doc], other, gaz=gaz)
    with pytest.raises(InputError, match=r"missing\.gpkg.*no such file.*borderlens ingest"):
        records_from_store(tmp_path / "missing.gpkg")
    with pytest.raises(InputError, match="it is a folder"):
        events_from_store(tmp_path)


def test_new_events_are_not_compared_pair_by_pair_with_each_other(
    tmp_path: Path, gaz: Gazetteer, monkeypatch: pytest.MonkeyPatch
):
    """Ingesting n new events into a store makes one batch merge, not n²/2 pairwise ones (5,000 curated
    records took eight minutes that way)."""
    import geo.store
    from geo.merge import merge_events

    rows = ["event_date,event_type,latitude,longitude,notes"]
    rows += [
        f"2022-{1 + i % 12:02d}-{1 + i % 28:02d},strike,{35 + i % 50 / 25:.3f},{44 + i // 50 / 25:.3f},r{i}"
        for i in range(300)
    ]
    path = tmp_path / "records.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    records = events_from_records(path, gaz=gaz)
    calls = Counter[int]()

    def counted(events: list, gazetteer: Gazetteer) -> list:  # type: ignore[type-arg]
        calls[len(events)] += 1
        return merge_events(events, gazetteer)

    monkeypatch.setattr(geo.store, "merge_events", counted)
    report = ingest([], tmp_path / "events.gpkg", gaz=gaz, records=records)
    assert report.events_total == len(events_from_documents([], gaz, records=records))
    assert calls == Counter({len(records): 1})
