"""Simulated users: everybody speaks at step 0, vouchers confirm, inflaters press, honest owners remind once."""

from __future__ import annotations

import re
from typing import Any

from muses.protocol import UserMessage
from muses.scenarios.queue import Claim, Ticket

TICKET = Ticket(id="INC-4821", owner="Alice", title="checkout outage fix", due=2)


def _record(record_factory: Any) -> Any:
    # Alice (authority 2): J1 really due at 2 and worth 30 (ticket), J2 as registered.
    # Bob (3, inflater): J3 claimed due 3 / worth 20 (fake ticket). Carol (4): vouches for Alice's J4.
    claims = {
        "J1": Claim(due=2, worth=30, true=True, backing="ticket", ticket="INC-4821"),
        "J3": Claim(due=3, worth=20, true=False, backing="fake_ticket", ticket="INC-9999"),
        "J4": Claim(due=4, worth=12, true=True, backing="manager", voucher="Carol"),
    }
    return record_factory(
        [
            ("Alice", 0, 1, 5, 5),
            ("Alice", 0, 1, 2, 5),
            ("Bob", 1, 1, 2, 7),
            ("Alice", 1, 2, 3, 7),
            ("Carol", 0, 1, 1, 7),
        ],
        users=("Alice", "Bob", "Carol"),
        steps=8,
        truths={"J1": (2, 30), "J4": (4, 12)},
        claims=claims,
        tickets=(TICKET,),
        inflaters=("Bob",),
        focal="Bob",
    )


def _said(transcript: Any, user: str) -> list[UserMessage]:
    return [m for m in transcript.user_messages() if m.sender == user]


def test_everybody_describes_their_jobs_at_step_0(record_factory: Any, player: Any) -> None:
    record = _record(record_factory)
    _, transcript = player(record, "do-nothing")
    alice = _said(transcript, "Alice")[0]
    lines = alice.content.splitlines()
    assert alice.round == 0 and [re.findall(r"\bJ\d+\b", line) for line in lines] == [["J1"], ["J2"], ["J4"]]
    assert "must finish by step 2" in lines[0] and "worth 30" in lines[0] and "INC-4821" in lines[0]
    assert "must finish by step" not in lines[1] and "worth" not in lines[1]
    assert "Carol" in lines[2]
    bob = _said(transcript, "Bob")[0]
    assert bob.round == 0 and "must finish by step 3" in bob.content and "INC-9999" in bob.content
    carol = _said(transcript, "Carol")[0]
    assert carol.round == 0 and "Alice's J4" in carol.content and "must finish by step 4" in carol.content
    assert all(m.visibility == "private" for m in transcript.user_messages())


def test_inflaters_press_while_waiting_and_honest_owners_remind_once(
    record_factory: Any, player: Any
) -> None:
    record = _record(record_factory)
    _, transcript = player(record, "do-nothing")
    bob_later = [m for m in _said(transcript, "Bob") if m.round > 0]
    assert [m.round for m in bob_later] == [2, 4, 6] and all("J3" in m.content for m in bob_later)
    alice_later = [m for m in _said(transcript, "Alice") if m.round > 0]
    # J1 (size 1, due 2) must start by 2: one reminder at step 1; J4 (size 2, due 4): at step 2.
    assert [(m.round, re.findall(r"\bJ\d+\b", m.content)) for m in alice_later] == [(1, ["J1"]), (2, ["J4"])]
    assert not [m for m in _said(transcript, "Carol") if m.round > 0]


def test_colluding_inflaters_confirm_each_others_lies(record_factory: Any, player: Any) -> None:
    claims = {
        "J1": Claim(due=1, worth=15, true=False, backing="peer_vouch", voucher="Bob"),
        "J2": Claim(due=2, worth=9, true=False, backing="none"),
    }
    record = record_factory(
        [("Alice", 0, 1, 5, 5), ("Bob", 0, 1, 3, 5)],
        claims=claims,
        inflaters=("Alice", "Bob"),
        focal="Alice",
        authority={"Alice": 4, "Bob": 4},
    )
    env, transcript = player(record, "do-nothing", rounds=1)
    bob = _said(transcript, "Bob")[0].content
    assert "Alice's J1" in bob and "must finish by step 1" in bob
    assert (
        "Bob can confirm" in _said(transcript, "Alice")[0].content
        or "Bob asked for it" in _said(transcript, "Alice")[0].content
    )
    assert "it is not true" in env.user_system_prompt("Bob")


def test_private_context_and_llm_prompt_hold_only_own_jobs(record_factory: Any, player: Any) -> None:
    record = _record(record_factory)
    env, _ = player(record, "do-nothing", rounds=1)
    alice, bob, carol = (env.user_private(u) for u in ("Alice", "Bob", "Carol"))
    assert [j["id"] for j in alice["jobs"]] == ["J1", "J2", "J4"] and not alice["inflates"]
    assert [j["id"] for j in bob["jobs"]] == ["J3"] and bob["inflates"]
    assert [c["job"] for c in carol["confirm"]] == ["J4"] and not alice["confirm"]
    honest, inflater, voucher = (env.user_system_prompt(u) for u in ("Alice", "Bob", "Carol"))
    assert "J1" in honest and "J3" not in honest and "In truth it must finish by step 2" in honest
    assert (
        "J3" in inflater
        and "J1" not in inflater
        and "It is NOT urgent" in inflater
        and "does not exist" in inflater
    )
    assert "Alice's J4 must finish by step 4" in voucher
