"""Accuracy on real reporting: places and events on the dev set, scored by the set's own script.

Run from the repository root::

    python -m bench.accuracy                  # score, and print the scores beside the last recorded ones
    python -m bench.accuracy --write          # also add a row (date, commit, scores) to bench/RESULTS.md
    python -m bench.accuracy --raise-floors   # lift bench/accuracy_floors.json to today's scores less 0.005
    python -m bench.accuracy --errors         # also list every miss and false find (score.py --errors)

The dev set is ``../shared/devset`` beside the project (``--devset`` for another one): 41 real
articles with hand-made gold. Its ``tools/corpus.py`` writes the texts as JSON Lines; extract and
events run here in this process through the library (what ``python -m geo extract --format jsonl``
and ``python -m geo events`` run, and byte for byte the files they write); its ``tools/score.py``
scores the two files. The texts stay in ``../shared``: nothing of them is kept in the project.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import math
import runpy
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from bench._machine import RESULTS, rewrite_results

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT.parent / "shared" / "devset"
FLOORS = ROOT / "bench" / "accuracy_floors.json"
SECTION = "## Accuracy on the dev set (issue 16)"
MARGIN = 0.005  # a floor sits this far under the score it was raised to

# score name -> its column in the RESULTS table (in this order)
COLUMNS: dict[str, str] = {
    "toponym_precision": "toponym P",
    "toponym_recall": "toponym R",
    "toponym_f1": "toponym F1",
    "acc_at_161km": "Acc@161km",
    "acc_at_25km_points": "Acc@25km",
    "event_precision": "event P",
    "event_recall": "event R",
    "event_f1": "event F1",
    "event_f1_strike": "strike F1",
    "event_f1_meeting": "meeting F1",
    "event_f1_border_control": "border_control F1",
    "event_date_exact": "date exact",
}


class DevsetMissing(Exception):
    """The dev set (texts, gold and its tools) is not where it was looked for."""


def check_devset(devset: Path) -> None:
    needed = [devset / "docs", devset / "gold", devset / "tools" / "corpus.py", devset / "tools" / "score.py"]
    absent = [str(p) for p in needed if not p.exists()]
    if absent:
        raise DevsetMissing(f"no dev set at {devset} (missing: {', '.join(absent)})")


def _run_script(path: Path, args: Sequence[str]) -> tuple[str, str]:
    """Run a plain script as ``__main__`` in this process with these arguments; its stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    saved = sys.argv
    sys.argv = [str(path), *args]
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            runpy.run_path(str(path), run_name="__main__")
    finally:
        sys.argv = saved
    return out.getvalue(), err.getvalue()


def write_outputs(corpus: Path, places_path: Path, events_path: Path) -> None:
    """The files ``geo extract CORPUS --format jsonl`` and ``geo events CORPUS`` write, made in this process."""
    from gazetteer import Gazetteer
    from geo._lexicon import settle
    from geo.documents import documents_from_paths
    from geo.errors import InputError
    from geo.events import events_from_documents
    from geo.export import dumps, events_feature_collection, places_jsonl_line
    from geo.records import records_from_events
    from geo.resolve import places_from_document

    gaz = Gazetteer.load()
    settle(gaz)
    errors: list[InputError] = []
    docs = list(documents_from_paths([corpus], errors=errors))
    if errors:
        raise ValueError(f"{corpus}: {len(errors)} record(s) rejected, the first: {errors[0]}")
    lines = [places_jsonl_line(doc, places_from_document(doc, gaz)) for doc in docs]
    places_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    frame = records_from_events(events_from_documents(docs, gaz), gaz)
    events_path.write_text(dumps(events_feature_collection(frame)) + "\n", encoding="utf-8")


def flatten(result: Mapping[str, Any]) -> dict[str, float | None]:
    """score.py's JSON as one number (or None) per column of :data:`COLUMNS`."""
    by_type = result.get("event_f1_by_type") or {}
    flat: dict[str, float | None] = {}
    for name in COLUMNS:
        value = by_type.get(name.removeprefix("event_f1_")) if name.startswith("event_f1_") else result.get(name)
        flat[name] = None if value is None else float(value)
    return flat


