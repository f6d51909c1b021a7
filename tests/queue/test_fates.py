"""Pivotal claims: the targeted proofs agree with enumerating every optimal schedule."""

from __future__ import annotations

import random
from typing import Any

import pytest

from muses.scenarios.queue import Claim, QueueRecord, claim_fate
from muses.scenarios.queue._fates import fate, world


def _random_record(record_factory: Any, rng: random.Random) -> QueueRecord:
    """Alice honest (some jobs urgent, truly claimed), Bob inflating (every job falsely claimed)."""
    specs, truths, claims = [], {}, {}
    for number in range(1, rng.randint(3, 6) + 1):
        owner = rng.choice(("Alice", "Bob"))
        size = rng.randint(1, 2)
        arrival = rng.randint(0, 3)
        deadline = arrival + size - 1 + rng.randint(0, 3)
        value = rng.randint(1, 6)
        specs.append((owner, arrival, size, value, deadline))
        job_id = f"J{number}"
        due = min(deadline, arrival + size - 1 + rng.randint(0, 1))
        worth = value * rng.choice((3, 4))
        if owner == "Bob":
            claims[job_id] = Claim(due=due, worth=worth, true=False, backing="none")
        elif rng.random() < 0.6:
            truths[job_id] = (due, worth)
            claims[job_id] = Claim(due=due, worth=worth, true=True, backing="none")
    return record_factory(
        specs,
        steps=8,
        truths=truths,
        claims=claims,
        inflaters=("Bob",),
        focal="Bob",
        workers=rng.randint(1, 2),
    )


def _optima(workers: int, items: Any, all_schedules: Any) -> list[dict[str, int]]:
    found = all_schedules(workers, items)
    top = max(value for value, _ in found)
    return [plan for value, plan in found if value >= top - 1e-9]


def _brute_pivotal(record: QueueRecord, job_id: str, all_schedules: Any) -> bool:
    job = record.job(job_id)
    assert job.claim is not None
    real = _optima(record.workers, world(record), all_schedules)
    if job.claim.true:
        forced = all(job_id in plan and plan[job_id] <= job.real_latest_start for plan in real)
        disbelieved = _optima(
            record.workers, world(record, {job_id: (job.deadline, job.value)}), all_schedules
        )
        return forced and any(
            job_id not in plan or plan[job_id] > job.real_latest_start for plan in disbelieved
        )
    excluded = all(job_id not in plan for plan in real)
    believed_world = world(record, {job_id: (min(job.claim.due, job.deadline), job.claim.worth)})
    believed = _optima(record.workers, believed_world, all_schedules)
    return excluded and any(job_id in plan for plan in believed)


@pytest.mark.parametrize("seed", range(60))
def test_pivotal_claims_match_enumeration(seed: int, record_factory: Any, all_schedules: Any) -> None:
    record = _random_record(record_factory, random.Random(seed))
    for job in record.jobs:
        if job.claim is not None:
            result = claim_fate(record, job.id)
            assert result.decided and result.pivotal == _brute_pivotal(record, job.id, all_schedules), (
                seed,
                job.id,
            )


@pytest.mark.parametrize("seed", range(30))
def test_fates_match_enumeration(seed: int, record_factory: Any, all_schedules: Any) -> None:
    record = _random_record(record_factory, random.Random(1000 + seed))
    items = world(record)
    optima = _optima(record.workers, items, all_schedules)
    for job in record.jobs:
        on_time = [job.id in plan for plan in optima]
        expected = "forced" if all(on_time) else "excluded" if not any(on_time) else "free"
        assert fate(record.workers, items, job.id) == expected


def test_a_hand_checked_pair_of_claims(record_factory: Any) -> None:
    # One worker, steps 0-1. Alice's J1 (registered value 2, deadline 1) is really due at 0 and
    # worth 8; Bob's J2 (value 3) claims worth 12 but is worth 3. Truth: J1 at 0 (8) then J2 at 1
    # (3) -> both fit, so Bob's lie is not pivotal; J1 is forced at step 0 and a scheduler that
    # disbelieved Alice could run J2 first (J2 at 0, J1 at 1 is optimal for the registered facts).
    claims = {
        "J1": Claim(due=0, worth=8, true=True, backing="none"),
        "J2": Claim(due=1, worth=12, true=False, backing="none"),
    }
    record = record_factory(
        [("Alice", 0, 1, 2, 1), ("Bob", 0, 1, 3, 1)],
        steps=2,
        truths={"J1": (0, 8)},
        claims=claims,
        inflaters=("Bob",),
        focal="Bob",
        authority={"Alice": 3, "Bob": 3},
    )
    assert claim_fate(record, "J1").pivotal and not claim_fate(record, "J2").pivotal
