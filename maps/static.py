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
import math
import threading
from pathlib import Path
from typing import Any, Literal

import shapely
from shapely.geometry.base import BaseGeometry

from gazetteer import ATTRIBUTION, Gazetteer
from geo.atomic import atomic_write_bytes
from maps._static_events import NEEDED, Events, anchors, fit
from maps._static_legend import (
    ADMIN_DASH,
    ADMIN_EDGE,
    BORDER,
    DASH,
    INK,
    KRI_EDGE,
    KRI_FILL,
    LAND,
    LAND_EDGE,
    MARKER_PT,
    MUTED,
    SEA,
    Section,
    draw_legend,
    legend_sections,
    rgba,
    section_heights,
)
from maps._summary import count_label, date_span, type_counts
from maps.event_layers import EVENT_LAYERS, geometry_kind
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
_LABELS = 16  # place names drawn at most (the busiest places first)


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
        self.obstacles: list[Any] = []  # display-space boxes labels must not cover

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
        self._map(ax, map_box)
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

    # -- the map -----------------------------------------------------------------------------------
    def _map(self, ax: Any, box: tuple[float, float, float, float]) -> None:
        west, south, east, north = fit(self.events.extent(), box[2], box[3])
        self.view = (west, south, east, north)
        self.km_per_degree = 111.32 * math.cos(math.radians((south + north) / 2))
        ax.set_xlim(west, east)
        ax.set_ylim(south, north)
        ax.set_facecolor(SEA)
        ax.set_axisbelow(False)
        tolerance = max(east - west, north - south) / 1500
        countries = [e for e in self.gaz if e.kind == "country"]
        self._areas(ax, countries, tolerance, facecolor=LAND, edgecolor=LAND_EDGE, linewidth=0.6, zorder=1)
        admin1 = sorted(
            (e for e in self.gaz if e.kind == "adm1" and e.country in ("IQ", "IR") and e.is_area), key=lambda e: e.id
        )
        self._areas(
            ax,
            admin1,
            tolerance,
            facecolor="none",
            edgecolor=ADMIN_EDGE,
            linewidth=0.45,
            linestyle=ADMIN_DASH,
            zorder=2,
        )
        kri = [self.gaz["region:kurdistan-region-iraq"]]
        self._areas(ax, kri, tolerance, facecolor=rgba(KRI_FILL, 0.3), edgecolor=KRI_EDGE, linewidth=1.3, zorder=3)
        self._lines(ax, [self.gaz["border:iran-iraq"].geometry], tolerance, color=BORDER, linewidth=2.2, zorder=4)
        self._event_areas(ax, tolerance)
        self._graticule(ax)
        self._markers(ax)
        self._scale_bar(ax)
        self._labels(ax, countries, admin1)

    def _clipped(self, geometry: BaseGeometry, tolerance: float) -> BaseGeometry | None:
        west, south, east, north = self.view
        dx, dy = (east - west) * 0.05, (north - south) * 0.05
        box = shapely.box(west - dx, south - dy, east + dx, north + dy)
        if not geometry.intersects(box):
            return None
        clipped = shapely.clip_by_rect(geometry, west - dx, south - dy, east + dx, north + dy)
        clipped = shapely.simplify(clipped, tolerance, preserve_topology=True)
        return None if clipped.is_empty else clipped

    def _areas(self, ax: Any, entries: list[Any], tolerance: float, **style: Any) -> None:
        import geopandas as gpd

        shapes = [c for c in (self._clipped(e.geometry, tolerance) for e in entries) if c is not None]
        shapes = [s for s in shapes if geometry_kind(s) == "area"]
        if shapes:
            gpd.GeoSeries(shapes).plot(ax=ax, aspect=None, **style)

    def _lines(self, ax: Any, geometries: list[BaseGeometry], tolerance: float, **style: Any) -> None:
        import geopandas as gpd

        shapes = [c for c in (self._clipped(g, tolerance) for g in geometries) if c is not None]
        if shapes:
            gpd.GeoSeries(shapes).plot(ax=ax, aspect=None, capstyle="round", **style)

    def _event_areas(self, ax: Any, tolerance: float) -> None:
        import geopandas as gpd

        for index, layer in enumerate(EVENT_LAYERS):
            areas = [(g, n) for (kind, _), (g, n, _name) in self.events.areas.items() if kind == index]
            polygons: list[BaseGeometry] = []
            lines: list[BaseGeometry] = []
            for geometry, _count in areas:
                clipped = self._clipped(geometry, tolerance)
                if clipped is None:
                    continue
                (polygons if geometry_kind(clipped) == "area" else lines).append(clipped)
            if polygons:
                gpd.GeoSeries(polygons).plot(
                    ax=ax,
                    aspect=None,
                    facecolor=rgba(layer.color, 0.1),
                    edgecolor=rgba(layer.color, 0.8),
                    linewidth=1.5,
                    linestyle=DASH,
                    zorder=5,
                )
            if lines:
                gpd.GeoSeries(lines).plot(
                    ax=ax, aspect=None, color=rgba(layer.color, 0.85), linewidth=2.4, linestyle=DASH, zorder=5
                )

    def _graticule(self, ax: Any) -> None:
        from matplotlib.ticker import FuncFormatter, MultipleLocator

        west, south, east, north = self.view
        step = next(s for s in (0.25, 0.5, 1, 2, 5, 10, 20, 45) if max(east - west, north - south) / s <= 9)
        for axis, (pos, neg) in ((ax.xaxis, ("E", "W")), (ax.yaxis, ("N", "S"))):
            axis.set_major_locator(MultipleLocator(step))
            axis.set_major_formatter(
                FuncFormatter(lambda v, _p, pos=pos, neg=neg: f"{abs(v):g}°{pos if v >= 0 else neg}")
            )
        ax.set_xlabel("")
        ax.set_ylabel("")
        ax.tick_params(labelsize=6.5, colors=MUTED, length=2.5, width=0.5, direction="out", pad=2)
        ax.grid(True, color="#ffffff", linewidth=0.5, alpha=0.8, zorder=4.5)
        for spine in ax.spines.values():
            spine.set_edgecolor("#9a9a9a")

    def _markers(self, ax: Any) -> None:
        from matplotlib.patheffects import withStroke
        from matplotlib.transforms import Bbox, ScaledTranslation

        pixels = self.fig.dpi * MARKER_PT / 72
        halo = [withStroke(linewidth=2.2, foreground="white")]
        for (lat, lon), group in sorted(self.events.points.items()):
            keys = sorted(group)
            for slot, (kind, ring) in enumerate(keys):
                layer, count = EVENT_LAYERS[kind], group[(kind, ring)]
                shift = (slot - (len(keys) - 1) / 2) * MARKER_PT * 1.05 / 72
                where = ax.transData + ScaledTranslation(shift, 0, self.fig.dpi_scale_trans)
                ax.plot(
                    [lon],
                    [lat],
                    marker="o",
                    markersize=MARKER_PT + 1.4,
                    color=rgba("#000000", 0.45),
                    linestyle="none",
                    transform=where,
                    zorder=7,
                )
                ax.plot(
                    [lon],
                    [lat],
                    marker="o",
                    markersize=MARKER_PT,
                    markerfacecolor="white" if ring else layer.color,
                    markeredgecolor=layer.color if ring else "white",
                    markeredgewidth=1.7 if ring else 1.1,
                    linestyle="none",
                    transform=where,
                    zorder=7.1,
                )
                ax.text(
                    lon,
                    lat,
                    layer.symbol,
                    transform=where,
                    ha="center",
                    va="center_baseline",
                    fontsize=6.6,
                    fontweight="bold",
                    color=layer.color if ring else "white",
                    zorder=7.2,
                )
                x, y = where.transform((lon, lat))
                self.obstacles.append(Bbox.from_bounds(x - pixels / 2, y - pixels / 2, pixels, pixels))
                if count > 1:
                    badge = ScaledTranslation(MARKER_PT * 0.5 / 72, MARKER_PT * 0.45 / 72, self.fig.dpi_scale_trans)
                    self.obstacles.append(
                        Bbox.from_bounds(x + pixels / 2, y + pixels * 0.4, pixels * 0.6, pixels * 0.8)
                    )
                    ax.text(
                        lon,
                        lat,
                        str(count),
                        transform=where + badge,
                        ha="left",
                        va="bottom",
                        fontsize=6.3,
                        fontweight="bold",
                        color=INK,
                        path_effects=halo,
                        zorder=7.3,
                    )

    def _scale_bar(self, ax: Any) -> None:
        from matplotlib.patches import FancyBboxPatch, Rectangle

        west, south, east, north = self.view
        target = (east - west) * self.km_per_degree / 5
        length = max((n for n in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000) if n <= target), default=1)
        span = length / self.km_per_degree
        x0, y0 = west + (east - west) * 0.035, south + (north - south) * 0.045
        tall = (north - south) * 0.009
        box = ax.add_patch(
            FancyBboxPatch(
                (x0 - (east - west) * 0.012, y0 - (north - south) * 0.018),
                span + (east - west) * 0.055,
                (north - south) * 0.06,
                boxstyle="round,pad=0,rounding_size=0.02",
                facecolor=rgba("#ffffff", 0.85),
                edgecolor="none",
                zorder=8,
            )
        )
        self.obstacles.append(box.get_window_extent(self.renderer))
        for half in range(2):
            ax.add_patch(
                Rectangle(
                    (x0 + half * span / 2, y0),
                    span / 2,
                    tall,
                    facecolor=INK if half == 0 else "white",
                    edgecolor=INK,
                    linewidth=0.6,
                    zorder=8.1,
                )
            )
        for fraction, text in ((0, "0"), (0.5, f"{length / 2:g}"), (1, f"{length:g} km")):
            ax.text(
                x0 + fraction * span,
                y0 + tall * 1.6,
                text,
                ha="center",
                va="bottom",
                fontsize=6.3,
                color=INK,
                zorder=8.2,
            )

    def _labels(self, ax: Any, countries: list[Any], admin1: list[Any]) -> None:
        """Place names, most important first; a name that would cover another or a marker is left out."""
        from matplotlib.patheffects import withStroke
        from matplotlib.transforms import offset_copy

        renderer = self.renderer
        frame = ax.get_window_extent(renderer)
        halo = [withStroke(linewidth=2.4, foreground="white")]
        placed: list[Any] = []

        def place(lon: float, lat: float, text: str, sides: tuple[str, ...], **style: Any) -> bool:
            for side in sides:
                dx = {"right": 0.62, "left": -0.62, "center": 0.0}[side] * MARKER_PT / 72
                where = offset_copy(ax.transData, fig=self.fig, x=dx, y=0, units="inches")
                label = ax.text(
                    lon,
                    lat,
                    text,
                    transform=where,
                    va="center",
                    ha={"right": "left", "left": "right"}.get(side, "center"),
                    path_effects=halo,
                    parse_math=False,
                    clip_on=True,
                    **style,
                )
                extent = label.get_window_extent(renderer).expanded(1.04, 1.15)
                inside = frame.contains(extent.x0, extent.y0) and frame.contains(extent.x1, extent.y1)
                clear = not any(extent.overlaps(box) for box in placed) and not any(
                    extent.overlaps(box) for box in self.obstacles
                )
                if inside and clear:
                    placed.append(extent)
                    return True
                label.remove()
            return False

        view = shapely.box(*self.view)
        for lon, lat, name in self.events.point_labels()[:_LABELS]:
            place(lon, lat, name, ("right", "left"), fontsize=7.6, color=INK, fontweight="bold", zorder=9)
        for (kind, _), (geometry, count, name) in sorted(self.events.areas.items(), key=lambda kv: -kv[1][1]):
            clipped = self._clipped(geometry, 0)
            if clipped is None:
                continue
            layer = EVENT_LAYERS[kind]
            text = f"{name}: {count_label(count, layer.label_one.lower(), layer.label_many.lower())}"
            for point in anchors(clipped.intersection(view)):
                if place(point.x, point.y, text, ("center",), fontsize=7, color=layer.color, style="italic", zorder=9):
                    break
        for entries, style in (
            (countries, {"fontsize": 10, "color": "#8c8577", "fontweight": "bold", "zorder": 6}),
            (admin1, {"fontsize": 6.2, "color": "#7a7a7a", "style": "italic", "zorder": 6}),
        ):
            for entry in entries:
                if not entry.geometry.intersects(view):
                    continue
                inside = entry.geometry.intersection(view)
                if inside.area < view.area * (0.05 if entry.kind == "country" else 0.006):
                    continue
                point = shapely.Point(entry.lon, entry.lat)
                if not inside.contains(point):
                    point = inside.representative_point()
                name = entry.name.upper() if entry.kind == "country" else entry.name
                place(point.x, point.y, name, ("center",), **style)

    # -- the legend --------------------------------------------------------------------------------


def _layered(counts: list[int]) -> list[tuple[Any, int]]:
    return [(layer, n) for layer, n in zip(EVENT_LAYERS, counts, strict=True) if n]


def _clip(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: max(1, limit - 1)].rstrip() + "…"
