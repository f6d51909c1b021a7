"""The scenarios that exist, by name. Each scenario package exposes ``SPEC: ScenarioSpec``.

Registering a scenario is one line here: tasks (`muses/<name>`), `muses run`, `muses check`, the
built-in participants and the report all follow the spec the module exposes.
"""

from __future__ import annotations

import importlib
from typing import Any

from muses.scenarios._base import ScenarioSpec

SCENARIO_MODULES: dict[str, str] = {
    "selection": "muses.scenarios.selection",
    "execution": "muses.scenarios.execution",
    "access_control": "muses.scenarios.access_control",
    "meeting": "muses.scenarios.meeting",
    "queue": "muses.scenarios.queue",
    "summary": "muses.scenarios.summary",
}
"""Scenario name -> module; order is the order `muses run` and reports use."""


def scenario_names() -> list[str]:
    """Names of every registered scenario, in report order."""
    return list(SCENARIO_MODULES)


def get_scenario(name: str) -> ScenarioSpec[Any]:
    """The spec of one scenario; ValueError naming the known ones if unknown."""
    if name not in SCENARIO_MODULES:
        raise ValueError(f"unknown scenario {name!r}; known: {', '.join(SCENARIO_MODULES)}")
    spec: ScenarioSpec[Any] = importlib.import_module(SCENARIO_MODULES[name]).SPEC
    if spec.name != name:
        raise ValueError(f"{SCENARIO_MODULES[name]}.SPEC is named {spec.name!r}, registered as {name!r}")
    return spec
