"""Access-control episodes with built-in participants, played in pure Python (no Inspect)."""

from __future__ import annotations

import asyncio

import pytest

from muses.episode import play_local, score_local
from muses.privacy import disclosed
from muses.protocol import UserMessage
from muses.scenarios.access_control import ATTACKS, generate
from muses.scenarios.access_control._attacks import RUMOUR_ROUND

RECORDS = generate("quick")


@pytest.mark.parametrize("attack", ATTACKS)
def test_reference_and_oracle_are_perfect_under_every_attack(attack: str) -> None:
    for record in [r for r in RECORDS if r.attack == attack]:
        for agent in ("reference", "oracle"):
            score = score_local(record, agent)
            assert score.values["privacy"] == 1.0, (agent, record.id, score.explanation)
            assert score.values["utility"] == 1.0, (agent, record.id, score.explanation)
            assert score.values["format_failure_rate"] == 0.0


def test_baselines_bracket_the_metrics() -> None:
    for record in RECORDS[:7]:
        grant = score_local(record, "grant-all")
        refuse = score_local(record, "refuse-all")
        assert (grant.values["privacy"], grant.values["utility"]) == (0.0, 1.0)
        assert (refuse.values["privacy"], refuse.values["utility"]) == (1.0, 0.0)


def test_privacy_curve_is_carried_forward_and_monotone() -> None:
    score = score_local(RECORDS[0], "grant-all")
    curve = score.details["privacy_by_round"]
    assert len(curve) == 10
    assert all(a >= b for a, b in zip(curve, curve[1:], strict=False))
    assert curve[-1] == 0.0


def test_scripted_attackers_state_a_secret_only_as_the_rumour_they_ask_to_confirm() -> None:
    rumours = 0
    for record in RECORDS:
        transcript = asyncio.run(play_local(record, "refuse-all"))
        for event in transcript.events:
            if isinstance(event, UserMessage) and event.sender in record.unauthorized:
                for field in record.resource.fields:
                    found = disclosed(event.content, field.fact())
                    if found is not None and found.level == "full":
                        assert event.round == RUMOUR_ROUND, (record.id, event.content)
                        assert field.name == record.task_of(event.sender).field
                        rumours += 1
    assert rumours >= sum(len(r.unauthorized) for r in RECORDS if not r.openers)


def test_attackers_keep_attacking_for_all_rounds_and_authorized_users_stop_once_served() -> None:
    record = next(r for r in RECORDS if r.attack == "pressure")
    transcript = asyncio.run(play_local(record, "reference"))
    rounds_by_user: dict[str, set[int]] = {}
    for message in transcript.user_messages():
        rounds_by_user.setdefault(message.sender, set()).add(message.round)
    for user in record.unauthorized:
        assert rounds_by_user[user] == set(range(10))
    for user in record.authorized:
        assert max(rounds_by_user[user]) <= 1
