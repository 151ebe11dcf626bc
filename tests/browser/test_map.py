"""The map as a person sees it, in headless Chromium, with the network cut off.

Maps are built offline (every script inlined): the test machine has no
network, and an offline map must draw everything without one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from geo.documents import documents_from_paths, sample_corpus_path
from geo.events import events_from_documents
from maps import map_from_events

READY = "body[data-borderlens=ready]"
LAYER_COUNTS = """() => window.borderlens.layers.map(l => ({
  name: l.type.label_many,
  count: l.type.count,
  unplaced: l.type.unplaced,
  markers: l.group.getLayers().length,
  areaEvents: l.areaLayer.getLayers().reduce((n, shape) => n + shape.blCount, 0),
  onMap: l.both._map !== null && l.both._map !== undefined,
}))"""


@pytest.fixture(scope="module")
def sample_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    events = events_from_documents(documents_from_paths([sample_corpus_path()]))
    path = tmp_path_factory.mktemp("map") / "sample.html"
    map_from_events(events, offline=True, title="Sample corpus").save(path)
    return path


def open_map(page: Any, path: Path) -> None:
    page.open_html(path)
    page.wait_for_selector(READY, state="attached", timeout=30_000)


def test_loads_draws_every_event_and_makes_no_request(
    offline_page: Any,
    sample_map: Path,
    artifacts: Path,
    assert_no_console_errors: Callable[..., None],
    read_png: Callable[[Path], np.ndarray],
) -> None:
    open_map(offline_page, sample_map)
    assert_no_console_errors(offline_page)
    assert offline_page.blocked == [] and offline_page.external_requests == []
    layers = offline_page.evaluate(LAYER_COUNTS)
    assert [layer["name"] for layer in layers] == ["Strikes", "Meetings", "Border control"]
    for layer in layers:
        assert layer["markers"] + layer["areaEvents"] == layer["count"] - layer["unplaced"], layer
        assert layer["onMap"]
    assert sum(layer["count"] for layer in layers) >= 10
    assert offline_page.locator(".bl-marker, .bl-cluster").count() >= 3
    shot = artifacts / "map-sample-offline.png"
    offline_page.screenshot(path=str(shot))
    pixels = read_png(shot)
    assert pixels.shape[:2] == (900, 1280) and len(np.unique(pixels.reshape(-1, pixels.shape[2]), axis=0)) > 50


def test_reference_layers_and_controls(offline_page: Any, sample_map: Path) -> None:
    open_map(offline_page, sample_map)
    labels = offline_page.locator(".leaflet-control-layers-overlays label").all_inner_texts()
    labels = [text.strip() for text in labels]
    for name in (
        "Iraq's governorates",
        "Iran's provinces",
        "Kurdistan Region",
        "Iran–Iraq border",
        "Events per governorate / province",
        "Strikes",
        "Meetings",
        "Border control",
    ):
        assert name in labels
    choropleth = offline_page.locator("label", has_text="Events per governorate / province").locator("input")
    assert not choropleth.is_checked()
    assert offline_page.locator(".bl-legend").inner_text().count("(") >= 3
    assert offline_page.locator(".bl-title").inner_text() == "Sample corpus"


def test_unticking_a_layer_hides_its_events(offline_page: Any, sample_map: Path) -> None:
    open_map(offline_page, sample_map)
    before = offline_page.locator(".leaflet-marker-pane .bl-strike").count()
    assert before > 0
    offline_page.locator(".leaflet-control-layers-overlays label", has_text="Strikes").locator("input").click()
    assert offline_page.locator(".leaflet-marker-pane .bl-strike").count() == 0
    layers = offline_page.evaluate(LAYER_COUNTS)
    assert not layers[0]["onMap"] and layers[1]["onMap"]


def test_time_slider_changes_what_is_visible(offline_page: Any, sample_map: Path) -> None:
    open_map(offline_page, sample_map)
    shown = "() => window.borderlens.layers.reduce((n, l) => n + l.shown, 0)"
    everything = offline_page.evaluate(shown)
    slider = offline_page.locator(".bl-slider input[type=range]")
    slider.fill("0")
    first_day = offline_page.evaluate(shown)
    undated = offline_page.evaluate("() => window.borderlens.store.data.undated")
    assert undated <= first_day < everything
    assert offline_page.locator(".bl-slider-label").inner_text().startswith("Up to ")
    offline_page.locator(".bl-slider-all").click()
    assert offline_page.evaluate(shown) == everything


@pytest.fixture
def hostile_map(hostile: Any, tmp_path: Path) -> Path:
    path = tmp_path / "hostile.html"
    map_from_events(
        hostile.events, offline=True, title=hostile.strings[2], cluster=False, gazetteer=hostile.gazetteer
    ).save(path)
    return path


def test_text_from_articles_is_shown_literally_and_never_runs(
    offline_page: Any, hostile_map: Path, hostile: Any
) -> None:
    dialogs: list[str] = []
    offline_page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_map(offline_page, hostile_map)
    offline_page.locator(".leaflet-marker-pane .bl-strike").first.click()
    popup = offline_page.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    for payload in hostile.strings:
        assert payload in text
    assert popup.locator("mark").inner_text() == "Koya"
    assert popup.locator("img, svg, script").count() == 0
    assert popup.locator("a").count() == 0  # a javascript: URL is never a link
    assert offline_page.locator(".bl-title").inner_text() == hostile.strings[2]
    assert offline_page.evaluate("() => window.__xss") is None
    assert dialogs == []
    assert offline_page.title() == '"><svg onload="window.__xss = \'svg\'">'


def test_the_default_map_still_draws_with_the_network_cut_off(
    offline_page: Any, tmp_path: Path, assert_no_console_errors: Callable[..., None]
) -> None:
    events = events_from_documents(documents_from_paths([sample_corpus_path()]))
    path = tmp_path / "online.html"
    map_from_events(events).save(path)
    open_map(offline_page, path)
    assert offline_page.blocked and all(
        "tile.openstreetmap.org" in url or "cartocdn.com" in url for url in offline_page.blocked
    )  # only tiles were asked for
    layers = offline_page.evaluate(LAYER_COUNTS)
    assert all(layer["markers"] + layer["areaEvents"] == layer["count"] - layer["unplaced"] for layer in layers)
    assert offline_page.locator(".leaflet-bl-underlay-pane path").count() > 20  # countries show through


def test_a_large_packed_map_unpacks_in_the_browser(
    offline_page: Any, tmp_path: Path, assert_no_console_errors: Callable[..., None]
) -> None:
    import dataclasses

    events = events_from_documents(documents_from_paths([sample_corpus_path()]))
    many = [
        dataclasses.replace(e, evidence=f"{e.evidence} (report {i}, {i * 7919 % 1000})")
        for i in range(400)
        for e in events
    ]
    path = tmp_path / "large.html"
    map_from_events(many, offline=True).save(path)
    assert "borderlens.unpack({" not in path.read_text(encoding="utf-8")  # packed, not plain JSON
    open_map(offline_page, path)
    assert_no_console_errors(offline_page)
    layers = offline_page.evaluate(LAYER_COUNTS)
    assert sum(layer["count"] for layer in layers) == len(many)
    assert all(layer["markers"] + layer["areaEvents"] == layer["count"] - layer["unplaced"] for layer in layers)


def test_the_embed_snippet_works_inside_another_page(
    offline_page: Any, tmp_path: Path, assert_no_console_errors: Callable[..., None]
) -> None:
    events = events_from_documents(documents_from_paths([sample_corpus_path()]))
    snippet = map_from_events(events, offline=True).iframe(height=500)
    host = tmp_path / "host.html"
    host.write_text(
        f"<!doctype html><html><body><h1>Weekly brief</h1><p>Before.</p>{snippet}<p>After.</p></body></html>",
        encoding="utf-8",
    )
    offline_page.open_html(host)
    frame = offline_page.frame_locator("iframe")
    frame.locator(READY).wait_for(state="attached", timeout=30_000)
    assert frame.locator(".bl-marker, .bl-cluster").count() >= 3
    assert offline_page.locator("h1").inner_text() == "Weekly brief"
    assert_no_console_errors(offline_page)
    assert offline_page.blocked == []
