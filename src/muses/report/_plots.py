"""Plot primitives for the report figures: grouped bars, lines, heatmaps, deterministic saving.

Figures are built on ``matplotlib.figure.Figure`` with the Agg canvas, never through pyplot: no
global state, no display needed, safe to call from a CLI or a test worker. SVG output is made
byte-stable (fixed hash salt, no date) so reports of the same logs compare equal.
"""

from __future__ import annotations

import base64
import io
import math
from pathlib import Path

import matplotlib
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from muses.report._breakdown import Breakdown


def new_figure(panels: int, width_per_panel: float = 5.0, height: float = 3.6, rows: int = 1) -> Figure:
    """A figure with an Agg canvas, sized for ``panels`` side by side."""
    figure = Figure(figsize=(width_per_panel * panels, height * rows), layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def short(model: str) -> str:
    """A model label short enough for an axis tick (provider prefix kept for clarity)."""
    return model if len(model) <= 28 else model[:26] + "…"


def grouped_bars(ax: Axes, data: Breakdown, groups: list[str], ylabel: str, unit_range: bool = True) -> None:
    """One cluster of bars per model, one bar per group, clustered SE as error bars."""
    models = list(data)
    width = 0.8 / max(len(groups), 1)
    for index, group in enumerate(groups):
        means, errors = [], []
        for model in models:
            cell = data[model].get(group)
            means.append(cell.mean if cell and cell.mean is not None else math.nan)
            errors.append(cell.se if cell and cell.se is not None else 0.0)
        offsets = [m + (index - (len(groups) - 1) / 2) * width for m in range(len(models))]
        bars = ax.bar(offsets, means, width, yerr=errors, capsize=2, label=group)
        if len(models) * len(groups) <= 40:  # printed values, so a zero bar is still readable
            ax.bar_label(bars, fmt="%.2f", fontsize=6, padding=1)
    ax.set_xticks(range(len(models)), [short(m) for m in models], rotation=20 if len(models) > 2 else 0, ha="right" if len(models) > 2 else "center")
    ax.set_ylabel(ylabel)
    if unit_range:
        ax.set_ylim(0, 1.05)
    ax.grid(axis="y", alpha=0.3)


def lines(ax: Axes, series: dict[str, tuple[list[float], list[float]]], xlabel: str, ylabel: str) -> None:
    """One line per label: x values and y values."""
    for label, (xs, ys) in series.items():
        ax.plot(xs, ys, marker="o", markersize=3, label=short(label))
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.grid(alpha=0.3)


def legend_below(figure: Figure, ax: Axes) -> None:
    """One legend for the whole figure, under the panels, so it never hides a bar or a line."""
    handles, labels = ax.get_legend_handles_labels()
    if handles:
        figure.legend(handles, labels, loc="outside lower center", ncols=min(len(labels), 4), fontsize=7)


def heatmap(ax: Axes, cells: dict[str, float | None], rows: list[str], cols: list[str], title: str) -> None:
    """A rows x cols grid of values in [0, 1], annotated; keys are 'row|col'."""
    grid = [[cells.get(f"{r}|{c}") for c in cols] for r in rows]
    shown = [[math.nan if v is None else v for v in line] for line in grid]
    ax.imshow(shown, vmin=0, vmax=1, cmap="RdYlGn", aspect="auto")
    ax.set_xticks(range(len(cols)), cols, rotation=30, ha="right")
    ax.set_yticks(range(len(rows)), rows)
    for i, line in enumerate(grid):
        for j, value in enumerate(line):
            ax.text(j, i, "–" if value is None else f"{value:.2f}", ha="center", va="center", fontsize=7)
    ax.set_title(title, fontsize=9)


def save(figure: Figure, stem: Path) -> str:
    """Write ``stem``.png and ``stem``.svg; return the PNG as base64 for inline HTML."""
    stem.parent.mkdir(parents=True, exist_ok=True)
    with matplotlib.rc_context({"svg.hashsalt": "muses-report", "svg.fonttype": "path"}):
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=110, metadata={"Software": None})
        stem.with_suffix(".png").write_bytes(buffer.getvalue())
        figure.savefig(stem.with_suffix(".svg"), format="svg", metadata={"Date": None, "Creator": None})
    return base64.b64encode(buffer.getvalue()).decode("ascii")
