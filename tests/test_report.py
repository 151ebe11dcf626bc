"""The report page as text: self-contained, deterministic, escaped; the same from events, records or GeoJSON."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from gazetteer import Gazetteer
from geo.documents import documents_from_paths, sample_corpus_path
from geo.events import events_from_document, events_from_documents
from geo.export import write_geojson
from geo.model import Document, Event
from geo.records import records_from_events
from maps.report import report_from_events, save_report


@pytest.fixture(scope="module")
def sample_events() -> list[Event]:
    return events_from_documents(documents_from_paths([sample_corpus_path()]))


@pytest.fixture(scope="module")
def sample_page(sample_events: list[Event]) -> str:
    return report_from_events(sample_events, title="Sample corpus")


def test_page_is_self_contained(sample_page: str, sample_events: list[Event]) -> None:
    assert "<script" not in sample_page.lower()  # the map's scripts live in the escaped srcdoc only
    assert 'http-equiv="Content-Security-Policy"' in sample_page and "default-src &#x27;none&#x27;" in sample_page
    for attribute in re.findall(r'\s(?:src|href)="([^"]*)"', sample_page):
        assert attribute.startswith(("data:image/png;base64,", "https://example.org/")), attribute[:60]
    assert len(re.findall(r'<a [^>]*href="https://', sample_page)) >= 15  # only the source links
    assert sample_page.count('<li class="bl-event ') == len(sample_events) > 10


def test_same_events_give_the_same_page(sample_events: list[Event], sample_page: str, tmp_path: Path) -> None:
    path = save_report(sample_events, tmp_path / "report.html", title="Sample corpus")
    assert path.read_text(encoding="utf-8") == sample_page
    assert report_from_events(records_from_events(sample_events), title="Sample corpus") == sample_page
    geojson = tmp_path / "events.geojson"
    write_geojson(records_from_events(sample_events), geojson)
    from_file = report_from_events(geojson, title="Sample corpus")
    assert from_file.count('<li class="bl-event ') == len(sample_events)


def test_article_text_is_escaped_and_javascript_urls_are_not_links(tmp_path: Path) -> None:
    gaz = Gazetteer.load()
    hostile = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    doc = Document(
        "hostile",
        f"Iranian drones struck Koya on Monday {hostile} killing two.",
        title=hostile,
        published=date(2022, 11, 16),
        outlet=hostile,
        url="  JaVaScRiPt:alert(3)",
    )
    page = report_from_events(events_from_document(doc, gaz), title=hostile, gazetteer=gaz)
    assert "<script" not in page.lower() and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert not re.search(r'href="\s*javascript', page, re.IGNORECASE)
