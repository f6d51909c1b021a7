"""The offline optimum of sum_i w_i U_i: the best any scheduler that knew the truth could do.

The problem is weighted throughput on K identical machines with release times and deadlines,
non-preemptive (strongly NP-hard in general): job j earns ``c_j = w_owner * worth_j`` (see
``_objective``) if it starts in [arrival, due - size + 1]. The search is exact within a node budget:

- **Exact**: depth-first branch-and-bound over steps. At a step with free workers it enumerates
  which waiting jobs to start (densest first, so the first leaf is the greedy schedule), prunes
  with a fractional-knapsack bound on the remaining worker time, drops states it has already
  reached with at least as much value (state = step, the workers' remaining busy time, which
  still-startable jobs were started) and jumps over steps where nothing can be decided.
- **Bound** when the budget runs out: the interval relaxation. For any interval [a, b], jobs
  released at or after ``a`` with real deadline at most ``b`` must fit into ``K * (b - a + 1)``
  worker-steps; relaxing everything else, the optimum is at most the value of the jobs outside the
  interval plus a fractional knapsack of those inside. The minimum over all intervals is the
  stated upper bound; if the best schedule found reaches it, the result is exact after all.

``solve(..., target=x)`` answers "is there a schedule worth at least x?" (it stops at the first
one); ``_fates`` uses it to prove that a job is in every optimal schedule, or in none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from muses.scenarios.queue._model import QueueRecord
from muses.scenarios.queue._objective import job_weights
from muses.scenarios.queue._search import EPS, Item, Search

NODE_BUDGET = 60_000
"""Search nodes before giving up on exactness (a few seconds of CPU in the worst case)."""

EXACT_METHOD = "exact (branch and bound)"
BOUND_METHOD = "upper bound (interval relaxation)"


@dataclass(frozen=True)
class Placement:
    """One job of a schedule: when it starts and on which worker (1-based)."""

    job: str
    start: int
    worker: int


@dataclass(frozen=True)
class Optimum:
    """The best schedule found, its value and the denominator welfare uses."""

    value: float
    exact: bool
    bound: float
    method: str
    schedule: tuple[Placement, ...]
    nodes: int


def _fractional(items: Sequence[Item], capacity: int) -> float:
    """Max weight of items packed into ``capacity`` worker-steps when items may be split."""
    total = 0.0
    for item in sorted(items, key=lambda i: (-i.weight / i.size, i.key)):
        if capacity <= 0:
            break
        take = min(item.size, capacity)
        total += item.weight * take / item.size
        capacity -= take
    return total


def interval_bound(workers: int, items: Sequence[Item]) -> float:
    """The interval upper bound on the weight any schedule can earn (see module doc)."""
    total = sum(i.weight for i in items)
    best = total
    for a in sorted({i.release for i in items}):
        for b in sorted({i.latest + i.size - 1 for i in items}):
            if b < a:
                continue
            inside = [i for i in items if i.release >= a and i.latest + i.size - 1 <= b]
            outside = total - sum(i.weight for i in inside)
            best = min(best, outside + _fractional(inside, workers * (b - a + 1)))
    return best


def _placements(
    workers: int, items: Sequence[Item], plan: Sequence[tuple[int, int]]
) -> tuple[Placement, ...]:
    """Give each planned start the lowest-numbered free worker (the rule the oracle replays)."""
    free_at = [0] * (workers + 1)
    placements: list[Placement] = []
    for index, start in sorted(plan, key=lambda p: (p[1], p[0])):
        worker = next(w for w in range(1, workers + 1) if free_at[w] <= start)
        free_at[worker] = start + items[index].size
        placements.append(Placement(job=items[index].key, start=start, worker=worker))
    return tuple(placements)


def solve(
    workers: int, items: Sequence[Item], budget: int = NODE_BUDGET, target: float | None = None
) -> Optimum:
    """The best schedule within the budget, whether it is proven optimal, and the denominator.

    With ``target``, the search stops at the first schedule worth at least ``target - EPS``;
    ``exact`` then means the answer to "is ``target`` reachable?" is proven either way.
    """
    ordered = sorted(items, key=lambda i: (i.release, i.key))
    search = Search(workers, ordered, budget, target)
    try:
        search.run()
    except RecursionError:  # very long horizons: give up on exactness, keep the best found
        search.aborted = True
    schedule = _placements(workers, ordered, search.best_plan)
    if not search.aborted or search.reached:
        return Optimum(search.best, True, search.best, EXACT_METHOD, schedule, search.nodes)
    bound = interval_bound(workers, ordered)
    if search.best >= bound - EPS:
        return Optimum(search.best, True, search.best, EXACT_METHOD, schedule, search.nodes)
    return Optimum(search.best, False, bound, BOUND_METHOD, schedule, search.nodes)


def welfare_items(record: QueueRecord) -> list[Item]:
    """The record's jobs as optimizer items under the truth (real deadlines, c_j weights)."""
    weights = job_weights(record)
    return [Item(j.id, j.arrival, j.real_latest_start, j.size, weights[j.id]) for j in record.jobs]


def truth_key(record: QueueRecord) -> tuple[object, ...]:
    """What the optimum depends on: workers, users' weights and the jobs' truth (not the claims)."""
    jobs = tuple((j.id, j.owner, j.arrival, j.size, j.due, j.worth) for j in record.jobs)
    return (record.workers, tuple((u.id, u.priority) for u in record.users), jobs)


@lru_cache(maxsize=4096)
def _cached(key: tuple[object, ...], workers: int, items: tuple[Item, ...]) -> Optimum:
    return solve(workers, items)


def optimum(record: QueueRecord) -> Optimum:
    """The optimum of a record, computed once per truth (both variants of a pair share it)."""
    return _cached(truth_key(record), record.workers, tuple(welfare_items(record)))
