"""Run-level metrics: numbers a scenario computes over a row's episodes together (``ScenarioSpec.run_metrics``).

No single episode can score them (e.g. a paired difference between two variants of one base
scenario), so the report computes them per row and scenario from the scored episodes, and says on
how many units (pairs, clusters) each rests.
"""

from __future__ import annotations

from pydantic import BaseModel

from muses.report._episodes import Episode
from muses.scenarios import EpisodeValues, get_scenario, scenario_names


class RunMetricRow(BaseModel):
    """One run-level metric of one row."""

    model: str
    scenario: str
    key: str
    label: str
    value: float | None
    n: int
    note: str = ""
    higher_is_better: bool = True
    description: str = ""


def run_metric_rows(episodes: list[Episode]) -> list[RunMetricRow]:
    """Every registered scenario's run metrics for every row that played it (errored episodes left out)."""
    rows: list[RunMetricRow] = []
    for scenario in scenario_names():
        metrics = get_scenario(scenario).run_metrics
        if not metrics:
            continue
        by_model: dict[str, list[EpisodeValues]] = {}
        for ep in episodes:
            if ep.scenario == scenario and ep.values is not None:
                by_model.setdefault(ep.model, []).append(EpisodeValues(ep.base_id, dict(ep.groups), dict(ep.values)))
        for model, values in sorted(by_model.items()):
            for metric in metrics:
                result = metric.compute(values)
                rows.append(
                    RunMetricRow(
                        model=model, scenario=scenario, key=metric.key, label=metric.label, value=result.value,
                        n=result.n, note=result.note, higher_is_better=metric.higher_is_better,
                        description=metric.description,
                    )
                )
    return rows


def run_metric_lines(rows: list[RunMetricRow]) -> list[str]:
    """One plain-text line per run-level metric (for table.md and the console)."""
    lines = []
    for row in rows:
        arrow = "↑" if row.higher_is_better else "↓"
        value = "–" if row.value is None else f"{100 * row.value:.1f}"
        note = f"; {row.note}" if row.note else ""
        lines.append(f"{row.label} {arrow} for {row.model}: {value} (n={row.n}{note})")
    return lines
