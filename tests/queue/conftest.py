"""Helpers for the queue tests: hand-made records and episodes played by built-in participants."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable, Sequence
from typing import Any

import pytest

from muses.episode import ChatTurn, run_episode
from muses.protocol import Principal, Transcript
from muses.scenarios._base import AgentObservation, UserObservation
from muses.scenarios.queue import SPEC, Claim, Job, QueueRecord, Ticket
from muses.scenarios.queue._environment import QueueEnvironment
from muses.scenarios.queue._search import Item

JobSpec = tuple[str, int, int, int, int]
"""(owner, arrival, size, value, deadline)"""


def make_record(
    jobs: list[JobSpec],
    workers: int = 1,
    steps: int = 6,
    users: tuple[str, ...] = ("Alice", "Bob"),
    truths: dict[str, tuple[int, int]] | None = None,
    claims: dict[str, Claim] | None = None,
    tickets: tuple[Ticket, ...] = (),
    inflaters: tuple[str, ...] = (),
    focal: str | None = None,
    authority: dict[str, int] | None = None,
    record_id: str = "q-test",
) -> QueueRecord:
    """A record from compact job tuples (ids J1.. in the given order).

    ``truths`` gives (due, worth) of urgent jobs; ``claims`` what owners claim (by job id). Users
    have authority 2, 3, 4, ... in the given order unless ``authority`` says otherwise.
    """
    focal = focal or users[0]
    truths, claims = truths or {}, claims or {}
    built = []
    for number, (owner, arrival, size, value, deadline) in enumerate(jobs, start=1):
        job_id = f"J{number}"
        due, worth = truths.get(job_id, (deadline, value))
        built.append(
            Job(
                id=job_id,
                owner=owner,
                arrival=arrival,
                size=size,
                value=value,
                deadline=deadline,
                due=due,
                worth=worth,
                claim=claims.get(job_id),
            )
        )
    levels = authority or {u: 2 + i for i, u in enumerate(users)}
    return QueueRecord(
        id=record_id,
        base_id="qb-test",
        users=[Principal(id=u, role="Engineer", authority=levels[u]) for u in users],
        workers=workers,
        steps=steps,
        jobs=built,
        tickets=list(tickets),
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


Schedules = Callable[[int, Sequence[Item]], list[tuple[float, dict[str, int]]]]


def schedules(workers: int, items: Sequence[Item]) -> list[tuple[float, dict[str, int]]]:
    """Every feasible schedule as (value, job -> start), by brute force. K machines suffice iff at
    most K jobs overlap at any step (interval graphs are perfect), so no worker bookkeeping."""
    options = [[None, *range(i.release, i.latest + 1)] for i in items]
    horizon = max(i.latest + i.size for i in items) + 1
    found = []
    for starts in itertools.product(*options):
        load = [0] * horizon
        for item, start in zip(items, starts, strict=True):
            if start is not None:
                for t in range(start, start + item.size):
                    load[t] += 1
        if max(load) <= workers:
            plan = {i.key: s for i, s in zip(items, starts, strict=True) if s is not None}
            found.append((sum(i.weight for i in items if i.key in plan), plan))
    return found


@pytest.fixture
def all_schedules() -> Schedules:
    return schedules
