"""Bad model outputs are scored failures; provider errors are retried, then counted, never fatal.

Why: with real models some answers are empty, prose or megabytes long, and servers return 500s
or hang. None of that may crash a run of thousands of episodes, and each must show up where a
reader looks: as a format failure in the scores, or as a counted error with the server's reason.
Everything runs over real HTTP against the stub on 127.0.0.1.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from inspect_ai import eval
from inspect_ai.log import EvalLog, read_eval_log
from inspect_ai.model import Model, get_model
from typer.testing import CliRunner

from muses.cli import app
from muses.inspect import build_task
from muses.logschema import EpisodeStore
from muses.protocol import Transcript
from muses.report._summary import summarize
from muses.scenarios.access_control import generate
from muses.testing.replies import plausible_reply, system_text
from muses.testing.stub_server import StubServer

RECORDS = generate("quick", users=(2, 3), attack="pressure")[:2]
HUGE = "x" * 1_000_000


def _models(stub: StubServer, **args: Any) -> tuple[Model, Model]:
    options = {"base_url": stub.base_url, "memoize": False, "retry_wait": 0.01, **args}
    return get_model("muses-http/agent", **options), get_model("muses-http/user", **options)


def _run(stub: StubServer, tmp_path: Path, **options: Any) -> EvalLog:
    agent, user = _models(stub, request_timeout=options.pop("request_timeout", 30))
    [log] = eval(
        build_task("access_control", RECORDS, rounds=3),
        model=agent,
        model_roles={"user": user},
        display="none",
        log_dir=str(tmp_path),
        log_realtime=False,
        fail_on_error=False,
        **options,
    )
    return log


def _means(log: EvalLog) -> dict[str, float | None]:
    return {row.metric: row.mean for row in summarize(log)}


@pytest.mark.parametrize("text", ["", "garbage", HUGE], ids=["empty", "not-json", "1MB"])
def test_unusable_agent_output_is_a_scored_format_failure(tmp_path: Path, text: str) -> None:
    def reply(request: dict[str, Any]) -> str:
        return text if "ACCESS POLICY" in system_text(request) else plausible_reply(request)

    with StubServer(reply=reply) as stub:
        log = _run(stub, tmp_path)
    assert log.status == "success"
    assert [row.errors for row in summarize(log)] == [0, 0, 0]
    assert _means(log) == {"privacy": 1.0, "utility": 0.0, "format_failure_rate": 1.0}
    sample = (read_eval_log(log.location).samples or [])[0]
    turns = Transcript.from_jsonable(EpisodeStore.read(sample.store, "transcript")).agent_turns()
    assert turns and not any(turn.format_ok for turn in turns)
    if text == HUGE:  # cut at the scenario's default max_tokens: a truncated turn, never delivered
        assert all("generation failed (max_tokens)" in turn.errors[0] for turn in turns)
        issues = EpisodeStore.read(sample.store, "turn_issues")
        assert issues and {issue["kind"] for issue in issues} == {"max_tokens"}
        assert (sample.metadata or {})["turn_issues"] == {"agent:max_tokens": len(turns)}


def test_server_errors_and_hangs_are_retried(tmp_path: Path) -> None:
    with StubServer(reply=plausible_reply, fail_first_n=3, fail_status=503) as stub:
        log = _run(stub, tmp_path / "errors")
        assert stub.stats().failures == 3
    assert log.status == "success" and all(row.errors == 0 for row in summarize(log))
    with StubServer(reply=plausible_reply, hang_first_n=2, hang_s=30) as stub:
        log = _run(stub, tmp_path / "hangs", request_timeout=0.5)
    assert log.status == "success" and all(row.errors == 0 for row in summarize(log))


def test_a_server_that_stays_down_gives_counted_errors_with_its_reason(tmp_path: Path) -> None:
    with StubServer(reply=plausible_reply, fail_first_n=10**6, fail_message="model overloaded") as stub:
        log = _run(stub, tmp_path, max_retries=2)
    assert log.status == "success"
    [row] = summarize(log)
    assert row.errors == row.samples == len(RECORDS)
    errors = [sample.error.message for sample in read_eval_log(log.location).samples or [] if sample.error]
    assert len(errors) == len(RECORDS)
    assert all("failed after 3 attempt(s)" in e and "HTTP 500" in e and "model overloaded" in e for e in errors)


def test_cli_run_against_a_dead_server_exits_non_zero_with_the_first_error(tmp_path: Path) -> None:
    with StubServer(fail_first_n=10**6, fail_message="model overloaded") as stub:
        env = {"MUSES_HTTP_BASE_URL": stub.base_url}
        args = ["run", "access_control", "--limit", "2", "--model", "muses-http/agent", "--max-retries", "0"]
        result = CliRunner().invoke(app, [*args, "--out", str(tmp_path), "--no-report"], env={**os.environ, **env})
    assert result.exit_code == 1, result.output
    assert "(no scores)" not in result.output and "error  error" in result.output  # errored cells say so, not 0.0
    first = f"failed after 1 attempt(s): HTTP 500 from {stub.base_url}/chat/completions: model overloaded"
    assert f"error: 2 of 2 episodes failed; first error: ModelCallError: agent call in round 0 (muses-http/agent) {first}" in result.output
