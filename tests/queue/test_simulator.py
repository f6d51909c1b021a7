"""The queue's rules: capacity, deadlines, rejected assignments, and who is told what."""

from __future__ import annotations

import json
from typing import Any

import pytest

from muses.protocol import AGENT_ID, EnvironmentMessage
from muses.scenarios._base import AgentObservation
from muses.scenarios.queue import SPEC, Claim
from muses.scenarios.queue._simulator import QueueSim


def _assign(*pairs: tuple[str, int]) -> str:
    return json.dumps({"assign": [{"job": j, "worker": w} for j, w in pairs]})


def _scripted(plan: dict[int, str]) -> Any:
    """An agent that outputs ``plan[step]`` (and an empty assignment otherwise)."""

    def agent(obs: AgentObservation) -> str:
        return plan.get(obs.context["state"]["step"], '{"assign": []}')

    return agent


def test_one_job_per_worker_and_non_preemptive(record_factory: Any) -> None:
    record = record_factory([("Alice", 0, 3, 5, 5), ("Bob", 0, 1, 5, 5)], workers=1)
    sim = QueueSim(record)
    result = sim.assign(0, [{"job": "J1", "worker": 1}, {"job": "J2", "worker": 1}])
    assert [s.job for s in result.accepted] == ["J1"]
    assert result.rejected == ["J2 -> worker 1: worker is already assigned this step"]
    for step in (1, 2):
        busy = sim.assign(step, [{"job": "J2", "worker": 1}])
        assert not busy.accepted and "busy with J1 until the end of step 2" in busy.rejected[0]
    assert sim.status("J1", 2) == "running" and sim.status("J1", 3) == "done"
    assert sim.assign(3, [{"job": "J2", "worker": 1}]).accepted[0].finish == 3


def test_waiting_jobs_expire_after_their_latest_start(record_factory: Any) -> None:
    record = record_factory([("Alice", 1, 2, 5, 4)], steps=6)
    sim = QueueSim(record)
    assert [sim.status("J1", t) for t in range(5)] == ["future", "waiting", "waiting", "waiting", "expired"]
    assert [j.id for j in sim.expiring_at(3)] == ["J1"]
    assert "expired" in sim.assign(4, [{"job": "J1", "worker": 1}]).rejected[0]
    started = sim.assign(3, [{"job": "J1", "worker": 1}]).accepted[0]
    assert started.finish == record.job("J1").deadline


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        ([{"job": "J9", "worker": 1}], "unknown job"),
        ([{"job": "J2", "worker": 1}], "has not arrived yet"),
        ([{"job": "J1", "worker": 3}], "no such worker"),
        ([{"job": "J1", "worker": "first"}], "no such worker"),
        ([{"job": None, "worker": 1}], "unknown job"),
        (["J1"], "must be an object"),
        ("J1 on worker 1", "'assign' must be a list"),
        ({"J1": 1}, "'assign' must be a list"),
    ],
)
def test_invalid_assignments_are_rejected_not_raised(record_factory: Any, payload: Any, reason: str) -> None:
    record = record_factory([("Alice", 0, 1, 5, 3), ("Bob", 2, 1, 5, 4)], workers=2)
    result = QueueSim(record).assign(0, payload)
    assert not result.accepted
    assert len(result.rejected) == 1 and reason in result.rejected[0]


def test_lenient_ids_and_worker_numbers(record_factory: Any) -> None:
    record = record_factory([("Alice", 0, 1, 5, 3), ("Bob", 0, 1, 5, 3)], workers=2)
    result = QueueSim(record).assign(0, [{"job": " j1 ", "worker": "1"}, {"job": "J2", "worker": "worker 2"}])
    assert [(s.job, s.worker) for s in result.accepted] == [("J1", 1), ("J2", 2)]


def test_done_job_cannot_run_again_and_rejections_are_counted(record_factory: Any, player: Any) -> None:
    record = record_factory([("Alice", 0, 1, 4, 4), ("Bob", 1, 2, 6, 5)], workers=1, steps=6)
    plan = {0: _assign(("J1", 1)), 1: _assign(("J1", 1), ("J2", 1)), 2: _assign(("J7", 1))}
    env, transcript = player(record, _scripted(plan))
    score = SPEC.scorer(record, transcript)
    assert score.values["invalid_actions"] == 2.0
    assert score.values["welfare"] == 1.0
    assert any("already done" in r for r in score.details["rejections"])
    notices = [e for e in transcript.events if isinstance(e, EnvironmentMessage) and "Rejected" in e.content]
    assert [n.recipients for n in notices] == [(AGENT_ID,), (AGENT_ID,)]
    assert "J1 -> worker 1: job is already done" in notices[0].content and notices[0].round == 2


