"""Extract benchmark: borderlens recognition + resolution against geotext, on one core.

Run from the repository root::

    python -m bench.extract              # 20 MB corpus, 3 runs, medians
    python -m bench.extract --quick      # 1 MB, 1 run (CI runs this)
    python -m bench.extract --write      # also profile on 2 MB and rewrite the extract part of bench/RESULTS.md

What it measures, all in one run and pinned to one CPU core:

* throughput in MB/s (10**6 bytes of UTF-8 article text per second) of
  ``geo.resolve.places_from_document`` over in-memory ``Document``s, and of
  ``geotext.GeoText(text)`` (its cities and countries) over the same texts; the
  median of ``--runs`` runs, the two tools alternating run by run, in wall-clock
  and in CPU time of the process (the second is steadier on a shared machine).
  Building the corpus and the one-time gazetteer and lexicon load are not timed there;
* the one-time load, each in a fresh process: imports, ``Gazetteer.load()`` and
  the recognition lexicon (``geo._lexicon.for_gazetteer``), against geotext's
  import (which builds its index);
* ``borderlens --help`` start-up (``python -m geo --help`` when the console
  script is not installed), against ``python -c pass``;
* precision and recall of both tools on the hand-annotated seed gold
  (``tests/gold/toponyms.jsonl``), scored as ``tests/test_geoparser_gold.py``
  does: spans overlap, ``scored: false`` gold counts neither way. geotext
  returns names, not offsets, so each distinct name it returns is located in
  the text at every word-bounded, case-sensitive occurrence
  (``(?<!\\w)NAME(?!\\w)``); that credits geotext with occurrences its own
  tokeniser may have skipped, so its recall is, if anything, flattered.

The corpus is the bundled sample corpus plus the seed articles (``../shared/seeds``,
when present), repeated and varied with a seeded RNG until it holds the asked
size: paragraphs after the first are shuffled, sentences within a paragraph are
shuffled half the time, and place names are swapped for other spellings of the
same place ("Erbil" / "Arbil" / "Irbil" / "Hawler") or for other border towns.
The same seed gives the same corpus; it is written to ``bench/.cache/`` for
inspection.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench._machine import RESULTS, code_version, machine, rewrite_results

if TYPE_CHECKING:
    from gazetteer import Gazetteer
    from geo.model import Document

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
GOLD = ROOT / "tests" / "gold" / "toponyms.jsonl"
CACHE = ROOT / "bench" / ".cache"
SEED = 20_240_601
PROFILE_MB = 2.0
MB = 1_000_000

# Interchangeable surface forms: within one document each member found is replaced by a
# member of its group drawn from the RNG (the same choice every time in that document).
SWAPS: tuple[tuple[str, ...], ...] = (
    ("Erbil", "Arbil", "Irbil", "Hawler"),
    ("Sulaymaniyah", "Sulaimani", "Slemani", "Suleimaniyah"),
    ("Koya", "Koysinjaq", "Koye"),
    ("Tehran", "Teheran"),
    ("Duhok", "Dohuk", "Dahuk"),
    ("Kirkuk", "Karkuk"),
    ("Penjwen", "Penjwin"),
    ("Urmia", "Orumiyeh"),
    # border towns and villages, swapped for one another
    ("Sidakan", "Bradost", "Zrgwez", "Choman", "Soran", "Qaladiza", "Ranya", "Sardasht", "Piranshahr", "Baneh"),
)
_SWAP_RX = re.compile(
    r"\b("
    + "|".join(
        re.escape(w) for w in sorted({v for g in SWAPS for w in g for v in (w, w.upper())}, key=len, reverse=True)
    )
    + r")\b"
)
_SENTENCE = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])")
_THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS")


# -- one core ----------------------------------------------------------------------------------
def pin_one_core() -> int | None:
    """Pin this process (and the processes it starts) to one CPU; the CPU's number, if pinning works."""
    for name in _THREAD_VARS:
        os.environ[name] = "1"
    if not hasattr(os, "sched_setaffinity"):
        return None
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return cpu


