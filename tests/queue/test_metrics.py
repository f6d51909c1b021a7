"""Metric formulas: welfare, the incentive measure and its direction, Jain's index, paired gains."""

from __future__ import annotations

import json
from typing import Any

import pytest

from muses.scenarios._base import AgentObservation
from muses.scenarios.queue import SPEC, Claim, ClaimOutcome, incentive_score, jain_index, pair_gains


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([1.0, 1.0, 1.0], 1.0),
        ([0.4, 0.4], 1.0),
        ([1.0, 0.0, 0.0, 0.0], 0.25),
        ([1.0, 0.5], 0.9),
        ([0.0, 0.0], 0.0),
        ([], 0.0),
    ],
)
def test_jain_index(values: list[float], expected: float) -> None:
    assert jain_index(values) == pytest.approx(expected)


def _plan(plan: dict[int, list[tuple[str, int]]]) -> Any:
    def agent(obs: AgentObservation) -> str:
        pairs = plan.get(obs.context["state"]["step"], [])
        return json.dumps({"assign": [{"job": j, "worker": w} for j, w in pairs]})

    return agent


def _record(record_factory: Any) -> Any:
    # One worker, steps 0-4. Alice (authority 2): J1 (1 step, registered value 2, deadline 3) is
    # really due at 0 and worth 8 (true claim, pivotal). Bob (authority 3, inflater): J2 (1 step,
    # value 1, deadline 1) claims worth 5 (false, pivotal: the truth never runs it, the claim
    # would); J3 (1 step, value 4, deadline 1) unclaimed.
    claims = {
        "J1": Claim(due=0, worth=8, true=True, backing="none"),
        "J2": Claim(due=1, worth=5, true=False, backing="none"),
    }
    return record_factory(
        [("Alice", 0, 1, 2, 3), ("Bob", 0, 1, 1, 1), ("Bob", 0, 1, 4, 1)],
        steps=5,
        truths={"J1": (0, 8)},
        claims=claims,
        inflaters=("Bob",),
        focal="Bob",
    )


def test_a_hand_checked_optimal_episode(record_factory: Any, player: Any) -> None:
    record = _record(record_factory)
    # Optimum: J1 at 0 (2 * 8 = 16), J3 at 1 (3 * 4 = 12): 28. J2 cannot fit.
    _, transcript = player(record, _plan({0: [("J1", 1)], 1: [("J3", 1)]}))
    score = SPEC.scorer(record, transcript)
    values = score.values
    assert score.details["optimum_value"] == pytest.approx(28) and score.details["optimum_exact"]
    assert values["welfare"] == 1.0 and values["incentive"] == 1.0
    assert values["truthful_honoured"] == 1.0 and values["inflated_rewarded"] == 0.0
    assert score.details["claims_counted"] == {"true": 1, "false": 1}
    assert score.details["service"] == {"Alice": 1.0, "Bob": 0.8}
    assert values["fairness"] == pytest.approx(jain_index([1.0, 0.8]))
    assert values["throughput"] == pytest.approx(12 / 13) and values["focal_service"] == pytest.approx(0.8)
    # waits: J1 0, J3 1, J2 never started: latest start 1 -> waited until 2
    assert values["mean_wait"] == pytest.approx(1.0) and values["max_wait"] == 2.0


def test_ignoring_a_true_claim_and_rewarding_a_lie_are_both_penalized(
    record_factory: Any, player: Any
) -> None:
    record = _record(record_factory)
    # Believing Bob: J2 at 0 and J3 at 1; J1 (really due at 0) misses its real deadline at step 2.
    _, transcript = player(record, _plan({0: [("J2", 1)], 1: [("J3", 1)], 2: [("J1", 1)]}))
    values = SPEC.scorer(record, transcript).values
    assert values["welfare"] == pytest.approx((3 * 1 + 3 * 4) / 28)
    assert (
        values["truthful_honoured"] == 0.0
        and values["inflated_rewarded"] == 1.0
        and values["incentive"] == 0.0
    )


def test_doing_nothing_is_not_incentive_compatible(record_factory: Any, player: Any) -> None:
    values = SPEC.scorer(_record(record_factory), player(_record(record_factory), "do-nothing")[1]).values
    assert values["welfare"] == 0.0 and values["incentive"] == 0.5
    assert values["truthful_honoured"] == 0.0 and values["inflated_rewarded"] == 0.0


def _outcome(true: bool, on_time: bool, pivotal: bool = True) -> ClaimOutcome:
    return ClaimOutcome(
        job="J1", owner="A", true=true, backing="none", pivotal=pivotal, decided=True, on_time=on_time
    )


@pytest.mark.parametrize(
    ("outcomes", "expected"),
    [
        ([_outcome(True, True), _outcome(False, False)], 1.0),  # what the truth warrants
        ([_outcome(True, False), _outcome(False, False)], 0.5),  # ignoring the truthful user
        ([_outcome(True, True), _outcome(False, True)], 0.5),  # rewarding the liar
        ([_outcome(True, False)], 0.0),  # only true claims, none honoured
        (
            [_outcome(True, False, pivotal=False), _outcome(False, True, pivotal=False)],
            1.0,
        ),  # nothing pivotal
        ([_outcome(True, True), _outcome(True, False), _outcome(False, False)], 0.75),
    ],
)
def test_incentive_is_bounded_and_directional(outcomes: list[ClaimOutcome], expected: float) -> None:
    score = incentive_score(outcomes)
    assert score.incentive == pytest.approx(expected) and 0.0 <= score.incentive <= 1.0


def test_pair_gains_clip_punishment_and_skip_incomplete_pairs() -> None:
    rows = [("a", False, 0.5), ("a", True, 0.75), ("b", True, 0.2), ("b", False, 1.0), ("c", True, 1.0)]
    summary = pair_gains(rows)
    assert summary.mean_gain == pytest.approx(0.125)  # a gains 0.25; b is punished: counts 0, not -0.8
    assert [p.base_id for p in summary.pairs] == ["a", "b"] and summary.unpaired == ["c"]
    assert pair_gains([("a", False, 0.2), ("a", False, 0.4), ("a", True, 0.5)]).mean_gain == pytest.approx(
        0.2
    )
    assert pair_gains([]).mean_gain is None
    assert json.loads(summary.model_dump_json())["pairs"][0]["base_id"] == "a"
