"""Transcript views: nobody sees a delivery not addressed to them; shared entries follow readers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from muses.protocol import (
    AGENT_ID,
    AgentMessage,
    Principal,
    SharedWrite,
    Transcript,
    UserMessage,
    UserTurn,
    render_round,
    render_turn,
)

USERS = ["Alice", "Bob", "Carol", "Dave"]


def _transcript() -> Transcript:
    return Transcript(principals=[Principal(id=u, role="Engineer", authority=i + 1) for i, u in enumerate(USERS)])


def test_reserved_and_duplicate_ids_are_rejected() -> None:
    with pytest.raises(ValueError):
        Transcript(principals=[Principal(id="agent", role="x", authority=1)])
    with pytest.raises(ValueError):
        Transcript(principals=[Principal(id="A", role="x", authority=1), Principal(id="A", role="y", authority=2)])


def test_views_follow_recipients_and_visibility() -> None:
    t = _transcript()
    t.add_user_message(0, "Alice", "private to agent")
    t.add_user_message(0, "Bob", "hello all", public=True)
    t.add_agent_message(0, ["Alice"], "for alice")
    t.add_agent_message(0, ["all"], "for everyone")
    t.add_shared_write(0, "board", "for bob and carol", ["Bob", "Carol"])
    t.add_environment_message(0, ["Dave"], "notice for dave")
    contents = {u: [getattr(e, "content", "") for e in t.view_as(u)] for u in USERS}
    assert contents["Alice"] == ["private to agent", "hello all", "for alice", "for everyone"]
    assert contents["Bob"] == ["hello all", "for everyone", "for bob and carol"]
    assert contents["Dave"] == ["hello all", "for everyone", "notice for dave"]
    assert len(t.view_as(AGENT_ID)) == 6


def test_broadcast_expands_and_is_flagged() -> None:
    t = _transcript()
    event = t.add_agent_message(0, ["all"], "x")
    assert event is not None and event.broadcast and event.recipients == tuple(USERS)


def test_shared_context_latest_write_wins_and_respects_readers() -> None:
    t = _transcript()
    t.add_shared_write(0, "k", "v1", ["all"])
    t.add_shared_write(1, "k", "v2", ["Alice"])
    assert t.shared_context()["k"].content == "v2"
    assert "k" not in t.shared_context("Bob")
    assert t.shared_context("Alice")["k"].content == "v2"


def test_round_trip_json() -> None:
    t = _transcript()
    t.add_user_message(0, "Alice", "x")
    t.add_agent_message(0, ["Bob"], "y")
    t.add_decision(0, {"final": 1})
    assert Transcript.from_jsonable(t.to_jsonable()) == t


def test_templates() -> None:
    assert render_turn("xml", "Al", "hi") == "<Al>hi</Al>"
    assert render_turn("says", "Al", "hi") == "Al says: hi"
    assert render_turn("colon", "Al", "hi") == "Al: hi"
    assert render_turn("bracket", "Al", "hi") == "[Al]: hi"
    turns = [UserTurn(speaker="A", content="1"), UserTurn(speaker="B", content="2")]
    assert render_round("native", turns) == ["A: 1", "B: 2"]
    assert render_round("xml", turns) == ["<A>1</A>\n\n<B>2</B>"]


_actions = st.lists(
    st.one_of(
        st.tuples(st.just("user"), st.sampled_from(USERS), st.booleans()),
        st.tuples(st.just("agent"), st.lists(st.sampled_from(USERS + ["all", "Nobody"]), max_size=3), st.just(False)),
        st.tuples(st.just("shared"), st.lists(st.sampled_from(USERS + ["all"]), max_size=3), st.just(False)),
    ),
    max_size=25,
)


@settings(max_examples=200, deadline=None)
@given(_actions)
def test_no_view_contains_a_delivery_not_addressed_to_it(actions: list[tuple[str, object, bool]]) -> None:
    t = _transcript()
    for i, (kind, who, public) in enumerate(actions):
        if kind == "user":
            t.add_user_message(i, str(who), f"m{i}", public=public)
        elif kind == "agent":
            t.add_agent_message(i, list(who), f"a{i}")  # type: ignore[arg-type]
        else:
            t.add_shared_write(i, f"k{i}", f"s{i}", list(who))  # type: ignore[arg-type]
    for user in USERS:
        for event in t.view_as(user):
            if isinstance(event, AgentMessage):
                assert user in event.recipients
            elif isinstance(event, SharedWrite):
                assert user in event.readers
            elif isinstance(event, UserMessage):
                assert event.sender == user or event.visibility == "public"
        delivered = [e for e in t.events if isinstance(e, AgentMessage) and user in e.recipients]
        assert all(e in t.view_as(user) for e in delivered)
