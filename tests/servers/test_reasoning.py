"""Reasoning never reaches users or the parser: inline <think> blocks and separate reasoning fields,
for the agent and for LLM users, on both OpenAI-compatible clients."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from muses.cli import app
from muses.episode._generation import read_generation, strip_reasoning
from muses.logschema import EpisodeStore
from muses.protocol import Transcript
from muses.testing.misbehaving import THOUGHT, thinking
from muses.testing.stub_server import StubServer


@pytest.mark.parametrize("client", ["muses-http", "openai-api"])
def test_reasoning_is_never_spoken_nor_parsed(tmp_path: Path, srv: Any, client: str) -> None:
    with StubServer(reply=thinking) as stub:
        if client == "muses-http":
            models, env = ["--model", f"muses-http/a{stub.port}", "--user-model", f"muses-http/u{stub.port}"], {"MUSES_HTTP_BASE_URL": stub.base_url}
        else:
            models = ["--model", f"openai-api/stub/a{stub.port}", "--user-model", f"openai-api/stub/u{stub.port}"]
            env = {"STUB_BASE_URL": stub.base_url, "STUB_API_KEY": "local"}
        command = ["run", "access_control", "--limit", "2", "-T", "rounds=2", *models, "--out", str(tmp_path), "--no-report"]
        result = CliRunner().invoke(app, command, env={**os.environ, **env})
    assert result.exit_code == 0, result.output
    for sample in srv.samples(tmp_path):
        transcript = Transcript.from_jsonable(EpisodeStore.read(sample.store, "transcript"))
        texts = [getattr(event, "content", "") or getattr(event, "raw", "") for event in transcript.events]
        assert texts and not any("SECRET-PLAN" in text or "<think>" in text for text in texts)
        assert all(turn.format_ok for turn in transcript.agent_turns())  # the JSON after the thought was parsed
        assert any(event.event == "user_message" for event in transcript.events)


def test_reading_a_completion_drops_reasoning_blocks() -> None:
    assert strip_reasoning(f"<think>{THOUGHT}</think>\n{{\"target\": \"all\"}}") == '{"target": "all"}'
    assert strip_reasoning("<THINKING>a</THINKING>b<think>cut off mid-thought") == "b"
    generation = read_generation("<think>long thought that never closed", "max_tokens")
    assert generation.failed and generation.text == "" and generation.issue == "max_tokens"
    assert read_generation("Hello <think>x</think>there", "stop").text == "Hello there"
