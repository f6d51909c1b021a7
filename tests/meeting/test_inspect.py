"""Meetings through Inspect: built-in participants, task parameters, 30 users and the paper's data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from inspect_ai import eval
from inspect_ai.log import read_eval_log

from muses.inspect.tasks import meeting
from muses.scenarios._io import write_records
from muses.scenarios._paper import import_paper_file
from muses.scenarios.meeting import generate


def _means(log: Any) -> dict[str, float]:
    return {s.name: s.metrics["mean"].value for s in log.results.scores}


def test_builtin_agents_through_inspect(tmp_path: Path) -> None:
    logs = eval(
        meeting(split="quick", limit=12),
        model=["muses/reference", "muses/oracle", "muses/random-finalize", "muses/propose-openings"],
        model_roles={"user": "muses/scripted"},
        display="none",
        log_dir=str(tmp_path),
    )
    by_model = {log.eval.model: _means(log) for log in logs}
    for agent in ("muses/reference", "muses/oracle"):
        assert by_model[agent]["success"] == by_model[agent]["paper_success"] == by_model[agent]["success_if_partial"] == 1.0
    assert by_model["muses/random-finalize"]["success"] == 0.0
    skip = by_model["muses/propose-openings"]
    assert skip["success_if_partial"] == 0.0 and skip["success"] == 0.5, "NaN on full episodes is left out of the mean"
    assert skip["turns_if_success"] == 2.0 and by_model["muses/oracle"]["regret"] == 0.0
    sample = read_eval_log(logs[0].location).samples[0]  # type: ignore[index]
    assert {"disclosure", "difficulty", "users"} <= set(sample.metadata["groups"]) and sample.metadata["base_id"]
    score = next(iter(sample.scores.values()))  # type: ignore[union-attr]
    assert score.metadata["final_slot"] and "acceptance" in score.metadata


def test_thirty_users_through_inspect(tmp_path: Path) -> None:
    [log] = eval(
        meeting(users="30", difficulty="persuade", disclosure="partial", per_size=1),
        model="muses/reference",
        model_roles={"user": "muses/scripted"},
        display="none",
        log_dir=str(tmp_path),
    )
    assert log.status == "success" and _means(log)["success"] == 1.0


def test_task_filters_and_data_files(tmp_path: Path) -> None:
    task = meeting(split="quick", disclosure="full", difficulty="passive")
    assert {(s.metadata["groups"]["disclosure"], s.metadata["groups"]["difficulty"]) for s in task.dataset} == {("full", "passive")}
    data = tmp_path / "m.jsonl"
    write_records(data, generate("dev"))
    task = meeting(data=str(data), disclosure="partial", difficulty="backup,persuade")
    assert len(task.dataset) == 18
    assert {s.metadata["groups"]["disclosure"] for s in task.dataset} == {"partial"}


@pytest.mark.paper
def test_paper_records_through_inspect(paper_data: Path, tmp_path: Path) -> None:
    records = import_paper_file(paper_data / "meeting_scheduling" / "disclosure_partial_2_to_10_each_4.jsonl")
    data = tmp_path / "paper.jsonl"
    write_records(data, records[::12])
    [log] = eval(
        meeting(data=str(data)), model="muses/reference", model_roles={"user": "muses/scripted"}, display="none", log_dir=str(tmp_path)
    )
    assert _means(log)["success"] == _means(log)["paper_success"] == 1.0
    assert read_eval_log(log.location).samples[0].metadata["template"] == "bracket"  # type: ignore[index]


def _stub_reply(request: dict[str, Any]) -> str:
    """An LLM-like agent that proposes Tue 14:30 then finalizes it; LLM users that accept anything."""
    messages = request["messages"]
    system = next((m["content"] for m in messages if m["role"] == "system"), "")
    if "coordinating one meeting" in system:
        if any(m["role"] == "assistant" for m in messages):
            return 'Done! {"goal_achieved": true, "final_schedule": "tue 2.30pm", "attendees": []}'
        return '{"target": "all", "content": "Does Tuesday at 2:30 PM work for everyone?", "decision": "propose"}'
    return "I accept Tue 14:30."


def test_llm_agent_and_llm_users_over_an_openai_compatible_endpoint(tmp_path: Path, stub_model: Any) -> None:
    from muses.inspect import build_task
    from muses.testing.stub_server import StubServer

    records = generate("quick", users=(3, 3), per_size=1, difficulty="passive")
    with StubServer(reply=_stub_reply, record_requests=True) as stub:
        [log] = eval(
            build_task("meeting", records),
            model=stub_model("openai-api/local/agent-x", stub.base_url),
            model_roles={"user": stub_model("openai-api/local/user-x", stub.base_url)},
            display="none",
            log_dir=str(tmp_path),
        )
        bodies = list(stub.recorded)
    assert log.status == "success", log.error
    assert len(bodies) == len(records) * (3 + 1 + 3 + 1)  # round 0: 3 users + agent; round 1: 3 users + agent
    means = _means(log)
    assert means["agreement"] == 1.0 and means["turns"] == 2.0 and means["format_failure_rate"] == 0.0
    expected = sum(all(c.can_attend("Tue 14:30") for c in r.constraints if c.required) for r in records) / len(records)
    assert means["success"] == means["paper_success"] == expected
    user_prompts = [json.dumps(b) for b in bodies if b["model"] == "user-x"]
    assert all("Your calendar this week" in p and "authorized" not in p.lower() for p in user_prompts)
    agent_prompts = [json.dumps(b) for b in bodies if b["model"] == "agent-x"]
    assert all("REQUIRED participants" in p for p in agent_prompts)
