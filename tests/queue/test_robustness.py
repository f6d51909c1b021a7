"""Model garbage is a counted failure, never a crash; the Inspect task runs end to end."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from inspect_ai import eval

from muses.protocol import AgentMessage
from muses.report import load_logs, run_metric_rows
from muses.runner._check import paper_data_dir
from muses.scenarios._base import AgentObservation
from muses.scenarios._paper import import_paper_file
from muses.scenarios.queue import SPEC

GARBAGE = [
    "",
    "I will schedule J1 on worker 1 now.",
    '{"assign": "J1 -> 1"}',
    '{"assign": [{"job": "J1"}]}',
    '{"assign": [{"job": "J1", "worker": 1}',
    '{"assign": [17, null, {"job": {"id": "J1"}, "worker": [1]}]}',
    '```json\n{"assign": [{"job": "J99", "worker": -3}]}\n```',
    "{" * 500,
    "\x00\x01 ünïcødé @Nobody: hi",
]


@pytest.mark.parametrize("garbage", GARBAGE)
def test_garbage_output_is_scored_not_raised(garbage: str, record_factory: Any, player: Any) -> None:
    record = record_factory([("Alice", 0, 1, 5, 3), ("Bob", 1, 2, 4, 5)], workers=1, steps=6)

    def agent(obs: AgentObservation) -> str:
        return garbage

    _, transcript = player(record, agent)
    values = SPEC.scorer(record, transcript).values
    assert values["welfare"] == 0.0
    assert values["format_failure_rate"] == 1.0 or values["invalid_actions"] > 0


def test_unparseable_turns_are_broadcast_and_counted(record_factory: Any, player: Any) -> None:
    record = record_factory([("Alice", 0, 1, 5, 2)], workers=1, steps=3)
    _, transcript = player(record, lambda obs: "let me think about the queue")
    assert all(not t.format_ok for t in transcript.agent_turns())
    assert any(isinstance(e, AgentMessage) and e.broadcast for e in transcript.events)
    assert SPEC.scorer(record, transcript).values["format_failure_rate"] == 1.0


def test_inspect_eval_with_the_reference(tmp_path: Path) -> None:
    from muses.inspect.tasks import queue

    task = queue(split="quick", limit=8)
    logs = eval(
        task,
        model="muses/reference",
        model_roles={"user": "muses/scripted"},
        display="none",
        log_dir=str(tmp_path),
    )
    log = logs[0]
    assert log.status == "success" and log.samples is not None and len(log.samples) == 8
    assert all(s.error is None for s in log.samples)
    metrics = {score.name: score.metrics["mean"].value for score in log.results.scores} if log.results else {}
    assert metrics["invalid_actions"] == 0.0 and metrics["format_failure_rate"] == 0.0
    assert 0.9 < metrics["welfare"] <= 1.0 and 0.8 < metrics["incentive"] <= 1.0
    # The run-level paired gain, from the logged episodes (base_id, the variant, focal_service).
    [gain] = run_metric_rows(load_logs([log.location]).episodes)
    assert gain.key == "queue_inflation_gain" and gain.n == 4 and gain.value == 0.0
    groups = [s.metadata["groups"] for s in log.samples]
    assert {g["load"] for g in groups} and all("inflated" in g for g in groups)


def test_the_papers_shared_queue_file_stays_with_selection() -> None:
    """The paper's "shared_queue" file is the selection set (Selection F1); the queue must not claim it."""
    assert SPEC.import_paper is None and SPEC.detect_paper is None
    root = paper_data_dir()
    path = root / "shared_queue" / "queue_testset_2_20.jsonl" if root else None
    if path is None or not path.is_file():
        pytest.skip("paper data not available")
    records = import_paper_file(path)
    assert len(records) == 304 and {r.scenario for r in records} == {"selection"}
