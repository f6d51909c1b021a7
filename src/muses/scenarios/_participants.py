"""Which built-in participant plays which scenario (pure lookups over the scenario specs)."""

from __future__ import annotations

from muses.scenarios._registry import get_scenario, scenario_names

SCRIPTED_USER = "scripted"
ORACLE = "oracle"


def agent_names(scenario: str) -> list[str]:
    """Built-in agents that can play the agent side of a scenario (oracle included)."""
    spec = get_scenario(scenario)
    names = list(spec.agents)
    if spec.oracle is not None:
        names.append(ORACLE)
    return names


def all_participants() -> dict[str, list[str]]:
    """Every built-in participant name -> scenarios it supports (users: every scenario)."""
    table: dict[str, list[str]] = {SCRIPTED_USER: scenario_names()}
    for scenario in scenario_names():
        for name in agent_names(scenario):
            table.setdefault(name, []).append(scenario)
    return table


def supports(participant: str, scenario: str) -> bool:
    """Whether ``muses/<participant>`` can act as the agent in ``scenario``."""
    return participant in agent_names(scenario)
