"""The static map's palette and legend (the interactive map's colours, drawn with matplotlib)."""

from __future__ import annotations

from typing import Any

from maps.event_layers import EVENT_LAYERS

__all__ = ["draw_legend", "legend_sections", "rgba", "section_heights"]

SEA, LAND, LAND_EDGE = "#dfe9f2", "#f4f1ea", "#8a8a8a"
ADMIN_EDGE, KRI_EDGE, KRI_FILL, BORDER = "#6b6b6b", "#b9770e", "#f5cba7", "#4a235a"
INK, MUTED = "#222222", "#5f5f5f"
MARKER_PT = 11.0  # marker diameter in points
DASH = (0, (4, 2.5))
ADMIN_DASH = (0, (2, 2))
Section = tuple[str, list[tuple[tuple[Any, ...], str]]]


def rgba(color: str, alpha: float) -> tuple[float, float, float, float]:
    """``#rrggbb`` and an alpha as a matplotlib colour."""
    value = color.lstrip("#")
    return (int(value[0:2], 16) / 255, int(value[2:4], 16) / 255, int(value[4:6], 16) / 255, alpha)


def legend_sections(counts: list[int], unplaced: list[int]) -> list[Section]:
    """The legend's sections: (heading, [(swatch, text), ...]); ``counts`` and ``unplaced`` per event layer."""
    events: list[tuple[tuple[Any, ...], str]] = []
    for index, (layer, count) in enumerate(zip(EVENT_LAYERS, counts, strict=True)):
        text = f"{layer.label_many} ({count})"
        if unplaced[index]:
            text += f"\n{unplaced[index]} with no place, not drawn"
        events.append((("marker", layer.color, layer.symbol, False), text))
    return [
        ("Events", events),
        (
            "How events are placed",
            [
                (("marker", MUTED, "", False), "Filled: in the town itself"),
                (("marker", MUTED, "", True), "Ring: near a town"),
                (("area", MUTED), "Dashed area or line: only\na region, province or border"),
                (("badge", "3"), "Several events at one place"),
            ],
        ),
        (
            "Reference",
            [
                (("fill", rgba(KRI_FILL, 0.3), KRI_EDGE, "solid"), "Kurdistan Region"),
                (("line", BORDER, 2.2, "solid"), "Iran–Iraq border"),
                (("line", ADMIN_EDGE, 0.8, ADMIN_DASH), "Governorate / province"),
                (("fill", LAND, LAND_EDGE, "solid"), "Country"),
            ],
        ),
    ]


def section_heights(sections: list[Section]) -> list[float]:
    """Points each legend section takes at full size."""
    return [17 + sum(8 + 10.5 * (text.count("\n") + 1) for _s, text in rows) + 9 for _h, rows in sections]


def draw_legend(ax: Any, width: float, height: float, sections: list[Section], *, stacked: bool) -> None:
    """Draw the legend in ``ax``, a panel ``width`` x ``height`` points; data units are points.

    ``stacked``: sections one below the other (beside a landscape map), else side by side.
    """
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.set_axis_off()
    needs = section_heights(sections)
    k = min(1.0, height / (sum(needs) if stacked else max(needs)))  # shrink to fit a small page
    starts = [0.0, 0.3, 0.68]  # portrait: three columns, the middle one widest
    y = height
    for number, (heading, rows) in enumerate(sections):
        x = 0.0 if stacked else starts[number] * width
        if not stacked:
            y = height
        ax.text(x, y, heading, fontsize=8.8 * k, fontweight="bold", color=INK, va="top")
        y -= 17 * k
        for swatch, text in rows:
            lines = text.count("\n") + 1
            _swatch(ax, x + 8 * k, y - 5 * k, swatch, k)
            ax.text(x + 21 * k, y, text, fontsize=7.8 * k, color=INK, va="top", linespacing=1.25, parse_math=False)
            y -= (8 + 10.5 * lines) * k
        y -= 9 * k


def _swatch(ax: Any, x: float, y: float, swatch: tuple[Any, ...], k: float) -> None:
    from matplotlib.patches import Circle, Rectangle
    from matplotlib.patheffects import withStroke

    kind, radius = swatch[0], MARKER_PT / 2 * k
    if kind == "marker":
        _kind, color, symbol, ring = swatch
        ax.add_patch(Circle((x, y), radius + 0.7 * k, facecolor=rgba("#000000", 0.45), edgecolor="none"))
        ax.add_patch(
            Circle(
                (x, y),
                radius,
                facecolor="white" if ring else color,
                edgecolor=color if ring else "white",
                linewidth=(1.7 if ring else 1.1) * k,
            )
        )
        if symbol:
            ax.text(
                x,
                y,
                symbol,
                ha="center",
                va="center_baseline",
                fontsize=6.6 * k,
                fontweight="bold",
                color=color if ring else "white",
            )
    elif kind == "area":
        color = swatch[1]
        ax.add_patch(
            Rectangle(
                (x - 7 * k, y - 5 * k),
                14 * k,
                10 * k,
                facecolor=rgba(color, 0.12),
                edgecolor=color,
                linewidth=1.2 * k,
                linestyle=DASH,
            )
        )
    elif kind == "fill":
        _kind, face, edge, style = swatch
        ax.add_patch(
            Rectangle(
                (x - 7 * k, y - 5 * k), 14 * k, 10 * k, facecolor=face, edgecolor=edge, linewidth=k, linestyle=style
            )
        )
    elif kind == "line":
        _kind, color, linewidth, style = swatch
        ax.plot(
            [x - 8 * k, x + 8 * k],
            [y, y],
            color=color,
            linewidth=linewidth * k,
            linestyle=style,
            solid_capstyle="round",
        )
    elif kind == "badge":
        ax.add_patch(Circle((x - 2 * k, y - k), radius, facecolor=MUTED, edgecolor="white", linewidth=1.1 * k))
        ax.text(
            x + 3 * k,
            y + 2 * k,
            swatch[1],
            fontsize=6.3 * k,
            fontweight="bold",
            color=INK,
            ha="left",
            va="bottom",
            path_effects=[withStroke(linewidth=2.2 * k, foreground="white")],
        )
