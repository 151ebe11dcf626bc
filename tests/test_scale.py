"""The Dask path (``--scheduler``) gives the single-process output byte for byte, rejected records included."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from gazetteer import Gazetteer
from geo.cli import cli
from geo.documents import sample_corpus_path

pytest.importorskip("dask.bag")
pytest.importorskip("dask_geopandas")
distributed = pytest.importorskip("distributed")

from geo.scale import Piece, Scheduler, events_on_dask, plan, records_on_dask  # noqa: E402


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus five times over with new ids (about 90 kB in one JSON Lines file, so it is cut
    in byte ranges), a bad line and a repeated id in the middle, a text file and a CSV beside it."""
    folder = tmp_path_factory.mktemp("corpus")
    records = [json.loads(line) for line in sample_corpus_path().read_text(encoding="utf-8").splitlines() if line]
    lines: list[str] = []
    for copy in range(5):
        for record in records:
            lines.append(json.dumps({**record, "id": f"{record['id']}-{copy}"}, ensure_ascii=False))
        if copy == 2:
            lines += ["{not json", json.dumps({**records[0], "id": f"{records[0]['id']}-0"}), ""]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    first = records[1]
    (folder / "one.txt").write_text(f"---\npublished: {first.get('published') or ''}\n---\n{first['text']}", "utf-8")
    (folder / "rows.csv").write_text('id,text\nr1,"Iranian drones struck Sidakan on 3 October 2022."\nr2,\n', "utf-8")
    return folder


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """A LocalCluster of two in-process workers (threads): fast to start, and a real scheduler address."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as local:
        yield str(local.scheduler_address)


def _run(args: list[str]) -> Result:
    return CliRunner().invoke(cli, args, catch_exceptions=False)


def _same(one: Result, other: Result) -> None:
    assert (one.exit_code, one.stdout, one.stderr) == (other.exit_code, other.stdout, other.stderr)


def test_plan_cuts_json_lines_at_line_ends(corpus: Path) -> None:
    items = plan([corpus], target=20_000)
    pieces = [i for i in items if isinstance(i, Piece)]
    feed = [p for p in pieces if p.path.endswith("feed.jsonl")]
    assert len(feed) > 3 and all(p.end is not None for p in feed)
    data = (corpus / "feed.jsonl").read_bytes()
    assert b"".join(data[p.start : p.end] for p in feed) == data
    for piece in feed:
        assert piece.start == 0 or data[piece.start - 1 : piece.start] == b"\n"
        assert piece.first_line == data.count(b"\n", 0, piece.start) + 1
    assert [Path(p.path).name for p in pieces if p.end is None] == ["one.txt", "rows.csv"]


def test_plan_reads_unsafe_files_whole(tmp_path: Path) -> None:
    line = json.dumps({"id": "a", "text": "x" * 100}) + "\n"
    (tmp_path / "sep.jsonl").write_text(line * 50 + '{"id": "b", "text": "a\u2028b"}\n', encoding="utf-8")
    (tmp_path / "cp.jsonl").write_bytes((line * 50).encode() + b'{"id": "c", "text": "caf\xe9"}\n')
    (tmp_path / "cr.jsonl").write_bytes((line * 50).encode() + b'{"id": "d", "text": "a"}\r{"id": "e"}\n')
    pieces = plan(sorted(tmp_path.iterdir()), target=1_000)
    assert all(isinstance(p, Piece) and p.end is None for p in pieces) and len(pieces) == 3


@pytest.mark.parametrize("fmt", ["geojson", "csv"])
def test_events_on_a_local_cluster_equal_one_process(corpus: Path, cluster: str, fmt: str) -> None:
    single = _run(["events", str(corpus), "--format", fmt])
    assert (
        single.exit_code == 1 and "feed.jsonl' line 31: not valid JSON" in single.stderr
    )  # the bad line is reported...
    assert "already used by" in single.stderr
    _same(_run(["events", str(corpus), "--format", fmt, "--scheduler", cluster]), single)  # ... on Dask too


@pytest.mark.parametrize("scheduler", ["threads", "processes"])
def test_export_on_threads_and_processes_equals_one_process(corpus: Path, tmp_path: Path, scheduler: str) -> None:
    for fmt in ("parquet", "gpkg"):
        one, other = tmp_path / f"one.{fmt}", tmp_path / f"dask.{fmt}"
        single = _run(["export", str(corpus), "--format", fmt, "-o", str(one)])
        scaled = _run(["export", str(corpus), "--format", fmt, "-o", str(other), "--scheduler", scheduler])
        assert single.exit_code == scaled.exit_code == 1
        assert single.stderr.replace(str(one), "OUT") == scaled.stderr.replace(str(other), "OUT")
        assert one.read_bytes() == other.read_bytes()


def test_ingest_on_a_local_cluster_equals_one_process(corpus: Path, cluster: str, tmp_path: Path) -> None:
    from geo.store import records_from_store

    one, other = tmp_path / "one.gpkg", tmp_path / "dask.gpkg"
    single = _run(["ingest", str(corpus), "--store", str(one)])
    scaled = _run(["ingest", str(corpus), "--store", str(other), "--scheduler", cluster])
    assert single.exit_code == scaled.exit_code == 1
    assert single.stderr.replace(str(one), "S") == scaled.stderr.replace(str(other), "S")
    assert records_from_store(one).equals(records_from_store(other))


def test_small_partitions_and_the_partitioned_join_equal_one_process(corpus: Path, gaz: Gazetteer) -> None:
    import pandas as pd

    from geo.documents import documents_from_paths
    from geo.errors import InputError
    from geo.events import events_from_documents
    from geo.records import records_from_events

    errors: list[InputError] = []
    expected = events_from_documents(documents_from_paths([corpus], errors=errors), gaz)
    scaled_errors: list[InputError] = []
    events, processed = events_on_dask([corpus], gaz, Scheduler("threads", 2), errors=scaled_errors, target=20_000)
    assert [e.event_id for e in events] == [e.event_id for e in expected] and events == expected
    assert [str(e) for e in scaled_errors] == [str(e) for e in errors] and processed == 52
    frame = records_on_dask(events, gaz, Scheduler("threads", 2), partition_rows=7)
    pd.testing.assert_frame_equal(frame, records_from_events(expected, gaz))


def test_scheduler_options_are_checked(corpus: Path) -> None:
    assert _run(["events", str(corpus), "--workers", "2"]).exit_code == 2
    bad = _run(["events", str(corpus), "--scheduler", "fast"])
    assert bad.exit_code == 2 and "not threads, processes, local or an address" in bad.stderr


def test_a_folder_of_many_files_keeps_its_order(corpus: Path, tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for name in ("b.txt", "a.txt", "c.md"):
        shutil.copy(corpus / "one.txt", folder / name)
    _same(_run(["events", str(folder), "--scheduler", "threads"]), _run(["events", str(folder)]))


def test_geoparquet_in_row_groups_reads_back_the_same(
    corpus: Path, gaz: Gazetteer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A table larger than a row group is written group by group; a column empty in the first group keeps its type."""
    import geopandas as gpd
    import pandas as pd
    import pyarrow.parquet as pq

    from geo import export
    from geo.documents import documents_from_paths
    from geo.events import events_from_documents
    from geo.records import records_from_events

    frame = records_from_events(events_from_documents(documents_from_paths([corpus], errors=[]), gaz), gaz)
    frame.loc[:4, "admin1"] = None
    frame["sources"] = [[{**s, "outlet": None} for s in v] if i < 5 else v for i, v in enumerate(frame["sources"])]
    export.write_geoparquet(frame, tmp_path / "one.parquet")
    monkeypatch.setattr(export, "PARQUET_ROW_GROUP", 5)
    export.write_geoparquet(frame, tmp_path / "groups.parquet")
    assert pq.ParquetFile(tmp_path / "groups.parquet").metadata.num_row_groups == -(-len(frame) // 5) > 2
    pd.testing.assert_frame_equal(
        gpd.read_parquet(tmp_path / "one.parquet"), gpd.read_parquet(tmp_path / "groups.parquet")
    )
