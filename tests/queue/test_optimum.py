"""The offline optimum of sum_i w_i U_i: exact against brute force, a valid bound otherwise."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

import pytest

from muses.scenarios.queue import generate, optimum, social_welfare, solve, welfare_items
from muses.scenarios.queue._optimum import BOUND_METHOD, EXACT_METHOD, interval_bound
from muses.scenarios.queue._search import Item


def random_items(rng: random.Random, count: int, steps: int = 8) -> list[Item]:
    items = []
    for number in range(1, count + 1):
        size = rng.randint(1, 3)
        release = rng.randint(0, steps - size)
        items.append(
            Item(
                f"J{number}",
                release,
                release + rng.randint(0, 3),
                size,
                rng.randint(1, 9) * rng.choice((1, 2, 7)),
            )
        )
    return items


def brute_force(workers: int, items: Sequence[Item], all_schedules: Any) -> float:
    return max(value for value, _ in all_schedules(workers, items))


@pytest.mark.parametrize("seed", range(40))
def test_exact_search_matches_brute_force(seed: int, all_schedules: Any) -> None:
    rng = random.Random(seed)
    items = random_items(rng, rng.randint(1, 6))
    workers = rng.randint(1, 2)
    result = solve(workers, items)
    assert result.exact and result.method == EXACT_METHOD
    assert result.value == pytest.approx(brute_force(workers, items, all_schedules))
    starts = {p.job: p.start for p in result.schedule}
    assert sum(i.weight for i in items if i.key in starts) == pytest.approx(result.value)
    assert all(
        next(i for i in items if i.key == j).release <= s <= next(i for i in items if i.key == j).latest
        for j, s in starts.items()
    )


@pytest.mark.parametrize("seed", range(20))
def test_target_mode_answers_reachability(seed: int, all_schedules: Any) -> None:
    rng = random.Random(100 + seed)
    items = random_items(rng, rng.randint(2, 6))
    best = brute_force(1, items, all_schedules)
    assert solve(1, items, target=best).value >= best - 1e-9
    above = solve(1, items, target=best + 0.5)
    assert above.exact and above.value < best + 0.5


@pytest.mark.parametrize("seed", range(20))
def test_interval_bound_is_an_upper_bound(seed: int, all_schedules: Any) -> None:
    rng = random.Random(200 + seed)
    items = random_items(rng, rng.randint(1, 6))
    workers = rng.randint(1, 2)
    assert interval_bound(workers, items) >= brute_force(workers, items, all_schedules) - 1e-9


def test_budget_exhaustion_falls_back_to_the_bound() -> None:
    rng = random.Random(7)
    items = random_items(rng, 14, steps=12)
    result = solve(2, items, budget=5)
    assert not result.exact and result.method == BOUND_METHOD
    assert result.bound >= solve(2, items).value - 1e-9 and result.value <= result.bound


def test_generated_optima_are_exact_and_feasible(scorer: Any) -> None:
    for record in generate("quick")[::2]:
        best = optimum(record)
        assert best.exact and best.bound == best.value
        assert social_welfare(record, {p.job for p in best.schedule}) == pytest.approx(best.value)
        assert len(welfare_items(record)) == len(record.jobs)
        assert scorer(record, "oracle")["welfare"] == pytest.approx(1.0)
