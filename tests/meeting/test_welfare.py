"""The exact optimum, welfare regret and the burden Gini (CalBench's measures, adapted)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from muses.scenarios.meeting import GRID, generate
from muses.scenarios.meeting._welfare import burden_gini, concessions, gini, regret

RECORDS = generate("dev")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([0.0, 0.5, 1.0]), min_size=1, max_size=30), st.randoms(use_true_random=False))
def test_gini_is_a_normalized_permutation_invariant_inequality(values: list[float], rng: object) -> None:
    shuffled = list(values)
    rng.shuffle(shuffled)  # type: ignore[attr-defined]
    assert 0.0 <= gini(values) <= 1.0 and gini(values) == pytest.approx(gini(shuffled))
    if len(set(values)) == 1:
        assert gini(values) == 0.0


@pytest.mark.parametrize("n", [2, 3, 10, 30])
def test_gini_extremes(n: int) -> None:
    assert gini([0.0] * (n - 1) + [0.5]) == 1.0, "one user bears every concession"
    assert gini([0.5] * n) == 0.0 and gini([0.0] * n) == 0.0


def test_the_optimum_is_the_best_feasible_slot_of_the_whole_grid() -> None:
    for record in RECORDS:
        feasible = [s for s in GRID if all(record.of(u).can_attend(s) for u in record.required)]
        assert record.optimum() == max(record.welfare(s) for s in feasible)
        everyone = {u.id for u in record.users}
        for slot in feasible:
            value = regret(record, slot, everyone)
            assert 0.0 <= value <= 1.0
            assert (value == 0.0) == (slot in record.best_slots())
            assert 0.0 <= burden_gini(record, slot, everyone) <= 1.0


def test_leaving_someone_out_is_a_concession_and_costs_welfare() -> None:
    record = RECORDS[0]
    slot = record.best_slots()[0]
    everyone = {u.id for u in record.users}
    attending = [u for u in everyone if record.of(u).can_attend(slot)]
    fewer = everyone - {attending[0]}
    assert regret(record, slot, fewer) > regret(record, slot, everyone)
    assert concessions(record, slot, fewer)[attending[0]] > concessions(record, slot, everyone)[attending[0]]
