"""A real language model plays every scenario: agent and simulated users through Inspect's ``hf/``.

SmolLM2-135M-Instruct (the ``real_model`` fixture) runs on CPU as the agent under test and, in the
`user` model role, as every LLM user: one short episode per registered scenario (two users, two
rounds, short replies), then ``muses report``. A model this small breaks the output contract on
almost every turn, which is the point: its garbage must be recorded turn by turn, scored as format
failures and rendered, never crash a run or vanish.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from inspect_ai.log import EvalLog, EvalSample, read_eval_log

from muses.logschema import EpisodeStore
from muses.scenarios import get_scenario, scenario_names
from muses.testing.real_model import RealModel

AGENT_TOKENS = 48
USER_TOKENS = 24
pytestmark = [pytest.mark.slow, pytest.mark.timeout(1500)]


def _env() -> dict[str, str]:
    """One torch thread: on a shared 2-core box two threads contend and decode ~6x slower (measured)."""
    return {**os.environ, "OMP_NUM_THREADS": "1", "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
            "TOKENIZERS_PARALLELISM": "false", "INSPECT_DISPLAY": "none"}


def play_every_scenario(model_dir: Path, log_dir: Path) -> None:
    """`inspect eval` of every registered task with ``hf/`` as agent and as the `user` role.

    The user role is given as a model-role mapping so it gets its own max_tokens: the `user` role
    does not inherit the agent's generation settings, and unbounded, this model repeats itself to
    Inspect's 2,048-token default (694 s for one user turn on this machine).
    """
    model = f"hf/{model_dir}"
    command = [
        sys.executable, "-m", "inspect_ai", "eval", *[f"muses/{name}" for name in scenario_names()],
        "--model", model, "--model-role", f"user={{model: {model}, max_tokens: {USER_TOKENS}}}",
        "--max-tokens", str(AGENT_TOKENS), "-T", "users=2", "-T", "rounds=2", "-T", "split=quick",
        "--limit", "1", "--log-dir", str(log_dir), "--display", "none",
    ]
    done = subprocess.run(command, env=_env(), capture_output=True, text=True, timeout=1400)
    assert done.returncode == 0, done.stderr[-4000:]


@pytest.fixture(scope="module")
def played(real_model: RealModel, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Logs by scenario and the rendered report of one run over every scenario."""
    root = tmp_path_factory.mktemp("real-model")
    play_every_scenario(real_model.hf_dir, root / "logs")
    logs = {log.eval.task.split("/")[-1]: log for log in map(read_eval_log, map(str, sorted((root / "logs").glob("*.eval"))))}
    report = subprocess.run(
        [sys.executable, "-m", "muses.cli", "report", str(root / "logs"), "--out", str(root / "report")],
        env=_env(), capture_output=True, text=True, timeout=600,
    )
    return {"logs": logs, "report": report, "report_dir": root / "report", "model": real_model}


def _sample(log: EvalLog) -> EvalSample:
    assert log.samples and len(log.samples) == 1
    return log.samples[0]


def _calls(sample: EvalSample, role: str | None) -> list[str]:
    """Completions of the model calls made in ``role`` (None: the agent under test), in call order."""
    return [e.output.completion for e in sample.events if e.event == "model" and e.role == role]


def _events(sample: EvalSample, kind: str) -> list[dict[str, Any]]:
    transcript = EpisodeStore.read(sample.store, "transcript")
    return [e for e in transcript["events"] if e["event"] == kind]


def test_every_scenario_runs_to_a_score_without_errors(played: dict[str, Any]) -> None:
    logs: dict[str, EvalLog] = played["logs"]
    assert sorted(logs) == sorted(scenario_names())
    for name, log in logs.items():
        assert log.status == "success", (name, log.error)
        sample = _sample(log)
        assert sample.error is None, (name, sample.error)
        assert list(log.stats.model_usage) == [f"hf/{played['model'].hf_dir}"]
        values = next(iter(sample.scores.values())).value  # type: ignore[union-attr]
        assert set(get_scenario(name).metrics) <= set(values), name


def test_every_model_turn_is_recorded_in_the_transcript(played: dict[str, Any]) -> None:
    user_calls = 0
    for name, log in played["logs"].items():
        sample = _sample(log)
        agent = _calls(sample, None)
        turns = _events(sample, "agent_turn")
        assert agent and [t["raw"] for t in turns] == agent, name
        assert all(len(t["raw"]) > 0 for t in turns), name
        users = [c.strip() for c in _calls(sample, "user")]
        said = [m["content"].strip() for m in _events(sample, "user_message")]
        # a user reply reaches the chat verbatim unless its turn is recorded as an issue (cut at the
        # token limit, out of role, too long); scripted lines may add to what was said
        issues = [i for i in EpisodeStore.read(sample.store, "turn_issues", []) if i["role"].startswith("user:")]
        undelivered = Counter(c for c in users if c) - Counter(said)
        assert sum(undelivered.values()) <= len(issues), (name, undelivered, issues)
        user_calls += len(users)
    assert user_calls >= 2 * len(played["logs"]), "the LLM users spoke too little to exercise the user role"


def test_format_failures_are_counted_per_turn_and_scored(played: dict[str, Any]) -> None:
    failures = 0
    for name, log in played["logs"].items():
        sample = _sample(log)
        turns = _events(sample, "agent_turn")
        failed = [t for t in turns if not t["format_ok"]]
        assert all(t["errors"] for t in failed), name
        values = next(iter(sample.scores.values())).value  # type: ignore[union-attr]
        assert values["format_failure_rate"] == pytest.approx(len(failed) / len(turns)), name
        failures += len(failed)
        # prose that addresses nobody is broadcast: delivered to everyone and scored, not dropped
        delivered = _events(sample, "agent_message")
        for turn in failed:
            if any("broadcast" in error for error in turn["errors"]):
                assert any(m["round"] == turn["round"] and m.get("broadcast") for m in delivered), name
    assert failures > 0, "the 135M model followed the output format everywhere: the fixture's point is moot"


def test_the_report_renders_every_scenario_and_episode(played: dict[str, Any]) -> None:
    report = played["report"]
    assert report.returncode == 0, report.stderr[-4000:]
    html = (played["report_dir"] / "index.html").read_text(encoding="utf-8")
    assert played["model"].hf_dir.name in html
    for name in played["logs"]:
        assert name in html
    pages = list((played["report_dir"] / "episodes").glob("*.html"))
    assert len(pages) == len(played["logs"])