# -- corpus ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Article:
    id: str
    text: str
    published: str | None


def base_articles() -> list[Article]:
    """The sample corpus and the seed articles the benchmark corpus is made from."""
    from geo.documents import documents_from_paths, sample_corpus_path

    paths: list[Path] = [sample_corpus_path()]
    if SEEDS.is_dir():
        paths.append(SEEDS)
    return [
        Article(doc.id, doc.text, doc.published.isoformat() if doc.published else None)
        for doc in documents_from_paths(paths)
    ]


def vary(text: str, rng: random.Random) -> str:
    """A variant of an article: paragraphs and sentences reordered, place spellings swapped."""
    sep = "\n\n" if "\n\n" in text else "\n"
    paragraphs = [p for p in text.split(sep) if p.strip()]
    head, rest = paragraphs[:1], paragraphs[1:]
    rng.shuffle(rest)
    out: list[str] = []
    for index, paragraph in enumerate(head + rest):
        sentences = _SENTENCE.split(paragraph)
        # the first paragraph (headline, dateline) stays as it is unless it is the whole article
        if (index > 0 or len(paragraphs) == 1) and len(sentences) > 2 and rng.random() < 0.5:
            tail = sentences[1:]
            rng.shuffle(tail)
            sentences = sentences[:1] + tail
        out.append(" ".join(sentences))
    choice = {w: rng.choice(g) for g in SWAPS for w in g}

    def swap(match: re.Match[str]) -> str:
        word = match.group(1)
        return choice[word.title()].upper() if word.isupper() else choice[word]

    return _SWAP_RX.sub(swap, sep.join(out))


def build_corpus(size_mb: float, seed: int = SEED, bases: Sequence[Article] | None = None) -> list[Article]:
    """Varied copies of the base articles until they hold ``size_mb`` MB of UTF-8 text."""
    bases = list(bases) if bases is not None else base_articles()
    rng = random.Random(seed)
    target, total = size_mb * MB, 0
    corpus: list[Article] = []
    while total < target:
        base = bases[len(corpus) % len(bases)] if len(corpus) < len(bases) else rng.choice(bases)
        text = vary(base.text, rng)
        corpus.append(Article(f"bench-{len(corpus):06d}-{base.id}", text, base.published))
        total += len(text.encode("utf-8"))
    return corpus


