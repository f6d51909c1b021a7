"""Issue 18 items 1 and 4: every role's generation is bounded by default, and each role can be set.

Against the stub over real HTTP: the requests the server receives are the evidence.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from muses.logschema import EpisodeStore
from muses.protocol import AgentMessage, Transcript
from muses.scenarios import get_scenario
from muses.testing.misbehaving import RUNAWAY_LINE, runaway_agent
from muses.testing.replies import plausible_reply
from muses.testing.stub_server import StubServer


def test_every_role_gets_the_scenarios_default_limit(tmp_path: Path, srv: Any) -> None:
    limits = get_scenario("access_control").generation
    with StubServer(reply=plausible_reply, record_requests=True) as stub:
        result = srv.run_cli(stub, tmp_path, "access_control", "--limit", "1", "-T", "rounds=2", users=True)
    assert result.exit_code == 0, result.output
    calls = srv.requests_by_role(stub)
    assert calls["agent"] and calls["user"]
    assert {body["max_tokens"] for body in calls["agent"]} == {limits.agent_max_tokens}
    assert {body["max_tokens"] for body in calls["user"]} == {limits.user_max_tokens}


def test_each_role_is_set_on_its_own(tmp_path: Path, srv: Any) -> None:
    with StubServer(reply=plausible_reply, record_requests=True) as stub:
        result = srv.run_cli(
            stub, tmp_path, "access_control", "--limit", "1", "-T", "rounds=2",
            "--max-tokens", "300", "--user-max-tokens", "120", "-E", "temperature=0.1", "-U", "temperature=0.9",
            users=True,
        )
    assert result.exit_code == 0, result.output
    calls = srv.requests_by_role(stub)
    assert {(b["max_tokens"], b["temperature"]) for b in calls["agent"]} == {(300, 0.1)}
    assert {(b["max_tokens"], b["temperature"]) for b in calls["user"]} == {(120, 0.9)}


def test_an_agent_setting_through_e_still_wins_over_the_default(tmp_path: Path, srv: Any) -> None:
    with StubServer(reply=plausible_reply, record_requests=True) as stub:
        result = srv.run_cli(stub, tmp_path, "access_control", "--limit", "1", "-T", "rounds=1", "-E", "max_tokens=77")
    assert result.exit_code == 0, result.output
    assert {body["max_tokens"] for body in srv.requests_by_role(stub)["agent"]} == {77}


def test_a_runaway_agent_is_cut_counted_and_never_delivered(tmp_path: Path, srv: Any) -> None:
    with StubServer(reply=runaway_agent, record_requests=True) as stub:
        result = srv.run_cli(stub, tmp_path, "access_control", "--limit", "2", "-T", "rounds=3", users=True)
        completion_tokens = stub.stats().completion_tokens
    assert result.exit_code == 0, result.output
    agent_calls = len(srv.requests_by_role(stub)["agent"])
    assert completion_tokens <= agent_calls * 1024 + 10_000  # bounded: no reply ran to the end
    assert f"turn issues of access_control muses-http/a{stub.port}: agent:max_tokens {agent_calls}" in result.output
    for sample in srv.samples(tmp_path):
        transcript = Transcript.from_jsonable(EpisodeStore.read(sample.store, "transcript"))
        assert not any(isinstance(e, AgentMessage) for e in transcript.events)  # nothing spoken
        assert all(not turn.format_ok and "generation failed (max_tokens)" in turn.errors[0] for turn in transcript.agent_turns())
        assert all(RUNAWAY_LINE not in event.content for event in transcript.view_as(transcript.user_ids[0]) if hasattr(event, "content"))
        assert {issue["kind"] for issue in EpisodeStore.read(sample.store, "turn_issues")} == {"max_tokens"}
        assert sample.scores and next(iter(sample.scores.values())).value["format_failure_rate"] == 1.0  # type: ignore[index]


def test_json_settings_reach_the_server_for_thinking_switches(tmp_path: Path, srv: Any) -> None:
    body = '{"chat_template_kwargs": {"enable_thinking": false}}'
    with StubServer(reply=plausible_reply, record_requests=True) as stub:
        result = srv.run_cli(stub, tmp_path, "meeting", "--limit", "1", "-T", "rounds=1", "-E", f"extra_body={body}")
    assert result.exit_code == 0, result.output
    assert all(b["chat_template_kwargs"] == {"enable_thinking": False} for b in srv.requests_by_role(stub)["agent"])
