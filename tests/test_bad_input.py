"""Every command that reads input, fed the bad-input corpus: each bad item is named with its file, line
(or feature) and reason, the good records around it are processed, a summary line counts both, and the
exit status is 0 (all read), 1 (some rejected) or 2 (usage or fatal error).

The committed corpus is ``tests/data/bad/`` (see its README). What cannot be committed is made here:
a 50 MB article, a named pipe, a socket, a broken link, a link loop, a file whose read fails even for
root (a link to ``/proc/self/mem``, which answers every read at offset 0 with EIO), and a file and a
folder with mode 000 (unreadable unless the tests run as root, when they are read like any other).
"""

from __future__ import annotations

import json
import os
import re
import socket
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from geo.cli import cli

BAD = Path(__file__).parent / "data" / "bad"
ARTICLES = BAD / "articles"
RECORDS = sorted((BAD / "records").iterdir())
ROOT_USER = os.geteuid() == 0
GOOD_SPECIAL = "Turkish drones struck Sidakan in the Kurdistan Region on Monday, killing a shepherd."


@dataclass(frozen=True)
class Rejection:
    path: Path
    where: str  # "", "line 3" or "feature 2"
    reason: str  # a piece of the message

    def found_in(self, stderr: str) -> bool:
        head = f"rejected: cannot read {str(self.path)!r}" + (f" {self.where}" if self.where else "") + ": "
        return any(line.startswith(head) and self.reason in line for line in stderr.splitlines())


ARTICLE_REJECTIONS = [
    Rejection(ARTICLES / "01-empty.txt", "", "the file is empty"),
    Rejection(ARTICLES / "02-pdf-as-text.txt", "", "this is a PDF document, not text"),
    Rejection(ARTICLES / "03-png-as-text.md", "", "this is a PNG image, not text"),
    Rejection(ARTICLES / "06-invalid-utf8.txt", "line 2", "invalid UTF-8 bytes (b'\\xff')"),
    Rejection(ARTICLES / "07-feed.jsonl", "line 2", "not valid JSON"),
    Rejection(ARTICLES / "07-feed.jsonl", "line 3", "invalid UTF-8 bytes (b'\\xc3')"),
    Rejection(ARTICLES / "08-no-text-column.csv", "line 1", "no 'text' column"),
    Rejection(ARTICLES / "09-extra-column.csv", "line 3", "1 more field(s) than the header has"),
    Rejection(ARTICLES / "10-quoted-newlines.csv", "line 5", "published '2022-13-45' is not an ISO date"),
    Rejection(ARTICLES / "12-notes.pdf", "", "borderlens cannot read .pdf documents"),
]
# 04 (UTF-16), 05 (Windows-1256), 07 lines 1 and 4, 09 rows 1 and 3, 10 rows 1 and 3, 11 (HTML)
ARTICLE_DOCUMENTS = ["04-utf16-bom", "05-cp1256-arabic", "feed-koya", "feed-baghdad", "csv-extra-1", "csv-extra-3"]
ARTICLE_DOCUMENTS += ["csv-nl-1", "csv-nl-3", "11-page-with-scripts"]

CSV, GEOJSON, NO_TYPE = (BAD / "records" / n for n in ("curated-bad.csv", "curated-bad.geojson", "curated-no-type.csv"))
RECORD_REJECTIONS = [
    Rejection(CSV, "line 3", "latitude 95.0 is outside -90..90"),
    Rejection(CSV, "line 4", "longitude 'abc' is not a number"),
    Rejection(CSV, "line 5", "event_date '2022-13-45' is not a date"),
    Rejection(CSV, "line 6", "event_type 'riot' is not one of strike, meeting, border_control"),
    Rejection(CSV, "line 9", "1 more field(s) than the header has"),  # line 7 holds a quoted newline
    Rejection(GEOJSON, "feature 2", "latitude 95.0 is outside -90..90"),
    Rejection(GEOJSON, "feature 3", "longitude 'abc' is not a number"),
    Rejection(GEOJSON, "feature 4", "event_date '2022-13-45' is not a date"),
    Rejection(GEOJSON, "feature 5", "event_type 'riot' is not one of"),
    Rejection(GEOJSON, "feature 6", "not a GeoJSON Feature object"),
    Rejection(NO_TYPE, "line 1", "no event_type column"),
]
RECORD_SOURCES = ["curated-bad.csv:2", "curated-bad.csv:7", "curated-bad.geojson:1", "curated-bad.geojson:7"]


@dataclass(frozen=True)
class Specials:
    folder: Path
    rejections: list[Rejection]
    documents: list[str]