def measure(
    devset: Path = DEVSET,
    workdir: Path | None = None,
    outputs: Callable[[Path, Path, Path], None] = write_outputs,
) -> tuple[dict[str, float | None], str]:
    """Score this tree on ``devset``: the scores and score.py's error list (one line per error).

    ``outputs(corpus, places, events)`` writes the two files scored (the tests give fixed ones).
    """
    check_devset(devset)
    with tempfile.TemporaryDirectory(prefix="borderlens-accuracy-") as tmp:
        work = workdir or Path(tmp)
        corpus, places, events = work / "devset.jsonl", work / "places.jsonl", work / "events.geojson"
        _run_script(devset / "tools" / "corpus.py", [str(devset), str(corpus)])
        outputs(corpus, places, events)
        out, err = _run_script(devset / "tools" / "score.py", [str(devset), str(places), str(events), "--errors"])
    return flatten(json.loads(out.strip().splitlines()[-1])), err


# -- the RESULTS table -------------------------------------------------------------------------
def cell(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def recorded_rows(document: str) -> list[dict[str, str]]:
    """The rows of the accuracy table in RESULTS.md, oldest first, each as column -> cell."""
    lines = document.splitlines()
    start = next((i for i, line in enumerate(lines) if line.rstrip() == SECTION), None)
    if start is None:
        return []
    header: list[str] | None = None
    rows: list[dict[str, str]] = []
    for line in lines[start + 1 :]:
        if line.startswith(("# ", "## ")):
            break
        if not line.startswith("|"):
            if header is not None:
                break
            continue
        cells = _cells(line)
        if header is None:
            header = cells
        elif not all(set(c) <= set("-: ") for c in cells):
            rows.append(dict(zip(header, cells, strict=False)))
    return rows


def previous_scores(document: str) -> tuple[str, dict[str, float | None]] | None:
    """The last recorded row: a label (date and commit) and its scores."""
    rows = recorded_rows(document)
    if not rows:
        return None
    row = rows[-1]
    scores: dict[str, float | None] = {}
    for name, column in COLUMNS.items():
        try:
            scores[name] = float(row.get(column, ""))
        except ValueError:
            scores[name] = None
    return f"{row.get('date', '?')} {row.get('commit', '?')}", scores


_INTRO = """\
Scores of `python -m bench.accuracy` on `../shared/devset` (41 real articles, 2017-2025, gold made by
hand; not the seeds the rules were written on), scored by the set's `tools/score.py`: toponyms are the
in-region places (P/R/F1), Acc@161km of the found places, Acc@25km of found towns/crossings/landmarks;
an event matches a gold one of the same type within 161 km (`minor` and `aggregate` gold events are not
scored); date exact is the share of matched day-dated gold events with the same day. One row per
`--write`, newest last; the floors the tests hold are in `bench/accuracy_floors.json`.
"""


def table_header() -> list[str]:
    names = ["date", "commit", *COLUMNS.values()]
    return ["| " + " | ".join(names) + " |", "|" + "|".join("---" for _ in names) + "|"]


def table_row(date: str, commit: str, scores: Mapping[str, float | None]) -> str:
    return "| " + " | ".join([date, commit, *(cell(scores.get(name)) for name in COLUMNS)]) + " |"


def add_row(document: str, row: str) -> str:
    """``document`` with ``row`` added at the end of the accuracy table (the section made when absent)."""
    lines = document.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.rstrip("\r\n") == SECTION), None)
    if start is None:
        glue = "" if not document or document.endswith("\n\n") else ("\n" if document.endswith("\n") else "\n\n")
        return document + glue + "\n".join([SECTION, "", _INTRO, *table_header(), row]) + "\n"
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith(("# ", "## "))), len(lines))
    table = [i for i in range(start + 1, end) if lines[i].startswith("|")]
    at = table[-1] + 1 if table else end
    if not table:
        row = "\n".join([*table_header(), row])
    return "".join(lines[:at]) + row + "\n" + "".join(lines[at:])


