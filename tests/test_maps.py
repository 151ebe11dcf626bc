"""Map pages built in Python: determinism, offline self-containment, online tiles, embedding, CLI."""

from __future__ import annotations

import base64
import dataclasses
import gzip
import html
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from geo.cli import cli
from geo.documents import documents_from_paths, sample_corpus_path
from geo.errors import InputError
from geo.events import events_from_documents
from geo.model import Event
from maps import map_from_events
from maps.event_layers import COMPRESS_ABOVE, script_json


@pytest.fixture(scope="module")
def sample_events() -> list[Event]:
    return events_from_documents(documents_from_paths([sample_corpus_path()]))


def test_same_events_give_byte_identical_html(sample_events: list[Event], tmp_path: Path) -> None:
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    map_from_events(sample_events, title="T").save(first)
    map_from_events(sample_events, title="T").save(second)
    assert first.read_bytes() == second.read_bytes()
    assert not re.search(r"_[0-9a-f]{32}\b", first.read_text(encoding="utf-8"))  # no random folium ids


@pytest.mark.parametrize("offline", [True, False])
def test_every_page_links_no_script_or_style(sample_events: list[Event], offline: bool) -> None:
    page = map_from_events(sample_events, offline=offline).to_html()
    assert not re.search(r"<script[^>]+src=|<link[^>]+href=", page)
    assert "L.markerClusterGroup" in page and "borderlens.underlay" in page
    assert "url(images/" not in page  # Leaflet's images inlined as data: URIs
    assert "jquery" not in page.lower() and "bootstrap" not in page.lower()
    assert ("tile.openstreetmap.org" in page) is not offline


def test_online_page_uses_tiles_with_attribution(sample_events: list[Event]) -> None:
    page = map_from_events(sample_events).to_html()
    assert "tile.openstreetmap.org" in page and "OpenStreetMap\\u003c/a\\u003e contributors" in page
    assert "basemaps.cartocdn.com" in page


def test_data_never_closes_its_script() -> None:
    text = script_json({"evidence": "</script><script>alert(1)</script> & \u2028"})
    assert "</" not in text and "<" not in text and "\u2028" not in text
    assert json.loads(text) == {"evidence": "</script><script>alert(1)</script> & \u2028"}


def test_title_is_text(sample_events: list[Event]) -> None:
    page = map_from_events(sample_events, title="<b>Strikes</b> & meetings").to_html()
    assert "<title>&lt;b&gt;Strikes&lt;/b&gt; &amp; meetings</title>" in page
    assert "<b>Strikes</b>" not in page.replace("\\u003cb\\u003e", "")


def test_large_maps_are_compressed(sample_events: list[Event]) -> None:
    many = [
        dataclasses.replace(event, evidence=f"{event.evidence} (report {i})")
        for i in range(COMPRESS_ABOVE // 2000)
        for event in sample_events
    ]
    page = map_from_events(many).to_html()
    match = re.search(r'borderlens\.unpack\("([^"]+)"\)', page)
    assert match is not None, "a large map's data is packed"
    data = json.loads(gzip.decompress(base64.b85decode(match.group(1))))
    assert len(data["events"]["type"]) == len(many)
    assert "__borderlens_payload" not in page


def test_iframe_and_notebook(sample_events: list[Event]) -> None:
    page = map_from_events(sample_events)
    snippet = page.iframe(height=400)
    assert snippet.startswith('<iframe srcdoc="') and "height:400px" in snippet
    srcdoc = re.match(r'<iframe srcdoc="([^"]*)"', snippet)
    assert srcdoc is not None and html.unescape(srcdoc.group(1)) == page.to_html()
    assert page._repr_html_() == page.iframe()


def test_map_from_an_events_geojson(tmp_path: Path, runner: CliRunner) -> None:
    events_file = tmp_path / "events.geojson"
    assert runner.invoke(cli, ["events", "-o", str(events_file)]).exit_code == 0
    out = tmp_path / "from-file.html"
    result = runner.invoke(cli, ["map", str(events_file), "--offline", "-o", str(out)])
    assert result.exit_code == 0, result.output
    direct = tmp_path / "direct.html"
    assert runner.invoke(cli, ["map", "--offline", "-o", str(direct)]).exit_code == 0
    count = len(json.loads(events_file.read_text(encoding="utf-8"))["features"])
    assert f"({count} events)" in result.output
    bad = tmp_path / "bad.geojson"
    bad.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature"}]}', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.geojson"):
        map_from_events(bad)


def test_map_command_default_writes_map_html(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["map"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "map.html").stat().st_size > 10_000
