"""Exact planning on beliefs: what the belief-driven built-in schedulers do each step.

Every job is registered before the session starts, so a scheduler knows all registered facts at
step 0 and, once users have spoken, everything it is going to believe. The schedulers that read
the chat (``_policies``) differ only in what they believe about each job's real deadline and
value; each computes the schedule that maximizes sum_i w_i U_i *under its beliefs* (the same
exact search as the oracle, ``_optimum``) and starts what that schedule starts now. So the gap
between them and the oracle is exactly the cost of their beliefs, never of planning. If the
jobs already started disagree with the plan (beliefs changed mid-session), the plan is redone
with those starts pinned and nothing else starting in the past.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any, NamedTuple

from muses.scenarios.queue._optimum import solve
from muses.scenarios.queue._search import Item


class Belief(NamedTuple):
    """What a scheduler takes as a job's real deadline and value."""

    due: int
    worth: int


def believed_world(context: Mapping[str, Any], beliefs: Mapping[str, Belief]) -> tuple[Item, ...]:
    """Optimizer items for every registered job under the beliefs (registered facts otherwise)."""
    weights = {u["id"]: float(u["weight"]) for u in context["users"]}
    items = []
    for job in context["state"]["jobs"]:
        said = beliefs.get(job["id"], Belief(job["deadline"], job["value"]))
        latest = min(job["latest_start"], said.due - job["size"] + 1)
        items.append(Item(job["id"], job["arrival"], latest, job["size"], weights[job["owner"]] * said.worth))
    return tuple(items)


@lru_cache(maxsize=2048)
def _plan(workers: int, items: tuple[Item, ...]) -> dict[str, int]:
    """Job -> start step of the best schedule found for these items."""
    return {p.job: p.start for p in solve(workers, items).schedule}


def _pinned(items: tuple[Item, ...], started: Mapping[str, int], step: int) -> tuple[Item, ...]:
    """The same world with the jobs already started fixed at their start and the rest not in the past."""
    bonus = sum(i.weight for i in items) + 1.0
    pinned: list[Item] = []
    for item in items:
        if item.key in started:
            pinned.append(
                Item(item.key, started[item.key], started[item.key], item.size, item.weight + bonus)
            )
        elif max(item.release, step) <= item.latest:
            pinned.append(Item(item.key, max(item.release, step), item.latest, item.size, item.weight))
    return tuple(pinned)


def plan_now(context: Mapping[str, Any], beliefs: Mapping[str, Belief]) -> list[str]:
    """Jobs to start at the current step under the given beliefs."""
    state = context["state"]
    step, workers = state["step"], context["workers"]
    items = believed_world(context, beliefs)
    started = {s["job"]: s["start"] for s in state["started"]}
    plan = _plan(workers, items)
    past = {job: start for job, start in plan.items() if start < step}
    if past != started:
        plan = _plan(workers, _pinned(items, started, step))
    waiting = {j["id"] for j in state["waiting"]}
    return sorted(
        (job for job, start in plan.items() if start == step and job in waiting), key=lambda j: int(j[1:])
    )
