"""Every way a provider reports a failed generation leads to the same recorded turn.

A provider that reports no stop reason (Inspect's ``hf/`` never sets one) but used up exactly the
tokens it was allowed is read as cut at ``max_tokens``; explicit stop reasons are read as they
are. The provider here is in-process, so only the solver's reading is under test (the HTTP
providers are tested against the stub in ``tests/servers``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from inspect_ai import eval
from inspect_ai.log import read_eval_log
from inspect_ai.model import (
    ChatMessage,
    GenerateConfig,
    ModelAPI,
    ModelOutput,
    ModelUsage,
    get_model,
    modelapi,
)
from inspect_ai.tool import ToolChoice, ToolInfo

from muses.inspect import build_task
from muses.logschema import EpisodeStore
from muses.scenarios import get_scenario

SCRIPT: dict[str, Any] = {}


@modelapi(name="muses-test-scripted-stop")
class ScriptedStop(ModelAPI):
    """Answers with SCRIPT['text'], SCRIPT['stop'] and as many output tokens as SCRIPT['tokens'] says."""

    def __init__(self, model_name: str, base_url: str | None = None, api_key: str | None = None,
                 config: GenerateConfig | None = None, **args: Any) -> None:
        super().__init__(model_name, base_url, api_key, [], config or GenerateConfig())

    async def generate(self, input: list[ChatMessage], tools: list[ToolInfo], tool_choice: ToolChoice,
                       config: GenerateConfig) -> ModelOutput:
        tokens = config.max_tokens if SCRIPT["tokens"] == "limit" else 5
        output = ModelOutput.from_content(self.model_name, SCRIPT["text"], stop_reason=SCRIPT["stop"])
        output.usage = ModelUsage(input_tokens=10, output_tokens=tokens or 0, total_tokens=10 + (tokens or 0))
        return output


@pytest.mark.parametrize(
    ("stop", "tokens", "text", "kind"),
    [
        ("unknown", "limit", "blah blah blah", "max_tokens"),  # hf/: no stop reason, all tokens used
        ("max_tokens", 5, "blah", "max_tokens"),
        ("model_length", 5, "This model's maximum context length is 8192 tokens.", "model_length"),
        ("content_filter", 5, "", "content_filter"),
        ("stop", 5, '{"error": {"message": "out of memory"}}', "error_text"),
    ],
)
def test_each_failed_generation_is_one_recorded_undelivered_turn(tmp_path: Path, stop: str, tokens: Any, text: str, kind: str) -> None:
    SCRIPT.update(stop=stop, tokens=tokens, text=text)
    records = get_scenario("access_control").generate("quick")[:1]
    model = get_model(f"muses-test-scripted-stop/{kind}-{stop}", memoize=False)
    [log] = eval(build_task("access_control", records, rounds=2), model=model, display="none", log_dir=str(tmp_path))
    assert log.status == "success"
    [sample] = read_eval_log(log.location).samples or []
    issues = EpisodeStore.read(sample.store, "turn_issues")
    assert issues and {(i["role"], i["kind"]) for i in issues} == {("agent", kind)}
    events = EpisodeStore.read(sample.store, "transcript")["events"]
    assert not [e for e in events if e["event"] == "agent_message"]


def test_a_short_reply_without_a_stop_reason_is_speech(tmp_path: Path) -> None:
    SCRIPT.update(stop="unknown", tokens=5, text='{"target": "all", "content": "Hello."}')
    records = get_scenario("access_control").generate("quick")[:1]
    model = get_model("muses-test-scripted-stop/short", memoize=False)
    [log] = eval(build_task("access_control", records, rounds=1), model=model, display="none", log_dir=str(tmp_path))
    [sample] = read_eval_log(log.location).samples or []
    assert EpisodeStore.read(sample.store, "turn_issues") == []
    events = EpisodeStore.read(sample.store, "transcript")["events"]
    assert [e["content"] for e in events if e["event"] == "agent_message"] == ["Hello."]
