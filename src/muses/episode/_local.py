"""Play an episode with built-in participants directly, without Inspect.

Used by tests, pure-Python proofs of the scorers, data generation and throughput benchmarks. The
same policies and the same engine as an Inspect run; only the model-call layer (logging, retries,
concurrency limits) is skipped.
"""

from __future__ import annotations

import asyncio
from typing import Any

from muses.episode._engine import ChatTurn, run_episode
from muses.protocol import Template, Transcript
from muses.scenarios import ORACLE, AgentObservation, EpisodeScore, UserObservation, get_scenario, supports


async def play_local(record: Any, agent: str, template: Template = "xml", rounds: int | None = None) -> Transcript:
    """Run one episode of ``record`` with built-in agent ``agent`` and scripted users."""
    spec = get_scenario(record.scenario)
    if not supports(agent, spec.name):
        raise ValueError(f"muses/{agent} does not play {spec.name}")
    env = spec.environment(record, rounds or spec.default_rounds)

    async def agent_call(chat: list[ChatTurn], obs: AgentObservation) -> str:
        if agent == ORACLE and spec.oracle is not None:
            return spec.oracle(obs, record)
        return spec.agents[agent](obs)

    async def user_call(chat: list[ChatTurn], obs: UserObservation) -> str:
        return spec.scripted_user(obs)

    return await run_episode(env, template, agent_call, user_call)


def score_local(record: Any, agent: str, template: Template = "xml", rounds: int | None = None) -> EpisodeScore:
    """Play and score one episode synchronously (convenience for tests and scripts)."""
    transcript = asyncio.run(play_local(record, agent, template, rounds))
    return get_scenario(record.scenario).scorer(record, transcript)
