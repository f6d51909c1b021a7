"""The paper's 216 meeting records: import faithfully, build environments, and solve with the reference."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

from muses.episode import play_local
from muses.scenarios._paper import import_paper_file
from muses.scenarios.meeting import SPEC, MeetingRecord, import_file, parse_slot


def _paper(paper_data: Path) -> list[tuple[dict[str, Any], MeetingRecord]]:
    pairs = []
    for path in sorted((paper_data / "meeting_scheduling").glob("*.jsonl")):
        raws = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        pairs.extend(zip(raws, import_paper_file(path), strict=True))
    return pairs


@pytest.mark.paper
def test_all_216_import_and_keep_users_required_slots_and_disclosure(paper_data: Path) -> None:
    pairs = _paper(paper_data)
    assert len(pairs) == 216 and len({r.id for _, r in pairs}) == 216
    for raw, record in pairs:
        assert isinstance(record, MeetingRecord) and record.source == "paper" and record.template == "bracket"
        assert (record.disclosure, record.difficulty) == (raw["disclosure_mode"], raw["difficulty"])
        assert [u.id for u in record.users] == [u["id"] for u in raw["users"]]
        assert record.required == raw["params"]["essential_users"]
        for user, constraint in zip(raw["users"], record.constraints, strict=True):
            preferred = [parse_slot(s).slot for s in user["preferred_slots"]]
            assert constraint.preferred == preferred
            assert set(constraint.secondary) == {parse_slot(s).slot for s in user["secondary_slots"]} - set(preferred)
            assert constraint.stubborn == user["is_stubborn"]
            assert constraint.proactive == (user["id"] in raw["params"]["proactive_users"])
        assert record.winning_slot == parse_slot(raw["params"]["optimal_solution"]).slot
    bases: dict[str, set[str]] = {}
    for _, record in pairs:
        bases.setdefault(record.base_id, set()).add(record.disclosure)
    assert len(bases) == 108 and all(modes == {"full", "partial"} for modes in bases.values())


@pytest.mark.paper
def test_all_216_build_environments_and_the_reference_solves_them(paper_data: Path) -> None:
    records = [record for _, record in _paper(paper_data)]

    async def play_all() -> list[Any]:
        return await asyncio.gather(*(play_local(r, "reference") for r in records))

    for record, transcript in zip(records, asyncio.run(play_all()), strict=True):
        assert SPEC.environment(record, 10).system_prompt("bracket")
        assert transcript.decisions(), record.id
        score = SPEC.scorer(record, transcript)
        assert score.values["success"] == score.values["agreement"] == 1.0, (record.id, score.explanation)


def test_detection_and_errors_name_the_line(tmp_path: Path) -> None:
    assert SPEC.detect_paper is not None
    assert SPEC.detect_paper({"scenario": "MeetingScheduling_Complex"})
    assert not SPEC.detect_paper({"authorized_users": [], "resource_name": "x", "all_users": []})
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"scenario": "MeetingScheduling_Complex", "id": "m1"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.jsonl:1"):
        import_file(bad)
