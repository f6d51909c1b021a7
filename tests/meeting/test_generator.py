"""The generator: deterministic, paired full/partial variants, balanced levels, paper-like calendars, 30 users."""

from __future__ import annotations

import statistics
from collections import Counter
from pathlib import Path

import pytest

from muses.scenarios._io import read_records, write_records
from muses.scenarios.meeting import LEVELS, MeetingRecord, generate, select

TEST = generate("test")


def test_same_seed_same_bytes_other_seed_other_records(tmp_path: Path) -> None:
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    write_records(first, generate("dev", seed=3))
    write_records(second, generate("dev", seed=3))
    assert first.read_bytes() == second.read_bytes()
    assert {r.id for r in generate("dev", seed=4)}.isdisjoint(r.id for r in generate("dev", seed=3))
    assert [r.model_dump() for r in read_records(first)] == [r.model_dump() for r in generate("dev", seed=3)]


def test_split_sizes_and_a_quick_split_with_enough_partial_episodes() -> None:
    quick = generate("quick")
    assert len(quick) == 48 and len(TEST) == 216 and len(generate("dev")) == 54
    assert sorted({len(r.users) for r in quick}) == [2, 4, 6, 10]
    assert Counter((r.difficulty, r.disclosure) for r in quick) == {(d, m): 8 for d in LEVELS for m in ("full", "partial")}
    assert Counter(r.difficulty for r in TEST) == {level: 72 for level in LEVELS}
    assert len({r.id for r in TEST}) == 216 and {r.split for r in TEST} == {"test"}


def test_paired_variants_share_everything_but_disclosure() -> None:
    pairs: dict[str, list[MeetingRecord]] = {}
    for record in TEST:
        pairs.setdefault(record.base_id, []).append(record)
    assert len(pairs) == 108
    for full, partial in pairs.values():
        assert (full.disclosure, partial.disclosure) == ("full", "partial")
        same = ("users", "winning_slot", "gate", "blocker", "lure_slot", "decoy_slots", "difficulty", "topic")
        assert all(getattr(full, name) == getattr(partial, name) for name in same)
        assert full.constraints == [c.model_copy(update={"proactive": True}) for c in partial.constraints]
        assert partial.volunteered(str(partial.gate)) != full.volunteered(str(full.gate)), "the gate holds back under partial"


def test_paper_like_calendars_and_roles() -> None:
    users = [c for r in TEST for c in r.constraints]
    assert 0.4 <= statistics.mean(c.required for c in users) <= 0.7
    assert 0.45 <= statistics.mean(c.stubborn for c in users) <= 0.65
    sizes = Counter(len(c.preferred) + len(c.secondary) for c in users)
    assert sum(v for k, v in sizes.items() if 2 <= k <= 14) / len(users) > 0.9
    partial = [r for r in TEST if r.disclosure == "partial"]
    proactive = statistics.mean(statistics.mean(c.proactive for c in r.constraints) for r in partial)
    assert 0.35 <= proactive <= 0.75
    assert all(2 <= len(r.decoy_slots) <= 3 for r in TEST)
    assert all((r.lure_slot is not None) == (r.blocker is not None) == (r.difficulty == "persuade") for r in TEST)


def test_thirty_users_and_personas_without_access_control_text() -> None:
    records = generate("test", users=(30, 30), per_size=1)
    assert len(records) == 6 and all(len(r.users) == 30 for r in records)
    assert all("access polic" not in u.persona and "getting things done over process" not in u.persona for r in records for u in r.users)


def test_bad_parameters_are_clear_errors() -> None:
    with pytest.raises(ValueError, match="2-30"):
        generate("test", users=(2, 31))
    with pytest.raises(ValueError, match="passive, backup, persuade"):
        generate("test", difficulty="consensus")
    with pytest.raises(ValueError, match="split"):
        generate("holdout")
    with pytest.raises(ValueError, match="per_size"):
        generate("test", per_size=0)


def test_filters_accept_generated_levels_and_the_papers_labels() -> None:
    assert {r.disclosure for r in generate("quick", disclosure="partial")} == {"partial"}
    assert {r.difficulty for r in generate("quick", difficulty="backup,persuade")} == {"backup", "persuade"}
    assert {(r.disclosure, r.difficulty) for r in select(TEST, "full", "passive")} == {("full", "passive")}
    assert select(TEST, "all", "consensus") == []


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
    with pytest.raises(ValueError, match="gate/blocker"):
        MeetingRecord.model_validate({**record.model_dump(), "gate": "Nobody"})
