"""Figures from episodes, as the registered scenarios declare them (``ScenarioSpec.figures``).

Each scenario declares its figures as data (kind, break-down keys, panels); this module knows how
to draw each kind. A figure is drawn only when the logs hold its data and it compares something:
a bar chart of one group, a heatmap of one row or a curve of one point says nothing a table cell
does not, so it is skipped with the reason (shown in the report) instead of drawn. Titles live in
the report's captions, not in the images; each axis carries its quantity and its direction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NamedTuple

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from pydantic import BaseModel, Field

from muses.report._breakdown import breakdown, breakdown2, regroup, round_curves, sort_groups
from muses.report._columns import DOWN, UP, panel_direction
from muses.report._episodes import Episode
from muses.report._layout import declutter, text_collisions
from muses.report._plots import (
    WIDTH,
    axis_label,
    bars_height,
    grouped_bars,
    heatmap,
    legend_below,
    lines,
    new_figure,
    same_series,
    save,
    short_labels,
)
from muses.scenarios import FigureSpec, get_scenario, scenario_names


class FigureFile(BaseModel):
    """A written figure: files on disk and the SVG inline for the HTML report."""

    id: str
    title: str
    caption: str
    png: str
    svg: str
    notes: list[str] = Field(default_factory=list, description="What the figure leaves out, and why.")
    collisions: list[str] = Field(default_factory=list, description="Labels still colliding (empty when readable).")
    svg_text: str = Field(default="", repr=False, exclude=True)


class SkippedFigure(BaseModel):
    """A declared figure that was not drawn although its scenario ran, and why."""

    id: str
    title: str
    reason: str


class FigureSet(BaseModel):
    """Every figure drawn, and the ones skipped with a reason."""

    files: list[FigureFile]
    skipped: list[SkippedFigure]


class Drawn(NamedTuple):
    """A drawn figure, or None with the reason (empty: the scenario has no data at all)."""

    figure: Figure | None
    reason: str = ""
    notes: tuple[str, ...] = ()


def _panels(figure: Figure, count: int, width: float, share_y: bool = False) -> list[Axes]:
    """``count`` panels side by side when they fit the page width, else stacked."""
    rows, cols = (1, count) if width * count <= WIDTH else (count, 1)
    return list(figure.subplots(rows, cols, squeeze=False, sharey=share_y and cols > 1).flatten())


def draw_bars(episodes: list[Episode], scenario: str, spec: FigureSpec) -> Drawn:
    """Horizontal grouped bars per model for each panel, grouped by ``spec.key``."""
    data = [(breakdown(episodes, scenario, p.metric, spec.key, p.rate), p) for p in spec.panels]
    groups = sort_groups((g for cells, _ in data for by in cells.values() for g in by), spec.key)
    if not groups:
        return Drawn(None)
    if len(groups) < 2:
        return Drawn(None, f"only one {spec.key} ran ({groups[0]}): nothing to compare")
    models = len({m for cells, _ in data for m in cells})
    side = 6.0 * len(spec.panels) <= WIDTH
    height = bars_height(models, len(groups))
    figure = new_figure(WIDTH if side else 7.5, height if side else height * len(spec.panels))
    axes = _panels(figure, len(spec.panels), 6.0, share_y=True)
    for ax, (cells, panel) in zip(axes, data, strict=True):
        grouped_bars(ax, cells, groups, axis_label(panel.label, panel_direction(scenario, panel)), unit_range=panel.rate)
        if side and ax is not axes[0]:
            ax.tick_params(axis="y", labelleft=False)
    legend_below(figure, axes[-1], title=spec.key)
    return Drawn(figure)


def _missing(episodes: list[Episode], scenario: str, drawn: Iterable[str]) -> tuple[str, ...]:
    """Notes for models of the scenario without a curve (every episode errored)."""
    models = sorted({ep.model for ep in episodes if ep.scenario == scenario} - set(drawn))
    return tuple(f"{m}: every episode errored, no curve" for m in models)


def draw_rounds(episodes: list[Episode], scenario: str, spec: FigureSpec) -> Drawn:
    """Per-round curves (score details named by each panel's metric), finished episodes carried forward."""
    curves = [(round_curves(episodes, scenario, p.metric), p) for p in spec.panels]
    if not curves[0][0]:
        return Drawn(None)
    if max(len(ys) for ys in curves[0][0].values()) < 2:
        return Drawn(None, "every episode had one round: no curve to draw")
    entries = max(len(same_series({m: ([0.0], ys) for m, ys in c.items()})) for c, _ in curves)
    figure = new_figure(WIDTH, 3.6 + 0.35 * entries)
    axes = _panels(figure, len(spec.panels), 6.0)
    order = sorted({m for series, _ in curves for m in series})
    for ax, (series, panel) in zip(axes, curves, strict=True):
        label = axis_label(panel.label, panel_direction(scenario, panel))
        lines(ax, {m: (list(range(1, len(ys) + 1)), ys) for m, ys in series.items()}, "round", label, "model", order)
        ax.set_ylim(-0.06, 1.06)
    return Drawn(figure, notes=_missing(episodes, scenario, curves[0][0]))


def _heatmap_title(model: str, label: str, higher: bool | None) -> str:
    return f"{model}: {label}" + ("" if higher is None else f" {UP if higher else DOWN}")


def _orient(rows: list[str], cols: list[str]) -> bool:
    """Whether to swap axes so the longer labels are on the (horizontal-text) vertical axis."""
    return max(map(len, cols)) > max(map(len, rows))


def draw_heatmap(episodes: list[Episode], scenario: str, spec: FigureSpec) -> Drawn:
    """``key`` x ``key2`` heatmaps of each panel's metric, one row per model."""
    maps = {p.metric: breakdown2(episodes, scenario, p.metric, spec.key, spec.key2) for p in spec.panels}
    models = list(maps[spec.panels[0].metric])
    if not models:
        return Drawn(None)
    keys = [k.split("|") for cells in maps[spec.panels[0].metric].values() for k in cells]
    rows, cols = sort_groups((k[0] for k in keys), spec.key), sort_groups((k[1] for k in keys), spec.key2)
    if len(rows) < 2 or len(cols) < 2:
        return Drawn(None, f"needs two {spec.key} and two {spec.key2} values; ran {len(rows)} and {len(cols)}")
    swap = _orient(rows, cols)
    shown_rows, shown_cols = (cols, rows) if swap else (rows, cols)
    names = short_labels(models)
    figure = new_figure(WIDTH, len(models) * (0.3 * len(shown_rows) + 1.2))
    axes = figure.subplots(len(models), len(spec.panels), squeeze=False)
    for row, model in enumerate(models):
        for col, panel in enumerate(spec.panels):
            higher = panel_direction(scenario, panel)
            cells = maps[panel.metric].get(model, {})
            if swap:
                cells = {"|".join(reversed(k.split("|"))): v for k, v in cells.items()}
            heatmap(axes[row][col], cells, shown_rows, shown_cols, higher)
            axes[row][col].set_title(_heatmap_title(names[model], panel.label, higher), fontsize=8)
    return Drawn(figure)


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


def draw_by_size(episodes: list[Episode], scenario: str, spec: FigureSpec) -> Drawn:
    """Each panel's metric against the numeric ``key`` (e.g. number of users)."""
    panels = [(_size_series(episodes, scenario, spec, p.metric, p.rate), p) for p in spec.panels]
    if not panels[0][0]:
        return Drawn(None)
    xs = {x for series, _ in panels for points, _ in series.values() for x in points}
    if len(xs) < 2:
        return Drawn(None, f"only one number of {spec.key} ran ({', '.join(f'{x:g}' for x in sorted(xs))})")
    entries = max(len(same_series(series)) for series, _ in panels)
    figure = new_figure(WIDTH, 3.6 + 0.35 * entries)
    axes = _panels(figure, len(spec.panels), 6.0)
    title = f"model ({spec.key2})" if spec.key2 else "model"
    order = sorted({name for series, _ in panels for name in series})
    for ax, (series, panel) in zip(axes, panels, strict=True):
        lines(ax, series, f"number of {spec.key}", axis_label(panel.label, panel_direction(scenario, panel)), title, order)
        if panel.rate:
            ax.set_ylim(-0.06, 1.06)
    return Drawn(figure)


DRAW: dict[str, Callable[[list[Episode], str, FigureSpec], Drawn]] = {
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


def draw_figures(episodes: list[Episode], out_dir: Path) -> FigureSet:
    """Draw every declared figure whose data exists into ``out_dir`` as PNG and SVG."""
    files: list[FigureFile] = []
    skipped: list[SkippedFigure] = []
    for scenario, spec in declared_figures():
        mine = regroup([ep for ep in episodes if ep.scenario == scenario], (spec.key, spec.key2))
        drawn = DRAW[spec.kind](mine, scenario, spec)
        if drawn.figure is None:
            if drawn.reason:
                skipped.append(SkippedFigure(id=spec.id, title=spec.title, reason=drawn.reason))
            continue
        declutter(drawn.figure)
        drawn.figure.draw_without_rendering()
        drawn.figure.set_layout_engine("none")  # the layout is final: saving need not solve it again
        collisions = text_collisions(drawn.figure)
        svg = save(drawn.figure, out_dir / spec.id)
        files.append(
            FigureFile(id=spec.id, title=spec.title, caption=spec.caption, png=str(out_dir / f"{spec.id}.png"),
                       svg=str(out_dir / f"{spec.id}.svg"), notes=list(drawn.notes),
                       collisions=collisions, svg_text=svg)
        )  # fmt: skip
    return FigureSet(files=files, skipped=skipped)


def write_figures(episodes: list[Episode], out_dir: Path) -> list[FigureFile]:
    """The figures ``draw_figures`` writes (without the list of skipped ones)."""
    return draw_figures(episodes, out_dir).files
