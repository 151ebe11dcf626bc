"""bench.accuracy's own logic, on a two-article set written for this test (not dev-set text).

The set's scoring tools are the dev set's own (``../shared/devset/tools``), copied beside the tiny set;
those tests skip when the dev set is absent.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bench import accuracy

ROOT = Path(__file__).resolve().parents[1]

_TEXTS = {
    "001_shelling": "Artillery shelled Sidakan on Monday, a local official said. Farmers near Penjwen fled to "
    "Sulaymaniyah.",
    "002_crossing": "Iraq closed the Bashmaq border crossing on 12 June 2023, officials in Baghdad said. Trucks "
    "waited in Mariwan.",
}


def _place(text: str, surface: str, canonical: str, kind: str, country: str, lat: float, lon: float) -> dict[str, Any]:
    return {
        "surface": surface,
        "canonical": canonical,
        "kind": kind,
        "country": country,
        "lat": lat,
        "lon": lon,
        "in_region": True,
        "char_start": text.index(surface),
        "coord_confidence": "high",
    }


def _gold() -> dict[str, dict[str, Any]]:
    one, two = _TEXTS["001_shelling"], _TEXTS["002_crossing"]
    return {
        "001_shelling": {
            "source": "https://example.org/1",
            "outlet": "Example",
            "published": "2024-03-05",
            "places": [
                _place(one, "Sidakan", "Sidakan", "populated_place", "IQ", 36.80, 44.67),
                _place(one, "Penjwen", "Penjwen", "populated_place", "IQ", 35.62, 45.95),
                _place(one, "Sulaymaniyah", "Sulaymaniyah", "populated_place", "IQ", 35.56, 45.43),
            ],
            "events": [{"type": "strike", "place": "Sidakan", "date": "2024-03-04"}],
        },
        "002_crossing": {
            "source": "https://example.org/2",
            "outlet": "Example",
            "published": "2023-06-13",
            "places": [
                _place(two, "Iraq", "Iraq", "country", "IQ", 33.2, 43.7),
                _place(two, "Bashmaq border crossing", "Bashmaq border crossing", "crossing", "IQ", 35.55, 46.05),
                _place(two, "Baghdad", "Baghdad", "populated_place", "IQ", 33.34, 44.40),
                _place(two, "Mariwan", "Mariwan", "populated_place", "IR", 35.52, 46.18),
            ],
            "events": [{"type": "border_control", "place": "Bashmaq border crossing", "date": "2023-06-12"}],
        },
    }


@pytest.fixture
def tiny_set(tmp_path: Path) -> Path:
    tools = accuracy.DEVSET / "tools"
    if not (tools / "score.py").is_file():
        pytest.skip(f"the dev set's scoring tools are not beside the project ({tools} is absent)")
    root = tmp_path / "tiny"
    (root / "docs").mkdir(parents=True)
    (root / "gold").mkdir()
    shutil.copytree(tools, root / "tools")
    for doc_id, gold in _gold().items():
        (root / "docs" / f"{doc_id}.txt").write_text(_TEXTS[doc_id], encoding="utf-8")
        (root / "gold" / f"{doc_id}.json").write_text(json.dumps(gold), encoding="utf-8")
    return root


def _fixed_outputs(corpus: Path, places: Path, events: Path) -> None:
    """A system that found five of the seven places (Mariwan put far off), one strike right, one crossing
    placed 250 km away and a meeting that is not there."""
    assert {json.loads(line)["id"] for line in corpus.read_text(encoding="utf-8").splitlines()} == set(_TEXTS)

    def mention(surface: str, pid: str, country: str, lat: float, lon: float) -> dict[str, Any]:
        return {"surface": surface, "place_id": pid, "country": country, "lat": lat, "lon": lon}

    rows = [
        {
            "id": "001_shelling",
            "places": [mention("Penjwen", "p1", "IQ", 35.62, 45.95), mention("Sulaymaniyah", "p2", "IQ", 35.56, 45.43)],
        },
        {
            "id": "002_crossing",
            "places": [
                mention("Iraq", "p3", "IQ", 33.2, 43.7),
                mention("Baghdad", "p4", "IQ", 33.34, 44.40),
                mention("Mariwan", "p5", "IR", 30.0, 50.0),
                mention("Dubai", "p6", "AE", 25.2, 55.3),  # outside the region: not scored
            ],
        },
    ]
    places.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")

    def feature(doc: str, kind: str, lat: float, lon: float, date: str) -> dict[str, Any]:
        props = {
            "event_type": kind,
            "event_date": date,
            "latitude": lat,
            "longitude": lon,
            "sources": [{"document": doc}],
        }
        return {"type": "Feature", "geometry": None, "properties": props}

    features = [
        feature("001_shelling", "strike", 36.80, 44.67, "2024-03-04"),
        feature("002_crossing", "border_control", 33.34, 44.40, "2023-06-12"),
        feature("002_crossing", "meeting", 33.34, 44.40, "2023-06-12"),
    ]
    events.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")


def test_measure_scores_the_files_with_the_sets_own_script(tiny_set: Path) -> None:
    scores, errors = accuracy.measure(tiny_set, outputs=_fixed_outputs)
    assert scores == {
        "toponym_precision": 1.0,  # five system places in the region, all gold
        "toponym_recall": 0.714,  # five of seven
        "toponym_f1": 0.833,
        "acc_at_161km": 0.8,  # Mariwan put 600 km off
        "acc_at_25km_points": 0.75,  # three of the four towns (the country is not a point)
        "event_precision": 0.333,  # the strike; the crossing 250 km off and the meeting are false
        "event_recall": 0.5,
        "event_f1": 0.4,
        "event_f1_strike": 1.0,
        "event_f1_meeting": 0.0,
        "event_f1_border_control": 0.0,
        "event_date_exact": 1.0,
    }
    assert "002_crossing: missed border_control at Bashmaq border crossing" in errors
    assert "001_shelling: missed 'Sidakan'" in errors


def test_in_process_outputs_equal_the_command_line(tiny_set: Path, tmp_path: Path) -> None:
    """What bench.accuracy scores is byte for byte what ``geo extract --format jsonl`` and ``geo events`` write."""
    kept = tmp_path / "kept"
    kept.mkdir()
    accuracy.measure(tiny_set, workdir=kept)
    for command, name in ((["extract", "--format", "jsonl"], "places.jsonl"), (["events"], "events.geojson")):
        out = tmp_path / f"cli-{name}"
        done = subprocess.run(
            [sys.executable, "-m", "geo", *command, str(kept / "devset.jsonl"), "-o", str(out)],
            cwd=ROOT,
            capture_output=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert out.read_bytes() == (kept / name).read_bytes(), name


def test_a_missing_set_is_named_and_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert accuracy.main(["--devset", str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err
    assert "no dev set at" in err and "nowhere" in err and "--devset" in err


def test_rows_are_added_and_the_last_is_read_back() -> None:
    first = dict.fromkeys(accuracy.COLUMNS, 0.5)
    second = {**first, "event_f1": 0.625, "event_date_exact": None}
    document = "# Benchmarks\n\nintro\n\n## Other\n\nkept\n"
    once = accuracy.add_row(document, accuracy.table_row("2026-01-01", "abc1234", first))
    twice = accuracy.add_row(once + "\n## Later\n\nalso kept\n", accuracy.table_row("2026-01-02", "def5678+", second))
    assert twice.startswith(document) and twice.endswith("## Later\n\nalso kept\n")
    rows = accuracy.recorded_rows(twice)
    assert [r["commit"] for r in rows] == ["abc1234", "def5678+"]
    previous = accuracy.previous_scores(twice)
    assert previous is not None
    label, scores = previous
    assert label == "2026-01-02 def5678+"
    assert scores == second
    assert accuracy.previous_scores(document) is None


def test_report_shows_the_change_from_the_previous_row() -> None:
    now = dict.fromkeys(accuracy.COLUMNS, 0.5)
    before = {**now, "event_f1": 0.45}
    lines = accuracy.report(now, ("2026-01-01 abc1234", before)).splitlines()
    assert "previous (2026-01-01 abc1234)" in lines[0]
    row = next(line for line in lines if line.startswith("event F1"))
    assert row.split() == ["event", "F1", "0.500", "0.450", "+0.050"]


def test_floors_hold_and_rise_but_never_fall() -> None:
    floors = {"event_f1": 0.6, "toponym_f1": 0.65}
    scores: dict[str, float | None] = dict.fromkeys(accuracy.COLUMNS, 0.7)
    assert accuracy.below_floors(scores, floors) == []
    low = accuracy.below_floors({**scores, "event_f1": 0.59, "toponym_f1": None}, floors)
    assert low == ["event_f1: 0.590 < floor 0.600", "toponym_f1: - < floor 0.650"]
    raised = accuracy.raised_floors({**scores, "toponym_f1": 0.6}, floors)
    assert raised["event_f1"] == 0.695  # 0.7 less the margin
    assert raised["toponym_f1"] == 0.65  # a lower score leaves its floor where it was
    assert set(raised) == set(accuracy.COLUMNS)


def test_the_committed_floors_name_every_score() -> None:
    floors = accuracy.load_floors()
    assert list(floors) == list(accuracy.COLUMNS)
    assert all(0.0 < value <= 1.0 for value in floors.values())
