"""Output is atomic and deterministic.

A ``borderlens export`` writing over an existing file is killed while it writes (SIGKILL, then
SIGTERM): the previous file is intact, nothing partial has the real name, and a SIGTERM leaves no
temporary file (a SIGKILL may leave one, hidden and named ``.NAME.XXXXXXXX.tmp.SUFFIX``). And every
command run twice on the same input writes byte-identical files.
"""

from __future__ import annotations

import dataclasses
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from gazetteer import Gazetteer
from geo.cli import cli
from geo.documents import documents_from_paths, sample_corpus_path
from geo.events import events_from_documents
from geo.export import write_geojson
from geo.records import records_from_events

ROOT = Path(__file__).resolve().parents[1]
TEMP_NAME = re.compile(r"^\.out\.gpkg\.[^/]+\.tmp\.gpkg(-journal|-wal|-shm)?$")


@pytest.fixture(scope="module")
def many_events(tmp_path_factory: pytest.TempPathFactory, gaz: Gazetteer) -> Path:
    """An events file big enough (4,800 town events, 5 MB) that writing its GeoPackage takes a while."""
    events = events_from_documents(documents_from_paths([sample_corpus_path()]), gaz)
    towns = [e for e in events if e.place is not None and e.place.kind == "populated_place"]
    many = [
        dataclasses.replace(e, sources=tuple(dataclasses.replace(s, document=f"{s.document}-{i}") for s in e.sources))
        for i in range(4800 // len(towns))
        for e in towns
    ]
    path = tmp_path_factory.mktemp("many") / "events.geojson"
    write_geojson(records_from_events(many, gaz), path)
    return path


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_a_run_killed_mid_write_leaves_the_previous_file_intact(
    sig: signal.Signals, many_events: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.gpkg"
    before = CliRunner().invoke(cli, ["export", "--format", "gpkg", "-o", str(out)])  # the sample corpus
    assert before.exit_code == 0, before.output
    previous = out.read_bytes()
    command = [sys.executable, "-m", "geo", "-q", "export", str(many_events), "--format", "gpkg", "-o", str(out)]
    run = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not any(TEMP_NAME.match(name) for name in os.listdir(tmp_path)):  # the writing has begun
        assert run.poll() is None, f"finished before it was seen writing: {run.stderr.read()!r}"  # type: ignore[union-attr]
        assert time.monotonic() < deadline
        time.sleep(0.002)
    time.sleep(0.05)  # well inside the write, which takes about half a second
    run.send_signal(sig)
    run.wait(timeout=60)
    assert run.returncode in (-sig, 128 + sig), run.stderr.read()  # type: ignore[union-attr]
    assert out.read_bytes() == previous  # the real name still holds the whole previous file
    left = sorted(name for name in os.listdir(tmp_path) if name != out.name)
    if sig == signal.SIGTERM:
        assert run.returncode == 128 + sig  # the handler ran and cleaned up
        assert left == []
    else:
        assert all(TEMP_NAME.match(name) for name in left), left


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_an_ingest_killed_mid_write_leaves_the_store_as_it_was(sig: signal.Signals, tmp_path: Path) -> None:
    """The store is rewritten in a hidden temporary folder beside it and renamed into place."""
    store = tmp_path / "events.gpkg"
    assert CliRunner().invoke(cli, ["ingest", "--store", str(store)]).exit_code == 0  # the sample corpus
    previous = store.read_bytes()
    records = tmp_path / "records.csv"
    rows = ["event_date,event_type,latitude,longitude,notes"]
    rows += [
        f"2022-{1 + i % 12:02d}-{1 + i % 28:02d},strike,{35 + i % 90 / 45:.4f},{44 + i // 90 / 20:.4f},r{i}"
        for i in range(5000)
    ]
    records.write_text("\n".join(rows) + "\n", encoding="utf-8")
    command = [sys.executable, "-m", "geo", "-q", "ingest", "--records", str(records), "--store", str(store)]
    for _attempt in range(3):  # the write takes about 0.1 s: a run may finish before the signal lands
        store.write_bytes(previous)
        run = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while run.poll() is None and not any(name.startswith(".events.gpkg.") for name in os.listdir(tmp_path)):
            assert time.monotonic() < deadline
            time.sleep(0.001)
        run.send_signal(sig)
        run.wait(timeout=60)
        if run.returncode != 0:
            break
    assert run.returncode in (-sig, 128 + sig), run.stderr.read()  # type: ignore[union-attr]
    assert store.read_bytes() == previous
    left = sorted(set(os.listdir(tmp_path)) - {store.name, "events.gpkg.lock", records.name})
    if sig == signal.SIGTERM:
        assert left == []
    else:
        assert all(re.fullmatch(r"\.events\.gpkg\.[^/.]+", name) for name in left), left


def _outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


RUNS = {
    "extract table": ["extract", "-o", "{o}/places.tsv"],
    "extract jsonl": ["extract", "--format", "jsonl", "-o", "{o}/places.jsonl"],
    "extract geojson": ["extract", "--format", "geojson", "-o", "{o}/places.geojson"],
    "events geojson": ["events", "-o", "{o}/events.geojson"],
    "events csv": ["events", "--format", "csv", "-o", "{o}/events.csv"],
    "map": ["map", "-o", "{o}/map.html"],
    "map offline": ["map", "--offline", "-o", "{o}/offline.html"],
    "map static": ["map", "-o", "{o}/m.html", "--static", "{o}/map.svg"],
    "report": ["report", "-o", "{o}/report.html"],
    "export geojson": ["export", "--format", "geojson", "-o", "{o}/e.geojson"],
    "export gpkg": ["export", "--format", "gpkg", "-o", "{o}/e.gpkg"],
    "export csv": ["export", "--format", "csv", "-o", "{o}/e.csv"],
    "export parquet": ["export", "--format", "parquet", "-o", "{o}/e.parquet"],
}


@pytest.mark.parametrize("name", list(RUNS))
def test_the_same_input_gives_byte_identical_files(name: str, tmp_path: Path) -> None:
    outputs = []
    for run in ("first", "second"):
        folder = tmp_path / run
        folder.mkdir()
        result = CliRunner().invoke(cli, [a.format(o=folder) for a in RUNS[name]], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        outputs.append(_outputs(folder))
    assert outputs[0] and outputs[0] == outputs[1]


def test_ingesting_again_leaves_the_store_byte_identical(tmp_path: Path) -> None:
    """A store records when each document was first ingested, so two stores differ in that; one store
    ingesting the same input again does not change at all."""
    store = tmp_path / "events.gpkg"
    for _ in range(2):
        result = CliRunner().invoke(cli, ["ingest", "--store", str(store)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        if _ == 0:
            first = store.read_bytes()
    assert store.read_bytes() == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.gpkg", "events.gpkg.lock"]


def test_a_termination_while_a_temporary_file_is_made_waits_and_it_is_removed(tmp_path: Path) -> None:
    """The SIGTERM that lands just after the temporary file exists (the race the store test hit now and
    then) is held until the file is in hands that remove it; then it ends the run."""
    from geo import atomic

    made = tmp_path / ".out.tmp"

    def make() -> str:
        made.write_bytes(b"")
        atomic._terminate(signal.SIGTERM, None)  # as the handler does when the signal comes here
        return str(made)

    with pytest.raises(SystemExit) as ended, atomic.made_then_removed(make, os.unlink):
        pytest.fail("the run went on after the termination")
    assert ended.value.code == 128 + signal.SIGTERM
    assert not made.exists()
    assert atomic._held == 0 and atomic._pending == []
