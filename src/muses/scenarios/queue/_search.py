"""Branch-and-bound over schedules of weighted jobs on identical workers (see ``_optimum``).

Jobs are indexed by position; bit ``i`` of a mask stands for job ``i``. ``loads`` is the sorted
tuple of each worker's remaining busy steps at the start of a step (0 = free).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

EPS = 1e-9
"""Tolerance for comparing sums of float weights."""

Plan = tuple[tuple[int, int], ...]
"""(job index, start step) pairs."""


@dataclass(frozen=True)
class Item:
    """One job as the optimizer sees it: when it may start and what it earns if it does."""

    key: str
    release: int
    latest: int
    size: int
    weight: float


class Search:
    """Depth-first branch-and-bound; ``run`` fills ``best``, ``best_plan``, ``aborted``, ``reached``."""

    def __init__(self, workers: int, items: Sequence[Item], budget: int, target: float | None = None) -> None:
        self.workers, self.items, self.budget, self.target = workers, list(items), budget, target
        self.size = [i.size for i in self.items]
        self.weight = [i.weight for i in self.items]
        self.release = [i.release for i in self.items]
        self.latest = [i.latest for i in self.items]
        self.density = sorted(range(len(self.items)), key=lambda i: (-self.weight[i] / self.size[i], i))
        self.horizon = max((i.latest + i.size for i in self.items), default=0)
        self.window = [
            sum(1 << i for i, it in enumerate(self.items) if it.release <= t <= it.latest)
            for t in range(self.horizon + 1)
        ]
        self.best = 0.0
        self.best_plan: Plan = ()
        self.seen: dict[tuple[int, tuple[int, ...], int], float] = {}
        self.nodes = 0
        self.aborted = False
        self.reached = False

    def run(self) -> None:
        """Search from step 0 with every worker free."""
        self._step(0, (0,) * self.workers, 0, 0.0, ())

    # --- helpers ----------------------------------------------------------------------------------
    def _stop(self) -> bool:
        return self.aborted or self.reached

    def _threshold(self) -> float:
        """A subtree is worth exploring only if it can beat this."""
        floor = self.best if self.target is None else max(self.best, self.target - 2 * EPS)
        return floor + EPS

    def _bound(self, t: int, loads: Sequence[int], done: int) -> float:
        """Fractional knapsack of the jobs still startable at or after ``t`` into the remaining time."""
        capacity = sum(max(0, self.horizon - t - r) for r in loads)
        total = 0.0
        for i in self.density:
            if capacity <= 0:
                break
            if done >> i & 1 or self.latest[i] < t:
                continue
            take = self.size[i] if self.size[i] < capacity else capacity
            total += self.weight[i] * take / self.size[i]
            capacity -= take
        return total

    def _record(self, value: float, plan: Plan) -> None:
        if value > self.best + EPS or not self.best_plan and value > self.best:
            self.best, self.best_plan = value, plan
        if self.target is not None and self.best >= self.target - EPS:
            self.reached = True

    def _skip_idle(self, t: int, loads: tuple[int, ...], done: int) -> tuple[int, tuple[int, ...]]:
        """Jump to the next step where a decision is possible (a free worker and a startable job)."""
        while t < self.horizon:
            free = loads[0] == 0
            startable = self.window[t] & ~done
            if free and startable:
                return t, loads
            if not free:
                jump = loads[0]
            else:
                future = [
                    self.release[i]
                    for i in range(len(self.items))
                    if self.release[i] > t and not done >> i & 1
                ]
                if not future:
                    return self.horizon, loads
                jump = min(future) - t
            t, loads = t + jump, tuple(max(0, r - jump) for r in loads)
        return t, loads

    # --- search -----------------------------------------------------------------------------------
    def _step(self, t: int, loads: tuple[int, ...], done: int, value: float, plan: Plan) -> None:
        """Explore from the start of step ``t``."""
        self._record(value, plan)
        t, loads = self._skip_idle(t, loads, done)
        if t >= self.horizon or self._stop():
            return
        self.nodes += 1
        if self.nodes > self.budget:
            self.aborted = True
            return
        if value + self._bound(t, loads, done) < self._threshold():
            return
        key = (t, loads, done & self.window[t])
        if self.seen.get(key, -1.0) >= value - EPS:
            return
        self.seen[key] = value
        startable = self.window[t] & ~done
        available = [i for i in self.density if startable >> i & 1]
        self._choose(t, list(loads), done, value, plan, available, 0, loads.count(0))

    def _choose(
        self,
        t: int,
        loads: list[int],
        done: int,
        value: float,
        plan: Plan,
        available: list[int],
        first: int,
        free: int,
    ) -> None:
        """Pick further jobs to start at ``t`` among ``available[first:]`` (densest first), then advance."""
        lost = 0
        for k in range(first, len(available) if free else first):
            i = available[k]
            started = [r for r in loads if r > 0] + [self.size[i]] + [0] * (free - 1)
            self._choose(
                t,
                started,
                done | 1 << i,
                value + self.weight[i],
                plan + ((i, t),),
                available,
                k + 1,
                free - 1,
            )
            if self._stop():
                return
            if self.latest[i] == t:
                lost |= 1 << i
            if value + self._bound(t, loads, done | lost) < self._threshold():
                return
        after = tuple(sorted(max(0, r - 1) for r in loads))
        self._step(t + 1, after, done, value, plan)
