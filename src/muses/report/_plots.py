"""Plot primitives for the report figures: grouped bars, lines, heatmaps, legends, deterministic saving.

Figures are built on ``matplotlib.figure.Figure`` with the Agg canvas, never through pyplot: no
global state, no display needed, safe to call from a CLI or a test worker. Output is made
byte-stable (fixed hash salt, no date) so reports of the same logs compare equal. SVG keeps its
text as text (DejaVu Sans, which matplotlib measured it with), so the HTML report can inline it
and a browser can check that no two labels overlap.

Readability rules, whatever the number of models and groups: bars are horizontal, one row per
bar, so model names are horizontal text and the figure grows in height instead of squeezing
labels; every metric axis says which direction is better; lines never hide each other (identical
series are drawn once and named together, the others get distinct colour, dash and hollow marker
of decreasing size, so stacked points stay visible), with a legend under each panel; an errored
cell is written "error", never drawn as 0; legends are inside the canvas; ``_layout`` checks it.
"""

from __future__ import annotations

import math
import textwrap
from pathlib import Path

import matplotlib
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from muses.report._breakdown import Breakdown
from muses.report._columns import DOWN, UP
from muses.report._stats import Estimate

WIDTH = 12.5
"""Inches: at the PNG's 110 dpi about the width of a report page, so text is shown at its size."""
BAR = 0.17
"""Inches per bar: room for one line of 7-point value text."""
_STYLES = ("-", "--", ":", "-.")
_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
ERROR_COLOUR = "#cf222e"


def new_figure(width: float, height: float) -> Figure:
    """A constrained-layout figure with an Agg canvas."""
    figure = Figure(figsize=(min(width, WIDTH), height), layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def short_labels(names: list[str], limit: int = 40) -> dict[str, str]:
    """Labels short enough for a tick or legend entry, still unique (middle ellipsis, else full)."""
    def cut(name: str) -> str:
        return name if len(name) <= limit else name[: limit // 2 - 1] + "…" + name[-(limit // 2) :]

    shortened = {name: cut(name) for name in names}
    return shortened if len(set(shortened.values())) == len(shortened) else {n: n for n in names}


def axis_label(label: str, higher_is_better: bool | None) -> str:
    """'Privacy ↑ (higher is better)', 'Turns ↓ (lower is better)', or the bare label."""
    if higher_is_better is None:
        return label
    return f"{label} {UP} (higher is better)" if higher_is_better else f"{label} {DOWN} (lower is better)"


def bars_height(models: int, groups: int) -> float:
    """Inches a horizontal grouped-bar panel needs: one text line per bar plus axis and legend."""
    return max(2.4, models * (groups * BAR + 0.12) + 1.5)


def _error_bars(cells: list[Estimate | None], unit_range: bool) -> list[list[float]]:
    """Lower and upper error lengths: ± SE, kept inside [0, 1] for rates; none without an SE."""
    low, high = [], []
    for cell in cells:
        se = cell.se if cell is not None and cell.se is not None and cell.mean is not None else 0.0
        mean = cell.mean if cell is not None and cell.mean is not None else 0.0
        low.append(min(se, mean) if unit_range else se)
        high.append(min(se, 1.0 - mean) if unit_range else se)
    return [low, high]


def _shown(cell: Estimate | None) -> float:
    """The bar length: the mean, or nothing (NaN) for a missing or all-error cell."""
    return math.nan if cell is None or cell.mean is None or cell.all_errors else cell.mean


def grouped_bars(ax: Axes, data: Breakdown, groups: list[str], xlabel: str, unit_range: bool = True) -> None:
    """One block of horizontal bars per model (top to bottom), one bar per group, ± clustered SE,
    the value printed at each bar's end and "error" where every episode of the cell errored."""
    models = list(data)
    names = short_labels(models)
    height = 0.8 / max(len(groups), 1)
    for index, group in enumerate(groups):
        cells = [data[m].get(group) for m in models]
        values = [_shown(c) for c in cells]
        offsets = [m + (index - (len(groups) - 1) / 2) * height for m in range(len(models))]
        bars = ax.barh(offsets, values, height, xerr=_error_bars(cells, unit_range), capsize=2, label=group,
                       color=f"C{index % 10}", hatch="//" if index >= 10 else None)  # fmt: skip
        ax.bar_label(bars, labels=["" if math.isnan(v) else f"{v:.2f}" for v in values], fontsize=6.5, padding=2)
        for offset, cell in zip(offsets, cells, strict=True):
            if cell is not None and cell.all_errors:
                ax.text(0.01, offset, "error", color=ERROR_COLOUR, fontsize=6.5, va="center", fontweight="bold")
    ax.set_yticks(range(len(models)), [names[m] for m in models], fontsize=8)
    ax.set_ylim(len(models) - 0.5, -0.5)
    ax.set_xlabel(xlabel, fontsize=9)
    if unit_range:
        ax.set_xlim(0, 1.16)
        ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
    ax.grid(axis="x", alpha=0.3)


def same_series(series: dict[str, tuple[list[float], list[float]]]) -> dict[str, tuple[list[float], list[float]]]:
    """Identical series drawn once, their names joined with ' = ' (a line under another is lost)."""
    merged: dict[tuple[tuple[float, ...], tuple[float, ...]], list[str]] = {}
    for label, (xs, ys) in series.items():
        key = (tuple(xs), tuple(round(y, 9) for y in ys))
        merged.setdefault(key, []).append(label)
    return {" = ".join(labels): (list(xs), list(ys)) for (xs, ys), labels in merged.items()}


def _legend_text(label: str, names: dict[str, str]) -> str:
    return textwrap.fill(" = ".join(names[n] for n in label.split(" = ")), width=70, break_long_words=False)


def lines(
    ax: Axes, series: dict[str, tuple[list[float], list[float]]], xlabel: str, ylabel: str, title: str,
    order: list[str] | None = None,
) -> None:
    """One line per distinct series in its own colour, dash and hollow marker (sizes decreasing),
    with the legend under the panel (identical series share an entry).

    ``order``: every series name of the figure; a series then keeps its look in every panel (a
    merged entry takes its first member's), whatever merges the other panels make.
    """
    drawn = same_series(series)
    names = short_labels([n for label in drawn for n in label.split(" = ")])
    position = {name: i for i, name in enumerate(order or [])}
    for rank, (label, (xs, ys)) in enumerate(drawn.items()):
        index = position.get(label.split(" = ")[0], rank) if order else rank
        ax.plot(xs, ys, linestyle=_STYLES[index % len(_STYLES)], marker=_MARKERS[index % len(_MARKERS)],
                markersize=max(9.0 - 1.2 * (index % 6), 3.0), markerfacecolor="none", markeredgewidth=1.2,
                linewidth=1.4, color=f"C{index % 10}", label=_legend_text(label, names))  # fmt: skip
    ax.set_xlabel(xlabel, fontsize=9)
    ax.set_ylabel(ylabel, fontsize=9)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(alpha=0.3)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), fontsize=7, title=title, title_fontsize=7, frameon=False)


