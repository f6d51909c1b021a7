"""Resume: a `muses run` killed mid-run continues with no finished episode repeated and none lost.

Why a real kill: the guarantee rests on what is on disk when a process dies without cleanup
(SIGKILL), i.e. on Inspect's atomic log flushes, so it is tested with exactly that. The agent is
served over HTTP by the stub at a fixed latency, so every model call is counted and episodes
finish one after another while the run is killed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from inspect_ai.event import ModelEvent
from inspect_ai.log import list_eval_logs, read_eval_log, read_eval_log_sample_summaries, write_eval_log
from typer.testing import CliRunner

from muses.cli import app
from muses.testing.replies import plausible_reply
from muses.testing.stub_server import StubServer

runner = CliRunner()
EPISODES = 12


def _muses(out: Path, stub: StubServer, *extra: str) -> list[str]:
    return [
        sys.executable, "-m", "muses.cli", "run", "access_control", "--limit", str(EPISODES),
        "--model", "muses-http/agent", "--max-connections", "2", "--log-buffer", "1",
        "--out", str(out), "--no-report", *extra,
    ]


def _env(stub: StubServer, tmp_path: Path) -> dict[str, str]:
    return dict(os.environ, MUSES_HTTP_BASE_URL=stub.base_url, XDG_DATA_HOME=str(tmp_path / "xdg"))


def _flushed(log_dir: Path) -> dict[str, str]:
    """Sample id -> uuid of every sample already written to the (single, unfinished) log."""
    infos = list_eval_logs(str(log_dir)) if log_dir.exists() else []
    if not infos:
        return {}
    try:
        return {str(s.id): str(s.uuid) for s in read_eval_log_sample_summaries(infos[0].name)}
    except Exception:  # the log is being replaced by an atomic flush right now
        return {}


def test_killed_run_resumes_without_repeating_or_losing_episodes(tmp_path: Path) -> None:
    out = tmp_path / "run"
    with StubServer(latency_ms=100, reply=plausible_reply) as stub:
        env = _env(stub, tmp_path)
        first = subprocess.Popen(_muses(out, stub), env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while len(_flushed(out / "logs")) < 3 and time.monotonic() < deadline and first.poll() is None:
            time.sleep(0.05)
        first.kill()  # SIGKILL: no cleanup, no final flush
        first.wait()
        before = _flushed(out / "logs")
        assert 3 <= len(before) < EPISODES, f"kill came too late or too early: {len(before)} finished"

        stub.reset()
        second = subprocess.run(_muses(out, stub), env=env, capture_output=True, text=True, timeout=120)
        assert second.returncode == 0, second.stdout + second.stderr
        assert "resuming from" in second.stdout
        resumed_requests = stub.stats().requests

    [info] = list_eval_logs(str(out / "logs"))  # the partial log was replaced by a complete one
    log = read_eval_log(info.name)
    assert log.status == "success"
    ids = [str(s.id) for s in log.samples or []]
    assert len(ids) == len(set(ids)) == EPISODES
    uuids = {str(s.id): str(s.uuid) for s in log.samples or []}
    assert all(uuids[i] == u for i, u in before.items()), "a finished episode was played again"
    replayed = sum(
        1
        for sample in log.samples or []
        if str(sample.id) not in before
        for event in sample.events
        if isinstance(event, ModelEvent) and event.role is None  # the agent; users are in-process
    )
    assert resumed_requests == replayed  # the resumed run called the model only for unfinished episodes


def test_finished_run_is_reused_and_other_settings_stop_with_a_diff(tmp_path: Path) -> None:
    out = tmp_path / "run"
    args = ["run", "access_control", "--limit", "3", "--out", str(out), "--no-report"]
    assert runner.invoke(app, args).exit_code == 0
    again = runner.invoke(app, args)
    assert again.exit_code == 0 and "already complete" in again.output
    assert len(list_eval_logs(str(out / "logs"))) == 1

    other = runner.invoke(app, ["run", "access_control", "--limit", "4", "--out", str(out), "--no-report"])
    assert other.exit_code == 2
    assert "limit: 3 -> 4" in other.output and "--force" in other.output

    forced = runner.invoke(app, ["run", "access_control", "--limit", "4", "--out", str(out), "--no-report", "--force"])
    assert forced.exit_code == 0, forced.output
    [info] = list_eval_logs(str(out / "logs"))
    assert len(read_eval_log_sample_summaries(info.name)) == 4

    other_model = runner.invoke(app, [*args, "--model", "muses/refuse-all"])
    assert other_model.exit_code == 0, other_model.output  # another agent in the same dir is another run
    assert len(list_eval_logs(str(out / "logs"))) == 2


def test_resume_works_on_an_object_storage_log_dir() -> None:
    """memory:// stands in for s3://: only Inspect's filesystem layer may touch the log dir."""
    log_dir = "memory://muses-resume-test/logs"
    args = ["run", "access_control", "--limit", "4", "--log-dir", log_dir, "--no-report"]
    assert runner.invoke(app, [*args, "--out", "unused"]).exit_code == 0
    [info] = list_eval_logs(log_dir)
    log = read_eval_log(info.name)
    kept = {str(s.id): str(s.uuid) for s in (log.samples or [])[:2]}
    log.status, log.results, log.samples = "started", None, (log.samples or [])[:2]
    write_eval_log(log, info.name)  # what a killed run leaves: two finished episodes, status "started"

    resumed = runner.invoke(app, [*args, "--out", "unused"])
    assert resumed.exit_code == 0 and "resuming from memory://" in resumed.output, resumed.output
    [info] = list_eval_logs(log_dir)
    final = read_eval_log(info.name)
    assert final.status == "success" and len(final.samples or []) == 4
    assert all({str(s.id): str(s.uuid) for s in final.samples or []}[i] == u for i, u in kept.items())


def test_episodes_that_errored_are_retried_by_the_next_run(tmp_path: Path) -> None:
    args = ["run", "access_control", "--limit", "3", "--model", "muses-http/agent", "--max-retries", "0",
            "--out", str(tmp_path), "--no-report"]
    with StubServer(fail_first_n=10**6) as down:
        failed = runner.invoke(app, args, env={**os.environ, "MUSES_HTTP_BASE_URL": down.base_url})
    assert failed.exit_code == 1 and "error: 3 of 3 episodes failed" in failed.output  # issue 15: failures show
    with StubServer(reply=plausible_reply) as up:  # a new process: Inspect keeps model instances per process
        env = _env(up, tmp_path)
        retried = subprocess.run([sys.executable, "-m", "muses.cli", *args], env=env, capture_output=True, text=True)
        assert up.stats().requests > 0
    assert retried.returncode == 0 and "resuming from" in retried.stdout, retried.stdout + retried.stderr
    privacy = next(line for line in retried.stdout.splitlines() if " privacy " in line)
    assert privacy.split()[-2:] == ["3", "0"]  # three episodes, no errors left
    assert len(list_eval_logs(str(tmp_path / "logs"))) == 1
