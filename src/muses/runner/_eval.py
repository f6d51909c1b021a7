"""The one call into ``inspect_ai.eval`` with a run's model roles and logging options."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from inspect_ai import Task, eval
from inspect_ai._eval.task import PreviousTask
from inspect_ai.log import EvalLog
from inspect_ai.model import GenerateConfig, Model, get_model

from muses.runner._config import RunConfig
from muses.runner._progress import ProgressLine

FLUSH_EVERY_SAMPLE_UP_TO = 1000
"""Runs up to this many sample-epochs per process flush each finished sample to the log."""


def default_log_buffer(tasks: Sequence[Task] | Sequence[PreviousTask], epochs: int) -> int | None:
    """1 (a kill loses only episodes in flight) for runs up to 1000 sample-epochs, else Inspect's default.

    Each flush rewrites the whole log, so flushing every sample costs O(n^2) bytes: nothing
    measurable at 126 samples (2.4 MB log, BENCHMARKS.md), but Inspect's ~20 flushes per run are
    the better trade for large runs.
    """
    total = 0
    for item in tasks:
        task = item.task if isinstance(item, PreviousTask) else item
        total += len(task.dataset) * max(epochs, 1) if isinstance(task, Task) else FLUSH_EVERY_SAMPLE_UP_TO + 1
    return 1 if total <= FLUSH_EVERY_SAMPLE_UP_TO else None


def user_role(config: RunConfig) -> str | Model:
    """The `user` role binding: the model string, or a model carrying the role's own generation settings.

    Inspect passes the eval's generation settings (``-E``) to the agent only, so the user role's
    (``--user-max-tokens``, ``-U``) ride on the model bound to the role.
    """
    settings = config.user_generation()
    if not settings:
        return config.user_model
    return get_model(config.user_model, config=GenerateConfig(**settings))


def remaining(tasks: Sequence[Task] | Sequence[PreviousTask], epochs: int) -> dict[str, int]:
    """Episodes each task will play: its samples times epochs, minus those a resumed log already has."""
    totals: dict[str, int] = {}
    for item in tasks:
        task = item.task if isinstance(item, PreviousTask) else item
        if not isinstance(task, Task):
            continue
        count = len(task.dataset) * max(epochs, 1)
        if isinstance(item, PreviousTask) and item.log.results is not None:
            count -= item.log.results.completed_samples
        totals[task.name] = totals.get(task.name, 0) + max(count, 0)
    return totals


def run_tasks(
    tasks: Sequence[Task] | Sequence[PreviousTask], config: RunConfig, models: list[str] | None = None
) -> list[EvalLog]:
    """Evaluate tasks (or resume them: ``PreviousTask``) with the config's model roles and logging options."""
    roles: dict[str, str | Model] = {"user": user_role(config)}
    if config.judge_model:
        roles["judge"] = config.judge_model
    options: dict[str, Any] = {
        "model": models or config.model,
        "model_roles": roles,
        "log_dir": str(config.log_dir),
        "epochs": config.epochs,
        "display": "none" if config.display == "progress" else config.display,
        "log_realtime": config.log_realtime,
        "log_model_api": config.log_model_api,
        "fail_on_error": config.fail_on_error,
        "max_tasks": max(1, len(tasks)),
        "score_display": False,
    }
    model_args = dict(config.model_args)
    optional = {
        "model_base_url": model_args.pop("base_url", None),
        "model_args": model_args or None,
        "max_connections": config.max_connections or None,
        "log_buffer": config.log_buffer or default_log_buffer(tasks, config.epochs),
        "max_retries": config.max_retries,
        "timeout": config.timeout,
        "max_tokens": config.max_tokens,
    }
    options.update({key: value for key, value in optional.items() if value is not None})
    options.update(config.eval_options)
    if config.display != "progress":
        return eval(list(tasks), **options)  # type: ignore[arg-type]
    with ProgressLine(remaining(tasks, config.epochs), label=f"{config.model}: "):
        return eval(list(tasks), **options)  # type: ignore[arg-type]
