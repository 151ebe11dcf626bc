"""Static map images (PNG or SVG) of the interactive map's layers, for PDF and Word reports.

Drawn offline with geopandas and matplotlib from the bundled gazetteer: the
country shapes as the base, Iraq's governorates and Iran's provinces, the
Kurdistan Region and the Iran–Iraq border, then the events as markers in the
interactive map's colours and letters (S, M, B). Events placed only in a
region, a province or on the border (precision 3) are drawn as that area or
line, dashed and lightly filled. A legend with counts, the title, a scale bar,
a graticule and the data attribution complete the page.

Matplotlib is used through its object API with an Agg canvas made inside the
call: importing this module changes no global backend, and nothing is drawn
through ``pyplot``. The same events give byte-identical files (no dates, no
software version, a fixed SVG id salt), written atomically.
"""

from __future__ import annotations

import io
import threading
from pathlib import Path
from typing import Any, Literal

from gazetteer import ATTRIBUTION, Gazetteer
from geo.atomic import atomic_write_bytes
from maps._image_events import NEEDED, Events
from maps._image_legend import INK, MUTED, Section, draw_legend, legend_sections, section_heights
from maps._image_map import MapPanel
from maps._summary import count_label, date_span, type_counts
from maps.event_layers import EVENT_LAYERS
from maps.render import columns_from_events

__all__ = ["DPI", "SIZES", "static_image", "static_map"]

#: Page sizes in millimetres (width, height).
SIZES: dict[str, tuple[float, float]] = {"a4-landscape": (297.0, 210.0), "a4-portrait": (210.0, 297.0)}
#: PNG resolution: print quality on A4 (3508 x 2480 pixels); the flat colours keep the file near 1 MB.
DPI = 300
Size = Literal["a4-landscape", "a4-portrait"]

_RC: dict[Any, Any] = {
    "svg.hashsalt": "borderlens",  # clip-path and glyph ids from a fixed salt, not a random one
    "svg.fonttype": "path",  # text drawn as shapes: the file looks the same without DejaVu installed
    "font.family": "DejaVu Sans",  # shipped with matplotlib: the same glyphs on every machine
    "axes.linewidth": 0.6,
    "hatch.linewidth": 0.5,
}
_LOCK = threading.Lock()  # rc_context is process-wide


def static_map(
    events: Any,
    path: str | Path,
    *,
    title: str | None = None,
    gazetteer: Gazetteer | None = None,
    size: Size = "a4-landscape",
) -> Path:
    """Write a static map of events to ``path``: PNG or SVG, by the file's suffix.

    Parameters
    ----------
    events
        Events, their records GeoDataFrame, or an events GeoJSON path, as for
        :func:`maps.map_from_events`.
    path
        Where to write: ``.png`` (A4 at :data:`DPI` dots per inch) or ``.svg``.
    title
        Printed above the map (as text; ``$`` is not maths).
    size
        ``"a4-landscape"`` (legend beside the map) or ``"a4-portrait"`` (legend below).

    Returns
    -------
    Path
        The path written.
    """
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in ("png", "svg"):
        raise ValueError(f"cannot write a static map as {path.name!r}: name a .png or .svg file")
    if size not in SIZES:
        raise ValueError(f"size {size!r} is not one of {', '.join(map(repr, SIZES))}")
    data = static_image(events, fmt=fmt, title=title, gazetteer=gazetteer, size=SIZES[size])
    atomic_write_bytes(path, data)
    return path


def static_image(
    events: Any,
    *,
    fmt: Literal["png", "svg"] | str = "png",
    title: str | None = None,
    gazetteer: Gazetteer | None = None,
    size: tuple[float, float] = SIZES["a4-landscape"],
    dpi: int = DPI,
    header: bool = True,
) -> bytes:
    """The static map as PNG or SVG bytes; ``size`` is (width, height) in millimetres.

    A page wider than tall has the legend beside the map, otherwise below it.
    ``header=False`` leaves out the title and the counts line (a report prints its own).
    """
    from matplotlib import rc_context
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    gaz = gazetteer or Gazetteer.load()
    columns = columns_from_events(events, gaz)
    width, height = size[0] / 25.4, size[1] / 25.4
    with _LOCK, rc_context(_RC):
        figure = Figure(figsize=(width, height), dpi=dpi, facecolor="white")
        FigureCanvasAgg(figure)  # the Agg canvas, for this figure only; no global backend is set
        _Page(figure, columns, gaz, title, header=header).draw()
        out = io.BytesIO()
        if fmt == "svg":
            figure.savefig(
                out, format="svg", metadata={"Date": None, "Creator": None, **({"Title": title} if title else {})}
            )
        elif fmt == "png":
            figure.savefig(out, format="png", dpi=dpi, metadata={"Software": None})
        else:
            raise ValueError(f"format {fmt!r} is not 'png' or 'svg'")
    return out.getvalue()


