"""The Python API behind `muses run` and `muses check`: build tasks, call ``inspect_ai.eval``.

``RunConfig`` is the single object the CLI fills from its flags; anything the CLI can run is a
few lines of Python (``run(RunConfig(model="openai/gpt-4o-mini"))``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from inspect_ai import Task, eval
from inspect_ai.log import EvalLog
from pydantic import BaseModel, Field

from muses.inspect._tasks import build_task, parse_range, records_for
from muses.participants._names import SCRIPTED_USER, all_participants, supports
from muses.scenarios._io import read_records
from muses.scenarios._registry import get_scenario, scenario_names
from muses.inspect._solver import DEFAULT_USER_MODEL


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
    log_dir: Path = Path("logs")
    task_args: dict[str, Any] = Field(default_factory=dict, description="-T key=value task parameters.")
    log_realtime: bool = Field(default=False, description="Inspect's live sample buffer (costs ~20% speed).")
    display: str = "none"
    fail_on_error: bool | float = Field(default=False, description="Errors are logged and counted, not fatal.")


class PlannedTask(BaseModel):
    """A scenario that will run, or the reason it is skipped."""

    scenario: str
    skipped: str | None = None


def builtin_name(model: str) -> str | None:
    """'muses/reference' -> 'reference'; None for any other provider."""
    return model.split("/", 1)[1] if model.startswith("muses/") else None


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
        get_scenario(name)
        if agent == SCRIPTED_USER:
            raise ValueError("muses/scripted plays simulated users; choose an agent such as muses/reference")
        if agent is not None and not supports(agent, name):
            planned.append(PlannedTask(scenario=name, skipped=f"muses/{agent} does not play {name}"))
        else:
            planned.append(PlannedTask(scenario=name))
    return planned


def make_task(scenario: str, config: RunConfig) -> Task:
    """Build one scenario's task from the config (task args are the scenario's own parameters)."""
    args = dict(config.task_args)
    template = args.pop("template", None)
    rounds = args.pop("rounds", None)
    judge = bool(args.pop("judge", config.judge_model is not None and get_scenario(scenario).judge is not None))
    if "users" in args and isinstance(args["users"], str | int):
        args["users"] = parse_range(args["users"], "users")
    data = str(config.data) if config.data else None
    records = records_for(scenario, data, str(args.pop("split", config.split)), int(args.pop("seed", config.seed)), **args)
    return build_task(
        scenario, records, template=template, rounds=int(rounds) if rounds else None, limit=config.limit, judge=judge
    )


def run_tasks(tasks: list[Task], config: RunConfig, models: list[str] | None = None) -> list[EvalLog]:
    """Evaluate tasks with Inspect using the config's model roles and logging options."""
    roles: dict[str, str] = {"user": config.user_model}
    if config.judge_model:
        roles["judge"] = config.judge_model
    options: dict[str, Any] = {}
    if config.max_connections:
        options["max_connections"] = config.max_connections
    return eval(
        tasks,
        model=models or config.model,
        model_roles=roles,
        log_dir=str(config.log_dir),
        epochs=config.epochs,
        display=config.display,  # type: ignore[arg-type]
        log_realtime=config.log_realtime,
        fail_on_error=config.fail_on_error,
        max_tasks=max(1, len(tasks)),
        score_display=False,
        **options,
    )
