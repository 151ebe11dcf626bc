"""``python -m bench``: every speed-and-scale figure of issue 7 in one table, each beside its baseline
measured in the same run, medians of several runs; the machine and its load with them.

Run from the repository root::

    python -m bench            # 20 MB and 200 MB corpora, 1,000,000 events, 3 runs (about half an hour)
    python -m bench --quick    # tiny sizes, 1 run (the tests run this; its timings mean nothing)
    python -m bench --write    # also write the figures to bench/RESULTS.md (and the extract and maps parts)

Rows: extract throughput against geotext (``bench.extract``, one pinned core); ``borderlens events``
end to end in MB/s per core; a 100,000-event map against one folium Marker per event (``bench.maps``);
1,000,000 events through the admin join and GeoParquet export against plain geopandas, seconds and
peak RSS (``bench.scale``); ``borderlens --help`` start-up and the gazetteer load; the Dask speed-up
of 2 workers over 1 on the 200 MB corpus (``--scheduler local``, a LocalCluster of worker processes).
The corpora are ``bench.extract``'s: the sample and seed articles repeated and varied.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from bench._machine import RESULTS, code_version, machine, rewrite_results
from bench.extract import CACHE, SEED, base_articles, build_corpus, write_corpus
from bench.scale import Run, baseline_join_run, events_run, join_run

ROOT = Path(__file__).resolve().parents[1]
SECTION = "## Speed and scale: all figures (issue 7)"
MB = 1_000_000


@dataclass(frozen=True)
class Sizes:
    small_mb: float
    large_mb: float
    join_events: int
    map_events: int
    runs: int


FULL = Sizes(20.0, 200.0, 1_000_000, 100_000, 3)
QUICK = Sizes(0.2, 0.6, 20_000, 500, 1)


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def load_average() -> float:
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return 0.0


# -- the sub-benchmarks ------------------------------------------------------------------------
def table_rows(text: str) -> dict[str, list[str]]:
    """A fixed-width table printed by bench.extract or bench.maps: label -> its other cells."""
    rows: dict[str, list[str]] = {}
    for line in text.splitlines():
        cells = re.split(r"\s{2,}", line.strip())
        if len(cells) > 1:
            rows.setdefault(cells[0], cells[1:])
    return rows


def sub_benchmark(module: str, args: Sequence[str]) -> dict[str, list[str]]:
    say(f"python -m {module} {' '.join(args)} ...")
    done = subprocess.run([sys.executable, "-m", module, *args], cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"python -m {module} failed: {done.stderr[-2000:]}")
    return table_rows(done.stdout)


def number(cell: str) -> float:
    return float(cell.split()[0].replace(",", ""))


def corpus_file(size_mb: float) -> tuple[Path, float]:
    """The benchmark corpus of ``size_mb`` MB as JSON Lines (built once, kept in bench/.cache), and its text MB."""
    corpus = build_corpus(size_mb, SEED, base_articles())
    path = CACHE / f"corpus-{size_mb:g}mb-seed{SEED}.jsonl"
    if not path.exists():
        write_corpus(corpus, path)
    return path, sum(len(a.text.encode("utf-8")) for a in corpus) / MB


def median_run(runs: int, make: Callable[[], Run]) -> Run:
    done = [make() for _ in range(runs)]
    return sorted(done, key=lambda r: r.wall_s)[len(done) // 2]


# -- the table ---------------------------------------------------------------------------------
def goal(ok: bool, text: str) -> str:
    return f"{text}: " + ("met" if ok else "MISSED")


def render(rows: list[tuple[str, str, str, str, str]], header_lines: list[str]) -> str:
    header = ("metric", "borderlens", "baseline", "baseline is", "goal")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(5)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    return "\n".join([*header_lines, "", line(header), line(["-" * w for w in widths]), *(line(r) for r in rows)])


def replace_section(document: str, section: str) -> str:
    """``document`` with this benchmark's section replaced (appended when absent); the rest kept byte for byte."""
    section = section.rstrip("\n") + "\n"
    lines = document.splitlines(keepends=True)
    start = next((i for i, text in enumerate(lines) if text.rstrip("\r\n") == SECTION), None)
    if start is None:
        glue = "" if not document or document.endswith("\n\n") else ("\n" if document.endswith("\n") else "\n\n")
        return document + glue + section
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith(("# ", "## "))), len(lines))
    tail = "".join(lines[end:])
    return "".join(lines[:start]) + section + ("\n" + tail if tail else "")