class _Page:
    """One page: title, the map, the legend panel, the footer. Lengths in inches unless named."""

    def __init__(
        self, figure: Any, columns: dict[str, list[Any]], gaz: Gazetteer, title: str | None, *, header: bool
    ) -> None:
        self.fig, self.gaz, self.title, self.header = figure, gaz, title, header
        size = len(next(iter(columns.values()), []))
        self.col = {name: columns.get(name) or [None] * size for name in NEEDED}
        self.width, self.height = (float(v) for v in figure.get_size_inches())
        self.landscape = self.width >= self.height

    # -- layout ------------------------------------------------------------------------------------
    def draw(self) -> None:
        margin, foot = 0.4, 0.42
        head = 0.78 if self.header else 0.1
        self.events = Events(self.col, self.gaz)
        if self.landscape:
            panel = min(2.6, 0.27 * self.width)
            height = self.height - head - foot - 0.35
            map_box = (margin + 0.25, foot + 0.2, self.width - 2 * margin - panel - 0.45, height)
            panel_box = (self.width - margin - panel, foot + 0.2, panel, height)
        else:
            panel = max(section_heights(self._legend())) / 72
            height = self.height - head - foot - panel - 0.7
            map_box = (margin + 0.3, foot + panel + 0.45, self.width - 2 * margin - 0.3, height)
            panel_box = (margin, foot + 0.15, self.width - 2 * margin, panel)
        self.renderer = self.fig.canvas.get_renderer()
        if self.header:
            self._header(margin)
        ax = self.fig.add_axes(self._fraction(map_box))
        MapPanel(self.fig, self.gaz, self.events, self.renderer).draw(ax, map_box)
        panel_ax = self.fig.add_axes(self._fraction(panel_box))
        draw_legend(panel_ax, panel_box[2] * 72, panel_box[3] * 72, self._legend(), stacked=self.landscape)
        self._footer(margin)

    def _legend(self) -> list[Section]:
        return legend_sections(type_counts(self.col["event_type"]), self.events.unplaced)

    def _fraction(self, box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        x, y, w, h = box
        return x / self.width, y / self.height, w / self.width, h / self.height

    def _fitted_text(self, x: float, y: float, text: str, size: float, smallest: float, **style: Any) -> None:
        """Text at (x, y) inches from the top left, made smaller, then shorter, until it fits the page width."""
        room = (self.width - 2 * x) * self.fig.dpi
        label = self.fig.text(
            x / self.width, 1 - y / self.height, text, fontsize=size, va="top", parse_math=False, **style
        )
        width = label.get_window_extent(self.renderer).width
        if width > room:
            label.set_fontsize(max(smallest, size * room / width))
        while label.get_window_extent(self.renderer).width > room and len(text) > 8:
            text = _clip(text, len(text) - max(4, len(text) // 10))
            label.set_text(text)

    def _header(self, margin: float) -> None:
        self._fitted_text(margin, margin * 0.8, self.title or "borderlens map", 16, 10, fontweight="bold", color=INK)
        counts = type_counts(self.col["event_type"])
        parts = [count_label(sum(counts), "event", "events")]
        span = date_span(self.col["event_date"])
        if span:
            parts.append(span)
        parts += [count_label(n, layer.label_one.lower(), layer.label_many.lower()) for layer, n in _layered(counts)]
        self._fitted_text(margin, margin * 0.8 + 0.36, " · ".join(parts), 9.5, 7, color=MUTED)

    def _footer(self, margin: float) -> None:
        y = margin * 0.55 / self.height
        credit = "Made with borderlens · longitude/latitude (WGS 84)"
        self.fig.text(margin / self.width, y, ATTRIBUTION, fontsize=6.5, color=MUTED, parse_math=False)
        if self.landscape and self.width > 9:
            self.fig.text(1 - margin / self.width, y, credit, fontsize=6.5, color=MUTED, ha="right")
        else:
            self.fig.text(margin / self.width, y + 0.14 / self.height, credit, fontsize=6.5, color=MUTED)


def _layered(counts: list[int]) -> list[tuple[Any, int]]:
    return [(layer, n) for layer, n in zip(EVENT_LAYERS, counts, strict=True) if n]


def _clip(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: max(1, limit - 1)].rstrip() + "…"
