"""Issue 15 item 1: a progress line by default on a terminal (done/total, errors, elapsed, ETA), quiet
under CI or `--display none`; a resumed run says how many episodes it reused and how many remain."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from muses.cli import app
from muses.episode._counts import COUNTS
from muses.runner._progress import ProgressLine, default_display, progress_text
from muses.testing.replies import plausible_reply
from muses.testing.stub_server import StubServer

runner = CliRunner()


def test_the_line_says_done_total_errors_elapsed_and_eta() -> None:
    text = progress_text({"access_control": 21, "meeting": 24}, {"access_control": 12, "meeting": 3}, {"meeting": 1}, 75)
    assert text == "access_control 12/21  meeting 3/24 | 15/45 episodes, 1 error | 1:15, ETA 2:30"
    assert progress_text({"queue": 4}, {"queue": 4}, {}, 3725) == "queue 4/4 | 4/4 episodes, 0 errors | 1:02:05"


def test_a_line_is_printed_when_the_evaluation_ends() -> None:
    stream = io.StringIO()
    with ProgressLine({"meeting": 2}, stream=stream, label="muses/reference: "):
        COUNTS.finish("meeting")
        COUNTS.finish("meeting", RuntimeError("boom"))
    assert re.fullmatch(r"muses/reference: meeting 2/2 \| 2/2 episodes, 1 error \| 0:0\d\n", stream.getvalue())


def test_progress_is_on_for_terminals_only_and_never_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stderr.isatty", lambda: True)
    monkeypatch.delenv("CI", raising=False)
    assert default_display() == "progress"
    monkeypatch.setenv("CI", "true")
    assert default_display() == "none"
    monkeypatch.delenv("CI")
    monkeypatch.setattr("sys.stderr.isatty", lambda: False)
    assert default_display() == "none"


def test_run_shows_progress_when_asked_and_nothing_with_display_none(tmp_path: Path) -> None:
    args = ["run", "access_control", "--limit", "2", "--no-report"]
    result = runner.invoke(app, [*args, "--display", "progress", "--out", str(tmp_path / "a")])
    assert result.exit_code == 0, result.output
    assert re.search(r"muses/reference: access_control 2/2 \| 2/2 episodes, 0 errors \| 0:\d\d", result.output)
    result = runner.invoke(app, [*args, "--display", "none", "--out", str(tmp_path / "b")])
    assert "episodes, 0 errors" not in result.output


def test_resume_says_how_many_episodes_it_reused_and_how_many_remain(tmp_path: Path) -> None:
    with StubServer(reply=plausible_reply, fail_first_n=1) as stub:
        args = ["run", "access_control", "--limit", "3", "--model", f"muses-http/a{stub.port}", "--max-retries", "0",
                "--max-connections", "1", "--out", str(tmp_path), "--no-report"]
        env = {**os.environ, "MUSES_HTTP_BASE_URL": stub.base_url}
        first = runner.invoke(app, args, env=env)
        assert first.exit_code == 0, first.output
        assert "warning: 1 of 3 episodes failed (run the same command again to retry them); first error:" in first.output
        second = runner.invoke(app, args, env=env)
    assert second.exit_code == 0, second.output
    assert re.search(r"note: access_control: resuming from \S+\.eval: 2 episodes reused, 1 remaining", second.output)
