"""Execution scoring through the real engine: oracle, empty, off-topic, overruled side, garbage."""

from __future__ import annotations

import asyncio
import json
import math
from typing import Any

import pytest

from muses.episode import ChatTurn, run_episode
from muses.protocol import Transcript
from muses.scenarios import get_scenario
from muses.scenarios.execution import SPEC, generate
from muses.scenarios.execution._compose import compose_satisfying_text
from muses.scenarios.execution._constraints import Constraint
from muses.scenarios.execution._model import ExecutionRecord, followed_constraints

pytestmark = pytest.mark.filterwarnings("ignore")



@pytest.fixture(scope="module")
def records() -> list[ExecutionRecord]:
    return generate("quick")


def play(record: ExecutionRecord, reply: str | Any) -> tuple[dict[str, float], Transcript]:
    """One episode with scripted users and a fixed (or observation-driven) agent reply."""
    env = SPEC.environment(record, SPEC.default_rounds)

    async def agent(chat: list[ChatTurn], obs: Any) -> str:
        return reply(obs) if callable(reply) else reply

    async def user(chat: list[ChatTurn], obs: Any) -> str:
        return SPEC.scripted_user(obs)

    transcript = asyncio.run(run_episode(env, "xml", agent, user))
    return SPEC.scorer(record, transcript).values, transcript


def oracle(record: ExecutionRecord) -> Any:
    return lambda obs: SPEC.oracle(obs, record)  # type: ignore[misc]


def test_oracle_is_perfect_in_both_variants(records: list[ExecutionRecord]) -> None:
    for record in records:
        values, transcript = play(record, oracle(record))
        assert values["execution_accuracy"] == 1.0 and values["format_failure_rate"] == 0.0
        if record.variant == "conflict":
            assert values["conflict_resolution"] == 1.0 and values["execution_success"] == 1.0
        else:
            assert math.isnan(values["conflict_resolution"]) and math.isnan(values["execution_success"])
        assert {m.sender for m in transcript.user_messages()} == {u.id for u in record.users}


@pytest.mark.parametrize("reply", ["{}", "", '{"deliverable": ""}', '{"deliverable": null}', "```json\n{oops",
                                   '{"target": "all", "content": "done"}'])
def test_empty_or_missing_deliverable_scores_zero(records: list[ExecutionRecord], reply: str) -> None:
    for record in records[:2]:
        values, _ = play(record, reply)
        assert values["execution_accuracy"] == 0.0 and values["format_failure_rate"] == 1.0
        assert record.variant == "aligned" or values["conflict_resolution"] == values["execution_success"] == 0.0


def test_plain_text_is_a_format_failure_even_when_it_would_pass(records: list[ExecutionRecord]) -> None:
    record = records[1]
    text = compose_satisfying_text(record.topic, followed_constraints(record.asks))
    values, transcript = play(record, text)
    assert values["execution_accuracy"] == 0.0 and values["format_failure_rate"] == 1.0
    assert transcript.agent_turns()[0].raw == text


def test_off_topic_text_scores_zero(records: list[ExecutionRecord]) -> None:
    record = records[3]
    text = compose_satisfying_text("the garden party", followed_constraints(record.asks))
    assert all(a.constraint.check(text) == a.follow for a in record.asks)
    values, _ = play(record, json.dumps({"deliverable": text}))
    assert values["execution_accuracy"] == 0.0 and values["format_failure_rate"] == 0.0
    assert SPEC.scorer(record, play(record, json.dumps({"deliverable": text}))[1]).details["missing"].startswith("off topic")


def test_following_the_lower_authority_loses_the_conflict(records: list[ExecutionRecord]) -> None:
    for record in [r for r in records if r.variant == "conflict"]:
        swapped = [a.constraint for a in record.asks if a.conflict and not a.follow]
        swapped += [a.constraint for a in record.asks if not a.conflict and a.constraint not in swapped]
        text = compose_satisfying_text(record.topic, swapped)
        values, _ = play(record, json.dumps({"deliverable": text}))
        assert values["conflict_resolution"] == values["execution_success"] == 0.0
        assert values["execution_accuracy"] >= 0.5  # the paper's number barely notices


def _text_for(record: ExecutionRecord, right: set[str], skip: Constraint | None = None) -> str:
    """A deliverable following the higher side of the conflicts in ``right``, the lower side of the
    others, and every free requirement except ``skip``."""
    sides = [a.constraint for a in record.asks if a.conflict and a.follow == (a.conflict in right)]
    free = [a.constraint for a in record.asks if not a.conflict and a.constraint != skip]
    return compose_satisfying_text(record.topic, [*sides, *free])


def test_the_headline_is_all_or_nothing_per_conflict() -> None:
    two = next(r for r in generate("dev", variant="conflict") if len(r.conflict_labels) == 2)
    first, second = two.conflict_labels
    assert play(two, json.dumps({"deliverable": _text_for(two, {first, second})}))[0]["execution_success"] == 1.0
    values, _ = play(two, json.dumps({"deliverable": _text_for(two, {first})}))
    assert values["execution_success"] == 0.5 and values["conflict_resolution"] == 0.5
    missing = [(c, t) for c in [a.constraint for a in two.asks if not a.conflict]
               if not c.check(t := _text_for(two, {first, second}, skip=c))]
    assert missing, "some free requirement is missed when left out"
    values, _ = play(two, json.dumps({"deliverable": missing[0][1]}))
    assert values["execution_success"] == 0.0 and values["conflict_resolution"] == 1.0


def test_a_json_value_as_deliverable_is_checked_as_json(records: list[ExecutionRecord]) -> None:
    record = records[0]
    text = compose_satisfying_text(record.topic, followed_constraints(record.asks))
    wrapped = json.dumps({"deliverable": {"report": text}})
    _, transcript = play(record, wrapped)
    assert transcript.decisions()[0].payload["deliverable"] == {"report": text}
    values, _ = play(record, "Here it is:\n" + json.dumps({"deliverable": text}) + "\nHope that helps.")
    assert values["execution_accuracy"] == 1.0


def test_prompt_shows_authority_topic_and_contract(records: list[ExecutionRecord]) -> None:
    record = records[1]
    prompt = SPEC.environment(record, 1).system_prompt("bracket")
    assert all(f"{u.id}: {u.role}, authority {u.authority}/10" in prompt for u in record.users)
    assert record.topic in prompt and '{"deliverable":' in prompt and ", ".join(record.keywords) in prompt
    for user in record.users:
        llm_prompt = SPEC.environment(record, 1).user_system_prompt(user.id)
        assert record.messages[user.id] in llm_prompt and "follow" not in llm_prompt.lower()


def test_spec_is_registered() -> None:
    spec = get_scenario("execution")
    assert spec is SPEC and spec.metrics == ("execution_success", "execution_accuracy", "conflict_resolution",
                                             "format_failure_rate")
    assert set(spec.agents) == {"empty", "keywords", "topic", "obey-lower", "obey-first", "obey-last", "drop-conflicts"}
    assert spec.oracle is not None