def test_decisions_do_not_end_the_episode_and_settled_queues_do(record_factory: Any, player: Any) -> None:
    record = record_factory([("Alice", 0, 1, 4, 1), ("Bob", 2, 1, 6, 3)], steps=8)
    env, transcript = player(record, "reference")
    assert [t.round for t in transcript.agent_turns()] == [0, 1, 2]
    assert env.finished


def test_steps_are_capped_by_rounds_and_unfinished_work_does_not_count(
    record_factory: Any, player: Any
) -> None:
    record = record_factory([("Alice", 0, 3, 4, 5)], steps=6)
    env, transcript = player(record, "reference", rounds=2)
    score = SPEC.scorer(record, transcript)
    assert len(transcript.agent_turns()) == 2
    assert score.values["welfare"] == 0.0 and score.details["steps_played"] == 2


def test_users_are_told_only_about_their_own_jobs(record_factory: Any, player: Any) -> None:
    record = record_factory(
        [("Alice", 0, 2, 5, 3), ("Bob", 0, 2, 5, 3), ("Carol", 1, 1, 3, 1), ("Alice", 2, 1, 2, 5)],
        users=("Alice", "Bob", "Carol"),
        workers=1,
        inflaters=("Bob",),
        focal="Bob",
    )
    _, transcript = player(record, "fcfs")
    for user in record.users:
        own = {j.id for j in record.jobs_of(user.id)}
        notices = [e for e in transcript.view_as(user.id) if isinstance(e, EnvironmentMessage)]
        assert notices, user.id
        for notice in notices:
            mentioned = {w.strip(".,:;") for w in notice.content.split() if w.strip(".,:;").startswith("J")}
            assert mentioned and mentioned <= own, (user.id, notice.content)
            assert notice.recipients == (user.id,)

    def kinds(user: str) -> list[str]:
        return [e.content.split()[3] for e in transcript.view_as(user) if isinstance(e, EnvironmentMessage)]

    assert kinds("Bob") == ["registered", "started", "finished"]
    assert kinds("Carol") == ["registered", "expired:"]


def test_status_shows_the_queue_to_the_agent(record_factory: Any, player: Any) -> None:
    record = record_factory([("Alice", 0, 2, 5, 3), ("Bob", 0, 1, 5, 3), ("Bob", 2, 1, 4, 5)], workers=2)
    env, transcript = player(record, "reference")
    first = next(
        e for e in transcript.events if isinstance(e, EnvironmentMessage) and AGENT_ID in e.recipients
    )
    assert "worker 1 free; worker 2 free" in first.content
    assert "- J1: owner Alice, size 2 steps, value 5, deadline step 3 (start by step 2)" in first.content
    assert "Registered jobs whose input is not ready yet:\n- J3: owner Bob, ready at step 2" in first.content
    assert "2 identical inference workers (numbered 1 to 2)" in env.system_prompt("xml")


def test_the_truth_never_reaches_the_agent_from_the_system(record_factory: Any, player: Any) -> None:
    """Real deadlines and values exist only in what owners say; statuses and the prompt show registered facts."""
    claim = Claim(due=2, worth=40, true=True, backing="none")
    record = record_factory(
        [("Alice", 0, 1, 5, 4), ("Bob", 0, 1, 5, 4)], truths={"J1": (2, 40)}, claims={"J1": claim}
    )
    env, transcript = player(record, "blind")
    system = [
        e.content for e in transcript.events if isinstance(e, EnvironmentMessage) and AGENT_ID in e.recipients
    ]
    assert system and not any(
        "40" in text or "by step 2" in text for text in [*system, env.system_prompt("xml")]
    )
    assert "40" not in str(env.agent_context())
    said = [m.content for m in transcript.user_messages() if m.sender == "Alice"]
    assert "must finish by step 2" in said[0] and "worth 40" in said[0]
