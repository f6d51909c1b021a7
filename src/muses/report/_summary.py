"""The console results table printed by `muses run` and used by `muses check` (from Inspect logs)."""

from __future__ import annotations

import math

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
    issues: dict[str, int] = {}
    """Turns that did not end normally, by 'role:kind' (agent:max_tokens, user:out_of_role, ...)."""


def summarize(log: EvalLog) -> list[MetricSummary]:
    """Mean and standard error per metric of one evaluation log (errors counted separately).

    Reads the header only: ``completed_samples`` counts samples that finished without error, and
    touching ``log.samples`` would load every sample of the log from disk.
    """
    planned = (log.eval.dataset.samples or 0) * (log.eval.config.epochs or 1)
    samples = log.results.total_samples if log.results else planned
    completed = log.results.completed_samples if log.results else 0
    errors = max(samples - completed, 0)
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
    if not rows and samples:  # every sample errored: still show the run and its errors
        rows.append(MetricSummary(task=task, model=log.eval.model, metric="(all errored)", mean=None, stderr=None, samples=samples, errors=errors))
    return rows


def summarize_merged(locations: list[str]) -> list[MetricSummary]:
    """One row per task, model and metric over the samples of several logs (shards, resumed runs).

    Reads only log headers and sample summaries, so merging is cheap. Duplicate sample-epochs
    keep the scored copy. Means exclude errored samples and standard errors are clustered by
    ``base_id``, as in a single log's header.
    """
    from inspect_ai.log import read_eval_log, read_eval_log_sample_summaries

    from muses.report._stats import clustered_se

    metrics: dict[tuple[str, str], list[str]] = {}
    samples: dict[tuple[str, str], dict[tuple[str, int], tuple[dict[str, float] | None, str]]] = {}
    for location in locations:
        header = read_eval_log(location, header_only=True)
        key = (header.eval.task.split("/")[-1], header.eval.model)
        names = [score.name for score in header.results.scores] if header.results else []
        metrics.setdefault(key, [])
        metrics[key].extend(n for n in names if n not in metrics[key])
        seen = samples.setdefault(key, {})
        for summary in read_eval_log_sample_summaries(location):
            score = next(iter((summary.scores or {}).values()), None)
            value = score.value if score is not None and summary.error is None else None
            values = {k: float(v) for k, v in value.items() if isinstance(v, int | float)} if isinstance(value, dict) else None
            sample_key = (str(summary.id), summary.epoch)
            if sample_key not in seen or seen[sample_key][0] is None:
                seen[sample_key] = (values, str((summary.metadata or {}).get("base_id") or summary.id))
    rows: list[MetricSummary] = []
    for (task, model), seen in samples.items():
        scored = [(values, cluster) for values, cluster in seen.values() if values is not None]
        names = metrics[(task, model)] or sorted({k for values, _ in scored for k in values}) or ["(all errored)"]
        for metric in names:
            pairs = [(values[metric], cluster) for values, cluster in scored if metric in values]
            mean = sum(v for v, _ in pairs) / len(pairs) if pairs else None
            se = clustered_se([v for v, _ in pairs], [c for _, c in pairs]) if pairs else None
            rows.append(
                MetricSummary(
                    task=task,
                    model=model,
                    metric=metric,
                    mean=mean,
                    stderr=se,
                    samples=len(seen),
                    errors=len(seen) - len(scored),
                )
            )
    return rows


def issue_counts(location: str) -> dict[tuple[str, str], dict[str, int]]:
    """Turn issues per (task, model) of one log, summed from the samples' metadata (``turn_issues``)."""
    from inspect_ai.log import read_eval_log, read_eval_log_sample_summaries

    header = read_eval_log(location, header_only=True)
    key = (header.eval.task.split("/")[-1], header.eval.model)
    totals: dict[str, int] = {}
    for summary in read_eval_log_sample_summaries(location):
        counts = (summary.metadata or {}).get("turn_issues")
        for name, count in (counts if isinstance(counts, dict) else {}).items():
            totals[name] = totals.get(name, 0) + int(count)
    return {key: totals}


def with_issues(rows: list[MetricSummary], locations: list[str]) -> list[MetricSummary]:
    """The rows with their task's turn-issue counts filled in."""
    found: dict[tuple[str, str], dict[str, int]] = {}
    for location in locations:
        for key, counts in issue_counts(location).items():
            merged = found.setdefault(key, {})
            for name, count in counts.items():
                merged[name] = merged.get(name, 0) + count
    return [row.model_copy(update={"issues": found.get((row.task, row.model), {})}) for row in rows]


def _fmt(value: float | None) -> str:
    """Three decimals; '-' when there is no value (e.g. a rate with no eligible cases: NaN)."""
    return "-" if value is None or math.isnan(value) else f"{value:.3f}"


def _cells(row: MetricSummary, issues: bool) -> tuple[str, ...]:
    """A row's cells; a metric without a value because every episode errored reads 'error', never 0."""
    errored = row.mean is None and row.samples > 0 and row.errors >= row.samples
    mean, se = ("error", "error") if errored else (_fmt(row.mean), _fmt(row.stderr))
    cells = (row.task, row.model, row.metric, mean, se, str(row.samples), str(row.errors))
    return (*cells, str(sum(row.issues.values()))) if issues else cells


def format_table(rows: list[MetricSummary]) -> str:
    """A plain-text table: task, model, metric, mean ± stderr, n, errors, and when any turn did not
    end normally, the turn issues (their kinds listed below the table)."""
    any_issue = any(r.issues for r in rows)
    header = ("task", "model", "metric", "mean", "± se", "n", "errors", *(("issues",) if any_issue else ()))
    body = [_cells(r, any_issue) for r in rows]
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in [header, *body]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    notes = {(r.task, r.model): r.issues for r in rows if r.issues}
    for (task, model), counts in notes.items():
        kinds = ", ".join(f"{name} {count}" for name, count in sorted(counts.items()))
        lines.append(f"turn issues of {task} {model}: {kinds} (failed generations were not delivered)")
    return "\n".join(lines)
