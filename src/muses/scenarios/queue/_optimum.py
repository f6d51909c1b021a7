"""The offline optimum: the most value any scheduler that knew every job in advance could finish.

The problem is weighted throughput on K identical machines with release times and deadlines,
non-preemptive (strongly NP-hard in general), so the search is exact only within a node budget:

- **Exact**: a depth-first branch-and-bound over steps. At each step it tries every set of
  waiting jobs to start on the free workers (largest sets and densest jobs first, so a good
  schedule is found early), prunes with a fractional-knapsack bound on the remaining capacity,
  and drops states it has already reached with at least as much value (state = step, sorted
  remaining busy time of the workers, which still-startable jobs were started).
- **Bound** when the budget runs out: the interval-knapsack relaxation. For any interval [a, b],
  jobs released at or after ``a`` with deadline at most ``b`` must fit into ``K * (b - a + 1)``
  worker-steps; relaxing everything else, the optimum is at most the value of the jobs outside the
  interval plus a fractional knapsack of those inside. The minimum over all intervals, rounded
  down (values are integers), is the stated upper bound. If the best schedule found reaches it,
  the result is exact after all.

Efficiency divides by ``Optimum.bound``: the optimum when ``exact``, else the upper bound, so
efficiency is never overstated.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from muses.scenarios.queue._model import Job, QueueRecord

NODE_BUDGET = 60_000
"""Search nodes before giving up on exactness (about a second of CPU in the worst case)."""

EXACT_METHOD = "exact (branch and bound)"
BOUND_METHOD = "upper bound (interval-knapsack relaxation)"


@dataclass(frozen=True)
class Placement:
    """One job of a schedule: when it starts and on which worker (1-based)."""

    job: str
    start: int
    worker: int


@dataclass(frozen=True)
class Optimum:
    """The best schedule found, its value and the denominator efficiency uses."""

    value: int
    exact: bool
    bound: float
    method: str
    schedule: tuple[Placement, ...]
    nodes: int


def _fractional_knapsack(jobs: Sequence[Job], capacity: int) -> float:
    """Max value of jobs packed into ``capacity`` worker-steps when jobs may be split."""
    total = 0.0
    for job in sorted(jobs, key=lambda j: (-j.value / j.size, j.id)):
        if capacity <= 0:
            break
        take = min(job.size, capacity)
        total += job.value * take / job.size
        capacity -= take
    return total


def interval_bound(workers: int, jobs: Sequence[Job]) -> int:
    """The interval-knapsack upper bound on the value any schedule can finish (see module doc)."""
    total = sum(j.value for j in jobs)
    best = float(total)
    for a in sorted({j.arrival for j in jobs}):
        for b in sorted({j.deadline for j in jobs}):
            if b < a:
                continue
            inside = [j for j in jobs if j.arrival >= a and j.deadline <= b]
            outside = total - sum(j.value for j in inside)
            best = min(best, outside + _fractional_knapsack(inside, workers * (b - a + 1)))
    return math.floor(best + 1e-9)


class _Search:
    """Branch-and-bound state (see module doc); jobs are indexed by position in ``jobs``."""

    def __init__(self, workers: int, steps: int, jobs: Sequence[Job], budget: int) -> None:
        self.workers, self.steps, self.jobs, self.budget = workers, steps, list(jobs), budget
        self.density_order = sorted(range(len(self.jobs)), key=lambda i: (-jobs[i].value / jobs[i].size, i))
        self.size = [j.size for j in self.jobs]
        self.value = [j.value for j in self.jobs]
        self.latest = [j.latest_start for j in self.jobs]
        self.window = [
            sum(1 << i for i, j in enumerate(self.jobs) if j.arrival <= t <= j.latest_start) for t in range(steps)
        ]
        self.best = 0
        self.best_plan: tuple[tuple[int, int], ...] = ()
        self.seen: dict[tuple[int, tuple[int, ...], int], int] = {}
        self.nodes = 0
        self.aborted = False

    def _remaining_bound(self, t: int, busy: tuple[int, ...], started: int) -> float:
        """Fractional knapsack of the still-startable jobs into the remaining worker-steps."""
        capacity = sum(max(0, self.steps - t - r) for r in busy)
        size, value, latest = self.size, self.value, self.latest
        total = 0.0
        for i in self.density_order:
            if capacity <= 0:
                break
            if started >> i & 1 or latest[i] < t:
                continue
            take = size[i] if size[i] < capacity else capacity
            total += value[i] * take / size[i]
            capacity -= take
        return total

    def visit(self, t: int, busy: tuple[int, ...], started: int, value: int, plan: tuple[tuple[int, int], ...]) -> None:
        """Explore from the start of step ``t`` (``busy``: sorted steps each worker is still busy)."""
        if value > self.best:
            self.best, self.best_plan = value, plan
        if t >= self.steps or self.aborted:
            return
        self.nodes += 1
        if self.nodes > self.budget:
            self.aborted = True
            return
        if value + self._remaining_bound(t, busy, started) <= self.best + 1e-9:
            return
        key = (t, busy, started & self.window[t])
        if self.seen.get(key, -1) >= value:
            return
        self.seen[key] = value
        free = busy.count(0)
        available = [i for i in self.density_order if self.window[t] >> i & 1 and not started >> i & 1]
        held = [r for r in busy if r > 0]
        for count in range(min(free, len(available)), -1, -1):
            for chosen in combinations(available, count):
                loads = held + [self.size[i] for i in chosen] + [0] * (free - count)
                after = tuple(sorted(max(0, r - 1) for r in loads))
                mask = started
                for i in chosen:
                    mask |= 1 << i
                gained = sum(self.value[i] for i in chosen)
                self.visit(t + 1, after, mask, value + gained, plan + tuple((i, t) for i in chosen))


def _placements(workers: int, jobs: Sequence[Job], plan: Sequence[tuple[int, int]]) -> tuple[Placement, ...]:
    """Give each planned start the lowest-numbered free worker (the rule the oracle replays)."""
    free_at = [0] * (workers + 1)
    placements: list[Placement] = []
    for index, start in sorted(plan, key=lambda p: (p[1], p[0])):
        worker = next(w for w in range(1, workers + 1) if free_at[w] <= start)
        free_at[worker] = start + jobs[index].size
        placements.append(Placement(job=jobs[index].id, start=start, worker=worker))
    return tuple(placements)


def solve(workers: int, steps: int, jobs: Sequence[Job], budget: int = NODE_BUDGET) -> Optimum:
    """The best schedule within the budget, whether it is proven optimal, and the denominator."""
    ordered = sorted(jobs, key=lambda j: (j.arrival, j.id))
    search = _Search(workers, steps, ordered, budget)
    search.visit(0, (0,) * workers, 0, 0, ())
    schedule = _placements(workers, ordered, search.best_plan)
    if not search.aborted:
        return Optimum(search.best, True, float(search.best), EXACT_METHOD, schedule, search.nodes)
    bound = interval_bound(workers, ordered)
    if search.best >= bound:
        return Optimum(search.best, True, float(search.best), EXACT_METHOD, schedule, search.nodes)
    return Optimum(search.best, False, float(bound), BOUND_METHOD, schedule, search.nodes)


_CACHE: dict[tuple[object, ...], Optimum] = {}


def optimum(record: QueueRecord) -> Optimum:
    """The optimum of a record, computed once per instance (the oracle asks every step)."""
    key = (record.workers, record.steps, tuple(record.jobs))
    if key not in _CACHE:
        _CACHE[key] = solve(record.workers, record.steps, record.jobs)
    return _CACHE[key]
