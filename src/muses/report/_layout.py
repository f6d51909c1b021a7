"""Readable figures whatever the number of models and groups: find and fix colliding text.

A figure of 2 models and 2 groups and one of 12 models and 7 groups go through the same code, so
readability is checked on the drawn figure rather than assumed: ``text_collisions`` lists every
pair of drawn labels whose boxes overlap and every label that sticks out of the canvas (the same
check the browser test makes on the SVG). ``declutter`` applies fixes in order of cost (rotate
value labels, then drop them since the table carries the numbers; rotate tick labels; shrink the
legend's columns) until nothing collides. Labels are horizontal or vertical only, so their boxes
are exact and the check has no false alarms.
"""

from __future__ import annotations

from itertools import combinations

from matplotlib.axes import Axes
from matplotlib.axis import Axis, XAxis
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.text import Text
from matplotlib.transforms import Bbox

TOLERANCE = 0.5
"""Pixels two boxes may share before they count as overlapping (anti-aliasing)."""


def _ticks(axis: Axis, limits: tuple[float, float]) -> list[Text]:
    """Tick labels actually drawn: locators may return ticks beyond the view limits."""
    low, high = sorted(limits)
    index = 0 if isinstance(axis, XAxis) else 1
    labels = axis.get_majorticklabels()
    return [t for t in labels if low - 1e-9 <= float(t.get_position()[index]) <= high + 1e-9]


def _axes_texts(ax: Axes) -> list[Text]:
    texts = [ax.title, ax.xaxis.label, ax.yaxis.label, *ax.texts]
    texts += _ticks(ax.xaxis, ax.get_xlim()) + _ticks(ax.yaxis, ax.get_ylim())
    legend = ax.get_legend()
    return texts + (legend.get_texts() if legend else [])


def drawn_texts(figure: Figure) -> list[Text]:
    """Every visible, non-empty label of the figure (titles, axis and tick labels, values, legends)."""
    texts = list(figure.texts)
    for legend in figure.legends:
        texts += legend.get_texts()
    for ax in figure.axes:
        texts += _axes_texts(ax)
    return [t for t in texts if t.get_visible() and t.get_text().strip()]


def _box(text: Text, figure: Figure) -> Bbox:
    return text.get_window_extent(figure.canvas.get_renderer())  # type: ignore[attr-defined]


def _overlap(a: Bbox, b: Bbox) -> bool:
    return min(a.x1, b.x1) - max(a.x0, b.x0) > TOLERANCE and min(a.y1, b.y1) - max(a.y0, b.y0) > TOLERANCE


def text_collisions(figure: Figure) -> list[str]:
    """Overlapping label pairs and labels outside the canvas, described; empty when readable."""
    figure.draw_without_rendering()
    boxes = [(t, _box(t, figure)) for t in drawn_texts(figure)]
    canvas = figure.bbox
    found = [
        f"{a.get_text()!r} overlaps {b.get_text()!r}" for (a, ba), (b, bb) in combinations(boxes, 2) if _overlap(ba, bb)
    ]
    found += [
        f"{t.get_text()!r} outside the canvas"
        for t, box in boxes
        if box.x0 < -TOLERANCE or box.y0 < -TOLERANCE or box.x1 > canvas.x1 + TOLERANCE or box.y1 > canvas.y1 + TOLERANCE
    ]
    return found


def _collides(figure: Figure, group: list[Text]) -> bool:
    """Whether any label of ``group`` overlaps another drawn label or leaves the canvas."""
    figure.draw_without_rendering()
    mine = [_box(t, figure) for t in group if t.get_visible()]
    others = [_box(t, figure) for t in drawn_texts(figure) if t not in group]
    canvas = figure.bbox
    if any(b.x0 < 0 or b.y0 < 0 or b.x1 > canvas.x1 or b.y1 > canvas.y1 for b in mine):
        return True
    return any(_overlap(a, b) for a, b in combinations(mine, 2)) or any(_overlap(a, b) for a in mine for b in others)


def _fit_values(figure: Figure, ax: Axes) -> None:
    """Value labels: horizontal, else vertical, else none (the table holds the numbers)."""
    values = list(ax.texts)
    if not values or not _collides(figure, values):
        return
    for text in values:
        text.set_rotation(90)
    if _collides(figure, values):
        for text in values:
            text.remove()


def _fit_ticks(figure: Figure, ax: Axes) -> None:
    """Category tick labels: horizontal, else vertical, else smaller."""
    ticks = _ticks(ax.xaxis, ax.get_xlim())
    if not ticks or not _collides(figure, ticks):
        return
    for text in ticks:
        text.set_rotation(90)
    if _collides(figure, ticks):
        for text in ticks:
            text.set_fontsize(6)


def _fit_legend(figure: Figure, legend: Legend) -> Legend:
    """Fewer legend columns until the legend fits the canvas width."""
    columns = int(getattr(legend, "_ncols", 1))  # matplotlib has no public getter for it
    while columns > 1 and _collides(figure, legend.get_texts()):
        columns -= 1
        legend.set_ncols(columns)
    return legend


def declutter(figure: Figure) -> None:
    """Make every label of ``figure`` readable (see the module docstring for the order of fixes)."""
    for legend in figure.legends:
        _fit_legend(figure, legend)
    for ax in figure.axes:
        _fit_ticks(figure, ax)
    for ax in figure.axes:
        _fit_values(figure, ax)
