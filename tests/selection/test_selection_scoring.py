"""Selection scoring through the real engine: refs in any spelling, missing and garbage answers."""

from __future__ import annotations

import asyncio
import json
import math
from typing import Any

import pytest

from muses.episode import ChatTurn, run_episode
from muses.protocol import Transcript
from muses.scenarios import get_scenario
from muses.scenarios.selection import SPEC, generate
from muses.scenarios.selection._model import SelectionRecord
from muses.scenarios.selection._reading import read_decision
from muses.scenarios.selection._refs import normalise_reason, normalise_ref, split_instructions
from muses.scenarios.selection._surface import SURFACE_AGENTS


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
    read = read_decision({"accepted_instructions": "all", "rejected_instructions": [{"id": "x"}, "5678", {"id": 9, "reason": "?"}]})
    assert read.accepted == [] and read.rejected == {"5678": None, "9": None}
    assert len(read.problems) == 4


PERFECT = {"macro_f1": 1.0, "selection_f1": 1.0, "reason_accuracy": 1.0, "format_failure_rate": 0.0}
EXAMPLE = answer(["1234", "5678"], [{"id": "9012", "reason": "conflict_with_higher_authority"}])


def _accepted(record: SelectionRecord) -> list[str]:
    return [i.ref for i in record.accepted]


def _rejected(record: SelectionRecord) -> list[dict[str, Any]]:
    return [{"id": i.ref, "reason": i.reason} for i in record.rejected]


