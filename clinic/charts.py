"""Trend charts over visits, drawn as SVG on the server (no JavaScript, prints well)."""

from dataclasses import dataclass

WIDTH = 320
HEIGHT = 140
PAD_LEFT = 36
PAD_RIGHT = 28
PAD_TOP = 12
PAD_BOTTOM = 28


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str
    value: float


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    points: list
    polyline: str
    highest: float
    baseline_y: float
    top_y: float
    left_x: float
    right_x: float


def trend_chart(points, *, highest):
    """Lay out `[(date, value)]` (oldest first) on a 0..highest scale.

    Returns the SVG coordinates; the template draws axes, line and dots, and a table
    beside it carries the same numbers for screen readers.
    """
    plot_w = WIDTH - PAD_LEFT - PAD_RIGHT
    plot_h = HEIGHT - PAD_TOP - PAD_BOTTOM
    step = plot_w / (len(points) - 1) if len(points) > 1 else 0
    laid_out = []
    for index, (day, value) in enumerate(points):
        x = PAD_LEFT + index * step
        y = PAD_TOP + plot_h * (1 - min(max(float(value), 0), highest) / highest)
        laid_out.append(Point(round(x, 1), round(y, 1), day.strftime("%d %b"), value))
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        points=laid_out,
        polyline=" ".join(f"{p.x},{p.y}" for p in laid_out),
        highest=highest,
        baseline_y=PAD_TOP + plot_h,
        top_y=PAD_TOP,
        left_x=PAD_LEFT,
        right_x=WIDTH - PAD_RIGHT,
    )
