"""The Python API behind `muses run` and `muses check`: build tasks, call ``inspect_ai.eval``.

``RunConfig`` is the single object the CLI fills from its flags; anything the CLI can run is a
few lines of Python (``run(RunConfig(model="openai/gpt-4o-mini"))``).
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from inspect_ai import Task, eval
from inspect_ai._eval.task import PreviousTask
from inspect_ai.log import EvalLog
from pydantic import BaseModel, Field

from muses.inspect._shards import EmptySlice, Shard, select
from muses.inspect._solver import DEFAULT_USER_MODEL
from muses.inspect._tasks import build_task, parse_range, records_for
from muses.participants._names import SCRIPTED_USER, all_participants, supports
from muses.scenarios._io import read_records
from muses.scenarios._registry import get_scenario, scenario_names


class RunConfig(BaseModel):
    """Everything one benchmark run needs."""

    scenarios: list[str] = Field(default_factory=list, description="Scenario names; empty = every scenario.")
    model: str = Field(default="muses/reference", description="The agent under test (Inspect model string).")
    user_model: str = Field(default=DEFAULT_USER_MODEL, description="Model for the `user` role.")
    judge_model: str | None = Field(default=None, description="Model for the optional `judge` role.")
    split: str = Field(default="quick", description="Generated split: quick, dev, test or train.")
    seed: int = 0
    data: Path | None = Field(default=None, description="JSONL of records to run instead of generating.")
    limit: int | None = None
    epochs: int = 1
    max_connections: int | None = None
    log_dir: str | Path = Field(default="logs", description="Inspect log directory: a path or a URI (s3://...).")
    task_args: dict[str, Any] = Field(default_factory=dict, description="-T key=value task parameters.")
    log_realtime: bool = Field(default=False, description="Inspect's live sample buffer (costs ~20% speed).")
    display: str = "none"
    fail_on_error: bool | float = Field(default=False, description="Errors are logged and counted, not fatal.")
    shard: Shard | None = Field(default=None, description="Run only this slice of the samples (--shard i/N).")
    log_buffer: int | None = Field(
        default=None, description="Finished samples per log flush (None: every sample up to 1000 per process)."
    )
    log_model_api: bool = Field(default=False, description="Log raw provider requests/responses (costs time).")
    max_retries: int | None = Field(default=None, description="Retries per model call (Inspect's default if None).")
    timeout: int | None = Field(default=None, description="Seconds per model request attempt.")
    eval_options: dict[str, Any] = Field(
        default_factory=dict, description="Extra inspect_ai.eval() keyword arguments (-E key=value), e.g. max_samples."
    )


class PlannedTask(BaseModel):
    """A scenario that will run, or the reason it is skipped."""

    scenario: str
    skipped: str | None = None


def builtin_name(model: str) -> str | None:
    """'muses/reference' -> 'reference'; None for any other provider."""
    return model.split("/", 1)[1] if model.startswith("muses/") else None


def builtin_agents(scenarios: Sequence[str] = ()) -> list[str]:
    """Built-in agents that play at least one of ``scenarios`` (default: all), reference first,
    then the oracle, then the baselines (alphabetical)."""
    wanted = set(scenarios or scenario_names())
    table = all_participants()
    names = sorted(n for n in table if n != SCRIPTED_USER and wanted & set(table[n]))
    order = sorted(names, key=lambda n: (n != "reference", n != "oracle", n))
    return [f"muses/{name}" for name in order]


def plan(config: RunConfig) -> list[PlannedTask]:
    """Which scenarios run; built-in agents that do not play a scenario are skipped with a note."""
    names = config.scenarios or scenario_names()
    if config.data and not config.scenarios:
        names = sorted({r.scenario for r in read_records(config.data)}, key=scenario_names().index)
    planned: list[PlannedTask] = []
    agent = builtin_name(config.model)
    known = all_participants()
    if agent is not None and agent not in known:
        raise ValueError(
            f"unknown built-in participant 'muses/{agent}'; known: " + ", ".join(f"muses/{n}" for n in sorted(known))
        )
    user = builtin_name(config.user_model)
    if user is not None and user != SCRIPTED_USER:
        raise ValueError(f"--user-model muses/{user} is not a simulated user; use muses/scripted or an LLM")
    for name in names:
        missing = get_scenario(name).missing_requirement()
        if missing:
            planned.append(PlannedTask(scenario=name, skipped=missing))
            continue
        if agent == SCRIPTED_USER:
            raise ValueError("muses/scripted plays simulated users; choose an agent such as muses/reference")
        if agent is not None and not supports(agent, name):
            planned.append(PlannedTask(scenario=name, skipped=f"muses/{agent} does not play {name}"))
        else:
            planned.append(PlannedTask(scenario=name))
    return planned


def task_parameters(scenario: str) -> list[str]:
    """The -T parameters a scenario takes: its @task's arguments, or its generator's plus the common ones."""
    from muses.inspect import tasks

    function = getattr(tasks, scenario, None)
    if function is None:
        function = get_scenario(scenario).generate
    names = set(inspect.signature(function).parameters) - {"kwargs", "params"}
    return sorted(names | {"template", "rounds", "split", "seed", "limit", "data", "judge"})


def check_task_args(scenario: str, args: dict[str, Any]) -> None:
    """ValueError naming each unknown -T parameter and the task's valid ones."""
    valid = task_parameters(scenario)
    unknown = sorted(set(args) - set(valid))
    if unknown:
        names = ", ".join(repr(name) for name in unknown)
        raise ValueError(f"unknown task parameter {names} for {scenario}; valid: {', '.join(valid)}")