LAYOUTS: dict[str, Any] = {
    "documented": lambda r: answer(_accepted(r), _rejected(r)),
    "fenced with prose": lambda r: "Decision below.\n```json\n" + answer(_accepted(r), _rejected(r)) + "\n```\nDone.",
    "split over two objects": lambda r: json.dumps({"accepted_instructions": _accepted(r)}) + "\n"
    + json.dumps({"rejected_instructions": _rejected(r)}),
    "split over three objects": lambda r: json.dumps({"accepted_instructions": _accepted(r)[:1]})
    + json.dumps({"accepted_instructions": _accepted(r)[1:]}) + json.dumps({"rejected_instructions": _rejected(r)}),
    "refs as one comma-separated string": lambda r: answer(", ".join(_accepted(r)), _rejected(r)),  # type: ignore[arg-type]
    "refs as one string of tags": lambda r: answer(" ".join(f"[ref: {x}]" for x in _accepted(r)), _rejected(r)),  # type: ignore[arg-type]
    "rejections as {ref: reason}": lambda r: json.dumps(
        {"accepted_instructions": _accepted(r), "rejected_instructions": {i.ref: i.reason for i in r.rejected}}),
    "rejections as {reason: [refs]}": lambda r: json.dumps({"accepted_instructions": _accepted(r), "rejected_instructions": {
        reason: [i.ref for i in r.rejected if i.reason == reason] for reason in {i.reason for i in r.rejected}}}),
    "rejections as 'ref: reason' strings": lambda r: answer(_accepted(r), [f"{i.ref}: {i.reason}" for i in r.rejected]),
    "rejections as [ref, reason] pairs": lambda r: answer(_accepted(r), [[i.ref, i.reason] for i in r.rejected]),
    "accepted as {id} objects": lambda r: answer([{"id": x} for x in _accepted(r)], _rejected(r)),
    "nested under a key": lambda r: json.dumps({"decision": json.loads(answer(_accepted(r), _rejected(r)))}),
    "short keys": lambda r: json.dumps({"accepted": _accepted(r), "rejected": _rejected(r)}),
    "one object per instruction": lambda r: json.dumps(
        [{"id": i.ref, "decision": "accept" if i.accept else "reject", "reason": i.reason} for i in r.instructions]),
    "one boolean object per instruction": lambda r: "\n".join(
        json.dumps({"ref": int(i.ref), "accepted": i.accept, **({} if i.accept else {"reason": i.reason})})
        for i in r.instructions),
    "answer then the prompt's example": lambda r: answer(_accepted(r), _rejected(r)) + "\nFormat used: " + EXAMPLE,
    "the prompt's example then the answer": lambda r: "The format is " + EXAMPLE + " so:\n" + answer(_accepted(r), _rejected(r)),
    "the answer twice": lambda r: answer(_accepted(r), _rejected(r)) + "\n```json\n" + answer(_accepted(r), _rejected(r)) + "\n```",
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_every_layout_of_the_right_decision_scores_one(record: SelectionRecord, layout: str) -> None:
    values, transcript = play(record, LAYOUTS[layout](record))
    assert values == PERFECT, SPEC.scorer(record, transcript).explanation


FAILURES: dict[str, Any] = {
    "an instruction left undecided": lambda r: answer(_accepted(r)[1:], _rejected(r)),
    "a draft then a different final answer": lambda r: answer([i.ref for i in r.instructions], [])
    + "\nOn reflection:\n" + answer(_accepted(r), _rejected(r)),
    "a ref that names no instruction": lambda r: answer([*_accepted(r), "4242"], _rejected(r)),
    "a rejection without a reason": lambda r: answer(_accepted(r), [i.ref for i in r.rejected]),
    "python literal instead of JSON": lambda r: str({"accepted_instructions": _accepted(r), "rejected_instructions": _rejected(r)}),
    "prose only": lambda r: "Accepted: " + ", ".join(_accepted(r)) + ". Rejected: " + ", ".join(i.ref for i in r.rejected),
    "only the prompt's example": lambda r: "Like this: " + EXAMPLE,
}


@pytest.mark.parametrize("case", sorted(FAILURES))
def test_what_cannot_be_read_as_the_decision_is_a_format_failure(record: SelectionRecord, case: str) -> None:
    values, _ = play(record, FAILURES[case](record))
    assert values["format_failure_rate"] == 1.0


def test_issue_14_layouts_are_no_longer_misscored(record: SelectionRecord) -> None:
    for layout in ("split over two objects", "refs as one comma-separated string", "rejections as {ref: reason}",
                   "answer then the prompt's example"):
        values, _ = play(record, LAYOUTS[layout](record))
        assert values["macro_f1"] == 1.0 and values["selection_f1"] == 1.0 and values["format_failure_rate"] == 0.0


def test_accept_all_is_capped_and_missing_decisions_are_wrong(record: SelectionRecord) -> None:
    values, _ = play(record, answer([i.ref for i in record.instructions], []))
    assert values["macro_f1"] <= 0.5 and math.isnan(values["reason_accuracy"]) and values["format_failure_rate"] == 0.0
    assert values["selection_f1"] == pytest.approx(2 * len(record.accepted) / (len(record.accepted) + len(record.instructions)))
    half = record.accepted[: len(record.accepted) // 2]
    values, _ = play(record, answer([i.ref for i in half], [{"id": i.ref, "reason": i.reason} for i in record.rejected]))
    assert values["macro_f1"] < 1.0 and values["reason_accuracy"] == 1.0  # unanswered accepts are wrong
    assert values["format_failure_rate"] == 1.0  # ... and the answer is incomplete


def test_wrong_reasons_and_contradictions(record: SelectionRecord) -> None:
    refs = [i.ref for i in record.accepted]
    values, _ = play(record, answer(refs, [{"id": i.ref, "reason": "harmful_to_global_objective"} for i in record.rejected]))
    right = sum(i.reason == "harmful_to_global_objective" for i in record.rejected) / len(record.rejected)
    assert values["macro_f1"] == 1.0 and values["reason_accuracy"] == pytest.approx(right)
    both = answer(refs + [record.rejected[0].ref], [{"id": i.ref, "reason": i.reason} for i in record.rejected])
    values, _ = play(record, both)
    assert values["macro_f1"] < 1.0 and values["format_failure_rate"] == 1.0


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
    assert spec is SPEC and spec.metrics[0] == "macro_f1"
    assert set(spec.agents) == {"accept-all", "keyword", "empty", *SURFACE_AGENTS}
    assert all(any(b.participant == name and b.high <= 0.55 for b in spec.checks) for name in SURFACE_AGENTS)
    assert {b.participant for _, b in spec.paper_checks} == {"accept-all", "keyword"}
