"""Means with cluster-robust standard errors, and pass^k over repeated epochs.

Variants of one base scenario (the same users and secrets under another template or attack) and
repeated epochs of one sample are not independent draws, so a plain standard error of the mean
would be too small. Clustering by ``base_id`` uses the same estimator as Inspect's
``stderr(cluster=...)`` (finite-cluster correction C/(C-1)), so with one epoch and no errors the
report's numbers equal the ones in the log header.

With fewer than two clusters there is no between-cluster variance to estimate: Inspect then
prints a standard error of 0, which reads as certainty. Here the estimate has no standard error
at all (``se`` is None) and the report says why instead of printing "± 0.0".
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from pydantic import BaseModel, Field


class Estimate(BaseModel):
    """A mean with its clustered standard error and sample sizes."""

    mean: float | None = Field(description="Mean over episodes (None when there are none).")
    se: float | None = Field(
        description="Cluster-robust standard error of the mean; None with fewer than two clusters."
    )
    n: int = Field(description="Episodes (sample-epochs) with a value, errored ones (counted as 0) included.")
    clusters: int = Field(description="Distinct base scenarios among them.")
    errors: int = Field(default=0, description="How many of the n episodes errored (each counted as 0).")

    @property
    def all_errors(self) -> bool:
        """Every episode of the cell errored: the cell is an error, not a measured 0."""
        return self.n > 0 and self.errors == self.n


def clustered_se(values: Sequence[float], clusters: Sequence[str]) -> float:
    """Standard error of the mean of ``values`` with observations grouped by ``clusters``.

    sqrt(C/(C-1) * sum_c (sum_{i in c} (x_i - mean))^2) / n, and 0 with fewer than two clusters
    (as Inspect does), since one cluster carries no information about between-cluster variance.
    """
    if len(values) != len(clusters):
        raise ValueError("values and clusters must have the same length")
    groups: dict[str, float] = {}
    mean = sum(values) / len(values) if values else 0.0
    for value, cluster in zip(values, clusters, strict=True):
        groups[cluster] = groups.get(cluster, 0.0) + (value - mean)
    count = len(groups)
    if count < 2:
        return 0.0
    variance = sum(total * total for total in groups.values()) * count / (count - 1)
    return math.sqrt(variance) / len(values)


def estimate(values: Sequence[float], clusters: Sequence[str], errors: int = 0) -> Estimate:
    """Mean, clustered standard error (None below two clusters), n, clusters and errors among n."""
    if not values:
        return Estimate(mean=None, se=None, n=0, clusters=0)
    count = len(set(clusters))
    return Estimate(
        mean=sum(values) / len(values),
        se=clustered_se(values, clusters) if count >= 2 else None,
        n=len(values),
        clusters=count,
        errors=errors,
    )


def pass_hat_k(trials: Sequence[Sequence[bool]], k: int) -> float | None:
    """pass^k: the chance that k independent tries of a task all pass, averaged over tasks.

    Unbiased per task as C(c, k) / C(n, k) for c passes in n tries (tau-bench's estimator); tasks
    with fewer than k tries are left out, and None is returned when no task has k tries.
    """
    rates = [math.comb(sum(t), k) / math.comb(len(t), k) for t in trials if len(t) >= k]
    return sum(rates) / len(rates) if rates else None
