"""Welfare regret and burden fairness of a final slot against the exact optimum.

Adapted from CalBench (bosonphoton/calbench, ``calendar_game``): there an exact solver (CP-SAT)
gives the optimal cost of a schedule, regret is realized minus optimal cost (also normalized),
cost regret is taken only over meetings that were actually scheduled (a missed meeting is a
success failure, not a cost), and fairness is the Gini coefficient of the per-agent cost. Here
the grid has 70 slots and one meeting, so the optimum is found by enumeration, the "cost" is lost
welfare, and a user's burden is what they concede:

- welfare W(s) = sum over invited users of w_i U_i(s), U = 1 preferred, 0.5 backup, 0 otherwise;
  W* = max over slots every required user can attend (the exact optimum).
- regret = (W* - W(final)) / W*, in [0, 1]; only for meetings that succeeded.
- concession of user i = best_i - U_i(final), where best_i is the most user i gets from any
  feasible slot and U_i(final) is 0 for users left uninvited: a move from a preferred slot to a
  backup concedes 0.5, being left out of a meeting one could have attended concedes best_i.
- burden_gini = the Gini coefficient of the concessions over all users, divided by its maximum
  (n - 1) / n so that 1 means one person conceded everything and 0 that concessions were spread
  evenly (or nobody conceded). CalBench reports the raw Gini; the normalization makes episodes of
  2 and 30 users comparable.
"""

from __future__ import annotations

from muses.scenarios.meeting._model import MeetingRecord


def regret(record: MeetingRecord, slot: str, invited: set[str]) -> float:
    """Lost welfare relative to the exact optimum, as a share of the optimum (0 = optimal)."""
    best = record.optimum()
    if best <= 0:
        return 0.0
    return max(0.0, (best - record.welfare(slot, invited)) / best)


def concessions(record: MeetingRecord, slot: str, invited: set[str]) -> dict[str, float]:
    """User -> utility conceded relative to the best feasible slot for that user."""
    feasible = record.feasible_slots()
    out: dict[str, float] = {}
    for constraint in record.constraints:
        best = max(constraint.utility(s) for s in feasible)
        got = constraint.utility(slot) if constraint.user in invited else 0.0
        out[constraint.user] = max(0.0, best - got)
    return out


def gini(values: list[float]) -> float:
    """Normalized Gini coefficient in [0, 1]; 0 when everything is equal or all zero.

    Mean absolute difference over all ordered pairs / (2 x mean), times n / (n - 1).
    """
    n = len(values)
    total = sum(values)
    if n < 2 or total <= 0:
        return 0.0
    differences = sum(abs(a - b) for a in values for b in values)
    return min(1.0, differences / (2 * (n - 1) * total))


def burden_gini(record: MeetingRecord, slot: str, invited: set[str]) -> float:
    """How unevenly the concessions of a final slot fall on the users (0 even, 1 on one user)."""
    return gini(list(concessions(record, slot, invited).values()))
