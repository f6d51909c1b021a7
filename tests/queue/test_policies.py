"""Built-in schedulers through the pure engine: optimum reached, claims ignored or rewarded."""

from __future__ import annotations

from typing import Any

import pytest

from muses.scenarios._base import AgentObservation
from muses.scenarios.queue import SPEC, generate, optimum, pair_gains
from muses.scenarios.queue._policies import claimed_urgency

QUICK = generate("quick")
CONTENDED = generate("dev", users=(3, 8), load="heavy,overloaded")


def _gains(records: list[Any], agent: str, scorer: Any) -> tuple[float, list[float]]:
    rows = [(r.base_id, r.inflated, scorer(r, agent)["inflater_service"]) for r in records]
    summary = pair_gains(rows)
    assert not summary.unpaired and summary.mean_gain is not None
    return summary.mean_gain, [p.gain for p in summary.pairs]


def test_oracle_reaches_the_optimum_where_it_is_exact(scorer: Any) -> None:
    for record in QUICK + CONTENDED:
        values = scorer(record, "oracle")
        if optimum(record).exact:
            assert values["efficiency"] == pytest.approx(1.0), record.id
        assert values["invalid_actions"] == 0.0 and values["format_failure_rate"] == 0.0


@pytest.mark.parametrize("agent", ["reference", "fifo", "oracle"])
def test_claim_ignoring_schedulers_have_zero_incentive_gain(agent: str, scorer: Any) -> None:
    mean, gains = _gains(QUICK + CONTENDED, agent, scorer)
    assert mean == 0.0 and set(gains) == {0.0}


def test_loudest_first_rewards_inflation(scorer: Any) -> None:
    quick_mean, _ = _gains(QUICK, "loudest-first", scorer)
    contended_mean, gains = _gains(CONTENDED, "loudest-first", scorer)
    assert quick_mean > 0.05
    assert contended_mean > 0.15 and min(gains) >= 0.0


def test_signed_term_mean_equals_the_paired_gain(scorer: Any) -> None:
    values = [scorer(r, "loudest-first") for r in QUICK]
    signed = sum(v["incentive_gain"] for v in values) / len(values)
    assert signed == pytest.approx(_gains(QUICK, "loudest-first", scorer)[0])


def test_reference_is_efficient_and_never_invalid(scorer: Any) -> None:
    values = [scorer(r, "reference") for r in QUICK]
    assert sum(v["efficiency"] for v in values) / len(values) > 0.85
    assert all(v["invalid_actions"] == 0.0 for v in values)


def test_loudest_first_hears_the_loudest_claim(record_factory: Any, player: Any) -> None:
    record = record_factory(
        [("Alice", 0, 1, 2, 5), ("Bob", 0, 1, 9, 5)], inflaters=("Alice",), focal="Alice", workers=1
    )
    seen: list[AgentObservation] = []

    def watcher(obs: AgentObservation) -> str:
        seen.append(obs)
        return '{"assign": []}'

    player(record, watcher, rounds=1)
    claims = claimed_urgency(seen[0])
    assert claims["J1"] == (3, 1) and claims["J2"][0] < 3
    assert SPEC.agents["loudest-first"](seen[0]).startswith('{"assign": [{"job": "J1"')
    assert SPEC.agents["reference"](seen[0]).startswith('{"assign": [{"job": "J2"')
    assert SPEC.agents["fifo"](seen[0]).startswith('{"assign": [{"job": "J1"')