_METHOD = """\
How it is measured (`bench/__main__.py`, `bench/scale.py`; every figure from this one run):

- **Corpora**: `bench.extract.build_corpus`: the sample corpus and the seed articles repeated and varied
  (paragraphs and sentences reordered, place spellings swapped) to the size in MB of UTF-8 text
  (MB = 10^6 bytes), written as one JSON Lines file to `bench/.cache/`.
- **Extract** and **start-up / gazetteer load**: `python -m bench.extract` on the small corpus (one pinned
  core; geotext alternating with borderlens; fresh interpreters for the load and `--help`); its own part of
  this file has the details and the profile.
- **Events end to end**: `python -m geo -q events CORPUS -o OUT` in a child process: start-up, gazetteer,
  reading, recognition, resolution, events, merge, admin join, GeoJSON. MB/s per core is the corpus's MB
  over the child's CPU seconds (user + system, from `os.wait4`); wall-clock MB/s beside it. Its baseline is
  the extract stage alone (geotext does nothing more), so the gap is what finding events costs.
- **Map**: `python -m bench.maps` (its own section has the details).
- **1,000,000 events**: `python -m bench.scale join`: events from `bench.maps.generate_events` (real places
  near the border, 1-3 sources each, 150-250-character evidence) in chunks of 50,000, each through
  `geo.records.records_from_events` (rows and the admin join) and kept as a frame; then one GeoDataFrame,
  `geo.export.write_geoparquet`. Generation is untimed; peak RSS is the child's `ru_maxrss` and includes it.
  Baseline: plain geopandas on the same events (`read_parquet` untimed, `sjoin(points, the same admin
  polygons, predicate="within")`, `to_parquet`).
- **Dask**: `python -m geo -q events CORPUS --scheduler local --workers N` (a `distributed.LocalCluster` of
  N single-threaded worker processes, started inside the command and counted in its time) on the large
  corpus; speed-up = wall time with 1 worker / with 2. Both outputs are compared byte for byte.
"""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes, 1 run (for CI; timings mean nothing)")
    parser.add_argument("--runs", type=int, default=None, help="runs per figure; medians reported (default 3)")
    parser.add_argument("--write", action="store_true", help=f"write '{SECTION}' (and the sub-benchmarks' parts)")
    args = parser.parse_args(argv)
    sizes = QUICK if args.quick else FULL
    runs = args.runs or sizes.runs
    load_start = load_average()
    started = time.perf_counter()
    write = ["--write"] if args.write else []

    small, small_mb = corpus_file(sizes.small_mb)
    large, large_mb = corpus_file(sizes.large_mb)
    say(f"corpora: {small_mb:.1f} MB ({small.name}), {large_mb:.1f} MB ({large.name})")

    quick = ["--quick"] if args.quick else []
    extract = sub_benchmark("bench.extract", [*quick, "--size-mb", f"{sizes.small_mb:g}", "--runs", str(runs), *write])
    maps_args = ["--events", str(sizes.map_events), "--runs", str(runs), *write]
    maps = sub_benchmark("bench.maps", maps_args + (["--no-browser"] if args.quick else []))

    out = CACHE / "pipeline"
    out.mkdir(parents=True, exist_ok=True)
    say(f"events end to end on {small_mb:.1f} MB ...")
    events = median_run(runs, lambda: events_run(small, out / "events.geojson"))

    say(f"{sizes.join_events:,} events through the admin join and GeoParquet ...")
    joined, join = join_run(sizes.join_events, out / "events.parquet")
    baseline, plain = baseline_join_run(out / "events.parquet", out / "geopandas.parquet")

    say(f"Dask on {large_mb:.1f} MB: 1 worker, then 2 ...")
    one = median_run(runs, lambda: events_run(large, out / "dask-1.geojson", "--scheduler", "local", "--workers", "1"))
    two = median_run(runs, lambda: events_run(large, out / "dask-2.geojson", "--scheduler", "local", "--workers", "2"))
    identical = filecmp.cmp(out / "dask-1.geojson", out / "dask-2.geojson", shallow=False)

    e = extract
    ratio = number(e["extract throughput, MB/s"][0]) / number(e["extract throughput, MB/s"][1])
    per_core = small_mb / events.cpu_s
    join_s = join["join_s"] + join["export_s"]
    plain_s = plain["join_s"] + plain["export_s"]
    speedup = one.wall_s / two.wall_s
    help_s, gaz_s = number(e["start-up `borderlens --help`, s"][0]), number(e["Gazetteer.load()"][0])
    map_s, map_mb = maps["build + save, s (offline)"], maps["HTML size, MB (offline)"]
    rows = [
        (
            "extract throughput, MB/s",
            e["extract throughput, MB/s"][0],
            e["extract throughput, MB/s"][1],
            e["extract throughput, MB/s"][2],
            goal(ratio >= 1.0, f">= 1.0x geotext ({ratio:.2f}x)"),
        ),
        (
            f"events end to end, MB/s per core ({small_mb:.1f} MB)",
            f"{per_core:.2f}",
            e["extract throughput, MB/s"][0],
            "extract stage alone (above)",
            goal(per_core >= 5.0, ">= 5 MB/s"),
        ),
        ("  wall-clock MB/s, CPU s", f"{small_mb / events.wall_s:.2f}, {events.cpu_s:.1f}", "", "", ""),
        (
            f"map of {sizes.map_events:,} events: build+save, s",
            map_s[0],
            map_s[1],
            "folium, one Marker per event",
            goal(number(map_s[0]) <= 3.0, "<= 3 s"),
        ),
        (
            "  HTML size, MB",
            map_mb[0],
            map_mb[1],
            "folium, one Marker per event",
            goal(number(map_mb[0]) <= 10, "<= 10 MB"),
        ),
        (
            f"{int(join['rows']):,} events: admin join + GeoParquet, s",
            f"{join_s:.1f}",
            f"{plain_s:.1f}",
            "geopandas sjoin + to_parquet",
            "(no figure set)",
        ),
        (
            "  join / export, s",
            f"{join['join_s']:.1f} / {join['export_s']:.1f}",
            f"{plain['join_s']:.1f} / {plain['export_s']:.1f}",
            "",
            "",
        ),
        (
            "  peak RSS, GB",
            f"{joined.peak_rss / 1e9:.2f}",
            f"{baseline.peak_rss / 1e9:.2f}",
            "geopandas (its read included)",
            goal(joined.peak_rss <= 2e9, "<= 2 GB"),
        ),
        (
            "start-up `borderlens --help`, s",
            f"{help_s:.3f}",
            e["start-up `borderlens --help`, s"][1],
            "python -c pass",
            goal(help_s <= 0.5, "<= 0.5 s"),
        ),
        (
            "Gazetteer.load(), s",
            f"{gaz_s:.3f}",
            e["one-time load, s (fresh process)"][1],
            "geotext import + index",
            goal(gaz_s <= 1.0, "<= 1 s"),
        ),
        (
            f"Dask speed-up, 2 workers / 1 ({large_mb:.1f} MB)",
            f"{speedup:.2f}x",
            "1x",
            f"1 worker: {one.wall_s:.1f} s; 2: {two.wall_s:.1f} s",
            goal(speedup >= 1.7, ">= 1.7x"),
        ),
        ("  same output, 1 and 2 workers", "yes" if identical else "NO", "", "", ""),
    ]
    header = [
        f"borderlens benchmark (python -m bench{' --quick' if args.quick else ''}): median of {runs} run(s) "
        f"per figure; corpora {small_mb:.1f} and {large_mb:.1f} MB; MB = 10^6 bytes",
        f"machine: {machine()}; 1-min load average {load_start:.2f} at start, {load_average():.2f} at end "
        f"({time.perf_counter() - started:.0f} s in all)",
        f"code: {code_version('geo', 'gazetteer', 'maps', 'bench')}",
    ]
    text = render(rows, header)
    print(text)
    if not identical:
        say("the 1-worker and 2-worker outputs differ")
        return 1
    if args.write:
        today = datetime.now(timezone.utc).date().isoformat()
        invocation = " ".join(["python -m bench", *(argv if argv is not None else sys.argv[1:])])
        section = "\n".join(
            [
                SECTION,
                "",
                f"- Command: `{invocation.strip()}`",
                f"- Date: {today}",
                "",
                "```text",
                text,
                "```",
                "",
                _METHOD,
            ]
        )
        rewrite_results(lambda current: replace_section(current, section))
        say(f"updated '{SECTION}' in {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
