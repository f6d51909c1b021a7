"""The paper's selection file: import it, and reproduce its published baseline numbers."""

from __future__ import annotations

import asyncio
import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from muses.episode import ChatTurn, run_episode
from muses.scenarios._paper import import_paper_file
from muses.scenarios.selection import PAPER_FILE, SPEC
from muses.scenarios.selection._model import SelectionRecord
from muses.scenarios.selection._paper import import_file

pytestmark = pytest.mark.paper
COLLIDING = {"paper-sq_Peggy_Eve_Sybil_484c2bcd", "paper-sq_Uma_Alice_Oscar_06053a1b"}


@cache
def _load(path: Path) -> list[SelectionRecord]:
    return import_file(path)


@pytest.fixture
def records(paper_data: Path) -> list[SelectionRecord]:
    return _load(paper_data / PAPER_FILE)


def mean_metric(records: list[SelectionRecord], participant: str, metric: str) -> float:
    async def play_all() -> list[float]:
        values = []
        for record in records:
            env = SPEC.environment(record, 1)

            async def agent(chat: list[ChatTurn], obs: Any, record: SelectionRecord = record) -> str:
                return SPEC.oracle(obs, record) if participant == "oracle" else SPEC.agents[participant](obs)  # type: ignore[misc]

            async def user(chat: list[ChatTurn], obs: Any) -> str:
                return SPEC.scripted_user(obs)

            transcript = await run_episode(env, "xml", agent, user)
            values.append(SPEC.scorer(record, transcript).values[metric])
        return values

    values = asyncio.run(play_all())
    return sum(values) / len(values)


def test_imports_all_304_records_and_keeps_colliding_refs(records: list[SelectionRecord], paper_data: Path) -> None:
    assert len(records) == 304 and len({r.id for r in records}) == 304
    assert {len(r.users) for r in records} == set(range(2, 21))
    colliding = {r.id for r in records if len({i.ref for i in r.instructions}) < len(r.instructions)}
    assert colliding == COLLIDING
    assert sum(len(r.instructions) for r in records) == 3113
    assert all(r.source == "paper" and r.split == "paper" and r.template == "xml" for r in records)
    assert [r.id for r in import_paper_file(paper_data / PAPER_FILE)] == [r.id for r in records]


@pytest.mark.parametrize(("participant", "expected"), [("accept-all", 0.806), ("keyword", 0.999)])
def test_baselines_reproduce_the_published_f1(records: list[SelectionRecord], participant: str, expected: float) -> None:
    assert mean_metric(records, participant, "selection_f1") == pytest.approx(expected, abs=0.001)


def test_oracle_is_perfect_except_on_colliding_refs(records: list[SelectionRecord]) -> None:
    clean = [r for r in records if r.id not in COLLIDING]
    assert mean_metric(clean, "oracle", "macro_f1") == 1.0
    assert mean_metric([r for r in records if r.id in COLLIDING], "oracle", "macro_f1") < 1.0
    assert mean_metric(clean[:40], "keyword", "macro_f1") > 0.99  # the paper's data is solved by three words


def test_bad_lines_name_file_line_and_field(tmp_path: Path, paper_data: Path) -> None:
    line = json.loads((paper_data / PAPER_FILE).read_text(encoding="utf-8").splitlines()[0])
    line["expected_output"]["accepted_instructions"].append("Nobody_task_1111")
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n" + json.dumps(line) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.jsonl:2: field 'expected_output'"):
        import_file(bad)
    del line["users"]
    bad.write_text(json.dumps(line) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.jsonl:1: missing or malformed field"):
        import_file(bad)