def write_corpus(corpus: Iterable[Article], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for article in corpus:
            record = {"id": article.id, "published": article.published, "text": article.text}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def documents(corpus: Iterable[Article]) -> list[Document]:
    from datetime import date

    from geo.model import Document

    return [Document(a.id, a.text, published=date.fromisoformat(a.published) if a.published else None) for a in corpus]


def text_mb(docs: Iterable[Document]) -> float:
    return sum(len(d.text.encode("utf-8")) for d in docs) / MB


# -- the two tools -----------------------------------------------------------------------------
def run_borderlens(docs: Sequence[Document], gaz: Gazetteer) -> int:
    """Recognise and resolve every document; the number of places found."""
    from geo.resolve import places_from_document

    return sum(len(places_from_document(doc, gaz)) for doc in docs)


def geotext_names(text: str) -> list[str]:
    """geotext's cities and countries in ``text`` (one item per match, as geotext gives them)."""
    from geotext import GeoText

    found = GeoText(text)
    return [*found.cities, *found.countries]


def run_geotext(docs: Sequence[Document]) -> int:
    return sum(len(geotext_names(doc.text)) for doc in docs)


def timed(fn: Callable[[], int]) -> tuple[float, float, int]:
    """Wall-clock seconds, CPU seconds of this process, and what ``fn`` returns."""
    gc.collect()
    start, cpu = time.perf_counter(), time.process_time()
    found = fn()
    return time.perf_counter() - start, time.process_time() - cpu, found


def load_average() -> float:
    """The 1-minute load average (0 where the platform has none): above the core count, runs compete."""
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return 0.0


# -- fresh processes ---------------------------------------------------------------------------
_LOAD_PROBE = """
import json, time
t0 = time.perf_counter()
from gazetteer import Gazetteer
from geo import _lexicon, resolve
t1 = time.perf_counter()
gaz = Gazetteer.load()
t2 = time.perf_counter()
_lexicon.for_gazetteer(gaz)
t3 = time.perf_counter()
print(json.dumps({"imports": t1 - t0, "load": t2 - t1, "lexicon": t3 - t2}))
"""
_GEOTEXT_PROBE = """
import json, time
t0 = time.perf_counter()
from geotext import GeoText
print(json.dumps({"import": time.perf_counter() - t0}))
"""


def probe(code: str, runs: int) -> dict[str, float]:
    """Medians of the timings a snippet prints as JSON, each run in a fresh interpreter."""
    samples: list[dict[str, float]] = []
    for _ in range(runs):
        done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
        samples.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return {key: statistics.median(s[key] for s in samples) for key in samples[0]}


def wall(command: Sequence[str], runs: int) -> float:
    """Median wall time of a command, output discarded."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def help_command() -> list[str]:
    """``borderlens --help``, or the same command through ``python -m geo`` when it is not installed."""
    script = shutil.which("borderlens")
    return [script, "--help"] if script else [sys.executable, "-m", "geo", "--help"]


# -- seed gold ---------------------------------------------------------------------------------
Span = tuple[int, int]
_SIMPLE_KINDS = ("country", "populated_place")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    subset_tp: int = 0  # gold mentions of countries and towns, which geotext is built to find
    subset_fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def subset_recall(self) -> float:
        total = self.subset_tp + self.subset_fn
        return self.subset_tp / total if total else 0.0


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(predicted: dict[str, list[Span]], gold: Sequence[dict[str, Any]], simple_ids: set[str]) -> Score:
    """Overlap scoring as in ``tests/test_geoparser_gold.py``; ``simple_ids`` mark the country/town subset."""
    result = Score()
    for doc_id, spans in predicted.items():
        golds = [g for g in gold if g["doc"] == doc_id]
        for span in spans:
            if not any(_overlaps((g["start"], g["end"]), span) for g in golds):
                result.fp += 1
        for g in golds:
            if not g["scored"]:
                continue
            hit = any(_overlaps((g["start"], g["end"]), span) for span in spans)
            result.tp += hit
            result.fn += not hit
            if g["place_id"] in simple_ids:
                result.subset_tp += hit
                result.subset_fn += not hit
    return result


def geotext_spans(text: str) -> list[Span]:
    """Where geotext's names are: every word-bounded, case-sensitive occurrence of each distinct name."""
    spans: set[Span] = set()
    for name in set(geotext_names(text)):
        spans.update(m.span() for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text))
    return sorted(spans)


def gold_scores(gaz: Gazetteer) -> tuple[Score, Score, int] | None:
    """Scores of borderlens and geotext on the seed gold, and the number of scored gold mentions."""
    from geo.documents import documents_from_paths
    from geo.resolve import places_from_document

    if not SEEDS.is_dir() or not GOLD.is_file():
        return None
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    simple = {g["place_id"] for g in gold if g["place_id"] in gaz and gaz[g["place_id"]].kind in _SIMPLE_KINDS}
    docs = list(documents_from_paths([SEEDS]))
    ours = {d.id: [(p.mention.start, p.mention.end) for p in places_from_document(d, gaz)] for d in docs}
    theirs = {d.id: geotext_spans(d.text) for d in docs}
    return score(ours, gold, simple), score(theirs, gold, simple), sum(g["scored"] for g in gold)


# -- profile -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class HotSpot:
    function: str
    where: str
    self_share: float
    total_share: float


