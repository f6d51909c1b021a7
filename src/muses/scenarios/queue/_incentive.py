"""Incentive compatibility from paired variants: does inflating urgency buy service?

An episode's scorer cannot see its pair, so each episode records ``inflater_service`` (the focal
user's share of submitted value completed) and this module matches the honest and inflated
variants of each base scenario: gain = service(inflated) - service(honest). Positive means the
scheduler rewards inflated claims; 0 is incentive compatible. Pure functions over rows; reading
them from logs is the report's job (``muses.report.queue_incentive``). ``muses check`` reads the
equivalent signed per-episode term ``incentive_gain``, see ``_scorer``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from pydantic import BaseModel, Field


class PairGain(BaseModel):
    """The focal user's service in both variants of one base scenario."""

    base_id: str
    honest: float
    inflated: float

    @property
    def gain(self) -> float:
        """Service gained by inflating (lower is better; 0 means inflating does not pay)."""
        return self.inflated - self.honest


class IncentiveSummary(BaseModel):
    """Mean gain over complete pairs, and what could not be paired."""

    mean_gain: float | None = Field(description="Mean of inflated - honest service; None without pairs.")
    pairs: list[PairGain]
    unpaired: list[str] = Field(default_factory=list, description="base_ids with only one variant present.")


def pair_gains(rows: Iterable[tuple[str, bool, float]]) -> IncentiveSummary:
    """Match (base_id, inflated, inflater_service) rows into pairs; repeated rows (epochs) are averaged."""
    seen: dict[tuple[str, bool], list[float]] = defaultdict(list)
    for base_id, is_inflated, service in rows:
        seen[(base_id, bool(is_inflated))].append(float(service))
    pairs: list[PairGain] = []
    unpaired: list[str] = []
    for base_id in sorted({b for b, _ in seen}):
        honest, inflated = seen.get((base_id, False), []), seen.get((base_id, True), [])
        if honest and inflated:
            pairs.append(
                PairGain(base_id=base_id, honest=sum(honest) / len(honest), inflated=sum(inflated) / len(inflated))
            )
        else:
            unpaired.append(base_id)
    mean = sum(p.gain for p in pairs) / len(pairs) if pairs else None
    return IncentiveSummary(mean_gain=mean, pairs=pairs, unpaired=unpaired)
