"""Static map images: A4 size, real content in the event colours, valid SVG, byte-identical, hostile text."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from gazetteer import Gazetteer
from geo.documents import documents_from_paths, sample_corpus_path
from geo.events import events_from_document, events_from_documents
from geo.model import Document, Event
from maps.event_layers import EVENT_LAYERS
from maps.image import DPI, SIZES, static_image, static_map

ROOT = Path(__file__).resolve().parents[1]
HOSTILE_TITLE = '<script>alert("t")</script> $\\frac{1}{ & "quotes" <img src=x onerror=alert(1)> ' + "long " * 80


@pytest.fixture(scope="module")
def sample_events() -> list[Event]:
    return events_from_documents(documents_from_paths([sample_corpus_path()]))


@pytest.fixture(scope="module")
def sample_png(sample_events: list[Event], tmp_path_factory: pytest.TempPathFactory) -> Path:
    return static_map(sample_events, tmp_path_factory.mktemp("static") / "map.png", title="Sample corpus")


def _rgb(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


@pytest.mark.parametrize(("size", "name"), [("a4-landscape", "land.png"), ("a4-portrait", "port.png")])
def test_png_is_a4_at_the_chosen_dpi(sample_events: list[Event], tmp_path: Path, size: str, name: str) -> None:
    path = static_map(sample_events, tmp_path / name, size=size)  # type: ignore[arg-type]
    width_mm, height_mm = SIZES[size]
    with Image.open(path) as image:
        width, height = image.size
        assert image.info.get("dpi") and round(image.info["dpi"][0]) == DPI
    assert abs(width - width_mm / 25.4 * DPI) <= 1 and abs(height - height_mm / 25.4 * DPI) <= 1
    assert path.stat().st_size < 3_000_000  # print-sharp, still a reasonable attachment


def test_png_shows_the_map_in_the_event_colours(sample_png: Path) -> None:
    with Image.open(sample_png) as image:
        pixels = np.asarray(image.convert("RGB")).reshape(-1, 3)
    colours, counts = np.unique(pixels, axis=0, return_counts=True)
    found = {tuple(int(v) for v in c): int(n) for c, n in zip(colours, counts, strict=True)}
    assert len(found) > 200  # land, sea, lines, markers, text: far from blank
    assert found.get((255, 255, 255), 0) < pixels.shape[0] * 0.5
    for layer in EVENT_LAYERS:  # every layer of the sample has a filled marker in its own colour
        assert found.get(_rgb(layer.color), 0) > 50, layer.key
    assert found.get(_rgb("#f4f1ea"), 0) > pixels.shape[0] * 0.1  # the land
    assert found.get(_rgb("#dfe9f2"), 0) > 1000  # the Caspian Sea


def test_svg_is_xml_with_a4_size(sample_events: list[Event], tmp_path: Path) -> None:
    path = static_map(sample_events, tmp_path / "map.svg", title="Sample corpus")
    root = ET.fromstring(path.read_bytes())
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("width") == "841.889764pt" and root.get("height") == "595.275591pt"
    assert root.find("{http://www.w3.org/2000/svg}title") is not None


@pytest.mark.parametrize("suffix", ["png", "svg"])
def test_same_events_give_byte_identical_files(sample_events: list[Event], tmp_path: Path, suffix: str) -> None:
    first = static_map(sample_events, tmp_path / f"a.{suffix}", title="T", size="a4-portrait")
    second = static_map(sample_events, tmp_path / f"b.{suffix}", title="T", size="a4-portrait")
    assert first.read_bytes() == second.read_bytes()
    assert b"Matplotlib" not in first.read_bytes() and b"dc:date" not in first.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"a.{suffix}", f"b.{suffix}"]  # no temporary left


def test_hostile_text_is_drawn_as_text(tmp_path: Path) -> None:
    gaz = Gazetteer.load()
    doc = Document(
        "hostile",
        "Iranian drones struck Koya on Monday <script>alert(1)</script> $x^2$ killing two.",
        title=HOSTILE_TITLE,
        published=date(2022, 11, 16),
        outlet='<img src=x onerror="alert(1)">',
        url="javascript:alert(1)",
    )
    events = events_from_document(doc, gaz)
    assert events
    svg = static_map(events, tmp_path / "hostile.svg", title=HOSTILE_TITLE, gazetteer=gaz).read_bytes()
    root = ET.fromstring(svg)
    assert not list(root.iter("{http://www.w3.org/2000/svg}script"))
    assert not list(root.iter("{http://www.w3.org/2000/svg}image"))
    assert b"<script" not in svg and b"&lt;script&gt;" in svg  # only in the escaped <title>
    png = static_map(events, tmp_path / "hostile.png", title=HOSTILE_TITLE, gazetteer=gaz)
    assert png.read_bytes().startswith(b"\x89PNG")


def test_no_events_draws_the_region(tmp_path: Path) -> None:
    path = static_map([], tmp_path / "empty.png")
    with Image.open(path) as image:
        assert len(np.unique(np.asarray(image.convert("RGB")).reshape(-1, 3), axis=0)) > 50


def test_bad_suffix_or_size_is_refused(sample_events: list[Event], tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"\.png or \.svg"):
        static_map(sample_events, tmp_path / "map.jpg")
    with pytest.raises(ValueError, match="a4-landscape"):
        static_map(sample_events, tmp_path / "map.png", size="letter")  # type: ignore[arg-type]
    assert not list(tmp_path.iterdir())


def test_small_custom_size_for_reports(sample_events: list[Event]) -> None:
    data = static_image(sample_events, fmt="png", size=(180, 200), dpi=100, header=False)
    assert data.startswith(b"\x89PNG")


def test_importing_sets_no_backend() -> None:
    code = "import sys, maps.image, maps.report; print('matplotlib' in sys.modules, 'matplotlib.pyplot' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
