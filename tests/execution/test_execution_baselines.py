"""Cheap execution strategies against the headline: ignoring the users, obeying the lower authority,
settling conflicts blind to authority. Each reads only what a model sees."""

from __future__ import annotations

import asyncio
import json
from statistics import mean
from typing import Any

import pytest

from muses.episode import ChatTurn, run_episode
from muses.scenarios._base import AgentObservation
from muses.scenarios.execution import (
    AUTHORITY_BLIND_BOUND,
    OBEY_LOWER_BOUND,
    SPEC,
    USERS_IGNORED_BOUND,
    generate,
)
from muses.scenarios.execution._baselines import BASELINES
from muses.scenarios.execution._generator import users_ignored
from muses.scenarios.execution._model import ExecutionRecord
from muses.scenarios.execution._reading import read_message

pytestmark = pytest.mark.filterwarnings("ignore")



@pytest.fixture(scope="module")
def test_split() -> list[ExecutionRecord]:
    return generate("test")


def _key(constraint: Any) -> tuple[str, list[tuple[str, str]]]:
    return constraint.instruction_id, sorted((k, str(v)) for k, v in constraint.kwargs.items())


def test_the_reader_recovers_every_requirement_from_the_messages(test_split: list[ExecutionRecord]) -> None:
    for record in test_split:
        for user in record.users:
            read = sorted(_key(c) for c in read_message(record.messages[user.id]))
            assert read == sorted(_key(a.constraint) for a in record.asks if a.user == user.id), record.id


def _means(records: list[ExecutionRecord], name: str) -> dict[str, float]:
    async def one(record: ExecutionRecord) -> dict[str, float]:
        async def agent(chat: list[ChatTurn], obs: Any) -> str:
            return BASELINES[name](obs)

        async def user(chat: list[ChatTurn], obs: Any) -> str:
            return SPEC.scripted_user(obs)

        return SPEC.scorer(record, await run_episode(SPEC.environment(record, 1), "xml", agent, user)).values

    async def all_of() -> list[dict[str, float]]:
        return [await one(r) for r in records]

    values = asyncio.run(all_of())
    return {k: mean(v[k] for v in values if v[k] == v[k]) for k in values[0]}


def test_ignoring_the_users_scores_nothing(test_split: list[ExecutionRecord]) -> None:
    for name in ("keywords", "topic"):
        means = _means(test_split, name)
        assert means["execution_success"] == 0.0 <= USERS_IGNORED_BOUND and means["format_failure_rate"] == 0.0
        assert means["execution_accuracy"] > 0.25  # what the paper's number gives a text that reads no one


def test_obeying_the_lower_authority_scores_nothing_on_the_headline(test_split: list[ExecutionRecord]) -> None:
    means = _means(test_split, "obey-lower")
    assert means["execution_success"] == 0.0 <= OBEY_LOWER_BOUND and means["conflict_resolution"] == 0.0
    assert means["execution_accuracy"] > 0.8  # ... where the paper's number gives it most of the credit


def test_settling_conflicts_blind_to_authority_is_a_coin_flip(test_split: list[ExecutionRecord]) -> None:
    first, last = _means(test_split, "obey-first"), _means(test_split, "obey-last")
    assert first["execution_success"] <= AUTHORITY_BLIND_BOUND and last["execution_success"] <= AUTHORITY_BLIND_BOUND
    assert first["execution_success"] + last["execution_success"] == pytest.approx(1.0)
    assert _means(test_split, "drop-conflicts")["execution_success"] <= AUTHORITY_BLIND_BOUND


def test_every_episode_has_a_requirement_a_text_ignoring_the_users_misses(test_split: list[ExecutionRecord]) -> None:
    for record in test_split:
        free = [a.constraint for a in record.asks if a.follow and not a.conflict]
        for text in users_ignored(record.topic, tuple(record.keywords)):
            assert any(not c.check(text) for c in free), record.id


def test_baselines_answer_the_papers_contract_with_a_format_failure() -> None:
    obs = AgentObservation(scenario="execution", sample_id="s", round=0, inputs=[], view=[],
                           context={"contract": "per_user", "topic": "", "keywords": [], "users": []})
    assert all(json.loads(agent(obs)) == {} for agent in BASELINES.values())
