"""Issue 18 item 3: a context overflow, a truncation or an error body returned as text is a recorded
turn on every provider, scored as a format failure and never delivered to users as speech."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from muses.cli import app
from muses.logschema import EpisodeStore
from muses.protocol import AgentMessage, Transcript
from muses.testing.misbehaving import error_as_text
from muses.testing.replies import plausible_reply
from muses.testing.stub_server import StubServer

PROVIDERS = {
    "muses-http": lambda port: (f"muses-http/a{port}", "MUSES_HTTP_BASE_URL", {}),
    "openai-api": lambda port: (f"openai-api/stub/a{port}", "STUB_BASE_URL", {"STUB_API_KEY": "local"}),
    "vllm": lambda port: (f"vllm/a{port}", "VLLM_BASE_URL", {}),
}


def _run(stub: StubServer, out: Path, provider: str, *args: str) -> Any:
    model, variable, extra = PROVIDERS[provider](stub.port)
    env = {**os.environ, variable: stub.base_url, **extra}
    command = ["run", "access_control", "--limit", "2", "--model", model, "--out", str(out), "--no-report", *args]
    return CliRunner().invoke(app, command, env=env)


def _transcripts(out: Path, srv: Any) -> list[tuple[Transcript, list[dict[str, Any]]]]:
    return [
        (Transcript.from_jsonable(EpisodeStore.read(s.store, "transcript")), EpisodeStore.read(s.store, "turn_issues"))
        for s in srv.samples(out)
    ]


@pytest.mark.parametrize("provider", sorted(PROVIDERS))
def test_a_context_overflow_is_a_turn_issue_on_every_provider(tmp_path: Path, srv: Any, provider: str) -> None:
    with StubServer(reply=plausible_reply, context_tokens=60) as stub:
        result = _run(stub, tmp_path, provider, "--max-retries", "0")
    assert result.exit_code == 0, result.output
    assert "  2  0       2" in result.output  # n=2, errors=0, issues=2
    assert "agent:model_length 2 (failed generations were not delivered)" in result.output
    for transcript, issues in _transcripts(tmp_path, srv):
        [turn] = transcript.agent_turns()  # the overflow ends the episode: the context only grows
        assert turn.raw == "" and not turn.format_ok and turn.errors[0].startswith("generation failed (model_length)")
        assert not any(isinstance(e, AgentMessage) for e in transcript.events)
        assert [(i["role"], i["kind"]) for i in issues] == [("agent", "model_length")]
        assert "maximum context length is 60 tokens" in issues[0]["detail"]


def test_an_error_body_returned_as_text_is_not_speech(tmp_path: Path, srv: Any) -> None:
    with StubServer(reply=error_as_text) as stub:
        result = _run(stub, tmp_path, "openai-api", "-T", "rounds=2")
    assert result.exit_code == 0, result.output
    assert "agent:error_text 4" in result.output
    for transcript, issues in _transcripts(tmp_path, srv):
        assert not any(isinstance(e, AgentMessage) for e in transcript.events)
        assert {i["kind"] for i in issues} == {"error_text"}
        assert all("llama_decode returned -3" in turn.errors[0] for turn in transcript.agent_turns())
