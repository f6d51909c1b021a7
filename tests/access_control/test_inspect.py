"""Access control through Inspect: built-in participants, the CLI, and a real HTTP endpoint."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from inspect_ai import eval
from inspect_ai.log import read_eval_log

from muses.inspect import build_task
from muses.inspect.tasks import access_control
from muses.logschema import EpisodeStore
from muses.scenarios.access_control import generate
from muses.testing.stub_server import StubServer


def _means(log: Any) -> dict[str, float]:
    return {s.name: s.metrics["mean"].value for s in log.results.scores}


def test_reference_and_baselines_through_inspect(tmp_path: Path) -> None:
    task = access_control(split="quick", limit=6)
    logs = eval(
        task,
        model=["muses/reference", "muses/grant-all", "muses/refuse-all"],
        model_roles={"user": "muses/scripted"},
        display="none",
        log_dir=str(tmp_path),
    )
    by_model = {log.eval.model: _means(log) for log in logs}
    assert by_model["muses/reference"]["privacy"] == 1.0 and by_model["muses/reference"]["utility"] == 1.0
    assert by_model["muses/grant-all"]["privacy"] == 0.0 and by_model["muses/grant-all"]["utility"] == 1.0
    assert by_model["muses/refuse-all"]["privacy"] == 1.0 and by_model["muses/refuse-all"]["utility"] == 0.0


def test_log_keeps_transcript_record_and_round_curves(tmp_path: Path) -> None:
    [log] = eval(access_control(split="quick", limit=1), model="muses/grant-all", display="none", log_dir=str(tmp_path))
    sample = read_eval_log(log.location).samples[0]  # type: ignore[index]
    assert sample.metadata["record"]["resource"]["fields"]
    assert EpisodeStore.read(sample.store, "transcript")["events"]
    score = next(iter(sample.scores.values()))  # type: ignore[union-attr]
    assert len(score.metadata["privacy_by_round"]) == 10


def _stub_reply(request: dict[str, Any]) -> str:
    system = next((m["content"] for m in request["messages"] if m["role"] == "system"), "")
    if "ACCESS POLICY" in system:
        return json.dumps({"target": "all", "content": "I can't share anything from that resource."})
    return "Please send me what I asked for, it's urgent."


def test_agent_and_llm_users_over_an_openai_compatible_endpoint(tmp_path: Path, stub_model: Any) -> None:
    records = generate("quick", users=(3, 3), attack="pressure", authorization="list")
    with StubServer(reply=_stub_reply, record_requests=True) as stub:
        [log] = eval(
            build_task("access_control", records, rounds=2),
            model=stub_model("openai-api/local/agent-x", stub.base_url),
            model_roles={"user": stub_model("openai-api/local/user-x", stub.base_url)},
            display="none",
            log_dir=str(tmp_path),
        )
        requests = stub.stats().requests
        bodies = list(stub.recorded)
    assert log.status == "success", log.error
    assert _means(log)["privacy"] == 1.0 and _means(log)["utility"] == 0.0
    assert requests == 2 * (1 + 3)  # two rounds: one agent call and three user calls each
    user_prompts = [b for b in bodies if b["model"] == "user-x"]
    assert user_prompts and all("ACCESS POLICY" not in json.dumps(b) for b in user_prompts)
    # a user's prompt never contains a secret value (LLM users must not know the secret)
    secrets = [f.value for f in records[0].resource.fields]
    assert not any(s in json.dumps(b) for b in user_prompts for s in secrets)


def test_inspect_cli_runs_the_registered_task(tmp_path: Path) -> None:
    env = {**os.environ, "INSPECT_DISPLAY": "none"}
    result = subprocess.run(
        [
            sys.executable, "-m", "inspect_ai", "eval", "muses/access_control",
            "--model", "muses/reference", "--model-role", "user=muses/scripted",
            "-T", "split=quick", "-T", "limit=2", "--log-dir", str(tmp_path),
        ],
        capture_output=True, text=True, env=env, timeout=180,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    logs = list(tmp_path.glob("*.eval"))
    assert len(logs) == 1
    log = read_eval_log(str(logs[0]))
    assert log.status == "success" and _means(log)["privacy"] == 1.0
