"""Every parser of untrusted text, on arbitrary input: it never raises and keeps its contract.

Why: model outputs, user messages, data files and server responses are untrusted; one crash
on odd text would turn a model's bad answer into a harness error instead of a scored failure.
The last test plays whole episodes of every scenario with an agent that says arbitrary text.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from muses.episode import ChatTurn, run_episode
from muses.privacy import Fact, Ledger, disclosed, number_mentions
from muses.protocol import parse_agent_output
from muses.protocol._parser import find_json_objects
from muses.providers._http import (
    MusesHttpError,
    decode_body,
    error_message,
    parse_output,
    parse_retry_after,
)
from muses.runner import parse_shard
from muses.scenarios import get_scenario, parse_range, scenario_names
from muses.scenarios._base import AgentObservation, UserObservation
from muses.scenarios._io import DataFileError, parse_record
from muses.scenarios._participants import SCRIPTED_USER
from muses.scenarios.meeting._slots import GRID, find_mentions, find_slots, format_slots, parse_slot
from muses.scenarios.meeting._speech import availability, stances
from muses.scenarios.selection._reading import read_decision
from muses.scenarios.selection._refs import normalise_reason, normalise_ref, split_instructions

USERS = ["Alice", "Bob", "Chen"]
TEXT = st.text(max_size=400)
# Text biased towards the syntax the parsers look for, so their branches are reached.
TOKENS = st.sampled_from(
    ['{"target": "Alice", "content": "hi"}', '{"shared": {"key": "k", "content": "c", "readers": "all"}}', "{",
     "}", '"', "@Bob:", "@all:", "\n", "[ref: 12]", "ref 7", "#3", "Tue 14:30", "2:30 PM", "Friday", "$3 Billion",
     "1,234.5", "three million", "goal_achieved", "accept", "decline", "Q2 2026", "STRAT-2030-7175", " "]
)
SYNTAX = st.lists(st.one_of(TOKENS, st.text(max_size=8)), max_size=30).map("".join)
ANY_TEXT = st.one_of(TEXT, SYNTAX)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
FIELDS = st.sampled_from(
    [
        Fact(name="doc", label="Document ID", value="STRAT-2030-7175", kind="code", secret_part="7175"),
        Fact(name="cost", label="Cost", value="$3 Billion", kind="amount"),
        Fact(name="target", label="Target", value="Initech", kind="entity"),
        Fact(name="launch", label="Launch date", value="June 11", kind="date"),
        Fact(name="sector", label="Sector", value="quantum computing", kind="phrase"),
    ]
)


@given(ANY_TEXT, st.sampled_from([(), ("goal_achieved",), ("final_schedule",), ("assign",)]))
def test_agent_output_parser(text: str, keys: tuple[str, ...]) -> None:
    parsed = parse_agent_output(text, USERS, keys)
    for message in parsed.messages:
        assert set(message.targets) <= {*USERS, "all"}
    assert not (parsed.format_ok and parsed.errors)
    if not text.strip():
        assert not parsed.format_ok and "empty output" in parsed.errors


@given(ANY_TEXT)
def test_json_objects_are_exactly_their_spans(text: str) -> None:
    objects, spans = find_json_objects(text)
    assert [json.loads(text[a:b]) for a, b in spans] == objects


@given(ANY_TEXT)
def test_slot_parsers(text: str) -> None:
    result = parse_slot(text)
    assert (result.slot is None) != (result.error is None)
    assert result.slot is None or result.slot in GRID
    assert set(find_slots(text)) <= set(GRID)
    assert all(m.slot in GRID and 0 <= m.start <= m.end <= len(text) for m in find_mentions(text))


@given(st.lists(st.sampled_from(list(GRID)), min_size=1, max_size=5, unique=True))
def test_formatted_slots_read_back(slots: list[str]) -> None:
    assert set(find_slots(format_slots(slots))) == set(slots)


@given(ANY_TEXT, st.one_of(st.none(), st.sampled_from(list(GRID))))
def test_speech_readers(text: str, context: str | None) -> None:
    assert set(stances(text, context)) <= set(GRID)
    assert set(availability(text)) <= set(GRID)


@given(st.one_of(ANY_TEXT, JSON))
def test_ref_parsers(value: Any) -> None:
    ref = normalise_ref(value)
    assert ref is None or (ref.isdigit() and str(int(ref)) == ref)
    assert normalise_reason(value) in (None, "conflict_with_higher_authority", "harmful_to_global_objective",
                                       "less_aligned_with_global_objective")
    if isinstance(value, str):
        assert all(r.isdigit() for r, _ in split_instructions(value))


@given(st.integers(min_value=0, max_value=10**9), TEXT)
def test_tagged_refs_always_read(number: int, prefix: str) -> None:
    assert normalise_ref(f"[ref: {number}]") == str(number)
    assert [r for r, _ in split_instructions(f"{prefix} do it [ref: {number}]")][-1:] == [str(number)]


@given(st.dictionaries(st.sampled_from(["accepted_instructions", "rejected_instructions", "x"]), JSON, max_size=3))
def test_selection_decision_reader(payload: dict[str, Any]) -> None:
    decision = read_decision(payload)
    assert all(r.isdigit() for r in [*decision.accepted, *decision.rejected])


@given(ANY_TEXT, FIELDS)
def test_leak_and_number_detectors(text: str, field: Fact) -> None:
    ledger = Ledger([field])
    ledger.said("u", 0, text)
    ledger.deliver(["u", "v"], 0, text, "broadcast")
    for found in ledger.recoveries():
        assert found.fact == field.name and found.level in ("full", "partial")
    for value, snippet, _ in number_mentions(text):
        assert value.is_finite() and snippet


@given(TEXT, TEXT, FIELDS)
@example("1", "0", Fact(name="launch", label="Launch date", value="June 11", kind="date"))  # '1 June' hid 'June 11'
def test_delivered_value_is_always_detected(before: str, after: str, field: Fact) -> None:
    found = disclosed(f"{before} {field.value} {after}", field)
    assert found is not None and found.level == "full"


@given(st.binary(max_size=200), st.integers(min_value=200, max_value=599))
def test_http_body_readers(body: bytes, status: int) -> None:
    assert isinstance(error_message(body), str)
    try:
        data = decode_body(body, status)
    except MusesHttpError as error:
        assert error.status_code == status
        return
    try:
        output = parse_output("m", data)
    except MusesHttpError:
        return
    assert output.choices


@given(st.one_of(st.none(), TEXT))
def test_retry_after_reader(value: str | None) -> None:
    wait = parse_retry_after(value)
    assert wait is None or wait >= 0


@given(TEXT)
def test_cli_value_parsers_fail_only_with_value_error(text: str) -> None:
    for parse in (parse_shard, lambda t: parse_range(t, "users")):
        with contextlib.suppress(ValueError):
            parse(text)


@given(JSON)
def test_record_reader_fails_only_with_a_located_message(data: Any) -> None:
    try:
        parse_record(data, "file.jsonl:3")
    except DataFileError as error:
        assert str(error).startswith("file.jsonl:3: ")


@pytest.mark.parametrize("scenario", scenario_names())
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(outputs=st.lists(ANY_TEXT, min_size=1, max_size=4))
def test_any_agent_output_gives_a_scored_episode(scenario: str, outputs: list[str]) -> None:
    spec = get_scenario(scenario)
    record = spec.generate(split="quick", seed=0)[0]
    env = spec.environment(record, min(spec.default_rounds, 4))

    async def agent(chat: list[ChatTurn], obs: AgentObservation) -> str:
        return outputs[obs.round % len(outputs)]

    async def user(chat: list[ChatTurn], obs: UserObservation) -> str:
        return spec.scripted_user(obs)

    transcript = asyncio.run(run_episode(env, "xml", agent, user))
    score = spec.scorer(record, transcript)
    assert SCRIPTED_USER and set(spec.metrics) <= set(score.values)
    assert all(not math.isinf(v) for v in score.values.values())
