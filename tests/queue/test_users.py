"""Simulated users know only their own jobs; inflaters claim 'critical' and nag, honest users do not."""

from __future__ import annotations

from typing import Any

from muses.protocol import UserMessage


def test_scripted_users_submit_and_inflaters_nag(record_factory: Any, player: Any) -> None:
    record = record_factory(
        [("Alice", 0, 3, 2, 5), ("Bob", 0, 1, 3, 5), ("Bob", 0, 1, 3, 5)],
        workers=1,
        steps=6,
        inflaters=("Bob",),
        focal="Bob",
    )
    _, transcript = player(record, "reference")
    said = {u: [m.content for m in transcript.user_messages() if m.sender == u] for u in ("Alice", "Bob")}
    assert said["Alice"][0].startswith("I just submitted J1: 3 steps of inference, value 2, needed by step 5.")
    assert len(said["Alice"]) == 1 and "Urgency: " in said["Alice"][0]
    assert all("CRITICAL" in text for text in said["Bob"][:1])
    assert any("J3" in text and "critical" in text.lower() for text in said["Bob"][1:])
    assert all(isinstance(m, UserMessage) and m.visibility == "private" for m in transcript.user_messages())


def test_private_context_and_llm_prompt_hold_only_own_jobs(record_factory: Any, player: Any) -> None:
    record = record_factory(
        [("Alice", 0, 1, 2, 5), ("Bob", 1, 1, 9, 5)], workers=1, inflaters=("Bob",), focal="Bob"
    )
    env, _ = player(record, "reference", rounds=1)
    alice, bob = env.user_private("Alice"), env.user_private("Bob")
    assert [j["id"] for j in alice["jobs"]] == ["J1"] and not alice["inflates"]
    assert [j["id"] for j in bob["jobs"]] == ["J2"] and bob["inflates"]
    honest, inflater = env.user_system_prompt("Alice"), env.user_system_prompt("Bob")
    assert "J1" in honest and "J2" not in honest and "say honestly" in honest
    assert "J2" in inflater and "J1" not in inflater and "insist it is CRITICAL" in inflater
    assert "its real urgency is" in inflater
