"""The per-instance proof: every generated record holds it, broken records fail it, and the
scripted users behave as the proof assumes (openings, acceptance before and after alternatives)."""

from __future__ import annotations

import pytest

from muses.scenarios._base import UserObservation
from muses.scenarios.meeting import MeetingEnvironment, MeetingRecord, check_instance, generate
from muses.scenarios.meeting._proof import confirmable_unasked, volunteered_feasible
from muses.scenarios.meeting._speech import availability, stances
from muses.scenarios.meeting._users import scripted_user

SAMPLE = generate("quick") + generate("dev", seed=1) + generate("test", users=(2, 30), per_size=1, seed=2)


@pytest.mark.parametrize("split", ["quick", "dev", "test", "train"])
@pytest.mark.parametrize("seed", [0, 7])
def test_every_record_of_every_split_holds_its_properties(split: str, seed: int) -> None:
    for record in generate(split, seed=seed):
        assert check_instance(record) == [], record.id


def test_two_to_thirty_users_hold_their_properties() -> None:
    for record in generate("test", users=(2, 30), per_size=2, seed=3):
        assert check_instance(record) == [], record.id


def test_partial_needs_elicitation_and_full_is_solvable_from_the_openings() -> None:
    for record in SAMPLE:
        if record.disclosure == "partial":
            assert volunteered_feasible(record) == [] and confirmable_unasked(record) == []
        else:
            assert record.winning_slot in volunteered_feasible(record)


def _mutate(record: MeetingRecord, user: str, **changes: object) -> MeetingRecord:
    constraints = [c.model_copy(update=changes) if c.user == user else c for c in record.constraints]
    return record.model_copy(update={"constraints": constraints})


def _partial(level: str) -> MeetingRecord:
    return next(r for r in SAMPLE if r.disclosure == "partial" and r.difficulty == level and len(r.users) >= 4)


def test_broken_records_are_caught() -> None:
    record = _partial("backup")
    gate = record.of(str(record.gate))
    promoted = _mutate(record, gate.user, preferred=[*gate.preferred, record.winning_slot],
                       secondary=[s for s in gate.secondary if s != record.winning_slot])
    assert any("accepted by every required user unasked" in p for p in check_instance(promoted))
    assert any("gate must be" in p for p in check_instance(_mutate(record, gate.user, stubborn=False)))
    assert any("passive exactly" in p for p in check_instance(record.model_copy(update={"difficulty": "passive"})))
    decoy = record.decoy_slots[0]
    with_decoy = _mutate(record, gate.user, secondary=sorted([*gate.secondary, decoy]))
    assert any(f"decoy {decoy}" in p for p in check_instance(with_decoy))
    persuade = _partial("persuade")
    blocker = persuade.of(str(persuade.blocker))
    unblocked = _mutate(persuade, blocker.user, preferred=sorted([*blocker.preferred, str(persuade.lure_slot)]))
    assert any("blocker" in p for p in check_instance(unblocked))
    full = next(r for r in SAMPLE if r.disclosure == "full")
    hidden = full.model_copy(update={"disclosure": "partial", "constraints": [c.model_copy(update={"stubborn": False}) for c in full.constraints]})
    assert any("openings identify" in p for p in check_instance(hidden))


def _observation(record: MeetingRecord, user: str, agent_says: list[str]) -> UserObservation:
    env = MeetingEnvironment(record, 10)
    for round_, text in enumerate(agent_says):
        env.transcript.add_agent_message(round_, [user], text)
    return env.user_observation(user, len(agent_says))


def test_scripted_openings_state_exactly_what_the_proof_assumes() -> None:
    for record in SAMPLE[:60]:
        for user in record.users:
            opening = scripted_user(_observation(record, user.id, []))
            stated = sorted(s for s, k in availability(opening).items() if k != "unavailable")
            assert stated == sorted(record.volunteered(user.id)), (record.id, user.id, opening)
            assert stances(opening) == {}, "an opening takes no stance"


def test_no_feasible_slot_is_accepted_unasked_and_the_gate_yields_to_a_request_for_alternatives() -> None:
    for record in [r for r in SAMPLE if r.disclosure == "partial"]:
        for slot in record.feasible_slots():
            answers = {u: stances(scripted_user(_observation(record, u, [f"Can you do {slot}?"])), slot) for u in record.required}
            assert any(a.get(slot) != "accept" for a in answers.values()), (record.id, slot)
        gate, win = str(record.gate), record.winning_slot
        persuaded = scripted_user(_observation(record, gate, ["Could you be flexible? Any backup options?", f"Can you do {win}?"]))
        assert stances(persuaded, win) == {win: "accept"}, (record.id, persuaded)


def test_a_poll_reveals_preferred_slots_only() -> None:
    record = _partial("passive")
    every = ", ".join(f"Mon {h}:00" for h in (9, 10, 11, 13, 14, 15, 16)) + ", " + record.winning_slot
    for user in record.users:
        me = record.of(user.id)
        answer = scripted_user(_observation(record, user.id, [f"Which of these could work for you: {every}?"]))
        assert set(availability(answer)) <= set(me.preferred) and stances(answer) == {}, answer