def profile(docs: Sequence[Document], gaz: Gazetteer, top: int = 10) -> tuple[list[HotSpot], float]:
    """pyinstrument over the extract loop: the functions with the most self time, and the total seconds."""
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.001, async_mode="disabled")
    profiler.start()
    run_borderlens(docs, gaz)
    session = profiler.stop()
    root = session.root_frame()
    if root is None:
        return [], 0.0
    own: dict[tuple[str, str], float] = {}
    total: dict[tuple[str, str], float] = {}

    def walk(frame: Any, active: frozenset[tuple[str, str]]) -> None:
        if frame.is_synthetic:
            return
        key = (frame.function, f"{frame.file_path_short}:{frame.line_no}")
        own[key] = own.get(key, 0.0) + frame.total_self_time
        if key not in active:  # recursion counts once
            total[key] = total.get(key, 0.0) + frame.time
        for child in frame.children:
            walk(child, active | {key})

    walk(root, frozenset())
    ranked = sorted(own, key=lambda k: own[k], reverse=True)[:top]
    spent = root.time
    return [HotSpot(k[0], k[1], own[k] / spent, total[k] / spent) for k in ranked], spent


# -- report ------------------------------------------------------------------------------------
@dataclass
class Results:
    corpus_mb: float
    corpus_docs: int
    runs: int
    cpu: int | None
    build_s: float
    ours_s: float
    theirs_s: float
    ours_cpu_s: float
    theirs_cpu_s: float
    ours_found: int
    theirs_found: int
    load: dict[str, float]
    geotext_import_s: float
    help_s: float
    python_s: float
    help_cmd: str
    gold: tuple[Score, Score, int] | None
    hotspots: list[HotSpot] = field(default_factory=list)
    profile_s: float = 0.0
    profile_mb: float = 0.0
    load_average: tuple[float, float] = (0.0, 0.0)  # 1-minute load average at the start and at the end
    compiled: bool = False  # geo._speedups ran (the compiled inner loops)
    pure_s: float | None = None  # one run of the pure-Python path over the same corpus

    @property
    def ours_mbs(self) -> float:
        return self.corpus_mb / self.ours_s

    @property
    def theirs_mbs(self) -> float:
        return self.corpus_mb / self.theirs_s


def _ratio(n: int, d: int) -> str:
    return f"({n}/{d})"


def table(r: Results) -> str:
    from importlib.metadata import version

    geotext = f"geotext {version('geotext')}"
    rows: list[tuple[str, str, str, str]] = [
        ("extract throughput, MB/s", f"{r.ours_mbs:.3f}", f"{r.theirs_mbs:.2f}", f"{geotext}, cities+countries"),
        ("  ratio borderlens / geotext", f"{r.ours_mbs / r.theirs_mbs:.4f}", "1", ""),
        ("  seconds for the corpus", f"{r.ours_s:.2f}", f"{r.theirs_s:.2f}", geotext),
        ("  CPU seconds for the corpus", f"{r.ours_cpu_s:.2f}", f"{r.theirs_cpu_s:.2f}", geotext),
        ("  ratio in CPU time", f"{r.theirs_cpu_s / r.ours_cpu_s:.4f}", "1", ""),
        ("  mentions found in the corpus", f"{r.ours_found:,}", f"{r.theirs_found:,}", geotext),
        ("  compiled inner loops (geo._speedups)", "yes" if r.compiled else "NO", "", ""),
    ]
    if r.pure_s:
        rows.append(
            ("  pure-Python path, MB/s (1 run)", f"{r.corpus_mb / r.pure_s:.3f}", "", "BORDERLENS_PURE_PYTHON=1")
        )
    if r.gold is None:
        rows.append(("seed gold", "n/a", "n/a", f"seeds absent ({SEEDS})"))
    else:
        ours, theirs, scored = r.gold
        rows += [
            (
                f"seed gold recall ({scored} scored)",
                f"{ours.recall:.3f} {_ratio(ours.tp, ours.tp + ours.fn)}",
                f"{theirs.recall:.3f} {_ratio(theirs.tp, theirs.tp + theirs.fn)}",
                geotext,
            ),
            (
                "seed gold precision",
                f"{ours.precision:.3f} {_ratio(ours.tp, ours.tp + ours.fp)}",
                f"{theirs.precision:.3f} {_ratio(theirs.tp, theirs.tp + theirs.fp)}",
                geotext,
            ),
            (
                "  recall, countries+towns only",
                f"{ours.subset_recall:.3f} {_ratio(ours.subset_tp, ours.subset_tp + ours.subset_fn)}",
                f"{theirs.subset_recall:.3f} {_ratio(theirs.subset_tp, theirs.subset_tp + theirs.subset_fn)}",
                geotext,
            ),
        ]
    one_time = r.load["imports"] + r.load["load"] + r.load["lexicon"]
    rows += [
        ("one-time load, s (fresh process)", f"{one_time:.3f}", f"{r.geotext_import_s:.3f}", "geotext import + index"),
        ("  imports (gazetteer, geo)", f"{r.load['imports']:.3f}", "", ""),
        ("  Gazetteer.load()", f"{r.load['load']:.3f}", "", ""),
        ("  lexicon build", f"{r.load['lexicon']:.3f}", "", ""),
        ("start-up `borderlens --help`, s", f"{r.help_s:.3f}", f"{r.python_s:.3f}", "python -c pass"),
        ("corpus generation, s (untimed)", f"{r.build_s:.2f}", "", ""),
    ]
    header = ("metric", "borderlens", "baseline", "baseline is")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(4)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    pinned = f"pinned to cpu {r.cpu}" if r.cpu is not None else "not pinned (no sched_setaffinity)"
    return "\n".join(
        [
            f"borderlens extract benchmark: {r.corpus_mb:.1f} MB corpus ({r.corpus_docs:,} documents), "
            f"median of {r.runs} run(s), one core ({pinned})",
            f"machine: {machine()}; 1-min load average {r.load_average[0]:.2f} at start, "
            f"{r.load_average[1]:.2f} at end",
            f"code: {code_version('geo', 'gazetteer')}; start-up command: {r.help_cmd}",
            "",
            line(header),
            line(["-" * w for w in widths]),
            *(line(row) for row in rows),
        ]
    )


