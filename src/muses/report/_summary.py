"""The console results table printed by `muses run` and used by `muses check` (from Inspect logs)."""

from __future__ import annotations

from inspect_ai.log import EvalLog
from pydantic import BaseModel


class MetricSummary(BaseModel):
    """One metric of one task run."""

    task: str
    model: str
    metric: str
    mean: float | None
    stderr: float | None
    samples: int
    errors: int


def summarize(log: EvalLog) -> list[MetricSummary]:
    """Mean and standard error per metric of one evaluation log (errors counted separately)."""
    samples = log.results.total_samples if log.results else 0
    completed = log.results.completed_samples if log.results else 0
    errors = max(samples - completed, 0)
    if log.samples is not None:
        errors = sum(1 for s in log.samples if s.error is not None)
    rows: list[MetricSummary] = []
    task = log.eval.task.split("/")[-1]
    for score in log.results.scores if log.results else []:
        metrics = score.metrics
        rows.append(
            MetricSummary(
                task=task,
                model=log.eval.model,
                metric=score.name,
                mean=metrics["mean"].value if "mean" in metrics else None,
                stderr=metrics["stderr"].value if "stderr" in metrics else None,
                samples=samples,
                errors=errors,
            )
        )
    return rows


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def format_table(rows: list[MetricSummary]) -> str:
    """A plain-text table: task, model, metric, mean ± stderr, n, errors."""
    header = ("task", "model", "metric", "mean", "± se", "n", "errors")
    body = [(r.task, r.model, r.metric, _fmt(r.mean), _fmt(r.stderr), str(r.samples), str(r.errors)) for r in rows]
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in [header, *body]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
