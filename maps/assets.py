"""Scripts and stylesheets a map needs: Leaflet, Leaflet.markercluster and borderlens' own.

All are inlined, always, from installed packages (XStatic-Leaflet,
XStatic-Leaflet-MarkerCluster) and ``static/``; the images Leaflet's stylesheet
points to become ``data:`` URIs. A map therefore draws its events with no
network at all; only the optional tile base layer needs one.
"""

from __future__ import annotations

import base64
import functools
import re
from importlib import resources
from pathlib import Path

__all__ = ["Asset", "assets", "inline_tag"]

_STATIC = Path(__file__).parent / "static"


class Asset:
    """One script or stylesheet: a URL to link, or text to inline."""

    def __init__(self, kind: str, *, url: str | None = None, text: str | None = None) -> None:
        self.kind, self.url, self.text = kind, url, text

    def tag(self) -> str:
        if self.text is not None:
            return inline_tag(self.kind, self.text)
        if self.kind == "js":
            return f'<script src="{self.url}"></script>'
        return f'<link rel="stylesheet" href="{self.url}"/>'


def inline_tag(kind: str, text: str) -> str:
    """A ``<script>`` or ``<style>`` element holding ``text`` (which must not close it early)."""
    closing = "</script" if kind == "js" else "</style"
    if closing in text.lower():
        raise ValueError(f"inline {kind} contains {closing!r}")
    return f"<script>{text}</script>" if kind == "js" else f"<style>{text}</style>"


def _xstatic_dir(package: str) -> Path:
    module = resources.files(f"xstatic.pkg.{package}")
    return Path(str(module)) / "data"


@functools.lru_cache(maxsize=1)
def _leaflet_css_inline() -> str:
    folder = _xstatic_dir("leaflet")
    css = (folder / "leaflet.css").read_text(encoding="utf-8")

    def data_uri(match: re.Match[str]) -> str:
        image = folder / match.group(1)
        encoded = base64.b64encode(image.read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{encoded})"

    return re.sub(r"url\((images/[\w.-]+\.png)\)", data_uri, css)


@functools.lru_cache(maxsize=1)
def assets() -> tuple[Asset, ...]:
    """The page's scripts and stylesheets, inlined, in load order."""
    leaflet, cluster = _xstatic_dir("leaflet"), _xstatic_dir("leaflet_markercluster")
    return (
        Asset("css", text=_leaflet_css_inline()),
        Asset("css", text=(cluster / "MarkerCluster.css").read_text(encoding="utf-8")),
        Asset("css", text=(_STATIC / "borderlens.css").read_text(encoding="utf-8")),
        Asset("js", text=(leaflet / "leaflet.js").read_text(encoding="utf-8")),
        Asset("js", text=(cluster / "leaflet.markercluster.js").read_text(encoding="utf-8")),
        Asset("js", text=(_STATIC / "borderlens.js").read_text(encoding="utf-8")),
    )
