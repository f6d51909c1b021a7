"""The paper's Figures 3-9 from episodes; each is drawn only when the logs hold its data.

A figure builder returns None when its scenario or break-down key is absent, so a report of an
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


def _bars(episodes: list[Episode], scenario: str, key: str, panels: list[tuple[str, str, bool]]) -> Figure | None:
    """Grouped bars per model for each (metric, label, rate) panel, grouped by ``key``."""
    data = [(breakdown(episodes, scenario, metric, key, rate), label, rate) for metric, label, rate in panels]
    if not any(d for d, _, _ in data):
        return None
    figure = new_figure(len(panels))
    for ax, (cells, label, rate) in zip(figure.subplots(1, len(panels), squeeze=False)[0], data, strict=True):
        grouped_bars(ax, cells, _groups(cells, key), label, unit_range=rate)  # type: ignore[arg-type]
        ax.set_title(f"{label} by {key}")
    legend_below(figure, ax)
    return figure


def fig_execution(episodes: list[Episode]) -> Figure | None:
    """Fig. 3: execution accuracy, aligned vs conflicting instructions, per model."""
    return _bars(episodes, "execution", "variant", [("execution_accuracy", "Execution accuracy", True)])


def fig_privacy_rounds(episodes: list[Episode]) -> Figure | None:
    """Fig. 4: privacy (and utility) after each round, finished episodes carried forward."""
    panels = [("privacy_by_round", "Privacy"), ("utility_by_round", "Utility")]
    curves = [(round_curves(episodes, "access_control", detail), label) for detail, label in panels]
    if not curves[0][0]:
        return None
    figure = new_figure(2)
    for ax, (series, label) in zip(figure.subplots(1, 2), curves, strict=True):
        lines(ax, {m: (list(range(1, len(ys) + 1)), ys) for m, ys in series.items()}, "round", label)
        ax.set_ylim(-0.02, 1.02)
        ax.set_title(f"{label} per round (carry-forward)")
    legend_below(figure, ax)
    return figure


def fig_meeting_disclosure(episodes: list[Episode]) -> Figure | None:
    """Fig. 5: meeting success and turns, full vs partial disclosure of availability."""
    return _bars(episodes, "meeting", "disclosure", [("success", "Success", True), ("turns", "Turns", False)])


def fig_template(episodes: list[Episode]) -> Figure | None:
    """Fig. 6: access-control privacy and utility by user-turn template."""
    return _bars(episodes, "access_control", "template", [("privacy", "Privacy", True), ("utility", "Utility", True)])


def fig_attack(episodes: list[Episode]) -> Figure | None:
    """Fig. 7: access-control privacy and utility by attack."""
    return _bars(episodes, "access_control", "attack", [("privacy", "Privacy", True), ("utility", "Utility", True)])


def fig_heatmap(episodes: list[Episode]) -> Figure | None:
    """Fig. 8: template x attack heatmaps of privacy and utility, one row per model."""
    maps = {m: breakdown2(episodes, "access_control", m, "template", "attack") for m in ("privacy", "utility")}
    models = list(maps["privacy"])
    if not models:
        return None
    figure = new_figure(2, width_per_panel=4.6, height=2.6, rows=len(models))
    axes = figure.subplots(len(models), 2, squeeze=False)
    for row, model in enumerate(models):
        for col, metric in enumerate(("privacy", "utility")):
            cells = maps[metric].get(model, {})
            keys = [k.split("|") for k in cells]
            rows = sort_groups((k[0] for k in keys), "template")
            cols = sort_groups((k[1] for k in keys), "attack")
            heatmap(axes[row][col], {k: v.mean for k, v in cells.items()}, rows, cols, f"{model}: {metric}")
    return figure


def fig_users(episodes: list[Episode]) -> Figure | None:
    """Fig. 9: meeting success and turns against the number of users (by disclosure if known)."""
    panels: list[tuple[dict[str, tuple[list[float], list[float]]], str, bool]] = []
    for metric, label, rate in (("success", "Success", True), ("turns", "Turns", False)):
        series: dict[str, tuple[list[float], list[float]]] = {}
        for disclosure in sort_groups({str(e.groups.get("disclosure", "all")) for e in episodes}, "disclosure"):
            subset = [e for e in episodes if str(e.groups.get("disclosure", "all")) == disclosure]
            for model, cells in breakdown(subset, "meeting", metric, "users", rate).items():
                xs = sort_groups(cells, "users")
                name = model if disclosure == "all" else f"{model} ({disclosure})"
                series[name] = ([float(x) for x in xs], [cells[x].mean or 0.0 for x in xs])
        panels.append((series, label, rate))
    if not panels[0][0]:
        return None
    figure = new_figure(2)
    for ax, (series, label, rate) in zip(figure.subplots(1, 2), panels, strict=True):
        lines(ax, series, "number of users", label)
        if rate:
            ax.set_ylim(-0.02, 1.05)
        ax.set_title(f"{label} vs number of users")
    legend_below(figure, ax)
    return figure


FIGURES: tuple[tuple[str, str, str, Callable[[list[Episode]], Figure | None]], ...] = (
    ("fig3_execution", "Fig. 3 — Execution accuracy: aligned vs conflict", "Mean ± clustered SE per model.", fig_execution),
    ("fig4_privacy_rounds", "Fig. 4 — Privacy and utility per round", "Episodes that ended early keep their final value (no survivorship); errors count as 0.", fig_privacy_rounds),
    ("fig5_meeting_disclosure", "Fig. 5 — Meeting success and turns: full vs partial disclosure", "Turns over every episode that ran (not only successes).", fig_meeting_disclosure),
    ("fig6_template", "Fig. 6 — Access control by template", "Privacy and utility per user-turn template.", fig_template),
    ("fig7_attack", "Fig. 7 — Access control by attack", "Privacy and utility per attack.", fig_attack),
    ("fig8_heatmap", "Fig. 8 — Template × attack", "Mean per cell; – marks a combination that did not run.", fig_heatmap),
    ("fig9_users", "Fig. 9 — Meeting success and turns vs number of users", "One line per model (and disclosure).", fig_users),
)  # fmt: skip
"""(id, title, caption, builder) in the paper's order."""


def write_figures(episodes: list[Episode], out_dir: Path) -> list[FigureFile]:
    """Draw every figure whose data exists into ``out_dir`` as PNG and SVG."""
    written: list[FigureFile] = []
    for name, title, caption, build in FIGURES:
        figure = build(episodes)
        if figure is None:
            continue
        figure.suptitle(title, fontsize=10)
        encoded = save(figure, out_dir / name)
        written.append(
            FigureFile(
                id=name,
                title=title,
                caption=caption,
                png=str(out_dir / f"{name}.png"),
                svg=str(out_dir / f"{name}.svg"),
                png_base64=encoded,
            )
        )
    return written
