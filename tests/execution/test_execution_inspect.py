"""Execution through Inspect with built-in participants."""

from __future__ import annotations

import math
from pathlib import Path

from inspect_ai import eval
from inspect_ai.log import read_eval_log

from muses.inspect.tasks import execution


def test_oracle_and_empty_through_inspect(tmp_path: Path) -> None:
    logs = eval(execution(split="quick"), model=["muses/oracle", "muses/empty"],
                model_roles={"user": "muses/scripted"}, display="none", log_dir=str(tmp_path))
    means = {log.eval.model: {s.name: s.metrics["mean"].value for s in log.results.scores} for log in logs}  # type: ignore[union-attr]
    assert means["muses/oracle"] == {"execution_success": 1.0, "execution_accuracy": 1.0, "conflict_resolution": 1.0,
                                     "format_failure_rate": 0.0}
    assert means["muses/empty"] == {"execution_success": 0.0, "execution_accuracy": 0.0, "conflict_resolution": 0.0,
                                    "format_failure_rate": 1.0}
    samples = read_eval_log(logs[0].location).samples or []
    variants = {s.metadata["groups"]["variant"] for s in samples}
    assert variants == {"aligned", "conflict"} and all("users" in s.metadata for s in samples)
    aligned = next(s for s in samples if s.metadata["groups"]["variant"] == "aligned")
    value = next(iter(aligned.scores.values())).value  # type: ignore[union-attr]
    assert isinstance(value, dict) and math.isnan(value["conflict_resolution"]) and math.isnan(value["execution_success"])


def test_variant_filter(tmp_path: Path) -> None:
    task = execution(split="quick", variant="conflict", users="3")
    assert {s.metadata["groups"]["variant"] for s in task.dataset} == {"conflict"}  # type: ignore[union-attr]
    assert {s.metadata["users"] for s in task.dataset} == {3}  # type: ignore[union-attr]