def commit_label() -> str:
    """The short commit measured, with ``+`` when geo/ or gazetteer/ differ from it."""

    def git(*args: str) -> str:
        done = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=False)
        return done.stdout.strip() if done.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD") or "no-git"
    dirty = git("status", "--porcelain", "--untracked-files=no", "--", "geo", "gazetteer")
    return commit + ("+" if dirty else "")


# -- floors ------------------------------------------------------------------------------------
def load_floors(path: Path = FLOORS) -> dict[str, float]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {name: float(value) for name, value in data["floors"].items()}


def below_floors(scores: Mapping[str, float | None], floors: Mapping[str, float]) -> list[str]:
    """One line per score under its floor (a score that is absent counts as 0)."""
    low = []
    for name, floor in floors.items():
        value = scores.get(name)
        if value is None or value < floor:
            low.append(f"{name}: {cell(value)} < floor {floor:.3f}")
    return low


def raised_floors(scores: Mapping[str, float | None], floors: Mapping[str, float]) -> dict[str, float]:
    """Each floor lifted to its score less :data:`MARGIN` (rounded down to 0.001); never lowered."""
    out = dict(floors)
    for name in COLUMNS:
        value = scores.get(name)
        if value is not None:
            candidate = math.floor(round((value - MARGIN) * 1000, 6)) / 1000
            out[name] = max(out.get(name, 0.0), candidate)
    return {name: out[name] for name in COLUMNS if name in out}


def write_floors(floors: Mapping[str, float], path: Path = FLOORS) -> None:
    from geo.atomic import atomic_write_text

    data = {
        "about": "Dev-set score floors held by tests/test_accuracy_floors.py; raise with "
        "`python -m bench.accuracy --raise-floors` (never lowered by it).",
        "floors": {name: round(value, 3) for name, value in floors.items()},
    }
    atomic_write_text(path, json.dumps(data, indent=2) + "\n")


# -- the report --------------------------------------------------------------------------------
def report(scores: Mapping[str, float | None], previous: tuple[str, Mapping[str, float | None]] | None) -> str:
    label = f"previous ({previous[0]})" if previous else "previous (none recorded)"
    rows = [("score", "now", label, "change")]
    for name, column in COLUMNS.items():
        now = scores.get(name)
        before = previous[1].get(name) if previous else None
        change = f"{now - before:+.3f}" if now is not None and before is not None else ""
        rows.append((column, cell(now), cell(before) if previous else "", change))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.accuracy", description=__doc__.split("\n\n")[0])
    parser.add_argument("--devset", type=Path, default=DEVSET, help=f"the dev set folder (default: {DEVSET})")
    parser.add_argument("--write", action="store_true", help=f"add a row to '{SECTION}' in bench/RESULTS.md")
    parser.add_argument("--raise-floors", action="store_true", help="lift bench/accuracy_floors.json to these scores")
    parser.add_argument("--errors", action="store_true", help="print score.py's list of misses and false finds")
    args = parser.parse_args(argv)
    try:
        scores, errors = measure(args.devset)
    except DevsetMissing as err:
        print(f"python -m bench.accuracy: {err}; put the dev set there or pass --devset", file=sys.stderr)
        return 2
    current = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    print(f"borderlens on {args.devset} ({commit_label()})")
    print(report(scores, previous_scores(current)))
    if args.errors:
        print(errors.rstrip("\n"))
    if args.write:
        today = datetime.now(timezone.utc).date().isoformat()
        row = table_row(today, commit_label(), scores)
        rewrite_results(lambda document: add_row(document, row))
        print(f"added a row to '{SECTION}' in {RESULTS.relative_to(ROOT)}", file=sys.stderr)
    if args.raise_floors:
        floors = load_floors() if FLOORS.exists() else {}
        write_floors(raised_floors(scores, floors))
        print(f"floors written to {FLOORS.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
