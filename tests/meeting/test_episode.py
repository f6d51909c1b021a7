"""Whole episodes in the pure engine: built-in agents, hand-scripted agents, garbage, 30 users."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable

import pytest

from muses.episode import ChatTurn, run_episode, score_local
from muses.protocol import Transcript
from muses.scenarios._base import AgentObservation, EpisodeScore, UserObservation
from muses.scenarios.meeting import (
    LEVELS,
    SKIP_ELICITATION,
    SKIP_ELICITATION_BOUND,
    SPEC,
    MeetingRecord,
    generate,
)
from muses.scenarios.meeting._speech import availability

Agent = Callable[[AgentObservation], str]


def play(record: MeetingRecord, agent: Agent, rounds: int = 10) -> tuple[Transcript, EpisodeScore]:
    env = SPEC.environment(record, rounds)

    async def agent_call(chat: list[ChatTurn], obs: AgentObservation) -> str:
        return agent(obs)

    async def user_call(chat: list[ChatTurn], obs: UserObservation) -> str:
        return SPEC.scripted_user(obs)

    transcript = asyncio.run(run_episode(env, "xml", agent_call, user_call))
    return transcript, SPEC.scorer(record, transcript)


@pytest.mark.parametrize("split", ["quick", "dev"])
def test_oracle_and_reference_are_perfect(split: str) -> None:
    for agent in ("oracle", "reference"):
        for record in generate(split):
            score = score_local(record, agent)
            assert score.values["success"] == score.values["paper_success"] == 1.0, (agent, record.id, score.explanation)
            assert score.values["format_failure_rate"] == 0.0
    assert all(score_local(r, "oracle").values["regret"] == 0.0 for r in generate(split))


@pytest.mark.parametrize("agent", SKIP_ELICITATION)
def test_skipping_elicitation_never_succeeds_under_partial_disclosure(agent: str) -> None:
    for record in generate("quick", disclosure="partial") + generate("dev", seed=5, disclosure="partial"):
        score = score_local(record, agent)
        assert score.values["success"] == 0.0, (agent, record.id, score.explanation)
    assert SKIP_ELICITATION_BOUND <= 0.3


def test_the_full_variants_are_solvable_from_the_openings_without_asking() -> None:
    full = generate("quick", disclosure="full")
    assert all(score_local(r, "propose-openings").values["success"] == 1.0 for r in full)
    assert all(score_local(r, "finalize-openings").values["paper_success"] == 1.0 for r in full)


def test_reference_turns_grow_with_what_must_be_elicited() -> None:
    turns: dict[tuple[str, str], set[float]] = {}
    for record in generate("test", users=(2, 30), per_size=1, seed=11)[::5] + generate("quick"):
        score = score_local(record, "reference")
        assert score.values["success"] == 1.0, (record.id, score.explanation)
        turns.setdefault((record.disclosure, record.difficulty), set()).add(score.values["turns"])
    assert {k: v for k, v in turns.items() if k[0] == "full"} == {("full", level): {2.0} for level in LEVELS}
    assert turns[("partial", "passive")] == turns[("partial", "backup")] == {3.0} and turns[("partial", "persuade")] == {4.0}


def test_thirty_users_run_to_completion_with_scripted_users() -> None:
    record = generate("test", users=(30, 30), per_size=1, difficulty="persuade", disclosure="partial")[0]
    transcript, score = play(record, SPEC.agents["reference"])
    assert transcript.decisions() and score.values["success"] == 1.0
    assert {m.sender for m in transcript.user_messages(0)} == {c.user for c in record.constraints if c.proactive}


def _target() -> MeetingRecord:
    """A full-disclosure episode with at least four users."""
    return next(r for r in generate("quick", difficulty="backup") if r.disclosure == "full" and len(r.users) >= 4)


def _blocked_slot(record: MeetingRecord) -> tuple[str, str]:
    """A slot someone prefers that a required user cannot make (and that user)."""
    for constraint in record.constraints:
        for slot in constraint.preferred:
            for other in record.constraints:
                if other.required and not other.can_attend(slot):
                    return slot, other.user
    raise AssertionError("no blocked slot")


def test_premature_commitment_to_an_infeasible_slot_fails() -> None:
    record = _target()
    infeasible, _ = _blocked_slot(record)

    def commit(obs: AgentObservation) -> str:
        return json.dumps({"goal_achieved": True, "final_schedule": infeasible, "attendees": [u.id for u in record.users]})

    transcript, score = play(record, commit)
    assert len(transcript.agent_turns()) == 1
    assert score.values["success"] == score.values["paper_success"] == score.values["welfare"] == 0.0


def test_hallucinated_consensus_fails_agreement() -> None:
    record = _target()
    slot, blocker = _blocked_slot(record)

    def hallucinate(obs: AgentObservation) -> str:
        if obs.round == 0:
            return json.dumps({"target": "all", "content": f"I propose {slot}. Do you accept?", "decision": "propose"})
        return json.dumps({"goal_achieved": True, "final_schedule": slot, "attendees": [u.id for u in record.users]})

    transcript, score = play(record, hallucinate)
    rejection = [m.content for m in transcript.user_messages(1) if m.sender == blocker]
    assert rejection and "decline" in rejection[0]
    assert score.values["success"] == 0.0 and score.details["acceptance"][blocker] == "decline"


def test_a_lucky_slot_without_confirmation_has_success_but_not_agreement() -> None:
    record = _target()
    lucky = record.feasible_slots()[0]

    def guess(obs: AgentObservation) -> str:
        return json.dumps({"goal_achieved": True, "final_schedule": lucky, "attendees": record.required})

    _, score = play(record, guess)
    assert score.values["paper_success"] == 1.0 and score.values["success"] == 0.0


def test_a_correct_hand_scripted_negotiation_succeeds() -> None:
    record = next(r for r in generate("quick", difficulty="persuade") if r.disclosure == "partial" and len(r.users) >= 4)
    ids = [u.id for u in record.users]

    def negotiate(obs: AgentObservation) -> str:
        if obs.round == 0:
            return json.dumps({"target": "all", "content": "When are you available? Please include backup options.", "decision": "query"})
        said: dict[str, set[str]] = {}
        for message in obs.view:
            if getattr(message, "event", "") == "user_message":
                said.setdefault(message.sender, set()).update(s for s, k in availability(message.content).items() if k != "unavailable")
        common = sorted(set.intersection(*(said[u] for u in record.required)))
        if obs.round == 1:
            return json.dumps({"target": "all", "content": f"I propose {common[0]}. Do you accept?", "decision": "propose"})
        attendees = [u for u in ids if common[0] in said.get(u, set())]
        return json.dumps({"goal_achieved": True, "final_schedule": common[0], "attendees": attendees})

    transcript, score = play(record, negotiate)
    assert len(transcript.agent_turns()) == 3
    assert score.values["success"] == score.values["paper_success"] == score.values["attendance"] == 1.0


@pytest.mark.parametrize(
    "garbage",
    ["", "   ", "I think Tuesday is fine", "{" * 500, '{"goal_achieved": true, "final_schedule": {"day": "Tue"}}', "x" * 300_000, "[1, 2, 3]", '{"target": "Nobody", "content": "hi"}'],
)
def test_model_garbage_is_a_scored_failure_never_a_crash(garbage: str) -> None:
    record = generate("quick", users=(2, 2))[0]
    transcript, score = play(record, lambda obs: garbage)
    assert score.values["success"] == 0.0 and score.values["format_failure_rate"] > 0
    assert 1 <= len(transcript.agent_turns()) <= 10
