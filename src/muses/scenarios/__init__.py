"""Scenarios: one folder each (data model, generator, environment, users, scorer, policies)."""

from muses.scenarios._base import (
    AgentObservation,
    Environment,
    EpisodeScore,
    MetricBound,
    ScenarioRecord,
    ScenarioSpec,
    UserObservation,
)
from muses.scenarios._engine import ChatTurn, agent_chat, run_episode, user_chat
from muses.scenarios._registry import get_scenario, scenario_names

__all__ = [
    "AgentObservation",
    "ChatTurn",
    "EpisodeScore",
    "Environment",
    "MetricBound",
    "ScenarioRecord",
    "ScenarioSpec",
    "UserObservation",
    "agent_chat",
    "get_scenario",
    "run_episode",
    "scenario_names",
    "user_chat",
]
