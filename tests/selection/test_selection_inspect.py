"""Selection through Inspect with built-in participants, and `muses check`'s paper-data switch."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from inspect_ai import eval

from muses.inspect.tasks import selection
from muses.runner import RunConfig
from muses.runner._check import PAPER_DATA_ENV, check, paper_data_dir


def _means(log: Any) -> dict[str, float]:
    return {s.name: s.metrics["mean"].value for s in log.results.scores}


def test_oracle_and_baselines_through_inspect(tmp_path: Path) -> None:
    logs = eval(selection(split="quick"), model=["muses/oracle", "muses/accept-all", "muses/keyword", "muses/empty"],
                model_roles={"user": "muses/scripted"}, display="none", log_dir=str(tmp_path))
    means = {log.eval.model: _means(log) for log in logs}
    assert all(log.status == "success" for log in logs)
    assert means["muses/oracle"] == {"macro_f1": 1.0, "selection_f1": 1.0, "reason_accuracy": 1.0,
                                     "format_failure_rate": 0.0}
    assert means["muses/accept-all"]["macro_f1"] <= 0.6 and means["muses/keyword"]["macro_f1"] <= 0.6
    assert means["muses/empty"]["macro_f1"] == 0.0 and means["muses/empty"]["format_failure_rate"] == 1.0
    sample = logs[0].samples[0]  # type: ignore[index]
    assert {"users", "source", "template"} <= set(sample.metadata)


def test_paper_checks_are_skipped_with_a_note_without_the_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(PAPER_DATA_ENV, str(tmp_path / "absent"))
    assert paper_data_dir() is None
    results = check(RunConfig(scenarios=["selection"], log_dir=tmp_path, split="quick"))
    assert results and all(r.ok and not r.data for r in results)
    assert "paper data not found" in capsys.readouterr().out
