"""The Inspect tasks `muses/<scenario>`, one per registered scenario: ``inspect eval muses/meeting``.

The task functions are made from the registry, not written by hand: each takes exactly the fields
of its scenario's typed parameters (so `inspect eval --help`-style listings and `-T` validation
follow the scenario's ``TaskParams`` model) and calls the one task builder. A new scenario gets its
task from its registry line alone.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from inspect_ai import Task, task

from muses.inspect._tasks import scenario_task
from muses.scenarios import describe_params, get_scenario, scenario_names


def _signature(scenario: str) -> inspect.Signature:
    model = get_scenario(scenario).params
    parameters = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=field.default, annotation=field.annotation)
        for name, field in model.model_fields.items()
    ]
    return inspect.Signature(parameters, return_annotation=Task)


def _docstring(scenario: str) -> str:
    spec = get_scenario(scenario)
    lines = [f"{spec.description}", "", "Args:"]
    lines += [f"    {name}: {help} (default: {default})" for name, default, help in describe_params(spec.params)]
    return "\n".join(lines)


def make_task_function(scenario: str) -> Callable[..., Task]:
    """The registered `@task` for one scenario (keyword arguments = its typed parameters)."""

    def scenario_task_function(**params: Any) -> Task:
        return scenario_task(scenario, params)

    scenario_task_function.__name__ = scenario
    scenario_task_function.__qualname__ = scenario
    scenario_task_function.__module__ = __name__
    scenario_task_function.__doc__ = _docstring(scenario)
    scenario_task_function.__signature__ = _signature(scenario)  # type: ignore[attr-defined]
    registered: Callable[..., Task] = task(name=scenario)(scenario_task_function)
    return registered


TASKS: dict[str, Callable[..., Task]] = {}
"""Scenario name -> its registered task function."""


def register_tasks() -> dict[str, Callable[..., Task]]:
    """Register a task for every registered scenario that has none yet (idempotent)."""
    for name in scenario_names():
        if name not in TASKS:
            TASKS[name] = make_task_function(name)
            globals()[name] = TASKS[name]
    return TASKS


register_tasks()
