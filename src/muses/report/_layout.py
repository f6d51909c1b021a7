"""Readable figures whatever the number of models and groups: find and fix colliding text.

A figure of 2 models and 2 groups and one of 12 models and 7 groups go through the same code, so
readability is checked on the drawn figure rather than assumed: ``text_collisions`` lists every
pair of drawn labels whose boxes overlap and every label that sticks out of the canvas (the same
check the browser test makes on the SVG). ``declutter`` applies fixes in order of cost (rotate
value labels, then drop them since the table carries the numbers; rotate tick labels, then shrink
them; fewer legend columns) until nothing collides, one layout pass per round of fixes. Labels are horizontal or vertical only, so their boxes
are exact and the check has no false alarms.
"""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.axis import Axis, XAxis
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox, BboxBase

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


def _pairs(boxes: list[Bbox]) -> list[tuple[int, int]]:
    """Index pairs of overlapping boxes (sweep over x, so thousands of labels stay cheap)."""
    order = sorted(range(len(boxes)), key=lambda i: boxes[i].x0)
    found = []
    for position, i in enumerate(order):
        for j in order[position + 1 :]:
            if boxes[j].x0 >= boxes[i].x1 - TOLERANCE:
                break
            if _overlap(boxes[i], boxes[j]):
                found.append((i, j))
    return found


def _outside(box: Bbox, canvas: BboxBase) -> bool:
    return box.x0 < -TOLERANCE or box.y0 < -TOLERANCE or box.x1 > canvas.x1 + TOLERANCE or box.y1 > canvas.y1 + TOLERANCE


def text_collisions(figure: Figure) -> list[str]:
    """Overlapping label pairs and labels outside the canvas, described; empty when readable."""
    figure.draw_without_rendering()
    texts = drawn_texts(figure)
    boxes = [_box(t, figure) for t in texts]
    found = [f"{texts[i].get_text()!r} overlaps {texts[j].get_text()!r}" for i, j in _pairs(boxes)]
    return found + [f"{t.get_text()!r} outside the canvas" for t, b in zip(texts, boxes, strict=True) if _outside(b, figure.bbox)]


Group = tuple[str, int]
"""A set of labels fixed together: ('legend' | 'ticks' | 'values', index of the legend or axes)."""


def _groups(figure: Figure) -> dict[int, Group]:
    """id(text) -> its group, for the labels ``declutter`` may change."""
    owner: dict[int, Group] = {}
    for index, legend in enumerate(figure.legends):
        owner.update({id(t): ("legend", index) for t in legend.get_texts()})
    for index, ax in enumerate(figure.axes):
        owner.update({id(t): ("ticks", index) for t in _ticks(ax.xaxis, ax.get_xlim())})
        owner.update({id(t): ("values", index) for t in ax.texts})
    return owner


def _colliding(figure: Figure) -> set[Group]:
    """Groups with a label that overlaps another label or leaves the canvas (one layout pass)."""
    figure.draw_without_rendering()
    texts = drawn_texts(figure)
    boxes = [_box(t, figure) for t in texts]
    owner = _groups(figure)
    hit = {i for pair in _pairs(boxes) for i in pair} | {i for i, b in enumerate(boxes) if _outside(b, figure.bbox)}
    return {owner[id(texts[i])] for i in hit if id(texts[i]) in owner}


def _fix(figure: Figure, group: Group, step: int) -> bool:
    """Apply fix number ``step`` to a group; False when there is none left."""
    kind, index = group
    if kind == "legend":
        legend = figure.legends[index]
        columns = int(getattr(legend, "_ncols", 1))  # matplotlib has no public getter for it
        if columns > 1:
            legend.set_ncols(columns - 1)
        return columns > 1
    ax = figure.axes[index]
    labels = list(ax.texts) if kind == "values" else _ticks(ax.xaxis, ax.get_xlim())
    if step == 0:
        for text in labels:
            text.set_rotation(90)
    elif step == 1 and kind == "values":
        for text in labels:
            text.remove()
    elif step == 1:
        for text in labels:
            text.set_fontsize(6)
    return step < 2


def declutter(figure: Figure, passes: int = 6) -> None:
    """Make every label of ``figure`` readable (see the module docstring for the order of fixes):
    one layout pass finds the colliding groups, each gets its next fix, until none collides."""
    steps: dict[Group, int] = {}
    for _ in range(passes):
        todo = [g for g in _colliding(figure) if steps.get(g, 0) < 2 or g[0] == "legend"]
        if not todo:
            return
        progressed = False
        for group in todo:
            progressed |= _fix(figure, group, steps.get(group, 0))
            steps[group] = steps.get(group, 0) + 1
        if not progressed:
            return
