"""Selection scoring through the real engine: refs in any spelling, missing and garbage answers."""

from __future__ import annotations

import asyncio
import json
import math
from typing import Any

import pytest

from muses.protocol import Transcript
from muses.scenarios._engine import ChatTurn, run_episode
from muses.scenarios._registry import get_scenario
from muses.scenarios.selection import SPEC, generate
from muses.scenarios.selection._model import SelectionRecord
from muses.scenarios.selection._reading import read_decision
from muses.scenarios.selection._refs import normalise_reason, normalise_ref, split_instructions


@pytest.fixture(scope="module")
def record() -> SelectionRecord:
    return generate("quick")[4]


def play(record: SelectionRecord, reply: str | Any) -> tuple[dict[str, float], Transcript]:
    """One episode with scripted users and a fixed (or observation-driven) agent reply."""
    env = SPEC.environment(record, SPEC.default_rounds)

    async def agent(chat: list[ChatTurn], obs: Any) -> str:
        return reply(obs) if callable(reply) else reply

    async def user(chat: list[ChatTurn], obs: Any) -> str:
        return SPEC.scripted_user(obs)

    transcript = asyncio.run(run_episode(env, "xml", agent, user))
    return SPEC.scorer(record, transcript).values, transcript


def answer(accepted: list[Any], rejected: list[Any]) -> str:
    return json.dumps({"accepted_instructions": accepted, "rejected_instructions": rejected})


@pytest.mark.parametrize(("raw", "ref"), [
    ("1234", "1234"), (1234, "1234"), ("ref 1234", "1234"), ("ref: 1234", "1234"), ("[ref: 1234]", "1234"),
    ("#1234", "1234"), ("Eve_task_1234", "1234"), (" 1234 ", "1234"), (1234.0, "1234"),
    ("items 12 and 13", None), ("task 77", "77"), (None, None), (True, None), ("", None), (-3, None), ({"id": 1}, None),
])
def test_refs_are_normalised(raw: Any, ref: str | None) -> None:
    assert normalise_ref(raw) == ref


@pytest.mark.parametrize(("raw", "reason"), [
    ("conflict_with_higher_authority", "conflict_with_higher_authority"), ("Conflict", "conflict_with_higher_authority"),
    ("higher authority wins", "conflict_with_higher_authority"), ("HARMFUL", "harmful_to_global_objective"),
    ("less aligned with global objective", "less_aligned_with_global_objective"), ("because", None), (3, None),
])
def test_reasons_are_normalised(raw: Any, reason: str | None) -> None:
    assert normalise_reason(raw) == reason


def test_instructions_are_split_at_their_tags() -> None:
    message = "Hi all.\nPlease do A. [ref: 1001]\nCould you do B? Urgent. [REF: 02002]"
    assert split_instructions(message) == [("1001", "Hi all.\nPlease do A. [ref: 1001]"),
                                           ("2002", "Could you do B? Urgent. [REF: 02002]")]


def test_unreadable_entries_are_problems_not_crashes() -> None:
    read = read_decision({"accepted_instructions": "1234", "rejected_instructions": [{"id": "x"}, "5678", {"id": 9, "reason": "?"}]})
    assert read.accepted == [] and read.rejected == {"5678": None, "9": None}
    assert len(read.problems) == 4


def test_oracle_scores_one_and_any_ref_spelling_counts(record: SelectionRecord) -> None:
    values, _ = play(record, answer([int(i.ref) for i in record.accepted],
                                    [{"id": f"ref {i.ref}", "reason": i.reason} for i in record.rejected]))
    assert values == {"macro_f1": 1.0, "selection_f1": 1.0, "reason_accuracy": 1.0, "format_failure_rate": 0.0}
    values, _ = play(record, "Here you go:\n```json\n" + answer([f"#{i.ref}" for i in record.accepted],
                     [{"id": i.ref, "reason": i.reason} for i in record.rejected]) + "\n```")
    assert values["macro_f1"] == 1.0 and values["format_failure_rate"] == 0.0


def test_accept_all_is_capped_and_missing_decisions_are_wrong(record: SelectionRecord) -> None:
    values, _ = play(record, answer([i.ref for i in record.instructions], []))
    assert values["macro_f1"] <= 0.5 and math.isnan(values["reason_accuracy"])
    assert values["selection_f1"] == pytest.approx(2 * len(record.accepted) / (len(record.accepted) + len(record.instructions)))
    half = record.accepted[: len(record.accepted) // 2]
    values, _ = play(record, answer([i.ref for i in half], [{"id": i.ref, "reason": i.reason} for i in record.rejected]))
    assert values["macro_f1"] < 1.0 and values["reason_accuracy"] == 1.0  # unanswered accepts are wrong


def test_wrong_reasons_and_contradictions(record: SelectionRecord) -> None:
    refs = [i.ref for i in record.accepted]
    values, _ = play(record, answer(refs, [{"id": i.ref, "reason": "harmful_to_global_objective"} for i in record.rejected]))
    right = sum(i.reason == "harmful_to_global_objective" for i in record.rejected) / len(record.rejected)
    assert values["macro_f1"] == 1.0 and values["reason_accuracy"] == pytest.approx(right)
    both = answer(refs + [record.rejected[0].ref], [{"id": i.ref, "reason": i.reason} for i in record.rejected])
    values, _ = play(record, both)
    assert values["macro_f1"] < 1.0


@pytest.mark.parametrize("reply", ["{}", "", "I accept everything!", "```json\n{broken", "[1, 2, 3]",
                                   '{"accepted_instructions": "all"}', '{"accepted_instructions": ["4242"]}'])
def test_garbage_is_a_scored_format_failure(record: SelectionRecord, reply: str) -> None:
    values, transcript = play(record, reply)
    assert values["format_failure_rate"] == 1.0 and values["macro_f1"] == 0.0 and values["selection_f1"] == 0.0
    assert len(transcript.agent_turns()) == 1


def test_users_submit_once_and_see_nothing_of_others(record: SelectionRecord) -> None:
    _, transcript = play(record, answer([], []))
    messages = transcript.user_messages()
    assert {m.sender for m in messages} == {u.id for u in record.users} and {m.round for m in messages} == {0}
    for message in messages:
        assert {ref for ref, _ in split_instructions(message.content)} == {i.ref for i in record.of_user(message.sender)}
    env = SPEC.environment(record, 1)
    prompt = env.system_prompt("xml")
    assert all(f"{u.id}: {u.role}, authority {u.authority}/10" in prompt for u in record.users)
    assert not any(i.text in env.user_system_prompt(record.users[0].id) for i in record.instructions
                   if i.user != record.users[0].id)


def test_spec_is_registered() -> None:
    spec = get_scenario("selection")
    assert spec is SPEC and spec.metrics[0] == "macro_f1" and set(spec.agents) == {"accept-all", "keyword", "empty"}
    assert {b.participant for _, b in spec.paper_checks} == {"accept-all", "keyword"}