def legend_below(figure: Figure, ax: Axes, title: str = "") -> None:
    """One legend for the whole figure, under the panels and inside the canvas (never over data)."""
    handles, labels = ax.get_legend_handles_labels()
    if handles:
        longest = max(len(label) for label in labels)
        columns = max(1, min(len(labels), int(figure.get_figwidth() * 10 // max(longest + 4, 8))))
        figure.legend(handles, labels, loc="outside lower center", ncols=columns, fontsize=7, title=title or None,
                      title_fontsize=7)  # fmt: skip


def heatmap(ax: Axes, cells: dict[str, Estimate], rows: list[str], cols: list[str], higher_is_better: bool | None) -> None:
    """A rows x cols grid of values in [0, 1], annotated; keys are 'row|col'; green is better;
    '–' marks a combination that did not run, "error" one whose episodes all errored."""
    found = [[cells.get(f"{r}|{c}") for c in cols] for r in rows]
    shown = [[_shown(cell) for cell in line] for line in found]
    ax.imshow(shown, vmin=0, vmax=1, cmap="RdYlGn" if higher_is_better is not False else "RdYlGn_r", aspect="auto")
    ax.set_xticks(range(len(cols)), cols, fontsize=8)
    ax.set_yticks(range(len(rows)), rows, fontsize=8)
    for i, line in enumerate(found):
        for j, cell in enumerate(line):
            ax.text(j, i, _cell_text(cell), ha="center", va="center", fontsize=7, color=_ink(cell))


def _ink(cell: Estimate | None) -> str:
    """Text colour readable on the cell: error red on white, white on the colour map's dark ends."""
    if cell is None or cell.mean is None:
        return "black"
    if cell.all_errors:
        return ERROR_COLOUR
    return "white" if cell.mean < 0.2 or cell.mean > 0.8 else "black"


def _cell_text(cell: Estimate | None) -> str:
    if cell is None or cell.mean is None:
        return "–"
    return "error" if cell.all_errors else f"{cell.mean:.2f}"


def save(figure: Figure, stem: Path) -> str:
    """Write ``stem``.png and ``stem``.svg; return the SVG text (for inlining in the HTML)."""
    stem.parent.mkdir(parents=True, exist_ok=True)
    with matplotlib.rc_context({"svg.hashsalt": "muses-report", "svg.fonttype": "none", "font.family": "DejaVu Sans"}):
        figure.savefig(stem.with_suffix(".png"), format="png", dpi=110, metadata={"Software": None})
        figure.savefig(stem.with_suffix(".svg"), format="svg", metadata={"Date": None, "Creator": None})
    return stem.with_suffix(".svg").read_text(encoding="utf-8")
