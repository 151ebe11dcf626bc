"""The extract benchmark still runs (``python -m bench.extract --quick``); its timings are never asserted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_extract_benchmark_quick_runs() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bench.extract", "--quick"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    for heading in ("metric", "borderlens", "baseline", "extract throughput, MB/s", "Gazetteer.load()", "--help"):
        assert heading in done.stdout, done.stdout


def test_maps_benchmark_quick_runs() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bench.maps", "--quick"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "borderlens maps benchmark: 2,000 events" in done.stdout, done.stdout
    header = next((line for line in done.stdout.splitlines() if line.startswith("metric")), "")
    assert header.split() == ["metric", "borderlens", "naive", "folium", "goal"], done.stdout
    for row in ("build + save, s (online)", "build + save, s (offline)", "HTML size, MB (offline)", "data-borderlens"):
        assert row in done.stdout, done.stdout