@pytest.fixture(scope="module")
def specials(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Specials]:
    """A folder of entries that cannot be committed; kept short for the socket's path limit."""
    folder = tmp_path_factory.mktemp("special")
    (folder / "good.txt").write_text(GOOD_SPECIAL, encoding="utf-8")
    big = folder / "big.txt"
    with big.open("wb") as fh:  # 50 MB: one "article" the size of a dump
        line = b"Iranian drones struck Koya on Monday. " * 26 + b"\n"
        fh.write(line * (50_000_000 // len(line) + 1))
    os.mkfifo(folder / "fifo.txt")  # reading it would wait for a writer forever
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(str(folder / "socket.txt"))
    (folder / "dangling.txt").symlink_to(folder / "gone.txt")
    (folder / "loop-a.txt").symlink_to(folder / "loop-b.txt")
    (folder / "loop-b.txt").symlink_to(folder / "loop-a.txt")
    (folder / "loopdir").symlink_to(folder)  # a link to a folder is not followed, so it cannot loop
    locked = folder / "locked.txt"
    locked.write_text("Shelling hit Penjwen on Tuesday.", encoding="utf-8")
    locked.chmod(0)
    locked_dir = folder / "locked-dir"
    locked_dir.mkdir()
    (locked_dir / "inside.txt").write_text("Shelling hit Haj Omaran on Tuesday.", encoding="utf-8")
    locked_dir.chmod(0)
    rejections = [
        Rejection(big, "", "50.0 MB is too much for one article (at most 10 MB)"),
        Rejection(folder / "dangling.txt", "", "a broken symbolic link"),
        Rejection(folder / "fifo.txt", "", "a named pipe (FIFO), not a regular file"),
        Rejection(folder / "loop-a.txt", "", "a symbolic link loop"),
        Rejection(folder / "loop-b.txt", "", "a symbolic link loop"),
        Rejection(folder / "socket.txt", "", "a socket, not a regular file"),
    ]
    documents = ["good"]
    if Path("/proc/self/mem").exists():
        (folder / "eio.txt").symlink_to("/proc/self/mem")
        rejections.append(Rejection(folder / "eio.txt", "", "Input/output error"))
    if ROOT_USER:  # root reads mode-000 files: they are ordinary articles then
        documents += ["inside", "locked"]
    else:
        rejections.append(Rejection(locked, "", "Permission denied"))
        rejections.append(Rejection(locked_dir, "", "cannot list folder: Permission denied"))
    yield Specials(folder, rejections, documents)
    sock.close()
    locked.chmod(0o644)
    locked_dir.chmod(0o755)


def run(args: list[str]) -> Result:
    return CliRunner().invoke(cli, args, catch_exceptions=False)


def summary(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.startswith("processed ")]
    assert len(lines) == 1, stderr
    return lines[0]


# command -> (arguments after the inputs, whether it reads --records)
COMMANDS = {
    "extract": (["--format", "jsonl", "-o", "{out}.jsonl"], False),
    "events": (["-o", "{out}.geojson"], True),
    "map": (["-o", "{out}.html"], True),
    "report": (["-o", "{out}.html"], True),
    "ingest": (["--store", "{out}.gpkg"], True),
    "export": (["--format", "geojson", "-o", "{out}.geojson"], True),
}


def command_args(command: str, inputs: list[Path], out: Path, *, records: Sequence[Path] = ()) -> list[str]:
    tail, takes_records = COMMANDS[command]
    args = [command, *map(str, inputs), *(a.format(out=out) for a in tail)]
    if takes_records:
        for path in records:
            args += ["--records", str(path)]
    return args


def output_text(command: str, out: Path) -> str:
    """What the command wrote, as text (the store's events as JSON)."""
    if command == "ingest":
        import pyogrio

        return str(pyogrio.read_dataframe(out.with_suffix(".gpkg"), layer="events").to_json())
    suffix = {"extract": ".jsonl", "map": ".html", "report": ".html"}.get(command, ".geojson")
    return out.with_suffix(suffix).read_text(encoding="utf-8")


@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_bad_item_is_named_and_the_good_ones_are_read(command: str, specials: Specials, tmp_path: Path) -> None:
    takes_records = COMMANDS[command][1]
    result = run(command_args(command, [ARTICLES, specials.folder], tmp_path / "out", records=RECORDS))
    assert result.exit_code == 1, result.output
    expected = ARTICLE_REJECTIONS + specials.rejections + (RECORD_REJECTIONS if takes_records else [])
    missing = [r for r in expected if not r.found_in(result.stderr)]
    assert missing == [], result.stderr
    rejected = [line for line in result.stderr.splitlines() if line.startswith("rejected: ")]
    assert len(rejected) == len(expected), result.stderr  # and nothing else was rejected
    documents = len(ARTICLE_DOCUMENTS) + len(specials.documents)
    records = ", 4 curated records" if takes_records else ""
    assert summary(result.stderr) == f"processed {documents} documents{records}; rejected {len(expected)}"
    written = output_text(command, tmp_path / "out")
    # the HTML page's scripts, styles and templates are not article text ("-" is not in base64, so an
    # embedded image cannot spell the marker by chance)
    assert "SCRIPT-LEAK" not in written and "STYLE-LEAK" not in written
    if command == "extract":
        ids = [json.loads(line)["id"] for line in written.splitlines()]
        assert sorted(ids) == sorted(ARTICLE_DOCUMENTS + specials.documents)
    elif command in ("events", "export"):
        sources = {s["document"] for f in json.loads(written)["features"] for s in f["properties"]["sources"]}
        assert {"feed-koya", "feed-baghdad", "csv-nl-3", "csv-extra-1", "good", *RECORD_SOURCES} <= sources
    else:
        assert "Penjwen" in written and "Baghdad" in written and "Sidakan" in written


def test_html_scripts_and_styles_never_reach_the_text() -> None:
    from geo.documents import read_file

    (doc,) = read_file(ARTICLES / "11-page-with-scripts.html")
    assert "LEAK" not in doc.text and "alert" not in doc.text and "content:" not in doc.text
    assert "Iranian drones struck villages near Koya" in doc.text
    assert (str(doc.published), doc.outlet) == ("2022-11-14", "HTML Herald")


def test_legacy_and_utf16_articles_read_as_their_text() -> None:
    from geo.documents import read_file

    (utf16,) = read_file(ARTICLES / "04-utf16-bom.txt")
    assert utf16.text.startswith("Iranian drones struck villages near Sidakan") and utf16.outlet == "UTF-16 Times"
    (arabic,) = read_file(ARTICLES / "05-cp1256-arabic.txt")
    assert arabic.text.startswith("قصفت طائرات مسيرة إيرانية قرى قرب سيدكان")


@pytest.mark.parametrize("command", list(COMMANDS))
def test_clean_input_exits_0(command: str, tmp_path: Path) -> None:
    inputs = [ARTICLES / "04-utf16-bom.txt", ARTICLES / "11-page-with-scripts.html"]
    result = run(command_args(command, inputs, tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert summary(result.stderr) == "processed 2 documents; rejected 0"


@pytest.mark.parametrize("command", list(COMMANDS))
def test_an_unwritable_output_exits_2_naming_it(command: str, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = run(command_args(command, [ARTICLES / "04-utf16-bom.txt"], blocker / "out"))
    assert result.exit_code == 2, result.output
    assert "a-file/out" in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize("command", list(COMMANDS))
def test_usage_errors_and_a_missing_gazetteer_exit_2(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run([command, "--no-such-option"]).exit_code == 2
    import gazetteer.gazetteer

    monkeypatch.setattr(gazetteer.gazetteer, "DATA_DIR", tmp_path / "no-gazetteer")
    result = run(command_args(command, [ARTICLES / "04-utf16-bom.txt"], tmp_path / "out"))
    assert result.exit_code == 2, result.output
    assert "no-gazetteer" in result.stderr and "Traceback" not in result.output


@pytest.mark.filterwarnings("ignore:GPKG. bad application_id:RuntimeWarning")
@pytest.mark.parametrize("command", ["map", "report", "export"])
def test_a_broken_store_exits_2(command: str, tmp_path: Path) -> None:
    store = tmp_path / "events.gpkg"
    store.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    args = command_args(command, [], tmp_path / "out")
    result = run([*args, "--store", str(store)])
    assert result.exit_code == 2, result.output
    assert "events.gpkg" in result.stderr


def test_ingest_into_a_broken_store_exits_2(tmp_path: Path) -> None:
    store = tmp_path / "events.gpkg"
    store.write_text("not a GeoPackage", encoding="utf-8")
    result = run(["ingest", str(ARTICLES / "04-utf16-bom.txt"), "--store", str(store)])
    assert result.exit_code == 2 and "events.gpkg" in result.stderr, result.output


@pytest.fixture(scope="module")
def hand_edited_events(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An events GeoJSON from 'borderlens events' with bad features added, as a hand edit might."""
    folder = tmp_path_factory.mktemp("events")
    path = folder / "events.geojson"
    result = run(["events", str(ARTICLES / "07-feed.jsonl"), "-o", str(path)])
    assert result.exit_code == 1  # 07-feed.jsonl has two bad lines
    data = json.loads(path.read_text(encoding="utf-8"))
    # the feed's two good articles give a strike and a signed agreement (a signing meeting and a
    # border-control record); the meeting is left out here
    good = [f for f in data["features"] if f["properties"]["event_type"] != "meeting"]
    assert len(good) == 2 and len(data["features"]) == 3
    latitude = json.loads(json.dumps(good[0]))
    latitude["properties"]["latitude"] = 95
    riot = json.loads(json.dumps(good[1]))
    riot["properties"]["event_type"] = "riot"
    geometry = json.loads(json.dumps(good[0]))
    geometry["geometry"] = {"type": "Point", "coordinates": "far away"}
    data["features"] = [good[0], latitude, riot, "junk", geometry, good[1]]
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["map", "report", "export"])
def test_bad_features_of_an_events_file_are_named_and_the_rest_drawn(
    command: str, hand_edited_events: Path, tmp_path: Path
) -> None:
    result = run(command_args(command, [hand_edited_events], tmp_path / "out"))
    assert result.exit_code == 1, result.output
    for where, reason in [
        ("feature 2", "latitude 95.0 is outside -90..90"),
        ("feature 3", "event_type 'riot' is not one of"),
        ("feature 4", "feature without properties"),
        ("feature 5", "bad geometry"),
    ]:
        assert Rejection(hand_edited_events, where, reason).found_in(result.stderr), result.stderr
    assert summary(result.stderr) == "processed 0 documents, 2 events from events files; rejected 4"
    assert re.search(r"\(2 events\)", result.stderr)
