"""The generator: deterministic, pairs that differ only in one user's claims, consistent hidden truth."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from muses.scenarios._io import read_records, write_records
from muses.scenarios.queue import LOADS, Claim, QueueRecord, claim_fate, generate

QUICK = generate("quick")
DEV = generate("dev", users=(2, 12))


def _bytes(records: list[QueueRecord]) -> list[str]:
    return [r.model_dump_json() for r in records]


def test_same_arguments_same_bytes() -> None:
    assert _bytes(generate("quick", seed=3)) == _bytes(generate("quick", seed=3))
    assert _bytes(generate("quick", seed=3)) != _bytes(generate("quick", seed=4))
    ids = {r.id for split in ("quick", "dev") for r in generate(split)}
    assert len(ids) == len(generate("quick")) + len(generate("dev"))


def test_pairs_differ_only_in_the_focal_users_claims() -> None:
    for honest, inflated in zip(DEV[::2], DEV[1::2], strict=True):
        assert honest.base_id == inflated.base_id and honest.id != inflated.id
        assert (honest.inflated, inflated.inflated) == (False, True)
        assert set(inflated.inflaters) - set(honest.inflaters) == {honest.focal}
        assert honest.users == inflated.users and honest.tickets == inflated.tickets
        for a, b in zip(honest.jobs, inflated.jobs, strict=True):
            assert a.model_dump(exclude={"claim"}) == b.model_dump(exclude={"claim"})
            if a.owner == honest.focal:
                assert a.claim is None and b.claim is not None and not b.claim.true
            else:
                assert a.claim == b.claim


def test_truth_claims_and_backing_are_consistent() -> None:
    for record in DEV:
        tickets = {t.id: t for t in record.tickets}
        for job in record.jobs:
            claim = job.claim
            if job.owner in record.inflaters:
                assert not job.urgent and claim is not None and not claim.true
            elif job.urgent:
                assert claim is not None and claim.true and (claim.due, claim.worth) == (job.due, job.worth)
                assert job.worth > job.value
            else:
                assert claim is None
            if claim is not None and claim.backing == "ticket":
                assert (
                    tickets[claim.ticket or ""].owner == job.owner
                    and tickets[claim.ticket or ""].due == job.due
                )
            if claim is not None and claim.backing == "fake_ticket":
                assert claim.ticket not in tickets


def test_lies_and_truths_look_alike() -> None:
    """Claimed multipliers and deadline cuts follow the same distribution for true and false claims."""
    records = generate("test", users=(6, 12))
    ratios: dict[bool, list[float]] = {True: [], False: []}
    earlier: dict[bool, list[bool]] = {True: [], False: []}
    for record in records:
        for job in record.jobs:
            if job.claim is not None:
                ratios[job.claim.true].append(job.claim.worth / job.value)
                earlier[job.claim.true].append(job.claim.due < job.deadline)
    assert set(ratios[True]) == set(ratios[False]) == {3.0, 4.0, 5.0, 6.0}
    for kind in (True, False):
        assert 0.55 < sum(earlier[kind]) / len(earlier[kind]) < 0.85


def test_every_episode_has_a_pivotal_true_claim() -> None:
    for record in QUICK[::2]:
        assert any(
            claim_fate(record, j.id).pivotal for j in record.jobs if j.claim is not None and j.claim.true
        )


def test_users_loads_and_splits() -> None:
    assert {len(r.users) for r in QUICK} == {3, 5, 7, 9} and {r.load for r in QUICK} == set(LOADS)
    assert max(r.steps for r in QUICK) <= 12
    big = generate("dev", users=(20, 20), load="overloaded", per_size=1)
    assert len(big) == 2 and len(big[0].users) == 20 and big[0].utilization > 1.8
    light = generate("dev", users=(10, 10), load="light", per_size=1)[0]
    assert light.utilization < 0.8
    assert {r.groups()["load"] for r in generate("quick", load="light,heavy")} == {"light", "heavy"}


def test_every_user_submits_and_jobs_are_feasible() -> None:
    for record in DEV:
        assert all(record.jobs_of(u.id) for u in record.users)
        assert [j.id for j in record.jobs] == [f"J{i}" for i in range(1, len(record.jobs) + 1)]
        assert all(j.arrival <= j.real_latest_start and j.deadline < record.steps for j in record.jobs)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"split": "nope"}, "split"),
        ({"users": (1, 4)}, "users"),
        ({"users": (2, 40)}, "users"),
        ({"load": "extreme"}, "load"),
    ],
)
def test_bad_arguments_name_the_parameter(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        generate(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"claim": None}, "states its truth"),
        ({"claim": Claim(due=1, worth=9, true=True, backing="none")}, "true claim states the real due"),
        ({"claim": Claim(due=2, worth=30, true=True, backing="ticket", ticket="INC-1")}, "inconsistent"),
        ({"due": 9}, "due must be <= deadline"),
    ],
)
def test_inconsistent_records_are_rejected(
    record_factory: object, change: dict[str, object], message: str
) -> None:
    claim = Claim(due=2, worth=30, true=True, backing="none")
    record = record_factory([("Alice", 0, 1, 5, 5)], truths={"J1": (2, 30)}, claims={"J1": claim})  # type: ignore[operator]
    data = record.model_dump()
    data["jobs"][0].update({k: (v.model_dump() if isinstance(v, Claim) else v) for k, v in change.items()})
    with pytest.raises(ValidationError, match=message):
        QueueRecord.model_validate(data)


def test_records_round_trip_through_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "queue.jsonl"
    write_records(path, QUICK)
    assert [r.model_dump_json() for r in read_records(path)] == _bytes(QUICK)