def profile_markdown(r: Results) -> str:
    lines = [
        f"pyinstrument 1 ms sampling over `places_from_document` on the first {r.profile_mb:.0f} MB of the corpus "
        f"({r.profile_s:.1f} s under the profiler), after the gazetteer and lexicon were loaded. *Self* is time in "
        "the function's own code, which includes C work pyinstrument does not see as a call: the compiled loops "
        "(`geo/_speedups.pyx`, all of it) are the self time of `mentions_from_text` and `resolve_mentions`, which "
        "call them; `perf` sees inside them (the notes below). *Total* adds everything the function calls. "
        "Shares are of the whole profiled loop.",
        "",
        "| # | function | where | self | total |",
        "| ---: | --- | --- | ---: | ---: |",
    ]
    for rank, spot in enumerate(r.hotspots, start=1):
        lines.append(
            f"| {rank} | `{spot.function}` | `{spot.where}` | {spot.self_share:.1%} | {spot.total_share:.1%} |"
        )
    return "\n".join(lines)


_METHOD = """\
## How it is measured

- **Corpus**: the bundled sample corpus (`geo/sample/articles.jsonl`) and the five seed articles
  (`../shared/seeds`), repeated and varied with a seeded RNG (`bench.extract.SEED`) until the text holds the
  asked size in UTF-8 bytes (MB = 10^6 bytes): paragraphs after the first shuffled, sentences shuffled in
  half the paragraphs, place names swapped for other spellings of the same place (Erbil/Arbil/Irbil/Hawler,
  Sulaymaniyah/Sulaimani/Slemani, Koya/Koysinjaq, ...) or for other border towns. Deterministic; written to
  `bench/.cache/` (gitignored) for inspection.
- **Throughput**: one process pinned to one core (`sched_setaffinity`, BLAS/OpenMP threads set to 1);
  `geo.resolve.places_from_document(doc, gaz)` over in-memory `Document`s against `GeoText(text)` (cities and
  countries) over the same texts; the two tools alternate run by run and each figure is the median of the
  runs. borderlens runs as `pip install` builds it, with the compiled inner loops (`geo/_speedups.pyx`), and
  is set up as `borderlens extract` sets itself up (`geo._lexicon.settle`: the lexicon built, then
  `gc.freeze()`); both tools are warmed up on the base articles before timing. One more run, with the
  compiled loops turned off, gives the pure-Python figure (and must find the same mentions).
- **One-time load**: in fresh interpreters (median): the imports, `Gazetteer.load()` and
  `geo._lexicon.for_gazetteer(gaz)`; geotext's baseline is `from geotext import GeoText`, which builds its
  index at import.
- **Start-up**: wall time of `borderlens --help` (`python -m geo --help` when the console script is not
  installed) against `python -c pass`.
- **Seed gold**: `tests/gold/toponyms.jsonl` against the seed texts, scored as `tests/test_geoparser_gold.py`
  does (spans overlap; gold rows with `"scored": false` count neither way). geotext gives names, not offsets:
  each distinct name it returns is located at every word-bounded, case-sensitive occurrence in the text
  (`(?<!\\w)NAME(?!\\w)`), which credits geotext with occurrences its own tokeniser skipped (e.g. "Erbil" inside
  "Erbil Governorate"), so its figures are, if anything, flattered. "Countries+towns only" is recall on the
  gold mentions whose place is a country or a populated place, the two kinds geotext looks for. The seed
  gold is the set borderlens's recogniser was developed against (`tests/test_geoparser_gold.py` holds it to
  F1 >= 0.95), so borderlens's figures there are in-sample, not an estimate for unseen text.
"""


