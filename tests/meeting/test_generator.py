"""The generator: deterministic, paired full/partial variants, paper-like distributions, 30 users."""

from __future__ import annotations

import statistics
from collections import Counter
from pathlib import Path

import pytest

from muses.scenarios._io import read_records, write_records
from muses.scenarios.meeting import GRID, MeetingRecord, generate, select

TEST = generate("test")


def test_same_seed_same_bytes_other_seed_other_records(tmp_path: Path) -> None:
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    write_records(first, generate("dev", seed=3))
    write_records(second, generate("dev", seed=3))
    assert first.read_bytes() == second.read_bytes()
    assert {r.id for r in generate("dev", seed=4)}.isdisjoint(r.id for r in generate("dev", seed=3))
    assert [r.model_dump() for r in read_records(first)] == [r.model_dump() for r in generate("dev", seed=3)]


def test_split_sizes_and_quick_composition() -> None:
    quick = generate("quick")
    assert len(quick) == 24 and len(TEST) == 216
    assert sorted({len(r.users) for r in quick}) == [2, 4, 6, 10]
    assert Counter((r.difficulty, r.disclosure) for r in quick) == {
        (d, m): 4 for d in ("consensus", "negotiation", "partial") for m in ("full", "partial")
    }
    assert len({r.id for r in TEST}) == 216
    assert {r.split for r in TEST} == {"test"}


def test_paired_variants_share_everything_but_disclosure() -> None:
    pairs: dict[str, list[MeetingRecord]] = {}
    for record in TEST:
        pairs.setdefault(record.base_id, []).append(record)
    assert len(pairs) == 108
    for full, partial in pairs.values():
        assert (full.disclosure, partial.disclosure) == ("full", "partial")
        assert full.users == partial.users and full.winning_slot == partial.winning_slot
        strip = [c.model_copy(update={"proactive": True}) for c in partial.constraints]
        assert full.constraints == strip
        assert all(c.proactive for c in full.constraints)
        proactive = sum(c.proactive for c in partial.constraints)
        n = len(partial.users)
        assert max(1, n // 3) <= proactive <= max(1, 2 * n // 3)


def test_paper_like_distributions() -> None:
    users = [c for r in TEST for c in r.constraints]
    assert 0.35 <= statistics.mean(c.required for c in users) <= 0.6
    assert 0.4 <= statistics.mean(c.stubborn for c in users) <= 0.6
    sizes = Counter(len(c.preferred) for c in users)
    assert sum(v for k, v in sizes.items() if 3 <= k <= 9) / len(users) > 0.85
    large = [r for r in TEST if len(r.users) >= 7]
    assert statistics.mean(len(r.feasible_slots()) == 1 for r in large) > 0.8
    for record in TEST:
        assert record.winning_slot in record.feasible_slots()
        everyone = [s for s in GRID if all(c.can_attend(s) for c in record.constraints)]
        if record.difficulty == "consensus":
            assert all(record.winning_slot in c.preferred for c in record.constraints)
        if record.difficulty == "negotiation":
            assert not [s for s in GRID if all(s in c.preferred for c in record.constraints)]
        if record.difficulty == "partial" and not all(c.required for c in record.constraints):
            assert everyone == []


def test_thirty_users_and_personas_without_access_control_text() -> None:
    records = generate("test", users=(30, 30), per_size=1)
    assert len(records) == 6 and all(len(r.users) == 30 for r in records)
    assert all("access polic" not in u.persona and "getting things done over process" not in u.persona for r in records for u in r.users)


def test_bad_parameters_are_clear_errors() -> None:
    with pytest.raises(ValueError, match="2-30"):
        generate("test", users=(2, 31))
    with pytest.raises(ValueError, match="difficulty"):
        generate("test", difficulty="hard")
    with pytest.raises(ValueError, match="split"):
        generate("holdout")
    with pytest.raises(ValueError, match="per_size"):
        generate("test", per_size=0)


def test_filters() -> None:
    assert {r.disclosure for r in generate("quick", disclosure="partial")} == {"partial"}
    assert {r.difficulty for r in generate("quick", difficulty="consensus,partial")} == {"consensus", "partial"}
    assert {(r.disclosure, r.difficulty) for r in select(TEST, "full", "negotiation")} == {("full", "negotiation")}


def test_records_reject_impossible_or_inconsistent_calendars() -> None:
    record = TEST[0]
    data = record.model_dump()
    data["constraints"][0]["preferred"] = ["Sat 10:00"]
    with pytest.raises(ValueError, match="grid slot"):
        MeetingRecord.model_validate(data)
    data = record.model_dump()
    for constraint in data["constraints"]:
        if constraint["required"]:
            constraint["preferred"], constraint["secondary"] = [], []
    with pytest.raises(ValueError, match="share no slot"):
        MeetingRecord.model_validate(data)
