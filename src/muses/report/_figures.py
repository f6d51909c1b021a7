"""Figures from episodes, as the registered scenarios declare them (``ScenarioSpec.figures``).

Each scenario declares its figures as data (kind, break-down keys, panels); this module knows how
to draw each kind. A figure is drawn only when the logs hold its data, so a report of an
access-control-only run simply has no meeting or execution figures instead of empty axes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from matplotlib.figure import Figure
from pydantic import BaseModel, Field

from muses.report._breakdown import breakdown, breakdown2, round_curves, sort_groups
from muses.report._episodes import Episode
from muses.report._plots import grouped_bars, heatmap, legend_below, lines, new_figure, save
from muses.scenarios import FigureSpec, get_scenario, scenario_names


class FigureFile(BaseModel):
    """A written figure: files on disk and the PNG inline for the HTML report."""

    id: str
    title: str
    caption: str
    png: str
    svg: str
    png_base64: str = Field(repr=False, exclude=True)


def _groups(data: dict[str, dict[str, object]], key: str) -> list[str]:
    return sort_groups((g for cells in data.values() for g in cells), key)


def draw_bars(episodes: list[Episode], scenario: str, spec: FigureSpec) -> Figure | None:
    """Grouped bars per model for each panel, grouped by ``spec.key``."""
    data = [(breakdown(episodes, scenario, p.metric, spec.key, p.rate), p) for p in spec.panels]
    if not any(d for d, _ in data):
        return None
    figure = new_figure(len(spec.panels))
    for ax, (cells, panel) in zip(figure.subplots(1, len(spec.panels), squeeze=False)[0], data, strict=True):
        grouped_bars(ax, cells, _groups(cells, spec.key), panel.label, unit_range=panel.rate)  # type: ignore[arg-type]
        ax.set_title(f"{panel.label} by {spec.key}")
    legend_below(figure, ax)
    return figure


def draw_rounds(episodes: list[Episode], scenario: str, spec: FigureSpec) -> Figure | None:
    """Per-round curves (score details named by each panel's metric), finished episodes carried forward."""
    curves = [(round_curves(episodes, scenario, p.metric), p) for p in spec.panels]
    if not curves[0][0]:
        return None
    figure = new_figure(len(spec.panels))
    for ax, (series, panel) in zip(figure.subplots(1, len(spec.panels), squeeze=False)[0], curves, strict=True):
        lines(ax, {m: (list(range(1, len(ys) + 1)), ys) for m, ys in series.items()}, "round", panel.label)
        ax.set_ylim(-0.02, 1.02)
        ax.set_title(f"{panel.label} per round (carry-forward)")
    legend_below(figure, ax)
    return figure


def draw_heatmap(episodes: list[Episode], scenario: str, spec: FigureSpec) -> Figure | None:
    """``key`` x ``key2`` heatmaps of each panel's metric, one row per model."""
    maps = {p.metric: breakdown2(episodes, scenario, p.metric, spec.key, spec.key2) for p in spec.panels}
    models = list(maps[spec.panels[0].metric])
    if not models:
        return None
    figure = new_figure(len(spec.panels), width_per_panel=4.6, height=2.6, rows=len(models))
    axes = figure.subplots(len(models), len(spec.panels), squeeze=False)
    for row, model in enumerate(models):
        for col, panel in enumerate(spec.panels):
            cells = maps[panel.metric].get(model, {})
            keys = [k.split("|") for k in cells]
            rows = sort_groups((k[0] for k in keys), spec.key)
            cols = sort_groups((k[1] for k in keys), spec.key2)
            heatmap(axes[row][col], {k: v.mean for k, v in cells.items()}, rows, cols, f"{model}: {panel.metric}")
    return figure


def _size_series(episodes: list[Episode], scenario: str, spec: FigureSpec, metric: str, rate: bool) -> dict[str, tuple[list[float], list[float]]]:
    """Lines over the numeric ``key`` per model, split by ``key2`` when the episodes carry it."""
    series: dict[str, tuple[list[float], list[float]]] = {}
    split = spec.key2
    values = sort_groups({str(e.groups.get(split, "all")) for e in episodes}, split) if split else ["all"]
    for value in values:
        subset = [e for e in episodes if not split or str(e.groups.get(split, "all")) == value]
        for model, cells in breakdown(subset, scenario, metric, spec.key, rate).items():
            xs = sort_groups(cells, spec.key)
            name = model if value == "all" else f"{model} ({value})"
            series[name] = ([float(x) for x in xs], [cells[x].mean or 0.0 for x in xs])
    return series


def draw_by_size(episodes: list[Episode], scenario: str, spec: FigureSpec) -> Figure | None:
    """Each panel's metric against the numeric ``key`` (e.g. number of users)."""
    panels = [(_size_series(episodes, scenario, spec, p.metric, p.rate), p) for p in spec.panels]
    if not panels[0][0]:
        return None
    figure = new_figure(len(spec.panels))
    for ax, (series, panel) in zip(figure.subplots(1, len(spec.panels), squeeze=False)[0], panels, strict=True):
        lines(ax, series, f"number of {spec.key}", panel.label)
        if panel.rate:
            ax.set_ylim(-0.02, 1.05)
        ax.set_title(f"{panel.label} vs number of {spec.key}")
    legend_below(figure, ax)
    return figure


DRAW: dict[str, Callable[[list[Episode], str, FigureSpec], Figure | None]] = {
    "bars": draw_bars,
    "rounds": draw_rounds,
    "heatmap": draw_heatmap,
    "by_size": draw_by_size,
}
"""Figure kind -> how to draw it."""


def declared_figures() -> list[tuple[str, FigureSpec]]:
    """(scenario, figure) for every registered scenario's figures, in their declared order."""
    found = [(name, figure) for name in scenario_names() for figure in get_scenario(name).figures]
    return sorted(found, key=lambda item: item[1].order)


def write_figures(episodes: list[Episode], out_dir: Path) -> list[FigureFile]:
    """Draw every declared figure whose data exists into ``out_dir`` as PNG and SVG."""
    written: list[FigureFile] = []
    for scenario, spec in declared_figures():
        figure = DRAW[spec.kind](episodes, scenario, spec)
        if figure is None:
            continue
        figure.suptitle(spec.title, fontsize=10)
        encoded = save(figure, out_dir / spec.id)
        written.append(
            FigureFile(
                id=spec.id,
                title=spec.title,
                caption=spec.caption,
                png=str(out_dir / f"{spec.id}.png"),
                svg=str(out_dir / f"{spec.id}.svg"),
                png_base64=encoded,
            )
        )
    return written
