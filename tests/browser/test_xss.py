"""No script from input ever runs: every map and report variant, built by the real commands from hostile
articles (text, titles, outlets, URLs) and curated records (notes, place names, actors, sources).

Each page is opened in headless Chromium with the network cut off; every popup and tooltip is opened.
The payloads would set ``window.__xss`` or open a dialog; neither may happen, in any frame, and every
payload must show as text. No link may carry a ``javascript:`` or ``data:`` URL, and no element may
carry an inline event handler.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from geo.cli import cli

READY = "body[data-borderlens=ready]"

# Opens every marker's and area's tooltip and popup (a marker hidden in a cluster is put on the map
# itself first); returns what each showed and the links in it.
OPEN_EVERYTHING = """() => {
  const seen = [];
  const read = (kind, overlay) => {
    const box = overlay && overlay.getElement();
    const node = box && (box.querySelector(".leaflet-popup-content") || box);  // not the popup's close link
    if (!node) { return; }
    seen.push({kind, text: node.innerText, html: node.innerHTML,
               hrefs: [...node.querySelectorAll("a")].map(a => a.getAttribute("href"))});
  };
  const open = (layer, map, at) => {
    const added = !layer._map;  // a marker inside a cluster: put it on the map itself to open it
    if (added) { layer.addTo(map); }
    layer.openTooltip(at); read("tooltip", layer.getTooltip()); layer.closeTooltip();
    layer.openPopup(at); read("popup", layer.getPopup()); layer.closePopup();
    if (added) { layer.remove(); }
  };
  for (const layer of window.borderlens.layers) {
    const map = layer.group._map || layer.areaLayer._map;
    for (const marker of layer.group.getLayers()) { open(marker, map, marker.getLatLng()); }
    for (const area of layer.areaLayer.getLayers()) { open(area, map, area.getBounds().getCenter()); }
  }
  return seen;
}"""

# Anything in a document that could run: inline handlers, links and frames with unsafe schemes.
UNSAFE = """() => {
  const bad = [];
  for (const node of document.querySelectorAll("*")) {
    for (const attr of node.attributes) {
      const value = attr.value.trim().toLowerCase();
      if (attr.name.toLowerCase().startsWith("on")) { bad.push(node.tagName + " " + attr.name); }
      if (["href", "src", "action", "formaction", "xlink:href"].includes(attr.name.toLowerCase())
          && /^(javascript|data|vbscript):/.test(value.replace(/[\\s\\x00-\\x1f]/g, ""))
          && !(node.tagName === "SCRIPT" || node.tagName === "LINK" || node.tagName === "IMG")) {
        bad.push(node.tagName + " " + attr.name + "=" + attr.value);
      }
    }
  }
  for (const img of document.querySelectorAll("img")) {
    if (img.getAttribute("src") === "x") { bad.push("IMG src=x"); }
  }
  return bad;
}"""


@pytest.fixture(scope="module")
def pages(hostile: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every variant, built by the borderlens commands: map, map --offline, map --embed in a host page, report."""
    folder = tmp_path_factory.mktemp("xss")
    articles, curated = hostile.write_inputs(folder)
    inputs = [str(articles), "--records", str(curated), "--title", hostile.strings[2]]
    runner = CliRunner()
    built = {
        "map": folder / "map.html",
        "map-offline": folder / "offline.html",
        "report": folder / "report.html",
        "embed": folder / "host.html",
    }
    for args in (
        ["map", *inputs, "-o", str(built["map"])],
        ["map", *inputs, "--offline", "-o", str(built["map-offline"])],
        ["report", *inputs, "-o", str(built["report"])],
    ):
        result = runner.invoke(cli, args, catch_exceptions=False)
        assert result.exit_code == 0, result.output
    snippet = runner.invoke(cli, ["map", *inputs, "--embed"], catch_exceptions=False)
    assert snippet.exit_code == 0, snippet.output
    built["embed"].write_text(
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>host</title></head><body><h1>host page</h1>"
        f"{snippet.stdout}</body></html>",
        encoding="utf-8",
    )
    return built


def _map_frame(page: Any, variant: str) -> Any:
    """The frame the map runs in: the page itself, or the iframe of the report or the embed snippet."""
    if variant.startswith("map"):
        return page.main_frame
    page.locator("iframe").first.wait_for(state="attached")
    frame = next(f for f in page.frames if f != page.main_frame)
    frame.wait_for_selector(READY, state="attached", timeout=30_000)
    return frame


@pytest.mark.parametrize("variant", ["map", "map-offline", "embed", "report"])
def test_no_payload_runs_and_every_one_shows_as_text(
    variant: str,
    offline_page: Any,
    pages: dict[str, Path],
    hostile: Any,
    assert_no_console_errors: Callable[..., None],
) -> None:
    dialogs: list[str] = []
    offline_page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    offline_page.open_html(pages[variant])
    if variant.startswith("map"):
        offline_page.wait_for_selector(READY, state="attached", timeout=30_000)
    frame = _map_frame(offline_page.page, variant)

    shown = frame.evaluate(OPEN_EVERYTHING)
    popups = [s for s in shown if s["kind"] == "popup"]
    tooltips = [s for s in shown if s["kind"] == "tooltip"]
    events = 3 + len(hostile.curated)  # one event per hostile article, one per curated record
    assert len(popups) >= events - 1 and tooltips, shown  # an area popup may hold two events
    popup_text = "\n".join(s["text"] for s in popups)
    tooltip_text = "\n".join(s["text"] for s in tooltips)
    seen_text = popup_text + "\n" + tooltip_text
    if variant == "report":
        seen_text += "\n" + offline_page.locator(".bl-report").inner_text()
    for payload in hostile.literal:
        assert payload in seen_text, f"{payload!r} is not shown as text in the {variant}"
    assert hostile.curated[0]["location"] in tooltip_text, tooltip_text  # a curated place name, as text
    for s in shown:
        for href in s["hrefs"]:
            assert href.startswith("https://"), f"unsafe link {href!r} in a {s['kind']}"
        assert "<svg" not in s["html"] and "<img" not in s["html"] and "<script" not in s["html"], s["html"]

    for each in offline_page.page.frames:
        assert each.evaluate("() => window.__xss") is None, f"a payload ran in {each.url[:60]}"
        assert each.evaluate(UNSAFE) == [], each.url[:60]
    assert dialogs == []
    assert not [url for url in offline_page.requests if url.endswith("/x")]  # <img src=x> never loaded
    title = hostile.strings[2]
    if variant in ("map", "map-offline"):
        assert offline_page.title() == title
        assert offline_page.locator(".bl-title").inner_text() == title
    if variant == "report":
        assert offline_page.locator("h1").inner_text() == title
        links = offline_page.locator("a[href]").evaluate_all("as => as.map(a => a.href)")
        assert all(href.startswith("https://") for href in links), links
    allow = [r"ERR_INTERNET_DISCONNECTED"] if variant == "map" else []  # tiles, cut off on purpose
    assert_no_console_errors(offline_page, allow=allow)
