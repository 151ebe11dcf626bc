"""The report as a person sees it, in headless Chromium with the network cut off: on screen and printed."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from geo.documents import documents_from_paths, sample_corpus_path
from geo.events import events_from_documents
from geo.model import Event
from maps.image import static_map
from maps.report import PRINT_MAP_DPI, PRINT_MAP_MM, save_report

READY = "body[data-borderlens=ready]"
FRAME = "iframe.bl-map-frame"


@pytest.fixture(scope="module")
def sample_events() -> list[Event]:
    return events_from_documents(documents_from_paths([sample_corpus_path()]))


@pytest.fixture(scope="module")
def sample_report(sample_events: list[Event], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    return save_report(sample_events, path, title="Iran–Iraq border: strikes, meetings and border control")


def open_report(page: Any, path: Path) -> Any:
    """Open the report and wait for its embedded map to be ready; returns the map's frame locator."""
    page.open_html(path)
    frame = page.frame_locator(FRAME)
    frame.locator(READY).wait_for(state="attached", timeout=30_000)
    return frame


def test_report_opens_offline_with_map_chart_and_every_event(
    offline_page: Any,
    sample_events: list[Event],
    sample_report: Path,
    artifacts: Path,
    assert_no_console_errors: Callable[..., None],
    read_png: Callable[[Path], np.ndarray],
) -> None:
    frame = open_report(offline_page, sample_report)
    assert_no_console_errors(offline_page)
    assert offline_page.blocked == [] and offline_page.external_requests == []
    frame.locator(".bl-marker, .bl-cluster").first.wait_for()  # clusters load in chunks, after "ready"
    assert frame.locator(".bl-marker, .bl-cluster").count() >= 3
    assert frame.locator(".leaflet-overlay-pane path").count() > 50  # countries, admin areas, the border
    charts = offline_page.locator(".bl-chart svg.bl-svg")
    assert charts.count() == 3
    for i in range(3):
        box = charts.nth(i).bounding_box()
        assert charts.nth(i).is_visible() and box is not None and box["height"] > 40
    assert offline_page.locator(".bl-chart rect").count() >= 8
    items = offline_page.locator("ol.bl-events > li.bl-event")
    assert items.count() == len(sample_events) > 10
    assert (
        offline_page.locator(".bl-facts")
        .inner_text()
        .startswith(f"{len(sample_events)} events · 11 Sep 2021 – 19 Sep 2023")
    )
    assert offline_page.locator(".bl-print-map").is_hidden()
    links = offline_page.locator(".bl-events a[href]")
    assert links.count() >= len(sample_events)
    assert all(href.startswith("https://") for href in links.evaluate_all("as => as.map(a => a.href)"))
    shot = artifacts / "report.png"
    offline_page.screenshot(path=str(shot), full_page=True)
    pixels = read_png(shot)
    assert pixels.shape[1] == 1280 and pixels.shape[0] > 2000
    static = static_map(sample_events, artifacts / "static-map.png", title="Iran–Iraq border: sample corpus")
    assert static.stat().st_size > 100_000


def test_printed_report_shows_the_static_map_instead_of_the_live_one(
    offline_page: Any, sample_report: Path, artifacts: Path, assert_no_console_errors: Callable[..., None]
) -> None:
    open_report(offline_page, sample_report)
    offline_page.emulate_media(media="print")
    assert offline_page.locator(".bl-live-map").is_hidden()
    image = offline_page.locator("img.bl-print-map")
    assert image.is_visible()
    natural = image.evaluate("img => [img.complete, img.naturalWidth, img.naturalHeight]")
    assert natural[0] and abs(natural[1] - PRINT_MAP_MM[0] / 25.4 * PRINT_MAP_DPI) <= 1
    assert image.get_attribute("src").startswith("data:image/png;base64,")
    offline_page.screenshot(path=str(artifacts / "report-print.png"), full_page=True)
    pdf = offline_page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF") and len(pdf) > 100_000  # prints, with the map image in it
    assert_no_console_errors(offline_page)
    assert offline_page.external_requests == []


@pytest.fixture
def hostile_report(hostile: Any, tmp_path: Path) -> Path:
    return save_report(hostile.events, tmp_path / "hostile.html", title=hostile.strings[2], gazetteer=hostile.gazetteer)


def test_text_from_articles_is_shown_literally_and_never_runs(
    offline_page: Any, hostile_report: Path, hostile: Any, assert_no_console_errors: Callable[..., None]
) -> None:
    dialogs: list[str] = []
    offline_page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_report(offline_page, hostile_report)
    assert offline_page.title() == hostile.strings[2]
    assert offline_page.locator("h1").inner_text() == hostile.strings[2]
    event = offline_page.locator("li.bl-event").first
    text = event.inner_text()
    for payload in hostile.strings:
        assert payload in text
    assert "javascript:alert(1)" in event.locator(".bl-url").inner_text()  # shown, as text
    assert offline_page.locator("a[href^='javascript' i]").count() == 0
    assert event.locator("a").count() == 0
    assert offline_page.locator(".bl-report script, .bl-report svg[onload], img[onerror]").count() == 0
    assert offline_page.evaluate("() => window.__xss") is None
    map_frame = next(f for f in offline_page.frames if f != offline_page.main_frame)
    assert map_frame.evaluate("() => window.__xss") is None
    assert dialogs == []
    assert_no_console_errors(offline_page)
    assert offline_page.external_requests == []


def test_report_file_can_be_copied_and_opened_alone(
    offline_page: Any, sample_report: Path, tmp_path: Path, assert_no_console_errors: Callable[..., None]
) -> None:
    lone = tmp_path / "elsewhere" / "copy.html"
    lone.parent.mkdir()
    shutil.copy(sample_report, lone)
    open_report(offline_page, lone)
    fetched = [url for url in offline_page.requests if not url.startswith(("data:", "about:"))]
    assert fetched == [lone.as_uri()]  # one file, nothing else fetched
    assert_no_console_errors(offline_page)
