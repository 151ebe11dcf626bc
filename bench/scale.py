"""Pipeline measurements for ``python -m bench``: each runs in a child process of its own, so its wall
time, CPU time and peak RSS (``os.wait4``'s resource usage of that child) are its own.

* :func:`events_run`: ``python -m geo events CORPUS -o OUT`` end to end (start-up, gazetteer,
  reading, recognition, resolution, events, merge, records, GeoJSON), optionally ``--scheduler``;
* :func:`join_run`: ``python -m bench.scale join N OUT``: N generated events (``bench.maps``, at real
  places near the Iran–Iraq border, in chunks of 100,000 so the generator's objects never all live at
  once) through ``geo.records.records_from_events`` (row building and the admin join) and
  ``geo.export.write_geoparquet``; generation is not timed, its memory is in the peak;
* :func:`baseline_join_run`: ``python -m bench.scale geopandas IN OUT``: the plain-geopandas way on the
  same events: ``geopandas.read_parquet``, ``sjoin`` of their points with the same admin polygons
  (``predicate="within"``), ``GeoDataFrame.to_parquet``; the read is not timed, its memory is in the peak.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHUNK = 50_000


@dataclass(frozen=True)
class Run:
    """One child process: wall seconds, its CPU seconds (user + system), peak RSS in bytes, what it printed."""

    wall_s: float
    cpu_s: float
    peak_rss: int
    stdout: str


def run_child(command: Sequence[str]) -> Run:
    """Run ``command`` from the repository root; fail loudly when it fails."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as errors:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=errors, text=True)
        out = child.stdout.read() if child.stdout else ""
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode not in (0, 1):  # 1: some records rejected, still a full run
            errors.seek(0)
            raise RuntimeError(f"{' '.join(command)} failed ({child.returncode}): {errors.read()[-2000:]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, out)


def events_run(corpus: Path, out: Path, *extra: str) -> Run:
    return run_child([sys.executable, "-m", "geo", "-q", "events", str(corpus), "-o", str(out), *extra])


def join_run(count: int, out: Path) -> tuple[Run, dict[str, float]]:
    run = run_child([sys.executable, "-m", "bench.scale", "join", str(count), str(out)])
    return run, json.loads(run.stdout.strip().splitlines()[-1])


def baseline_join_run(source: Path, out: Path) -> tuple[Run, dict[str, float]]:
    run = run_child([sys.executable, "-m", "bench.scale", "geopandas", str(source), str(out)])
    return run, json.loads(run.stdout.strip().splitlines()[-1])


# -- the child processes -------------------------------------------------------------------------
def _join(count: int, out: Path) -> dict[str, float]:
    import geopandas as gpd
    import pandas as pd

    from bench.maps import SEED, generate_events
    from gazetteer import Gazetteer
    from geo.export import write_geoparquet
    from geo.records import records_from_events

    gaz = Gazetteer.load()
    records_from_events(generate_events(100, gaz, seed=SEED - 1), gaz)  # imports and cached areas, untimed
    frames, join_s = [], 0.0
    for number, start in enumerate(range(0, count, CHUNK)):
        events = generate_events(min(CHUNK, count - start), gaz, seed=SEED + number)
        began = time.perf_counter()
        frames.append(records_from_events(events, gaz))
        join_s += time.perf_counter() - began
        del events
    began = time.perf_counter()
    frame = gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), geometry="geometry", crs="EPSG:4326")
    del frames
    write_geoparquet(frame, out)
    export_s = time.perf_counter() - began
    return {"rows": len(frame), "join_s": join_s, "export_s": export_s, "bytes": out.stat().st_size}


def _geopandas(source: Path, out: Path) -> dict[str, float]:
    import geopandas as gpd

    from gazetteer import Gazetteer
    from geo.records import _admin_areas

    frame = gpd.read_parquet(source).drop(columns=["country", "admin1", "admin2"])
    areas = _admin_areas(Gazetteer.load())[["kind", "name", "country", "geometry"]]
    began = time.perf_counter()
    points = frame.set_geometry(gpd.points_from_xy(frame["longitude"], frame["latitude"]), crs="EPSG:4326")
    joined = gpd.sjoin(points, areas, how="left", predicate="within")
    join_s = time.perf_counter() - began
    joined.to_parquet(out)
    return {"rows": len(joined), "join_s": join_s, "export_s": time.perf_counter() - began - join_s}


def main(argv: Sequence[str]) -> int:
    what, *args = argv
    if what == "join":
        result = _join(int(args[0]), Path(args[1]))
    elif what == "geopandas":
        result = _geopandas(Path(args[0]), Path(args[1]))
    else:
        raise SystemExit(f"usage: python -m bench.scale join N OUT | geopandas IN OUT (not {what!r})")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
