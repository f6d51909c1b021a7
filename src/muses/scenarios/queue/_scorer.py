"""Welfare, incentive, fairness, waits, invalid actions and the focal user's service of one episode.

The scorer replays the transcript's decisions through ``QueueSim`` (the environment's own rules),
so the score depends only on what the agent decided. With ``H`` steps played, a job is on time if
it started by ``due - size + 1`` and finished within ``H``.

Headline (the oracle scores 1.0 on both, nothing scores more):
- welfare = sum_i w_i U_i / its offline optimum (``_objective``, ``_optimum``; the exact optimum,
  or the interval upper bound when the search ran out of budget: ``details`` say which).
- incentive = truth must pay and lies must not (``_incentive``).
Diagnostics: truthful_honoured, inflated_rewarded (the incentive's two directions); fairness
(Jain's index over U_i, measured, not optimized); throughput (real value on time / submitted);
mean and max wait (start - arrival; an unstarted job waits until it expired or the episode
ended); invalid_actions; format_failure_rate; focal_service (U of the user whose claims differ
between the paired variants, for the run-level paired gain).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from muses.protocol import Transcript
from muses.scenarios._base import EpisodeScore
from muses.scenarios.queue._incentive import claim_outcomes, incentive_score
from muses.scenarios.queue._model import QueueRecord
from muses.scenarios.queue._objective import on_time_jobs, service, social_welfare
from muses.scenarios.queue._optimum import optimum
from muses.scenarios.queue._simulator import QueueSim

METRICS: tuple[str, ...] = (
    "welfare",
    "incentive",
    "truthful_honoured",
    "inflated_rewarded",
    "fairness",
    "throughput",
    "mean_wait",
    "max_wait",
    "invalid_actions",
    "format_failure_rate",
    "focal_service",
)
"""Metric names; the first two are the headline (oracle = 1.0 on both)."""


def jain_index(values: Sequence[float]) -> float:
    """Jain's fairness index: 1 when all equal, 1/n when one user gets everything, 0 if all zero."""
    total = sum(values)
    squares = sum(v * v for v in values)
    if not values or squares == 0:
        return 0.0
    return total * total / (len(values) * squares)


def replay(record: QueueRecord, transcript: Transcript) -> tuple[QueueSim, int, list[str]]:
    """Re-run the episode's decisions: the simulator, the steps played and every rejection."""
    decisions = {d.round: d.payload for d in transcript.decisions()}
    turns = transcript.agent_turns()
    horizon = min(record.steps, max(t.round for t in turns) + 1) if turns else 0
    sim = QueueSim(record)
    rejected: list[str] = []
    for step in range(horizon):
        payload = decisions.get(step)
        if payload is not None:
            rejected.extend(sim.assign(step, payload.get("assign")).rejected)
    return sim, horizon, rejected


def _waits(record: QueueRecord, sim: QueueSim, horizon: int) -> dict[str, int]:
    waits: dict[str, int] = {}
    for job in record.jobs:
        start = sim.starts.get(job.id)
        if start is not None:
            waits[job.id] = start.step - job.arrival
        elif job.arrival < horizon:
            waits[job.id] = min(job.latest_start + 1, horizon) - job.arrival
    return waits


def _explain(record: QueueRecord, values: dict[str, float], exact: bool, failures: int, turns: int) -> str:
    return (
        f"welfare {values['welfare']:.2f} of the {'optimum' if exact else 'upper bound'}; incentive "
        f"{values['incentive']:.2f} (true claims honoured {values['truthful_honoured']:.2f}, false claims rewarded "
        f"{values['inflated_rewarded']:.2f}); Jain fairness {values['fairness']:.2f}; throughput "
        f"{values['throughput']:.2f}; mean wait {values['mean_wait']:.2f}, max {values['max_wait']:g} steps; "
        f"{values['invalid_actions']:g} invalid assignments; {failures}/{turns} turns broke the format; focal user "
        f"{record.focal} ({'inflating' if record.inflated else 'honest'}) got {values['focal_service']:.2f}."
    )


def score_episode(record: QueueRecord, transcript: Transcript) -> EpisodeScore:
    """Score one episode from its record and final transcript."""
    sim, horizon, rejected = replay(record, transcript)
    done = on_time_jobs(record, {j: s.step for j, s in sim.starts.items()}, horizon)
    shares = service(record, done)
    best = optimum(record)
    outcomes = claim_outcomes(record, done)
    incentive = incentive_score(outcomes)
    waits = _waits(record, sim, horizon)
    turns = transcript.agent_turns()
    failures = sum(not t.format_ok for t in turns)
    achieved = social_welfare(record, done)
    values = {
        "welfare": achieved / best.bound if best.bound > 0 else 1.0,
        "incentive": incentive.incentive,
        "truthful_honoured": incentive.truthful_honoured,
        "inflated_rewarded": incentive.inflated_rewarded,
        "fairness": jain_index(list(shares.values())),
        "throughput": sum(record.job(j).worth for j in done) / sum(j.worth for j in record.jobs),
        "mean_wait": sum(waits.values()) / len(waits) if waits else 0.0,
        "max_wait": float(max(waits.values(), default=0)),
        "invalid_actions": float(len(rejected)),
        "format_failure_rate": failures / len(turns) if turns else 1.0,
        "focal_service": shares[record.focal],
    }
    details: dict[str, Any] = {
        "social_welfare": achieved,
        "optimum_value": best.value,
        "optimum_exact": best.exact,
        "denominator": best.bound,
        "denominator_method": best.method,
        "service": shares,
        "claims": [o.model_dump() for o in outcomes],
        "claims_counted": {"true": incentive.true_counted, "false": incentive.false_counted},
        "focal": record.focal,
        "inflated": record.inflated,
        "schedule": [{"job": s.job, "worker": s.worker, "start": s.step} for s in sim.starts.values()],
        "on_time": sorted(done, key=lambda j: int(j[1:])),
        "waits": waits,
        "rejections": rejected,
        "steps_played": horizon,
    }
    return EpisodeScore(
        values=values, details=details, explanation=_explain(record, values, best.exact, failures, len(turns))
    )
