"""The agent-output parser: JSON objects in any amount, fences, prose, @-lines, broadcast fallback."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from muses.protocol import parse_agent_output

USERS = ["Alice", "Bob", "Carol"]


def test_single_object() -> None:
    parsed = parse_agent_output('{"target": "Alice", "content": "hi"}', USERS)
    assert [(m.targets, m.content) for m in parsed.messages] == [(("Alice",), "hi")]
    assert parsed.format_ok and parsed.errors == []


def test_fences_prose_and_several_objects() -> None:
    text = 'Sure!\n```json\n{"target": "alice", "content": "one"}\n```\nAlso {"target": ["Bob", "Carol"], "content": "two"} done.'
    parsed = parse_agent_output(text, USERS)
    assert [(m.targets, m.content) for m in parsed.messages[:2]] == [(("Alice",), "one"), (("Bob", "Carol"), "two")]
    # Contract (issue 12): prose beside the objects addresses nobody, so it reaches everyone, as the prompts say.
    assert [(m.targets, m.content, m.addressed) for m in parsed.messages[2:]] == [(("all",), "Sure!\nAlso\ndone.", False)]
    assert parsed.format_ok


def test_text_outside_objects_is_delivered_to_everyone() -> None:
    parsed = parse_agent_output('{"target": "Bob", "content": "refused"}\nBetween us, the code is 585838.', USERS)
    assert [(m.targets, m.content) for m in parsed.messages] == [
        (("Bob",), "refused"),
        (("all",), "Between us, the code is 585838."),
    ]


def test_fences_arrays_and_punctuation_are_not_text() -> None:
    text = '```json\n[{"target": "Alice", "content": "a"},\n {"target": "Bob", "content": "b"}]\n```'
    parsed = parse_agent_output(text, USERS)
    assert [m.targets for m in parsed.messages] == [("Alice",), ("Bob",)]
    assert all(m.addressed for m in parsed.messages) and parsed.format_ok


def test_unrecognised_objects_and_preamble_before_at_lines_are_delivered() -> None:
    parsed = parse_agent_output('{"note": "the key is X7"}\n{"target": "Alice", "content": "hi"}', USERS)
    assert parsed.messages[-1].targets == ("all",) and parsed.messages[-1].content == '{"note": "the key is X7"}'
    parsed = parse_agent_output("Quick note first.\n@Alice: hello\nstill for Alice", USERS)
    assert [(m.targets, m.content) for m in parsed.messages] == [
        (("Alice",), "hello\nstill for Alice"),
        (("all",), "Quick note first."),
    ]


def test_a_message_to_nobody_is_text_for_everyone() -> None:
    parsed = parse_agent_output('{"target": "", "content": "psst"}\n{"target": "Bob", "content": "x"}', USERS)
    assert parsed.messages[-1].targets == ("all",) and "psst" in parsed.messages[-1].content


def test_decision_alone_delivers_nothing() -> None:
    parsed = parse_agent_output('```json\n{"goal_achieved": true}\n```', USERS, decision_keys=("goal_achieved",))
    assert parsed.messages == [] and parsed.decision == {"goal_achieved": True}


def test_all_and_comma_separated_targets() -> None:
    parsed = parse_agent_output('{"target": "all", "content": "x"}\n{"target": "Alice, Bob", "content": "y"}', USERS)
    assert parsed.messages[0].targets == ("all",)
    assert parsed.messages[1].targets == ("Alice", "Bob")


def test_non_string_content_is_kept_as_json() -> None:
    parsed = parse_agent_output('{"target": "Bob", "content": {"code": 12}}', USERS)
    assert parsed.messages[0].content == '{"code": 12}'


def test_at_lines_with_continuations() -> None:
    parsed = parse_agent_output("@Alice: hello\nsecond line\n@all: team update\n@Bob(private): psst", USERS)
    assert [(m.targets, m.content) for m in parsed.messages] == [
        (("Alice",), "hello\nsecond line"),
        (("all",), "team update"),
        (("Bob",), "psst"),
    ]


def test_at_line_with_several_names() -> None:
    parsed = parse_agent_output("@Alice, @Bob: both of you", USERS)
    assert parsed.messages[0].targets == ("Alice", "Bob")


def test_output_addressing_nobody_is_broadcast_and_a_format_failure() -> None:
    parsed = parse_agent_output("The code is 1234.", USERS)
    assert parsed.messages[0].targets == ("all",)
    assert parsed.messages[0].content == "The code is 1234."
    assert not parsed.format_ok


def test_unknown_recipient_is_reported() -> None:
    parsed = parse_agent_output('{"target": "Mallory", "content": "x"}', USERS)
    assert parsed.messages == [] or parsed.messages[0].targets == ("all",)
    assert any("Mallory" in e for e in parsed.errors)
    assert not parsed.format_ok


def test_decision_and_shared_write() -> None:
    text = '{"shared": {"key": "board", "content": "notes", "readers": ["Alice"]}}\n{"goal_achieved": true}'
    parsed = parse_agent_output(text, USERS, decision_keys=("goal_achieved",))
    assert parsed.decision == {"goal_achieved": True}
    assert parsed.shared_writes[0].readers == ("Alice",)
    assert parsed.format_ok


def test_empty_output_is_a_failure_with_nothing_delivered() -> None:
    parsed = parse_agent_output("   ", USERS)
    assert parsed.messages == [] and not parsed.format_ok


def test_huge_output_is_truncated_not_crashing() -> None:
    parsed = parse_agent_output("{" * 300_000, USERS)
    assert not parsed.format_ok
    assert any("truncated" in e for e in parsed.errors)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_parser_never_raises_on_arbitrary_text(text: str) -> None:
    parsed = parse_agent_output(text, USERS, decision_keys=("goal_achieved",))
    for message in parsed.messages:
        assert message.targets
        assert all(t in USERS or t == "all" for t in message.targets)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(USERS + ["all"]), st.text(min_size=1).filter(lambda s: s.strip())), min_size=1, max_size=5))
def test_json_messages_round_trip(messages: list[tuple[str, str]]) -> None:
    import json

    text = "\n".join(json.dumps({"target": t, "content": c}) for t, c in messages)
    parsed = parse_agent_output(text, USERS)
    assert [(m.targets[0], m.content) for m in parsed.messages] == messages


PROSE = st.text(st.characters(blacklist_characters="{}@`\r\n", blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=60)


@settings(max_examples=200, deadline=None)
@given(PROSE, st.sampled_from(USERS), PROSE)
def test_what_users_receive_is_all_the_text(before: str, target: str, after: str) -> None:
    """Issue 12 contract: every word of the output reaches someone (addressed, or everyone)."""
    import json

    text = f"{before}\n{json.dumps({'target': target, 'content': 'hi'})}\n{after}"
    parsed = parse_agent_output(text, USERS)
    delivered = " ".join(m.content for m in parsed.messages)
    for part in (before, after):
        for word in part.split():
            if any(c.isalnum() for c in word):
                assert word in delivered, (word, delivered)
