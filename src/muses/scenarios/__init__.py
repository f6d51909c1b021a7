"""Scenarios: one folder each (data model, task parameters, generator, environment, users, scorer,
policies, paper importer, README), described to the rest of the system by a ``ScenarioSpec``.

A scenario is its folder plus one line in ``muses.scenarios._registry.SCENARIO_MODULES``.
"""

from muses.scenarios._base import (
    SPLITS,
    AgentObservation,
    Environment,
    EpisodeScore,
    GenerationLimits,
    JudgeSpec,
    MetricBound,
    ScenarioRecord,
    ScenarioSpec,
    UserObservation,
)
from muses.scenarios._params import Split, TaskParams, describe_params, parse_range, parse_task_params
from muses.scenarios._participants import ORACLE, SCRIPTED_USER, agent_names, all_participants, supports
from muses.scenarios._presentation import Column, EpisodeValues, FigureSpec, Panel, RunMetric, RunValue
from muses.scenarios._registry import get_scenario, scenario_names

__all__ = [
    "ORACLE",
    "SCRIPTED_USER",
    "SPLITS",
    "AgentObservation",
    "Column",
    "Environment",
    "EpisodeValues",
    "EpisodeScore",
    "FigureSpec",
    "GenerationLimits",
    "JudgeSpec",
    "MetricBound",
    "Panel",
    "RunMetric",
    "RunValue",
    "ScenarioRecord",
    "ScenarioSpec",
    "Split",
    "TaskParams",
    "UserObservation",
    "agent_names",
    "all_participants",
    "get_scenario",
    "describe_params",
    "parse_range",
    "parse_task_params",
    "scenario_names",
    "supports",
]
