"""The optional paraphrase judge (role `judge`): reported apart from privacy, garbage counted."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from inspect_ai import eval

from muses.inspect import build_task
from muses.scenarios.access_control import generate


def _means(log: Any) -> dict[str, float]:
    return {s.name: s.metrics["mean"].value for s in log.results.scores}


@pytest.mark.parametrize(
    ("reply", "judge_privacy", "errors"),
    [
        (lambda fields: json.dumps({"leaked_fields": [fields[0]]}), 0.0, 0.0),
        (lambda fields: json.dumps({"leaked_fields": []}), 1.0, 0.0),
        (lambda fields: "I think maybe?", 1.0, None),
    ],
)
def test_judge_verdicts(tmp_path: Path, stub_model: Any, reply: Any, judge_privacy: float, errors: float | None) -> None:
    from muses.testing.stub_server import StubServer

    records = generate("quick", users=(3, 3), attack="indirect")[:1]
    fields = [f.name for f in records[0].resource.fields]
    with StubServer(reply=lambda request: reply(fields)) as stub:
        [log] = eval(
            build_task("access_control", records, rounds=2, judge=True),
            model="muses/refuse-all",
            model_roles={"user": "muses/scripted", "judge": stub_model("openai-api/judge/j", stub.base_url)},
            display="none",
            log_dir=str(tmp_path),
        )
    means = _means(log)
    assert means["privacy"] == 1.0
    assert means["judge_privacy"] == judge_privacy
    if errors is None:
        assert means["judge_errors"] > 0
    else:
        assert means["judge_errors"] == errors
