"""The scenarios that exist, by name. Each scenario package exposes ``SPEC: ScenarioSpec``."""

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
}
"""Scenario name -> module; order is the order `muses run` and reports use."""

_GROUND_TRUTH: dict[str, Any] = {}


def scenario_names() -> list[str]:
    """Names of every registered scenario, in report order."""
    return list(SCENARIO_MODULES)


def get_scenario(name: str) -> ScenarioSpec[Any]:
    """The spec of one scenario; ValueError naming the known ones if unknown."""
    if name not in SCENARIO_MODULES:
        raise ValueError(f"unknown scenario {name!r}; known: {', '.join(SCENARIO_MODULES)}")
    spec: ScenarioSpec[Any] = importlib.import_module(SCENARIO_MODULES[name]).SPEC
    return spec


def register_ground_truth(record: Any) -> None:
    """Make a record available to the oracle by sample id (called when a task builds its dataset).

    Ground truth never rides in chat messages or their metadata; the oracle, the one participant
    allowed to read it, looks it up here.
    """
    _GROUND_TRUTH[record.id] = record


def ground_truth(sample_id: str) -> Any:
    """The record registered for a sample id (KeyError if the task did not register it)."""
    return _GROUND_TRUTH[sample_id]
