"""The benchmarks still run in their quick modes (``python -m bench --quick`` and its parts).

Their timings are never asserted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def quick(module: str, timeout: int) -> str:
    """Run ``python -m MODULE --quick`` from the repository; its standard output."""
    command = [sys.executable, "-m", module, "--quick"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_extract_benchmark_quick_runs() -> None:
    stdout = quick("bench.extract", 600)
    for heading in ("metric", "borderlens", "baseline", "extract throughput, MB/s", "Gazetteer.load()", "--help"):
        assert heading in stdout, stdout


def test_maps_benchmark_quick_runs() -> None:
    stdout = quick("bench.maps", 300)
    assert "borderlens maps benchmark: 2,000 events" in stdout, stdout
    header = next((line for line in stdout.splitlines() if line.startswith("metric")), "")
    assert header.split() == ["metric", "borderlens", "naive", "folium", "goal"], stdout
    for row in ("build + save, s (online)", "build + save, s (offline)", "HTML size, MB (offline)", "data-borderlens"):
        assert row in stdout, stdout


def test_all_figures_benchmark_quick_runs() -> None:
    """``python -m bench --quick``: every row of the one table, in order, with a baseline and a goal where set."""
    stdout = quick("bench", 600)
    lines = stdout.splitlines()
    assert lines[0].startswith("borderlens benchmark (python -m bench --quick)"), stdout
    assert lines[1].startswith("machine: ") and "load average" in lines[1], stdout
    header = next(i for i, line in enumerate(lines) if line.startswith("metric"))
    assert lines[header].split() == ["metric", "borderlens", "baseline", "baseline", "is", "goal"], stdout
    labels = [
        "extract throughput, MB/s",
        "events end to end, MB/s per core",
        "map of 500 events: build+save, s",
        "HTML size, MB",
        "20,000 events: admin join + GeoParquet, s",
        "peak RSS, GB",
        "start-up `borderlens --help`, s",
        "Gazetteer.load(), s",
        "Dask speed-up, 2 workers / 1",
        "same output, 1 and 2 workers",
    ]
    rows = [line.strip() for line in lines[header + 2 :]]
    found = [next((i for i, row in enumerate(rows) if row.startswith(label)), -1) for label in labels]
    assert -1 not in found and found == sorted(found), stdout
    for label in labels[:-1]:
        row = rows[found[labels.index(label)]]
        assert row.endswith((": met", ": MISSED", "(no figure set)")), row
    assert rows[found[-1]].split()[-1] == "yes", stdout
