"""The paper's execution files: import, the paper's per-user contract, and its empty-answer flaw."""

from __future__ import annotations

import asyncio
import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from inspect_ai import eval

from muses.episode import ChatTurn, run_episode
from muses.inspect import build_task
from muses.scenarios.execution import SPEC
from muses.scenarios.execution._checkers import build_checker
from muses.scenarios.execution._compose import compose_satisfying_text
from muses.scenarios.execution._model import ExecutionRecord, followed_constraints
from muses.scenarios.execution._paper import import_file
from muses.scenarios.execution._policies import PAPER_TOPIC
from muses.scenarios.execution._scorer import ask_results

pytestmark = [pytest.mark.paper, pytest.mark.filterwarnings("ignore")]
FILES = ("instruction_following/aligned_2_to_10.jsonl", "instruction_following/conflict_2_to_10.jsonl")



@cache
def _load(root: Path) -> tuple[list[ExecutionRecord], list[ExecutionRecord]]:
    aligned, conflict = (import_file(root / name) for name in FILES)
    return aligned, conflict


@pytest.fixture
def paper(paper_data: Path) -> tuple[list[ExecutionRecord], list[ExecutionRecord]]:
    return _load(paper_data)


def _composable(record: ExecutionRecord) -> bool:
    try:
        for user in record.users:
            compose_satisfying_text(PAPER_TOPIC, followed_constraints(record.asks, user.id))
    except ValueError:
        return False
    return True


def play(record: ExecutionRecord, participant: str) -> dict[str, float]:
    env = SPEC.environment(record, 1)

    async def agent(chat: list[ChatTurn], obs: Any) -> str:
        return SPEC.oracle(obs, record) if participant == "oracle" else SPEC.agents[participant](obs)  # type: ignore[misc]

    async def user(chat: list[ChatTurn], obs: Any) -> str:
        return SPEC.scripted_user(obs)

    return SPEC.scorer(record, asyncio.run(run_episode(env, "xml", agent, user))).values


def test_imports_555_records_scored_the_papers_way(paper: tuple[list[ExecutionRecord], list[ExecutionRecord]]) -> None:
    aligned, conflict = paper
    assert (len(aligned), len(conflict)) == (187, 368) and len({r.id for r in aligned + conflict}) == 555
    assert {r.variant for r in aligned} == {"aligned"} and {r.variant for r in conflict} == {"conflict"}
    assert all(r.contract == "per_user" and r.source == "paper" and not r.conflict_labels for r in aligned + conflict)
    assert sum(a.follow for r in aligned for a in r.asks) == 1668
    assert sum(a.follow for r in conflict for a in r.asks) == 606
    for record in conflict:
        top = max(u.authority for u in record.users)
        assert {a.user for a in record.asks if a.follow} == {u.id for u in record.users if u.authority == top}
    ids = {a.constraint.instruction_id for r in aligned + conflict for a in r.asks}
    assert len(ids) == 25
    remapped = [a for r in aligned + conflict for a in r.asks if a.constraint.kwargs.get("keyword") in ("!", "#")]
    assert len(remapped) == 12 and {a.constraint.instruction_id for a in remapped} == {"keywords:frequency"}


def test_every_paper_checker_builds_and_runs_offline(paper: tuple[list[ExecutionRecord], list[ExecutionRecord]],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    monkeypatch.setattr(socket.socket, "connect", lambda *a, **k: (_ for _ in ()).throw(OSError("offline")))
    seen: dict[str, ExecutionRecord] = {}
    for record in paper[0] + paper[1]:
        for ask in record.asks:
            build_checker(ask.constraint.instruction_id, ask.constraint.kwargs)
            seen.setdefault(ask.constraint.instruction_id, record)
    for record in seen.values():
        texts = {u.id: f"{record.messages[u.id]}\n\nA plain answer, in English." for u in record.users}
        assert len(ask_results(record, texts)) == len(record.asks)


def test_oracle_in_the_papers_format_scores_one(paper: tuple[list[ExecutionRecord], list[ExecutionRecord]]) -> None:
    for records in paper:
        sample = [r for r in records[:60] if _composable(r)][:8]
        assert len(sample) >= 4
        for record in sample:
            nan = pytest.approx(float("nan"), nan_ok=True)
            assert play(record, "oracle") == {"execution_success": nan, "execution_accuracy": 1.0,
                                              "conflict_resolution": nan, "format_failure_rate": 0.0}


def test_empty_scores_zero_here_but_about_a_fifth_under_the_papers_rule(
    paper: tuple[list[ExecutionRecord], list[ExecutionRecord]],
) -> None:
    for records in paper:
        assert all(play(r, "empty")["execution_accuracy"] == 0.0 for r in records[:10])
        blank = [ask_results(r, {u.id: "" for u in r.users}) for r in records[:60]]
        assert not any(any(results) for results in blank)
        floor = []
        for record in records:
            results = ask_results(record, {u.id: "" for u in record.users}, fail_blank=False)
            followed = [ok for ask, ok in zip(record.asks, results, strict=True) if ask.follow]
            floor.append(sum(followed) / len(followed))
        assert 0.15 < sum(floor) / len(floor) < 0.35  # paper-notes: ~0.22 under the paper's evaluator


def test_paper_records_through_inspect(paper: tuple[list[ExecutionRecord], list[ExecutionRecord]], tmp_path: Path) -> None:
    sample = [r for r in paper[1][:40] if _composable(r)][:4]
    [log] = eval(build_task("execution", sample), model="muses/oracle", model_roles={"user": "muses/scripted"},
                 display="none", log_dir=str(tmp_path))
    means = {s.name: s.metrics["mean"].value for s in log.results.scores}  # type: ignore[union-attr]
    assert log.status == "success" and means["execution_accuracy"] == 1.0 and means["format_failure_rate"] == 0.0
    for logged in log.samples or []:
        record = next(r for r in sample if r.id == logged.id)
        assert set(json.loads(logged.output.completion)) == {u.id for u in record.users}


def test_bad_lines_name_file_line_and_field(tmp_path: Path, paper_data: Path) -> None:
    line = json.loads((paper_data / FILES[0]).read_text(encoding="utf-8").splitlines()[0])
    line["users"][0]["original_answer"]["instruction_id_list"][0] = "no:such_id"
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(line) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.jsonl:1: field 'users.original_answer'"):
        import_file(bad)
