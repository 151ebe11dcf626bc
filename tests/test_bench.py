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
