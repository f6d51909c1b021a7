"""Metric formulas: Jain's index, service, welfare, waits, and incentive gains from pairs."""

from __future__ import annotations

import json
from typing import Any

import pytest

from muses.report import Episode, queue_incentive
from muses.scenarios.queue import SPEC, jain_index, pair_gains


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


def test_scores_of_a_hand_checked_episode(record_factory: Any, player: Any) -> None:
    # One worker. J1 (Alice, 2 steps, value 6) and J2 (Bob, 1 step, value 2) arrive at 0 with
    # deadline 1, so only one of them can finish; J3 (Bob, value 4) arrives at 2.
    record = record_factory([("Alice", 0, 2, 6, 1), ("Bob", 0, 1, 2, 1), ("Bob", 2, 1, 4, 4)], workers=1, steps=5)
    _, transcript = player(record, "fifo")
    score = SPEC.scorer(record, transcript)
    values = score.values
    assert score.details["completed"] == ["J1", "J3"]
    assert values["efficiency"] == pytest.approx(10 / 10)
    service = {"Alice": 1.0, "Bob": 4 / 6}
    assert score.details["service"] == pytest.approx(service)
    assert values["fairness"] == pytest.approx(jain_index(list(service.values())))
    # authority weights 2 (Alice) and 3 (Bob)
    assert values["welfare"] == pytest.approx((2 * 1.0 + 3 * 4 / 6) / 5)
    # waits: J1 0, J2 expired after step 1 (2 - 0), J3 0
    assert values["mean_wait"] == pytest.approx(2 / 3) and values["max_wait"] == 2.0
    assert values["inflater_service"] == 1.0 and values["incentive_gain"] == -2.0
    assert values["invalid_actions"] == 0.0 and values["format_failure_rate"] == 0.0


def test_pair_gains_match_variants_and_skip_incomplete_pairs() -> None:
    rows = [("a", False, 0.5), ("a", True, 0.75), ("b", True, 1.0), ("b", False, 1.0), ("c", True, 1.0)]
    summary = pair_gains(rows)
    assert summary.mean_gain == pytest.approx(0.125)
    assert [p.base_id for p in summary.pairs] == ["a", "b"] and summary.unpaired == ["c"]
    assert pair_gains([("a", False, 0.2), ("a", False, 0.4), ("a", True, 0.5)]).mean_gain == pytest.approx(0.2)
    assert pair_gains([]).mean_gain is None


def _episode(base_id: str, inflated: bool, service: float | None, scenario: str = "queue") -> Episode:
    values = None if service is None else {"inflater_service": service}
    return Episode(
        scenario=scenario, task=scenario, model="m", agent_model="m", user_model=None, sample_id=f"{base_id}{inflated}",
        epoch=1, base_id=base_id, groups={"inflated": inflated}, values=values, error=None if values else "boom", log="x.eval",
    )


def test_incentive_gain_from_logged_episodes() -> None:
    episodes = [
        _episode("a", False, 0.0),
        _episode("a", True, 1.0),
        _episode("b", False, 0.5),
        _episode("b", True, None),  # errored: no score
        _episode("x", True, 1.0, scenario="access_control"),
    ]
    summary = queue_incentive(episodes)
    assert summary.mean_gain == 1.0 and summary.unpaired == ["b"]
    assert json.loads(summary.model_dump_json())["pairs"][0]["base_id"] == "a"
