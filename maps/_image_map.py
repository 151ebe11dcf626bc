"""The map on a static page: base layers, event areas and lines, markers, graticule, scale bar, names.

Drawn with geopandas and matplotlib into axes :mod:`maps.image` lays out; every
shape is clipped to the view and simplified to what the page can show.
"""

from __future__ import annotations

import math
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry

from gazetteer import Gazetteer
from maps._image_events import Events, anchors, fit
from maps._image_legend import (
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
    rgba,
)
from maps._summary import count_label
from maps.event_layers import EVENT_LAYERS, geometry_kind

__all__ = ["MapPanel"]

_LABELS = 16  # place names drawn at most (the busiest places first)


class MapPanel:
    """The map of one page, drawn once; it keeps the boxes that place names must not cover."""

    def __init__(self, figure: Any, gaz: Gazetteer, events: Events, renderer: Any) -> None:
        self.fig, self.gaz, self.events, self.renderer = figure, gaz, events, renderer
        self.obstacles: list[Any] = []  # display-space boxes labels must not cover

    def draw(self, ax: Any, box: tuple[float, float, float, float]) -> None:
        """Draw the map in the axes ``ax``, whose box on the page is ``box`` (inches)."""
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
