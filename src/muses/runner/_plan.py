"""What a run plays: which scenarios (and why others are skipped), with which parameters, which episodes.

Task parameters given once for a run (`-T attack=pressure`) apply to every selected scenario that
takes them; a parameter that no selected scenario takes is an error naming the valid ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from inspect_ai import Task
from pydantic import BaseModel

from muses.inspect import build_task, task_params, task_records
from muses.runner._config import RunConfig
from muses.runner._slices import EmptySlice, select
from muses.scenarios import (
    SCRIPTED_USER,
    agent_names,
    all_participants,
    get_scenario,
    scenario_names,
    supports,
)
from muses.scenarios._io import read_records


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


def selected_scenarios(config: RunConfig) -> list[str]:
    """The scenarios asked for, else those in the data file, else every registered one."""
    if config.scenarios:
        for name in config.scenarios:
            get_scenario(name)  # ValueError naming the known ones
        return list(config.scenarios)
    if config.data:
        order = scenario_names()
        return sorted({r.scenario for r in read_records(config.data)}, key=order.index)
    return scenario_names()


def check_task_args(config: RunConfig, names: Sequence[str]) -> None:
    """ValueError for -T parameters that none of the selected scenarios takes."""
    known = {field for name in names for field in get_scenario(name).params.model_fields}
    unknown = sorted(set(config.task_args) - known)
    if unknown:
        where = ", ".join(names)
        raise ValueError(
            f"unknown task parameter {', '.join(repr(n) for n in unknown)} for {where}; valid: {', '.join(sorted(known))}"
        )


def _check_models(config: RunConfig) -> str | None:
    """The built-in agent's name (None for other providers); ValueError for impossible role bindings."""
    agent = builtin_name(config.model)
    known = all_participants()
    if agent is not None and agent not in known:
        raise ValueError(
            f"unknown built-in participant 'muses/{agent}'; known: " + ", ".join(f"muses/{n}" for n in sorted(known))
        )
    if agent == SCRIPTED_USER:
        raise ValueError("muses/scripted plays simulated users; choose an agent such as muses/reference")
    user = builtin_name(config.user_model)
    if user is not None and user != SCRIPTED_USER:
        raise ValueError(f"--user-model muses/{user} is not a simulated user; use muses/scripted or an LLM")
    return agent


def plan(config: RunConfig) -> list[PlannedTask]:
    """Which scenarios run; built-in agents that do not play a scenario are skipped with a note."""
    names = selected_scenarios(config)
    check_task_args(config, names)
    agent = _check_models(config)
    planned: list[PlannedTask] = []
    for name in names:
        missing = get_scenario(name).missing_requirement()
        if missing:
            planned.append(PlannedTask(scenario=name, skipped=missing))
        elif agent is not None and not supports(agent, name):
            players = ", ".join(f"muses/{a}" for a in agent_names(name))
            planned.append(PlannedTask(scenario=name, skipped=f"muses/{agent} does not play {name} (agents that do: {players})"))
        else:
            planned.append(PlannedTask(scenario=name))
    return planned


def scenario_args(scenario: str, config: RunConfig) -> dict[str, Any]:
    """Raw task parameters for one scenario: the run's defaults, then the -T values it takes."""
    fields = get_scenario(scenario).params.model_fields
    raw: dict[str, Any] = {"split": config.split, "seed": config.seed}
    if config.limit is not None:
        raw["limit"] = config.limit
    if config.data:
        raw["data"] = str(config.data)
    raw.update({key: value for key, value in config.task_args.items() if key in fields})
    return raw


def make_task(scenario: str, config: RunConfig) -> Task:
    """Build one scenario's task (one slice of it under ``--shard``) through the one task builder.

    ``limit`` applies before slicing, so the slices of ``--shard i/N`` partition exactly the
    samples an unsharded run would play. Without an explicit ``-T judge``, the judge metric is on
    when a judge model is bound and the scenario has one.
    """
    params = task_params(scenario, scenario_args(scenario, config))
    records = task_records(scenario, params)
    mine = select(records, config.shard)
    if records and not mine:
        raise EmptySlice(f"no {scenario} episodes in slice {config.shard}")
    judge = None if "judge" in params.given() else (config.judge_model is not None and get_scenario(scenario).judge is not None)
    return build_task(scenario, mine, params, judge=judge)