def make_task(scenario: str, config: RunConfig) -> Task:
    """Build one scenario's task from the config (task args are the scenario's own parameters).

    ``limit`` applies before slicing, so the slices of ``--shard i/N`` partition exactly the
    samples an unsharded run would play.
    """
    args = dict(config.task_args)
    check_task_args(scenario, args)
    limit = args.pop("limit", config.limit)
    data = args.pop("data", None) or (str(config.data) if config.data else None)
    template = args.pop("template", None)
    rounds = args.pop("rounds", None)
    judge = bool(args.pop("judge", config.judge_model is not None and get_scenario(scenario).judge is not None))
    if "users" in args and isinstance(args["users"], str | int):
        args["users"] = parse_range(args["users"], "users")
    records = records_for(scenario, data, str(args.pop("split", config.split)), int(args.pop("seed", config.seed)), **args)
    if limit is not None:
        records = records[: int(limit)]
    mine = select(records, config.shard)
    if records and not mine:
        raise EmptySlice(f"no {scenario} episodes in slice {config.shard}")
    return build_task(scenario, mine, template=template, rounds=int(rounds) if rounds else None, judge=judge)


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


def run_tasks(
    tasks: Sequence[Task] | Sequence[PreviousTask], config: RunConfig, models: list[str] | None = None
) -> list[EvalLog]:
    """Evaluate tasks (or resume them: ``PreviousTask``) with the config's model roles and logging options."""
    roles: dict[str, str] = {"user": config.user_model}
    if config.judge_model:
        roles["judge"] = config.judge_model
    options: dict[str, Any] = {
        "model": models or config.model,
        "model_roles": roles,
        "log_dir": str(config.log_dir),
        "epochs": config.epochs,
        "display": config.display,
        "log_realtime": config.log_realtime,
        "log_model_api": config.log_model_api,
        "fail_on_error": config.fail_on_error,
        "max_tasks": max(1, len(tasks)),
        "score_display": False,
    }
    optional = {
        "max_connections": config.max_connections or None,
        "log_buffer": config.log_buffer or default_log_buffer(tasks, config.epochs),
        "max_retries": config.max_retries,
        "timeout": config.timeout,
    }
    options.update({key: value for key, value in optional.items() if value is not None})
    options.update(config.eval_options)
    return eval(list(tasks), **options)  # type: ignore[arg-type]
