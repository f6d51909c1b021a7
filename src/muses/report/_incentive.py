"""Run-level incentive gain of the queue scenario, from the paired episodes in the logs.

One episode's scorer cannot see its pair (the honest and the inflated variant of one base
scenario), so this is computed here, over loaded episodes, with the queue scenario's pure
``pair_gains``.
"""

from __future__ import annotations

from collections.abc import Iterable

from muses.report._episodes import Episode
from muses.scenarios.queue import IncentiveSummary, pair_gains


def queue_incentive(episodes: Iterable[Episode]) -> IncentiveSummary:
    """Mean incentive gain over complete honest/inflated pairs of queue episodes (errors skipped)."""
    rows: list[tuple[str, bool, float]] = []
    for episode in episodes:
        if episode.scenario != "queue" or episode.values is None or "focal_service" not in episode.values:
            continue
        rows.append((episode.base_id, bool(episode.groups.get("inflated")), episode.values["focal_service"]))
    return pair_gains(rows)
