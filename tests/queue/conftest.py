"""Helpers for the queue tests: hand-made records and episodes played by built-in participants."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest

from muses.episode import ChatTurn, run_episode
from muses.protocol import Principal, Transcript
from muses.scenarios._base import AgentObservation, UserObservation
from muses.scenarios.queue import SPEC, Job, QueueRecord, true_urgency
from muses.scenarios.queue._environment import QueueEnvironment

JobSpec = tuple[str, int, int, int, int]
"""(owner, arrival, size, value, deadline)"""


def make_record(
    jobs: list[JobSpec],
    workers: int = 1,
    steps: int = 6,
    users: tuple[str, ...] = ("Alice", "Bob"),
    inflaters: tuple[str, ...] = (),
    focal: str | None = None,
    record_id: str = "q-test",
) -> QueueRecord:
    """A record from compact job tuples (ids J1.. in the given order)."""
    focal = focal or users[0]
    built = []
    for number, (owner, arrival, size, value, deadline) in enumerate(jobs, start=1):
        urgency = true_urgency(size, value, deadline - size + 1 - arrival)
        built.append(
            Job(
                id=f"J{number}",
                owner=owner,
                arrival=arrival,
                size=size,
                value=value,
                deadline=deadline,
                urgency=urgency,
                stated_urgency="critical" if owner in inflaters else urgency,
            )
        )
    return QueueRecord(
        id=record_id,
        base_id="qb-test",
        users=[Principal(id=u, role="Engineer", authority=2 + i) for i, u in enumerate(users)],
        workers=workers,
        steps=steps,
        jobs=built,
        load="moderate",
        focal=focal,
        inflated=focal in inflaters,
        inflaters=list(inflaters),
    )


Agent = Callable[[AgentObservation], str]


def play(record: QueueRecord, agent: Agent | str, rounds: int = 200) -> tuple[QueueEnvironment, Transcript]:
    """Play one episode with a built-in agent (by name, or a function) and scripted users."""
    env = QueueEnvironment(record, rounds)

    async def agent_call(chat: list[ChatTurn], obs: AgentObservation) -> str:
        if callable(agent):
            return agent(obs)
        if agent == "oracle":
            assert SPEC.oracle is not None
            return SPEC.oracle(obs, record)
        return SPEC.agents[agent](obs)

    async def user_call(chat: list[ChatTurn], obs: UserObservation) -> str:
        return SPEC.scripted_user(obs)

    transcript = asyncio.run(run_episode(env, "xml", agent_call, user_call))
    return env, transcript


@pytest.fixture
def record_factory() -> Callable[..., QueueRecord]:
    return make_record


@pytest.fixture
def player() -> Callable[..., tuple[QueueEnvironment, Transcript]]:
    return play


def scores(record: QueueRecord, agent: Agent | str) -> dict[str, Any]:
    """Metric values of one played episode."""
    _, transcript = play(record, agent)
    return dict(SPEC.scorer(record, transcript).values)


@pytest.fixture
def scorer() -> Callable[[QueueRecord, Agent | str], dict[str, Any]]:
    return scores
