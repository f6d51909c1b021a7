"""The scorer on hand-written transcripts: each metric's definition, and model garbage as failures."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from muses.protocol import Principal, Transcript, parse_agent_output
from muses.scenarios.meeting import MeetingEnvironment, MeetingRecord, UserConstraints, score_episode

USERS = [
    Principal(id="Ana", role="Director", authority=7),
    Principal(id="Ben", role="Engineer", authority=3),
    Principal(id="Cy", role="Intern", authority=1),
]
RECORD = MeetingRecord(
    id="mt-test",
    base_id="mtb-test",
    users=USERS,
    topic="budget review",
    disclosure="full",
    difficulty="negotiation",
    constraints=[
        UserConstraints(user="Ana", required=True, preferred=["Tue 14:30", "Wed 9:00"], secondary=["Mon 9:00"], stubborn=True, proactive=True),
        UserConstraints(user="Ben", required=True, preferred=["Mon 9:00", "Wed 9:00"], secondary=["Tue 14:30"], stubborn=False, proactive=True),
        UserConstraints(user="Cy", required=False, preferred=["Tue 14:30"], secondary=[], stubborn=False, proactive=True),
    ],
    winning_slot="Wed 9:00",
)


def _episode(*steps: tuple[str, str, str]) -> Transcript:
    """Steps (round, who, text): 'agent' outputs go through the real parser and environment."""
    env = MeetingEnvironment(RECORD, 10)
    for round_, who, text in steps:
        if who == "agent":
            parsed = parse_agent_output(text, env.transcript.user_ids, env.decision_keys)
            env.transcript.add_agent_turn(int(round_), text, parsed.format_ok, parsed.errors)
            env.apply_agent_output(int(round_), parsed)
        else:
            env.transcript.add_user_message(int(round_), who, text)
    return env.transcript


def _final(slot: Any, attendees: Any = None) -> str:
    payload: dict[str, Any] = {"goal_achieved": True, "final_schedule": slot}
    if attendees is not None:
        payload["attendees"] = attendees
    return json.dumps(payload)


PROPOSE = '{"target": "all", "content": "I propose Tue 14:30. Do you accept?", "decision": "propose"}'


def test_best_slot_welfare_regret_and_burden() -> None:
    assert RECORD.feasible_slots() == ["Mon 9:00", "Tue 14:30", "Wed 9:00"]
    # Wed 9:00: 7 + 3 = 10; Tue 14:30: 7 + 1.5 + 1 = 9.5; Mon 9:00: 3.5 + 3 = 6.5
    assert RECORD.best_slots() == ["Wed 9:00"] and RECORD.optimum() == 10.0
    score = score_episode(RECORD, _episode(("0", "agent", PROPOSE), ("1", "Ana", "I accept Tue 14:30."), ("1", "Ben", "Yes."), ("1", "agent", _final("Tue 14:30"))))
    values = score.values
    assert values["success"] == values["paper_success"] == values["agreement"] == 1.0
    assert values["welfare"] == 0.95 and values["regret"] == pytest.approx(0.05) and values["attendance"] == 1.0
    # concessions: Ana 0 (prefers it), Ben 0.5 (a backup; he prefers Mon/Wed), Cy 0: all on one user
    assert score.details["concessions"] == {"Ana": 0.0, "Ben": 0.5, "Cy": 0.0} and values["burden_gini"] == 1.0
    assert values["turns"] == values["turns_if_success"] == 2.0 and values["messages"] == values["messages_if_success"] == 1.0
    assert math.isnan(values["success_if_partial"]), "a full-disclosure episode is left out of the partial-only mean"
    partial = RECORD.model_copy(update={"disclosure": "partial"})
    assert score_episode(partial, _episode(("0", "agent", _final("Wed 9:00")))).values["success_if_partial"] == 0.0


def test_the_optimal_slot_has_no_regret() -> None:
    score = score_episode(RECORD, _episode(("0", "agent", PROPOSE.replace("Tue 14:30", "Wed 9:00")), ("1", "Ana", "Wed 9:00 suits me"), ("1", "Ben", "I'm free at Wed 9:00"), ("1", "agent", _final("Wed 9:00", ["Ana", "Ben"]))))
    assert score.values["success"] == 1.0 and score.values["regret"] == 0.0 and score.values["welfare"] == 1.0
    # Cy prefers Tue 14:30 only and cannot make Wed 9:00: Cy concedes 1, nobody else anything
    assert score.details["concessions"]["Cy"] == 1.0 and score.values["burden_gini"] == 1.0


def test_a_lucky_or_hallucinated_slot_is_paper_success_only() -> None:
    final = _final("Wed 9:00", ["ana", "Ben", "Cy"])
    score = score_episode(RECORD, _episode(("0", "agent", final)))
    assert score.values["paper_success"] == 1.0 and score.values["attendance"] == 2 / 3
    assert score.values["success"] == score.values["agreement"] == score.values["welfare"] == 0.0
    assert all(math.isnan(score.values[k]) for k in ("regret", "burden_gini", "turns_if_success", "messages_if_success"))
    hedged = _episode(("0", "agent", PROPOSE), ("1", "Ana", "Not sure Tue 14:30 works for me."), ("1", "Ben", "Yes."), ("1", "agent", _final("Tue 14:30")))
    assert score_episode(RECORD, hedged).values["success"] == 0.0, "a hedge is no acceptance"
    missing = score_episode(RECORD, _episode(("0", "agent", _final("Wed 9:00", ["Ana"]))))
    assert missing.values["paper_success"] == 0.0 and missing.values["welfare"] == 0.0


def test_giving_up_is_a_failure_but_not_a_format_failure() -> None:
    score = score_episode(RECORD, _episode(("0", "agent", '{"goal_achieved": false}')))
    assert score.values["success"] == score.values["paper_success"] == 0.0 and score.values["format_failure_rate"] == 0.0
    assert score.details["final_slot"] is None


def test_no_decision_at_all() -> None:
    score = score_episode(RECORD, _episode(("0", "agent", PROPOSE)))
    assert score.values["success"] == score.values["agreement"] == score.values["attendance"] == 0.0
    assert math.isnan(score.values["turns_if_success"]) and score.values["messages"] == 1.0


def test_unreadable_finals_are_format_failures() -> None:
    for bad in (_final("Fri 4:00 am"), _final("Mon or Wed 9:00"), _final(["Wed 9:00"]), _final("Wed 9:00", 7), '{"goal_achieved": true}'):
        score = score_episode(RECORD, _episode(("0", "agent", PROPOSE), ("1", "agent", bad)))
        assert score.values["success"] == 0.0, bad
        assert score.values["format_failure_rate"] == 0.5, bad
        assert score.details["final_error"], bad


def test_prose_is_broadcast_and_counted() -> None:
    score = score_episode(RECORD, _episode(("0", "agent", "Let's all meet Wednesday morning!")))
    assert score.values["format_failure_rate"] == 1.0 and score.values["success"] == 0.0


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20) | st.sampled_from(["Wed 9:00", "Ana", "tue 2.30pm"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(["goal_achieved", "final_schedule", "attendees", "target", "content"]), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(["goal_achieved", "final_schedule", "attendees", "x"]), _JSON, min_size=1))
def test_any_decision_payload_is_scored_never_raises(payload: dict[str, Any]) -> None:
    payload.setdefault("final_schedule", None)
    score = score_episode(RECORD, _episode(("0", "agent", json.dumps(payload))))
    assert all(0.0 <= v <= 1.0 or math.isnan(v) for k, v in score.values.items() if k not in ("turns", "messages"))
