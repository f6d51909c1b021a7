"""Base versus trained on the same episodes: per-metric means, standard errors and paired deltas.

Why paired: both models play exactly the same held-out episodes with the same scripted users, so
the per-episode difference removes the variance between episodes and its standard error is the
honest one for "did training help". A metric that does not apply to an episode (NaN: conflict
resolution in an aligned execution episode, reason accuracy without a correct rejection) is left
out of that metric's n. An episode that ended in an error has no scores: it is left out of every
metric and counted in the ``errors`` row (share of episodes), so errors are visible, not averaged
into metrics whose better direction differs (format failures and waits are lower-is-better).
"""

from __future__ import annotations

import math
from pathlib import Path

from inspect_ai.log import list_eval_logs, read_eval_log
from pydantic import BaseModel, Field

from muses.scenarios import get_scenario

ERRORS = "errors"
"""Pseudo-metric: 1 for an episode that ended in an error, else 0."""

Values = dict[str, dict[str, float]]
"""sample id -> metric -> value, for one scenario and one model."""


class Cell(BaseModel):
    """One metric of one scenario: both models and their paired difference."""

    scenario: str
    metric: str
    n: int = Field(description="Episodes where the metric applies for both models.")
    base: float
    base_se: float
    trained: float
    trained_se: float
    delta: float
    delta_se: float = Field(description="Standard error of the per-episode difference (paired).")


def scenario_values(log_dir: Path) -> dict[str, Values]:
    """Scenario -> per-sample metric values from every log in ``log_dir``."""
    found: dict[str, Values] = {}
    for info in list_eval_logs(str(log_dir)):
        log = read_eval_log(info)
        scenario = str((log.eval.metadata or {}).get("scenario") or log.eval.task.split("/")[-1])
        metrics = get_scenario(scenario).metrics
        values = found.setdefault(scenario, {})
        for sample in log.samples or []:
            score = next(iter((sample.scores or {}).values()), None)
            raw = score.value if score is not None and isinstance(score.value, dict) else {}
            failed = sample.error is not None
            row = {m: math.nan if failed else float(raw.get(m, math.nan)) for m in metrics}
            if str(sample.id) in values:
                raise ValueError(f"{log_dir}: episode {sample.id} of {scenario} is in more than one log (stale logs?)")
            values[str(sample.id)] = {**row, ERRORS: float(failed)}
    return found


def _mean_se(xs: list[float]) -> tuple[float, float]:
    n = len(xs)
    if n == 0:
        return math.nan, math.nan
    mean = sum(xs) / n
    if n == 1:
        return mean, math.nan
    variance = sum((x - mean) ** 2 for x in xs) / (n - 1)
    return mean, math.sqrt(variance / n)


def compare(base: dict[str, Values], trained: dict[str, Values]) -> list[Cell]:
    """One Cell per scenario and metric, over the episodes both models played."""
    cells: list[Cell] = []
    for scenario in sorted(set(base) & set(trained)):
        shared = sorted(set(base[scenario]) & set(trained[scenario]))
        for metric in (*get_scenario(scenario).metrics, ERRORS):
            pairs = [(base[scenario][s][metric], trained[scenario][s][metric]) for s in shared]
            pairs = [(b, t) for b, t in pairs if not (math.isnan(b) or math.isnan(t))]
            b_mean, b_se = _mean_se([b for b, _ in pairs])
            t_mean, t_se = _mean_se([t for _, t in pairs])
            d_mean, d_se = _mean_se([t - b for b, t in pairs])
            cells.append(Cell(scenario=scenario, metric=metric, n=len(pairs), base=b_mean, base_se=b_se,
                              trained=t_mean, trained_se=t_se, delta=d_mean, delta_se=d_se))
    return cells


def _fmt(mean: float, se: float) -> str:
    if math.isnan(mean):
        return "n/a"
    return f"{mean:.3f} ± {se:.3f}" if not math.isnan(se) else f"{mean:.3f}"


def markdown(cells: list[Cell]) -> str:
    """The table for BENCHMARKS.md: one row per scenario and metric."""
    lines = ["| scenario | metric | n | base | trained | Δ (paired SE) |", "|---|---|---:|---:|---:|---:|"]
    for c in cells:
        delta = "n/a" if math.isnan(c.delta) else f"{c.delta:+.3f} ± {c.delta_se:.3f}"
        lines.append(f"| {c.scenario} | {c.metric} | {c.n} | {_fmt(c.base, c.base_se)} | {_fmt(c.trained, c.trained_se)} | {delta} |")
    return "\n".join(lines)
