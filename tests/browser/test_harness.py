"""The browser harness itself, on tiny self-contained pages (nothing here depends on maps/)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

pytestmark = pytest.mark.browser

DRAWING = """<!doctype html>
<html><head><meta charset="utf-8"><title>harness</title>
<style>body { margin: 0; background: #fff; font: 16px sans-serif; }</style></head>
<body>
<h1 id="title">waiting</h1>
<canvas id="c" width="400" height="300"></canvas>
<button id="go">go</button>
<ul id="log"></ul>
<script>
  const ctx = document.getElementById("c").getContext("2d");
  ctx.fillStyle = "#c0392b";
  ctx.fillRect(0, 0, 200, 100);
  ctx.beginPath();
  ctx.arc(300, 200, 60, 0, 2 * Math.PI);
  ctx.fillStyle = "#2980b9";
  ctx.fill();
  document.getElementById("title").textContent = "drawn";
  document.getElementById("go").addEventListener("click", () => {
    const li = document.createElement("li");
    li.textContent = "clicked";
    document.getElementById("log").appendChild(li);
  });
</script>
</body></html>
"""

EXTERNAL = """<!doctype html>
<html><head><meta charset="utf-8"><title>external</title>
<script src="https://example.com/x.js" onerror="document.documentElement.dataset.script = 'failed'"></script>
</head>
<body><p id="p">local text</p>
<script>
  fetch("https://tiles.example.org/0/0/0.png")
    .then(() => { document.body.dataset.fetch = "ok"; })
    .catch(() => { document.body.dataset.fetch = "failed"; });
</script>
</body></html>
"""

THROWS = """<!doctype html>
<html><body><p>about to fail</p>
<script>console.error("something is off");</script>
<script>throw new Error("boom from the page");</script>
</body></html>
"""


def _write(folder: Path, name: str, html: str) -> Path:
    path = folder / name
    path.write_text(html, encoding="utf-8")
    return path


def test_a_local_page_runs_its_script_with_no_errors_and_no_network(page, tmp_path, assert_no_console_errors):
    html = _write(tmp_path, "drawing.html", DRAWING)
    page.open_html(html)
    assert page.locator("#title").text_content() == "drawn"
    assert page.requests == [html.resolve().as_uri()]
    assert page.external_requests == []
    assert page.page_errors == []
    assert_no_console_errors(page)


def test_open_html_refuses_a_missing_file(page, tmp_path):
    with pytest.raises(FileNotFoundError, match=r"missing\.html"):
        page.open_html(tmp_path / "missing.html")


def test_console_errors_and_thrown_exceptions_are_reported(page, tmp_path, assert_no_console_errors):
    page.open_html(_write(tmp_path, "throws.html", THROWS))
    assert page.page_errors == ["Error: boom from the page"]
    assert [e.text for e in page.console_errors] == ["something is off"]
    with pytest.raises(pytest.fail.Exception) as failed:
        assert_no_console_errors(page)
    message = str(failed.value)
    assert "boom from the page" in message
    assert "something is off" in message
    # An explicit allowance lets the console error through, never the exception, and says so.
    with pytest.raises(pytest.fail.Exception) as failed:
        assert_no_console_errors(page, allow=[r"something is off"])
    message = str(failed.value)
    assert "1 error(s)" in message
    assert "boom from the page" in message
    assert "allowed: allow='something is off'" in message


def test_the_offline_page_blocks_and_records_every_request_to_a_host(offline_page, tmp_path, assert_no_console_errors):
    html = _write(tmp_path, "external.html", EXTERNAL)
    offline_page.open_html(html)
    offline_page.wait_for_function("document.body.dataset.fetch !== undefined")
    assert offline_page.locator("#p").text_content() == "local text"
    assert offline_page.evaluate("document.documentElement.dataset.script") == "failed"
    assert offline_page.evaluate("document.body.dataset.fetch") == "failed"
    external = ["https://example.com/x.js", "https://tiles.example.org/0/0/0.png"]
    assert sorted(offline_page.blocked) == external
    assert sorted(offline_page.external_requests) == external
    assert offline_page.requests[0] == html.resolve().as_uri()
    with pytest.raises(pytest.fail.Exception, match=r"example\.com/x\.js"):
        assert_no_console_errors(offline_page)


def test_the_offline_page_lets_a_self_contained_page_through(offline_page, tmp_path, assert_no_console_errors):
    offline_page.open_html(_write(tmp_path, "drawing.html", DRAWING))
    assert offline_page.locator("#title").text_content() == "drawn"
    assert offline_page.blocked == []
    assert offline_page.external_requests == []
    assert_no_console_errors(offline_page)


def test_a_screenshot_is_a_valid_png_of_what_was_drawn(page, tmp_path, artifacts, read_png):
    page.open_html(_write(tmp_path, "drawing.html", DRAWING))
    shot = artifacts / "harness-drawing.png"
    shot.unlink(missing_ok=True)
    page.screenshot(path=shot, full_page=False)
    assert shot.is_file()
    assert shot.parent == Path(__file__).resolve().parents[2] / "artifacts" / "browser"
    pixels = read_png(shot)
    assert pixels.shape[:2] == (900, 1280)
    rgb = pixels[..., :3].astype(int)
    colours = np.unique((rgb[..., 0] << 16) | (rgb[..., 1] << 8) | rgb[..., 2])
    assert len(colours) > 2, "the screenshot is blank"
    # The canvas follows the <h1>; find its red rectangle and blue disc by colour.
    red = np.all(np.abs(rgb - [0xC0, 0x39, 0x2B]) <= 2, axis=-1)
    blue = np.all(np.abs(rgb - [0x29, 0x80, 0xB9]) <= 2, axis=-1)
    assert 19_000 <= red.sum() <= 20_100  # 200 x 100
    assert 10_500 <= blue.sum() <= 11_700  # pi x 60^2 ~ 11,310
    top, left = np.argwhere(red).min(axis=0)
    assert left == 0 and top > 20  # below the heading


def test_read_png_rejects_a_damaged_file(page, tmp_path, read_png):
    page.open_html(_write(tmp_path, "drawing.html", DRAWING))
    good = tmp_path / "good.png"
    page.screenshot(path=good)
    damaged = tmp_path / "damaged.png"
    data = bytearray(good.read_bytes())
    data[len(data) // 2] ^= 0xFF
    damaged.write_bytes(bytes(data))
    with pytest.raises(ValueError, match="CRC"):
        read_png(damaged)
    (tmp_path / "not.png").write_bytes(b"GIF89a")
    with pytest.raises(ValueError, match="not a PNG"):
        read_png(tmp_path / "not.png")


def test_a_click_changes_the_dom(page, tmp_path, assert_no_console_errors):
    page.open_html(_write(tmp_path, "drawing.html", DRAWING))
    assert page.locator("#log li").count() == 0
    page.click("#go")
    page.locator("#go").click()
    assert page.locator("#log li").all_text_contents() == ["clicked", "clicked"]
    assert_no_console_errors(page)
