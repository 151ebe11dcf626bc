"""The borderlens command: thin, scriptable, honest about failures."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from geo import __version__
from geo.cli import cli


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output
    assert "(compiled inner loops)" in result.output  # CI builds geo/_speedups.pyx
    pure = runner.invoke(cli, ["--version"], env={"BORDERLENS_PURE_PYTHON": "1"})
    assert "pure Python" in pure.output


def test_lookup_table(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["gazetteer", "lookup", "Hawler"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:3] == ["id", "name", "kind"]
    assert lines[2].split()[1:3] == ["Erbil", "populated_place"]
    assert any("adm1" in line for line in lines[3:])


def test_lookup_json(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["gazetteer", "lookup", "Kurdistan province", "--json", "--limit", "2"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert len(data) == 2
    assert (data[0]["kind"], data[0]["country"], data[0]["iso_code"]) == ("adm1", "IR", "IR-12")
    assert data[0]["geometry_type"] in ("Polygon", "MultiPolygon")


def test_lookup_miss_and_bad_kind(runner: CliRunner) -> None:
    miss = runner.invoke(cli, ["gazetteer", "lookup", "Qzxqzx"])
    assert miss.exit_code == 1
    assert "no gazetteer entry matches 'Qzxqzx'" in miss.output
    bad = runner.invoke(cli, ["gazetteer", "lookup", "Erbil", "--kind", "city"])
    assert bad.exit_code == 2
    assert "'city' is not a kind" in bad.output


def test_info_lists_counts_and_licences(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["gazetteer", "info"])
    assert result.exit_code == 0, result.output
    for text in ("GeoNames (CC BY 4.0)", "Natural Earth (public domain)", "ODbL 1.0", "adm1", "populated_place"):
        assert text in result.output
    data = json.loads(runner.invoke(cli, ["gazetteer", "info", "--json"]).output)
    assert data["by_kind"]["adm1"] == 145
    assert data["entries"] == sum(data["by_kind"].values())


def test_python_dash_m_geo() -> None:
    done = subprocess.run([sys.executable, "-m", "geo", "--help"], capture_output=True, text=True, check=True)
    assert "gazetteer" in done.stdout


def test_extract_online_against_a_local_server(tmp_path: Path, runner: CliRunner) -> None:
    from nominatim_server import SIDAKAN, NominatimServer, json_reply

    article = tmp_path / "a.txt"
    # a name the gazetteer lacks (Sidakan itself is found offline now, a village with a cue)
    article.write_text("Shelling hit villages near Zelvorin on Monday.", encoding="utf-8")
    with NominatimServer(replies={"zelvorin": json_reply([SIDAKAN])}) as server:
        args = [
            "extract",
            str(article),
            "--format",
            "jsonl",
            "--online",
            "--user-agent",
            "borderlens-tests/1.0",
            "--geocoder-domain",
            server.domain,
            "--geocoder-scheme",
            "http",
            "--cache-dir",
            str(tmp_path / "c"),
        ]
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, result.output
        assert server.queries() == ["Zelvorin"]
        again = runner.invoke(cli, args)
        assert server.queries() == ["Zelvorin"]  # the second run is served from the cache
    (place,) = json.loads(result.output.splitlines()[0])["places"]
    assert place["place_id"].startswith("online:nominatim:") and place["name"] == "Sidakan"
    assert again.output.splitlines()[0] == result.output.splitlines()[0]


def test_extract_online_needs_a_user_agent(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["extract", "--online"])
    assert result.exit_code == 2 and "--user-agent" in result.output


def test_extract_formats(tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "places.geojson"
    assert runner.invoke(cli, ["extract", "--format", "geojson", "-o", str(out)]).exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    names = {f["properties"]["name"]: f for f in data["features"]}
    assert {"Erbil", "Koya", "Kurdistan Region", "Tehran"} <= set(names)
    assert names["Kurdistan Region"]["geometry"]["type"] in ("Polygon", "MultiPolygon")
    table = runner.invoke(cli, ["extract"]).output.splitlines()
    assert table[0].split("\t")[:4] == ["document", "start", "end", "surface"]


def test_ingest_twice_then_map_and_export_from_the_store(tmp_path: Path, runner: CliRunner) -> None:
    store = tmp_path / "events.gpkg"
    first = runner.invoke(cli, ["ingest", "--store", str(store)])
    assert first.exit_code == 0, first.output
    assert "10 new documents" in first.output
    import pyogrio

    before = pyogrio.read_dataframe(store, layer="events").to_json()
    second = runner.invoke(cli, ["ingest", "--store", str(store)])
    assert "0 new documents (10 seen before), 0 new events" in second.output
    assert pyogrio.read_dataframe(store, layer="events").to_json() == before  # unchanged
    out = tmp_path / "from-store.csv"
    assert runner.invoke(cli, ["export", "--store", str(store), "--format", "csv", "-o", str(out)]).exit_code == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) > 10
    page = tmp_path / "map.html"
    assert runner.invoke(cli, ["map", "--store", str(store), "-o", str(page)]).exit_code == 0
    bad = runner.invoke(cli, ["export", "--store", str(tmp_path / "missing.gpkg"), "--format", "csv", "-o", str(out)])
    assert bad.exit_code == 2 and "missing.gpkg" in bad.output


def test_map_static_embed_and_report(tmp_path: Path, runner: CliRunner) -> None:
    png, page = tmp_path / "map.png", tmp_path / "map.html"
    result = runner.invoke(cli, ["map", "-o", str(page), "--static", str(png)])
    assert result.exit_code == 0, result.output
    assert png.read_bytes().startswith(b"\x89PNG") and page.stat().st_size > 10_000
    embed = runner.invoke(cli, ["map", "--embed"])
    assert embed.exit_code == 0 and embed.stdout.startswith('<iframe srcdoc="&lt;!DOCTYPE html&gt;')
    report = tmp_path / "report.html"
    result = runner.invoke(cli, ["report", "-o", str(report), "--title", "Sample <report>"])
    assert result.exit_code == 0, result.output
    text = report.read_text(encoding="utf-8")
    assert "Sample &lt;report&gt;" in text and "<script src=" not in text