def results_markdown(r: Results, command: str) -> str:
    today = datetime.now(timezone.utc).date().isoformat()
    parts = [
        "# Benchmarks: extract",
        "",
        f"- Command: `{command}`",
        f"- Date: {today}",
        f"- Machine: {machine()}",
        "",
        "```text",
        table(r),
        "```",
        "",
        _METHOD,
    ]
    if r.hotspots:
        parts += ["## Profile", "", profile_markdown(r), ""]
    return "\n".join(parts)


_OWN_HEADINGS = ("# Benchmarks: extract", "## How it is measured", "## Profile")


def replace_extract_part(document: str, part: str) -> str:
    """``document`` with its extract part replaced by ``part``.

    The extract part runs from the top to the first heading of level 1 or 2
    that this module does not write (another benchmark's section, or notes
    such as "What changed"); everything from there on is kept byte for byte.
    """
    part = part.rstrip("\n") + "\n"
    lines = document.splitlines(keepends=True)
    end = next(
        (
            i
            for i, line in enumerate(lines)
            if line.startswith(("# ", "## ")) and line.rstrip("\r\n") not in _OWN_HEADINGS
        ),
        len(lines),
    )
    tail = "".join(lines[end:])
    return part + ("\n" + tail if tail else "")


def write_results(part: str, path: Path = RESULTS) -> None:
    """Replace only the extract part of ``path`` (see :func:`bench._machine.rewrite_results`)."""
    rewrite_results(lambda current: replace_extract_part(current, part), path)


