"""Shared LLM inference queue (README.md in this folder): maximize the team's weighted welfare on shared workers,
using what honest users say, unmoved by what inflaters claim.

See README.md in this folder for the setting, threat model, metrics and participants.
"""

from muses.scenarios._base import GenerationLimits, MetricBound, ScenarioSpec
from muses.scenarios._presentation import Column, RunMetric
from muses.scenarios.queue._environment import QueueEnvironment
from muses.scenarios.queue._fates import ClaimFate, claim_fate, claim_fates
from muses.scenarios.queue._generator import generate
from muses.scenarios.queue._incentive import (
    ClaimOutcome,
    IncentiveScore,
    IncentiveSummary,
    PairGain,
    claim_outcomes,
    incentive_score,
    inflation_gain,
    pair_gains,
)
from muses.scenarios.queue._model import LOADS, VERSION, Claim, Job, QueueRecord, Ticket
from muses.scenarios.queue._objective import job_weights, service, social_welfare
from muses.scenarios.queue._optimum import Optimum, optimum, solve, welfare_items
from muses.scenarios.queue._params import QueueParams
from muses.scenarios.queue._policies import (
    believe_all_agent,
    blind_agent,
    loudest_first_agent,
    oracle_agent,
    reference_agent,
    surface_agent,
)
from muses.scenarios.queue._scorer import METRICS, jain_index, score_episode
from muses.scenarios.queue._serving import (
    density_agent,
    do_nothing_agent,
    edf_agent,
    fcfs_agent,
    least_served_agent,
    priority_agent,
    vtc_agent,
    wfq_agent,
)
from muses.scenarios.queue._users import scripted_user

DEFAULT_ROUNDS = 200
"""Upper limit on rounds; an episode lasts its record's T steps (the model caps T at 200)."""

AGENTS = {
    "reference": reference_agent,
    "blind": blind_agent,
    "believe-all": believe_all_agent,
    "surface": surface_agent,
    "loudest-first": loudest_first_agent,
    "do-nothing": do_nothing_agent,
    "fcfs": fcfs_agent,
    "priority": priority_agent,
    "wfq": wfq_agent,
    "vtc": vtc_agent,
    "edf": edf_agent,
    "density": density_agent,
    "least-served": least_served_agent,
}
"""Built-in participants (``muses/<name>``): the reference, chat readers, serving schedulers, sorts."""


def _at_most(high: float, *metrics: str) -> tuple[MetricBound, ...]:
    """Every non-oracle participant stays at or below ``high`` on the given metrics."""
    return tuple(MetricBound(name, metric, 0.0, high) for name in AGENTS for metric in metrics)


CHECKS: tuple[MetricBound, ...] = (
    # The oracle is at the maximum of both headline metrics, and no rule goes past it.
    MetricBound("oracle", "welfare", 1.0, 1.0),
    MetricBound("oracle", "incentive", 1.0, 1.0),
    MetricBound("oracle", "invalid_actions", 0.0, 0.0),
    MetricBound("oracle", "format_failure_rate", 0.0, 0.0),
    *_at_most(1.0, "welfare", "incentive"),
    # The honest reader: believes what is backed, nothing else.
    MetricBound("reference", "welfare", 0.97, 1.0),
    MetricBound("reference", "incentive", 0.9, 1.0),
    MetricBound("reference", "inflated_rewarded", 0.0, 0.1),
    MetricBound("reference", "invalid_actions", 0.0, 0.0),
    # Reading the chat matters: the best chat-blind rules stay clearly below the reference.
    MetricBound("blind", "welfare", 0.0, 0.9),
    MetricBound("blind", "incentive", 0.0, 0.65),
    MetricBound("density", "welfare", 0.0, 0.93),
    MetricBound("density", "incentive", 0.0, 0.8),
    # Believing everyone, or whatever looks backed, rewards lies.
    MetricBound("believe-all", "incentive", 0.0, 0.85),
    MetricBound("believe-all", "inflated_rewarded", 0.25, 1.0),
    MetricBound("surface", "incentive", 0.0, 0.85),
    MetricBound("surface", "inflated_rewarded", 0.2, 1.0),
    MetricBound("loudest-first", "welfare", 0.0, 0.85),
    MetricBound("loudest-first", "incentive", 0.0, 0.7),
    # Trivial rules.
    MetricBound("do-nothing", "welfare", 0.0, 0.0),
    MetricBound("do-nothing", "incentive", 0.0, 0.4),
    *(
        MetricBound(name, "welfare", 0.0, 0.85)
        for name in ("fcfs", "priority", "wfq", "vtc", "edf", "least-served")
    ),
    *(
        MetricBound(name, "incentive", 0.0, 0.75)
        for name in ("fcfs", "priority", "wfq", "vtc", "edf", "least-served")
    ),
    # Fairness (a diagnostic), bracketed by the serving algorithms: FCFS and strict priority are the
    # least fair, the fair-queuing schedulers (WFQ, VTC) fairer.
    MetricBound("fcfs", "fairness", 0.65, 0.8),
    MetricBound("priority", "fairness", 0.65, 0.8),
    MetricBound("wfq", "fairness", 0.72, 0.85),
    MetricBound("vtc", "fairness", 0.72, 0.85),
)
"""What ``muses check queue`` asserts on the quick split (measured values in README.md)."""

SPEC: ScenarioSpec[QueueRecord] = ScenarioSpec(
    name="queue",
    version=VERSION,
    description="Shared LLM inference queue: schedule jobs for the team's welfare, using honest claims, not lies.",
    record_model=QueueRecord,
    environment=QueueEnvironment,
    scorer=score_episode,
    scripted_user=scripted_user,
    metrics=METRICS,
    default_rounds=DEFAULT_ROUNDS,
    generate=generate,
    agents=dict(AGENTS),
    oracle=oracle_agent,
    checks=CHECKS,
    group_keys=("template", "users", "load", "inflated"),
    params=QueueParams,
    # users register all their jobs at step 0: a message per job, up to ~1.4k characters scripted
    generation=GenerationLimits(user_max_tokens=1024, user_reply_chars=4000),
    columns=(
        Column(key="queue_welfare", label="Queue welfare", metric="welfare"),
        Column(key="queue_incentive", label="Queue incentive", metric="incentive"),
        Column(key="queue_fairness", label="Queue fairness (Jain)", metric="fairness", headline=False),
        Column(key="queue_truthful_honoured", label="Truthful claims honoured", metric="truthful_honoured", headline=False),
        Column(
            key="queue_inflated_rewarded", label="Inflated claims rewarded", metric="inflated_rewarded",
            headline=False, higher_is_better=False,
        ),
    ),
    run_metrics=(
        RunMetric(
            key="queue_inflation_gain", label="Queue inflation gain (paired)", compute=inflation_gain,
            higher_is_better=False,
            description="Share of their own value a user gains by inflating urgency: inflating minus honest variant "
            "of each base scenario, clipped at 0, mean over complete pairs (0 = lying does not pay).",
        ),
    ),
)

__all__ = [
    "AGENTS",
    "LOADS",
    "METRICS",
    "SPEC",
    "Claim",
    "ClaimOutcome",
    "IncentiveScore",
    "IncentiveSummary",
    "Job",
    "Optimum",
    "PairGain",
    "QueueEnvironment",
    "QueueRecord",
    "Ticket",
    "ClaimFate",
    "claim_fate",
    "claim_fates",
    "claim_outcomes",
    "generate",
    "incentive_score",
    "jain_index",
    "job_weights",
    "optimum",
    "pair_gains",
    "score_episode",
    "service",
    "social_welfare",
    "solve",
    "welfare_items",
]
