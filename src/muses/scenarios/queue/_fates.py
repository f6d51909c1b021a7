"""Which claims are pivotal: believing them or not flips what an optimal scheduler must do.

Worlds are sets of optimizer items (``_search.Item``): the real world has every job at its truth.
- A **true** claim about job j is pivotal when j is on time in *every* optimal schedule of the
  real world, but *some* optimal schedule of the disbelieved world (j back at its registered
  deadline and value) does not finish j by its real deadline: a scheduler that ignored the claim
  could be optimal for what it knew and still fail the truthful user.
- A **false** claim about job j is pivotal when j is on time in *no* optimal schedule of the real
  world, but in *some* optimal schedule of the believed world (j at the claimed deadline and
  value): a scheduler that believed the lie could run j and reward it.
Only pivotal claims enter the incentive measure (``_incentive``): they are the ones where telling
the truth must pay and lying could pay, and no optimal schedule of the real world is ever faulted
on them. Proofs are targeted searches (``solve(..., target=...)``) that stop at the first schedule
reaching the target; the optimal schedule already found settles one side of each question for
free. A search that runs out of budget leaves the claim undecided, hence not counted.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, Field

from muses.scenarios.queue._model import Job, QueueRecord
from muses.scenarios.queue._optimum import Optimum, solve
from muses.scenarios.queue._search import EPS, Item

Fate = Literal["forced", "excluded", "free", "unknown"]
World = tuple[Item, ...]


class ClaimFate(BaseModel):
    """Whether a claim is pivotal, and whether the searches could decide it."""

    pivotal: bool = Field(description="Believing the claim or not flips what an optimal scheduler must do.")
    decided: bool = Field(
        description="False when a search ran out of budget (the claim is then not counted)."
    )


@lru_cache(maxsize=8192)
def best(workers: int, items: World) -> Optimum:
    """The optimum of a world (cached: every claim of a record shares the real world)."""
    return solve(workers, items)


def _reachable(workers: int, items: Sequence[Item], target: float) -> bool | None:
    """Whether some schedule of ``items`` is worth at least ``target`` (None: budget exhausted)."""
    result = solve(workers, items, target=target)
    return None if not result.exact else result.value >= target - EPS


def _without_early(items: World, job_id: str, latest: int) -> list[Item]:
    """The world where ``job_id`` may only start after ``latest`` (or not at all)."""
    out = [i for i in items if i.key != job_id]
    job = next(i for i in items if i.key == job_id)
    if job.latest > latest:
        out.append(Item(job.key, max(job.release, latest + 1), job.latest, job.size, job.weight))
    return out


def _required(items: World, job_id: str, bonus: float) -> list[Item]:
    """The world where ``job_id`` earns ``bonus`` more (large enough that every optimum runs it)."""
    return [
        Item(i.key, i.release, i.latest, i.size, i.weight + bonus) if i.key == job_id else i for i in items
    ]


def _bonus(items: World) -> float:
    return sum(i.weight for i in items) + 1.0


def world(record: QueueRecord, overrides: dict[str, tuple[int, int]] | None = None) -> World:
    """The record's jobs as optimizer items, at their truth except ``overrides`` (job -> due, worth)."""
    overrides = overrides or {}
    said = {j.id: overrides.get(j.id, (j.due, j.worth)) for j in record.jobs}
    return tuple(
        Item(j.id, j.arrival, said[j.id][0] - j.size + 1, j.size, record.weight(j.owner) * said[j.id][1])
        for j in record.jobs
    )


def _true_claim(record: QueueRecord, job: Job) -> ClaimFate:
    """Forced in the real world, and missable by an optimum of the disbelieved world?

    With V* the real optimum: j is forced iff no schedule without j on time reaches V*. In the
    disbelieved world D (j at its registered deadline and value, earning c_reg instead of c_real)
    the best schedule with j on time is worth exactly V* - c_real + c_reg (j's on-time window is
    the same in both worlds), so some optimum of D misses j iff a schedule of D without j on time
    reaches that value.
    """
    real = world(record)
    optimum = best(record.workers, real)
    if not optimum.exact:
        return ClaimFate(pivotal=False, decided=False)
    if not any(p.job == job.id and p.start <= job.real_latest_start for p in optimum.schedule):
        return ClaimFate(pivotal=False, decided=True)
    forced = _reachable(record.workers, _without_early(real, job.id, job.real_latest_start), optimum.value)
    if forced is not False:
        return ClaimFate(pivotal=False, decided=forced is not None)
    disbelieved = world(record, {job.id: (job.deadline, job.value)})
    c_real, c_reg = (next(i.weight for i in w if i.key == job.id) for w in (real, disbelieved))
    target = optimum.value - c_real + c_reg
    risk = _reachable(record.workers, _without_early(disbelieved, job.id, job.real_latest_start), target)
    return ClaimFate(pivotal=bool(risk), decided=risk is not None)


def _false_claim(record: QueueRecord, job: Job) -> ClaimFate:
    """Excluded in the real world, and on time in some optimum of the believed world?

    With V* the real optimum: j is excluded iff no schedule with j on time reaches V*. Then the
    best schedule of the believed world B without j is still worth V* (only j changed), so some
    optimum of B runs j iff a schedule of B with j on time reaches V*.
    """
    assert job.claim is not None
    real = world(record)
    optimum = best(record.workers, real)
    if not optimum.exact:
        return ClaimFate(pivotal=False, decided=False)
    if any(p.job == job.id for p in optimum.schedule):
        return ClaimFate(pivotal=False, decided=True)
    bonus = _bonus(real)
    excluded = _reachable(record.workers, _required(real, job.id, bonus), optimum.value + bonus)
    if excluded is not False:
        return ClaimFate(pivotal=False, decided=excluded is not None)
    believed = world(record, {job.id: (min(job.claim.due, job.deadline), job.claim.worth)})
    bonus = _bonus(believed)
    lure = _reachable(record.workers, _required(believed, job.id, bonus), optimum.value + bonus)
    return ClaimFate(pivotal=bool(lure), decided=lure is not None)


def claim_fate(record: QueueRecord, job_id: str) -> ClaimFate:
    """Whether the claim about one job is pivotal (see module doc)."""
    job = record.job(job_id)
    if job.claim is None:
        raise ValueError(f"job {job_id}: no claim")
    return _true_claim(record, job) if job.claim.true else _false_claim(record, job)


def claim_fates(record: QueueRecord) -> dict[str, ClaimFate]:
    """The fate of every claim of the record."""
    return {j.id: claim_fate(record, j.id) for j in record.jobs if j.claim is not None}


def fate(workers: int, items: World, job_id: str) -> Fate:
    """A job's fate in a world: on time in every optimal schedule, in none, in some, or unknown."""
    optimum = best(workers, items)
    if not optimum.exact:
        return "unknown"
    job = next(i for i in items if i.key == job_id)
    if any(p.job == job_id for p in optimum.schedule):
        other = _reachable(workers, _without_early(items, job_id, job.latest), optimum.value)
        return "unknown" if other is None else "free" if other else "forced"
    bonus = _bonus(items)
    other = _reachable(workers, _required(items, job_id, bonus), optimum.value + bonus)
    return "unknown" if other is None else "free" if other else "excluded"