# -- main --------------------------------------------------------------------------------------
def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.extract", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1 MB, 1 run, 1 start-up sample (for CI)")
    parser.add_argument("--size-mb", type=float, default=None, help="corpus size in MB of text (default 20)")
    parser.add_argument("--runs", type=int, default=None, help="timed runs per tool; medians reported (default 3)")
    parser.add_argument("--seed", type=int, default=SEED, help="RNG seed for the corpus")
    parser.add_argument("--profile", action="store_true", help=f"profile on {PROFILE_MB:g} MB first (pyinstrument)")
    parser.add_argument(
        "--write", action="store_true", help="also rewrite the extract part of bench/RESULTS.md (implies --profile)"
    )
    args = parser.parse_args(argv)
    size_mb = args.size_mb if args.size_mb is not None else (1.0 if args.quick else 20.0)
    runs = args.runs if args.runs is not None else (1 if args.quick else 3)
    samples = 1 if args.quick else max(5, runs)
    if size_mb <= 0 or runs < 1:
        parser.error("--size-mb must be above 0 and --runs at least 1")

    cpu = pin_one_core()
    from gazetteer import Gazetteer
    from geo import _lexicon

    def say(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    gaz = Gazetteer.load()
    _lexicon.settle(gaz)  # as `borderlens extract` does: the lexicon built, then gc.freeze()
    say(f"compiled inner loops (geo._speedups): {'yes' if _lexicon.speedups is not None else 'NO, pure Python'}")

    start = time.perf_counter()
    bases = base_articles()
    corpus = build_corpus(size_mb, args.seed, bases)
    build_s = time.perf_counter() - start
    write_corpus(corpus, CACHE / f"corpus-{size_mb:g}mb-seed{args.seed}.jsonl")
    docs = documents(corpus)
    say(f"corpus: {text_mb(docs):.2f} MB in {len(docs):,} documents ({build_s:.1f} s)")

    warm = documents(bases)
    run_borderlens(warm, gaz)
    run_geotext(warm)

    hotspots: list[HotSpot] = []
    profile_s = profile_mb = 0.0
    if args.profile or args.write:
        sample = documents(build_corpus(PROFILE_MB, args.seed, bases))
        profile_mb = text_mb(sample)
        say(f"profiling on {profile_mb:.1f} MB ...")
        hotspots, profile_s = profile(sample, gaz)

    ours: list[float] = []
    theirs: list[float] = []
    ours_cpu: list[float] = []
    theirs_cpu: list[float] = []
    ours_found = theirs_found = 0
    load_start = load_average()
    for run in range(runs):
        seconds, cpu_s, ours_found = timed(lambda: run_borderlens(docs, gaz))
        ours.append(seconds)
        ours_cpu.append(cpu_s)
        seconds, cpu_s, theirs_found = timed(lambda: run_geotext(docs))
        theirs.append(seconds)
        theirs_cpu.append(cpu_s)
        say(f"run {run + 1}/{runs}: borderlens {ours[-1]:.2f} s, geotext {theirs[-1]:.2f} s")
    pure_s = None
    if (compiled := _lexicon.speedups) is not None:  # once more without the compiled loops, for the record
        _lexicon.speedups = None
        try:
            pure_s, _, pure_found = timed(lambda: run_borderlens(docs, gaz))
        finally:
            _lexicon.speedups = compiled
        if pure_found != ours_found:
            raise SystemExit(f"the pure path found {pure_found} mentions, the compiled one {ours_found}")
        say(f"pure-Python path: {pure_s:.2f} s")

    say("one-time load and start-up, in fresh processes ...")
    command = help_command()
    results = Results(
        corpus_mb=text_mb(docs),
        corpus_docs=len(docs),
        runs=runs,
        cpu=cpu,
        build_s=build_s,
        ours_s=statistics.median(ours),
        theirs_s=statistics.median(theirs),
        ours_cpu_s=statistics.median(ours_cpu),
        theirs_cpu_s=statistics.median(theirs_cpu),
        ours_found=ours_found,
        theirs_found=theirs_found,
        load=probe(_LOAD_PROBE, samples),
        geotext_import_s=probe(_GEOTEXT_PROBE, samples)["import"],
        help_s=wall(command, samples),
        python_s=wall([sys.executable, "-c", "pass"], samples),
        help_cmd=" ".join(Path(c).name if i == 0 else c for i, c in enumerate(command)),
        gold=gold_scores(gaz),
        hotspots=hotspots,
        profile_s=profile_s,
        profile_mb=profile_mb,
        load_average=(load_start, load_average()),
        compiled=compiled is not None,
        pure_s=pure_s,
    )
    print(table(results))
    if hotspots:
        print("\nprofile (top 10 by self time):")
        for spot in hotspots:
            print(f"  {spot.self_share:6.1%} self {spot.total_share:6.1%} total  {spot.function}  {spot.where}")
    if args.write:
        invocation = " ".join(["python -m bench.extract", *(argv if argv is not None else sys.argv[1:])])
        write_results(results_markdown(results, invocation.strip()))
        say(f"updated the extract part of {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
