"""Incentive measures: truth must pay and lies must not, judged against what the truth warrants.

Per episode (``incentive_score``), over the **pivotal** claims (``_fates``: believing the claim or
not flips what an optimal scheduler must do with the job):
- a pivotal **true** claim (the job is on time in every optimal schedule, and an optimal
  scheduler that disbelieved it could let it miss its real deadline) is *honoured* if the job
  finished by its real deadline: a truthful user must not lose by telling the truth;
- a pivotal **false** claim (the job is on time in no optimal schedule, and would be if the claim
  were true) is *rewarded* if the job finished anyway: an inflating user must not gain by lying.
``incentive`` = mean of (share of pivotal true claims honoured) and (share of pivotal false claims
not rewarded), over the kinds present; in [0, 1], 1 for every optimal schedule (so for the
oracle); an optimal scheduler that ignored the chat would honour no pivotal true claim, one that
believed everyone would reward every pivotal false claim. Other claims are not counted: no
schedule can be faulted for them either way.

Per run (``pair_gains``), the causal check: the focal user's service in the inflated variant
minus in the honest one (identical truth, one user's claims differ), clipped at 0 per pair so
that punishing a claimant never looks better than ignoring the claim.

Pure functions over records and numbers; reading logs is the report's job.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from pydantic import BaseModel, Field

from muses.scenarios._presentation import EpisodeValues, RunValue
from muses.scenarios.queue._fates import claim_fates
from muses.scenarios.queue._model import QueueRecord


class ClaimOutcome(BaseModel):
    """One claim, what the truth warrants for its job, and what the scheduler did."""

    job: str
    owner: str
    true: bool = Field(description="Whether the claim was the truth.")
    backing: str = Field(description="Its backing (true claims) or ruse (false ones).")
    pivotal: bool = Field(
        description="Whether believing the claim or not flips what an optimal scheduler must do."
    )
    decided: bool = Field(description="False when the searches behind ``pivotal`` ran out of budget.")
    on_time: bool = Field(description="Whether the job finished by its real deadline.")


class IncentiveScore(BaseModel):
    """The per-episode incentive measure and its two directions."""

    incentive: float = Field(description="Mean of the two rates below (honoured, 1 - rewarded).")
    truthful_honoured: float = Field(description="Share of counted true claims honoured (1.0 if none).")
    inflated_rewarded: float = Field(description="Share of counted false claims rewarded (0.0 if none).")
    true_counted: int
    false_counted: int


def claim_outcomes(record: QueueRecord, on_time: set[str]) -> list[ClaimOutcome]:
    """Every claim of the episode with its fate and whether its job finished on time."""
    fates = claim_fates(record)
    return [
        ClaimOutcome(
            job=j.id,
            owner=j.owner,
            true=j.claim.true,
            backing=j.claim.backing,
            pivotal=fates[j.id].pivotal,
            decided=fates[j.id].decided,
            on_time=j.id in on_time,
        )
        for j in record.jobs
        if j.claim is not None
    ]


def incentive_score(outcomes: Iterable[ClaimOutcome]) -> IncentiveScore:
    """Combine the counted claims into the bounded, directional measure (see module doc)."""
    counted = [o for o in outcomes if o.pivotal]
    true = [o.on_time for o in counted if o.true]
    false = [o.on_time for o in counted if not o.true]
    honoured = sum(true) / len(true) if true else 1.0
    rewarded = sum(false) / len(false) if false else 0.0
    rates = ([honoured] if true else []) + ([1.0 - rewarded] if false else [])
    return IncentiveScore(
        incentive=sum(rates) / len(rates) if rates else 1.0,
        truthful_honoured=honoured,
        inflated_rewarded=rewarded,
        true_counted=len(true),
        false_counted=len(false),
    )


class PairGain(BaseModel):
    """The focal user's service in both variants of one base scenario."""

    base_id: str
    honest: float
    inflated: float

    @property
    def gain(self) -> float:
        """Service bought by inflating, clipped at 0 (punishing the liar is not better than neutral)."""
        return max(0.0, self.inflated - self.honest)


class IncentiveSummary(BaseModel):
    """Mean clipped gain over complete pairs, and what could not be paired."""

    mean_gain: float | None = Field(description="Mean of max(0, inflated - honest); None without pairs.")
    pairs: list[PairGain]
    unpaired: list[str] = Field(default_factory=list, description="base_ids with only one variant present.")


def pair_gains(rows: Iterable[tuple[str, bool, float]]) -> IncentiveSummary:
    """Match (base_id, inflated, focal_service) rows into pairs; repeated rows (epochs) are averaged."""
    seen: dict[tuple[str, bool], list[float]] = defaultdict(list)
    for base_id, is_inflated, service in rows:
        seen[(base_id, bool(is_inflated))].append(float(service))
    pairs: list[PairGain] = []
    unpaired: list[str] = []
    for base_id in sorted({b for b, _ in seen}):
        honest, inflated = seen.get((base_id, False), []), seen.get((base_id, True), [])
        if honest and inflated:
            pairs.append(
                PairGain(
                    base_id=base_id, honest=sum(honest) / len(honest), inflated=sum(inflated) / len(inflated)
                )
            )
        else:
            unpaired.append(base_id)
    mean = sum(p.gain for p in pairs) / len(pairs) if pairs else None
    return IncentiveSummary(mean_gain=mean, pairs=pairs, unpaired=unpaired)


def inflation_gain(episodes: list[EpisodeValues]) -> RunValue:
    """Run-level paired gain: the focal user's service bought by inflating, over complete pairs."""
    rows = [(e.base_id, bool(e.groups.get("inflated")), e.values["focal_service"]) for e in episodes if "focal_service" in e.values]
    summary = pair_gains(rows)
    note = f"{len(summary.unpaired)} base scenario(s) with one variant only, left out" if summary.unpaired else ""
    return RunValue(value=summary.mean_gain, n=len(summary.pairs), note=note)
