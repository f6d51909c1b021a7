"""The run stamp covers everything that changes episodes; a mismatch is refused with the differences."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from muses.cli import app
from muses.runner._stamp import settings_diff
from muses.testing.replies import plausible_reply
from muses.testing.stub_server import StubServer

runner = CliRunner()


def _run(out: Path, stub: StubServer, *extra: str) -> tuple[int, str]:
    """One in-process run; the URL goes in -M so Inspect's model cache never reuses a stopped stub."""
    args = ["run", "access_control", "--limit", "2", "--model", "muses-http/agent", "-M", f"base_url={stub.base_url}",
            "--out", str(out), "--no-report", "--max-retries", "1", "--timeout", "20", *extra]
    result = runner.invoke(app, args)
    return result.exit_code, result.output


def test_same_model_name_other_weights_behind_it_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "run"
    with StubServer(reply=plausible_reply, models=["agent"], model_info={"meta": {"n_params": 134_515_008}}) as stub:
        assert _run(out, stub)[0] == 0
        code, text = _run(out, stub)
        assert code == 0 and "already complete" in text  # the same server: reused
    with StubServer(reply=plausible_reply, models=["agent"], model_info={"meta": {"n_params": 268_098_176}}) as other:
        code, text = _run(out, other)
    assert code == 2
    assert "endpoints.agent.server:" in text and "134515008" in text and "268098176" in text and "--force" in text


def test_same_weights_on_another_port_resume_and_settings_that_change_episodes_do_not(tmp_path: Path) -> None:
    out = tmp_path / "run"
    with StubServer(reply=plausible_reply, models=["agent"]) as stub:
        assert _run(out, stub)[0] == 0
    with StubServer(reply=plausible_reply, models=["agent"]) as moved:
        code, text = _run(out, moved)
        assert code == 0 and "already complete" in text
        code, text = _run(out, moved, "-E", "temperature=0.7")
        assert code == 2 and "generation.temperature: None -> 0.7" in text
        code, text = _run(out, moved, "-M", "request_timeout=30")
        assert code == 2 and "model_args.request_timeout: None -> 30" in text
        code, text = _run(out, moved, "-E", "max_connections=4")  # speed only: still the same run
        assert code == 0 and "already complete" in text


def test_an_unreadable_fingerprint_falls_back_to_the_base_url() -> None:
    old = {"endpoints": {"agent": {"base_url": "http://a/v1", "server": None}}}
    same = {"endpoints": {"agent": {"base_url": "http://a/v1", "server": {"id": "m"}}}}
    moved = {"endpoints": {"agent": {"base_url": "http://b/v1", "server": None}}}
    assert settings_diff(old, same) == []
    assert settings_diff(old, moved) == ["  endpoints.agent.base_url: 'http://a/v1' -> 'http://b/v1'"]
