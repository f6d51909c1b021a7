"""The offline optimum: exact against brute force on tiny instances, a valid bound otherwise."""

from __future__ import annotations

import itertools
import random
from typing import Any

import pytest

from muses.scenarios.queue import Job, generate, optimum, solve, true_urgency
from muses.scenarios.queue._optimum import BOUND_METHOD, EXACT_METHOD, interval_bound


def _random_jobs(rng: random.Random, count: int, steps: int) -> list[Job]:
    jobs = []
    for number in range(1, count + 1):
        size = rng.randint(1, 3)
        arrival = rng.randint(0, steps - size)
        deadline = min(steps - 1, arrival + size - 1 + rng.randint(0, 3))
        value = rng.randint(1, 9)
        urgency = true_urgency(size, value, deadline - size + 1 - arrival)
        jobs.append(
            Job(
                id=f"J{number}",
                owner="Alice",
                arrival=arrival,
                size=size,
                value=value,
                deadline=deadline,
                urgency=urgency,
                stated_urgency=urgency,
            )
        )
    return jobs


def brute_force(workers: int, steps: int, jobs: list[Job]) -> int:
    """Try every start-or-skip choice per job; K machines suffice iff at most K jobs overlap
    at any step (interval graphs are perfect), so no worker bookkeeping is needed."""
    options = [[None, *range(j.arrival, j.latest_start + 1)] for j in jobs]
    best = 0
    for starts in itertools.product(*options):
        load = [0] * steps
        for job, start in zip(jobs, starts, strict=True):
            if start is not None:
                for t in range(start, start + job.size):
                    load[t] += 1
        if max(load) <= workers:
            best = max(best, sum(j.value for j, s in zip(jobs, starts, strict=True) if s is not None))
    return best


def _check_schedule(workers: int, jobs: list[Job], result: Any) -> None:
    """The schedule is feasible on numbered workers and worth its stated value."""
    by_id = {j.id: j for j in jobs}
    busy: set[tuple[int, int]] = set()
    for p in result.schedule:
        job = by_id[p.job]
        assert job.arrival <= p.start <= job.latest_start and 1 <= p.worker <= workers
        cells = {(p.worker, t) for t in range(p.start, p.start + job.size)}
        assert not cells & busy
        busy |= cells
    assert sum(by_id[p.job].value for p in result.schedule) == result.value


@pytest.mark.parametrize("seed", range(40))
def test_exact_optimum_matches_brute_force(seed: int) -> None:
    rng = random.Random(seed)
    steps, workers = rng.randint(4, 7), rng.randint(1, 2)
    jobs = _random_jobs(rng, rng.randint(2, 6), steps)
    result = solve(workers, steps, jobs)
    assert result.exact and result.method == EXACT_METHOD
    assert result.value == result.bound == brute_force(workers, steps, jobs)
    assert interval_bound(workers, jobs) >= result.value
    _check_schedule(workers, jobs, result)


def test_idling_for_a_better_job_is_found() -> None:
    rng = random.Random(0)
    jobs = _random_jobs(rng, 2, 6)
    low = jobs[0].model_copy(update={"arrival": 0, "size": 3, "deadline": 5, "value": 1})
    high = jobs[1].model_copy(update={"arrival": 1, "size": 3, "deadline": 3, "value": 9})
    result = solve(1, 6, [low, high])
    assert result.value == 9 and [p.job for p in result.schedule] == [high.id]


def test_out_of_budget_gives_a_stated_upper_bound() -> None:
    rng = random.Random(7)
    jobs = _random_jobs(rng, 14, 10)
    exact = solve(2, 10, jobs)
    cut = solve(2, 10, jobs, budget=5)
    assert exact.exact
    assert not cut.exact and cut.method == BOUND_METHOD
    assert cut.value <= exact.value <= cut.bound
    _check_schedule(2, jobs, cut)


def test_quick_split_is_solved_exactly() -> None:
    assert all(optimum(r).exact for r in generate("quick"))
