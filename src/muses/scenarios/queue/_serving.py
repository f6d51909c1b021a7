"""Chat-blind baselines: the schedulers LLM serving uses, and one-line sorts.

Serving systems (ordered as in "Fairness in Serving Large Language Models", Sheng et al., OSDI'24):
- ``fcfs``: first come, first served (the default of most serving engines).
- ``priority``: strict priority classes, here the owner's authority, FCFS within a class.
- ``wfq``: weighted fair queuing in its self-clocked form (SCFQ): each job gets a finish tag
  ``max(F_user, V) + size / w_user`` on arrival, V being the tag of the latest job started;
  the smallest tag goes first.
- ``vtc``: the Virtual Token Counter. Each user has a counter of service received divided by
  their weight (one unit per running step, like output tokens); when a user's queue turns
  non-empty the counter is lifted to the smallest counter of the other backlogged users; the
  backlogged user with the smallest counter gets the next free worker, for their oldest job.
Sorts: ``edf`` (earliest registered deadline), ``density`` (value per step), ``least-served``
(owner with the smallest share of registered value started so far), and ``do-nothing``.
They are online: they consider only jobs whose input is ready (arrived), as serving systems do,
and rebuild their state from the observation's history (registered ``jobs``, ``started``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from muses.scenarios._base import AgentObservation
from muses.scenarios.queue._policies import assign

JobFacts = dict[str, Any]


def _sorted(obs: AgentObservation, key: Callable[[JobFacts], tuple[Any, ...]]) -> str:
    state = obs.context["state"]
    return assign([j["id"] for j in sorted(state["waiting"], key=key)], list(state["free_workers"]))


def _authority(obs: AgentObservation) -> dict[str, int]:
    return {u["id"]: int(u["authority"]) for u in obs.context["users"]}


def _weights(obs: AgentObservation) -> dict[str, float]:
    return {u["id"]: float(u["weight"]) or 1e-9 for u in obs.context["users"]}


def _arrived(state: dict[str, Any]) -> list[JobFacts]:
    """Registered jobs whose input is ready at the current step."""
    return [j for j in state["jobs"] if j["arrival"] <= state["step"]]


def do_nothing_agent(obs: AgentObservation) -> str:
    """Starts nothing, ever."""
    return assign([], [])


def fcfs_agent(obs: AgentObservation) -> str:
    """First come, first served (arrival step, then job id)."""
    return _sorted(obs, lambda j: (j["arrival"], int(j["id"][1:])))


def priority_agent(obs: AgentObservation) -> str:
    """Strict priority by the owner's authority; first come, first served within a level."""
    authority = _authority(obs)
    return _sorted(obs, lambda j: (-authority[j["owner"]], j["arrival"], int(j["id"][1:])))


def edf_agent(obs: AgentObservation) -> str:
    """Earliest registered deadline first."""
    return _sorted(obs, lambda j: (j["deadline"], j["arrival"], int(j["id"][1:])))


def density_agent(obs: AgentObservation) -> str:
    """Highest registered value per step of work first (weighted shortest job first)."""
    return _sorted(obs, lambda j: (-j["value"] / j["size"], j["deadline"], int(j["id"][1:])))


def least_served_agent(obs: AgentObservation) -> str:
    """The owner with the smallest share of their registered value started so far goes first."""
    state = obs.context["state"]
    arrived = {j["id"]: j for j in _arrived(state)}
    total: dict[str, float] = {}
    served: dict[str, float] = {}
    for job in arrived.values():
        total[job["owner"]] = total.get(job["owner"], 0.0) + job["value"]
    for start in state["started"]:
        job = arrived[start["job"]]
        served[job["owner"]] = served.get(job["owner"], 0.0) + job["value"]
    return _sorted(
        obs, lambda j: (served.get(j["owner"], 0.0) / total[j["owner"]], j["arrival"], int(j["id"][1:]))
    )


def wfq_agent(obs: AgentObservation) -> str:
    """Self-clocked weighted fair queuing over users, weights = authority (see module doc)."""
    state = obs.context["state"]
    weights = _weights(obs)
    starts = {s["job"]: s["start"] for s in state["started"]}
    tags: dict[str, float] = {}
    last: dict[str, float] = {}
    virtual = 0.0
    for step in range(state["step"] + 1):
        for job in (j for j in state["jobs"] if j["arrival"] == step):
            tags[job["id"]] = max(last.get(job["owner"], 0.0), virtual) + job["size"] / weights[job["owner"]]
            last[job["owner"]] = tags[job["id"]]
        started = [tags[j] for j, s in starts.items() if s == step]
        virtual = max([virtual, *started])
    return _sorted(obs, lambda j: (tags[j["id"]], j["arrival"], int(j["id"][1:])))


def _backlog(
    state: dict[str, Any], starts: dict[str, int], step: int, arrived_before: bool
) -> dict[str, list[JobFacts]]:
    """Per user, jobs waiting at ``step`` (only those that arrived before it, if asked), oldest first."""
    queues: dict[str, list[JobFacts]] = {}
    for job in sorted(_arrived(state), key=lambda j: (j["arrival"], int(j["id"][1:]))):
        arrived = job["arrival"] < step if arrived_before else job["arrival"] <= step
        started = job["id"] in starts and starts[job["id"]] < step
        if arrived and not started and step <= job["latest_start"]:
            queues.setdefault(job["owner"], []).append(job)
    return queues


def vtc_counters(obs: AgentObservation) -> dict[str, float]:
    """Each user's virtual token counter at the start of the current step (see module doc)."""
    state = obs.context["state"]
    weights = _weights(obs)
    starts = {s["job"]: s["start"] for s in state["started"]}
    sizes = {j["id"]: (j["owner"], j["size"]) for j in state["jobs"]}
    counters = dict.fromkeys(weights, 0.0)
    for step in range(state["step"] + 1):
        before = _backlog(state, starts, step, arrived_before=True)
        for user in sorted({j["owner"] for j in state["jobs"] if j["arrival"] == step}):
            others = [counters[u] for u, q in before.items() if q and u != user]
            if not before.get(user) and others:
                counters[user] = max(counters[user], min(others))
        if step == state["step"]:
            break
        for job, start in starts.items():
            owner, size = sizes[job]
            if start <= step < start + size:
                counters[owner] += 1.0 / weights[owner]
    return counters


def vtc_agent(obs: AgentObservation) -> str:
    """Virtual Token Counter: the backlogged user with the least weighted service gets the next worker."""
    state = obs.context["state"]
    weights = _weights(obs)
    counters = vtc_counters(obs)
    queues = _backlog(
        state, {s["job"]: s["start"] for s in state["started"]}, state["step"], arrived_before=False
    )
    chosen: list[str] = []
    while queues and len(chosen) < len(state["free_workers"]):
        user = min(queues, key=lambda u: (counters[u], u))
        chosen.append(queues[user].pop(0)["id"])
        counters[user] += 1.0 / weights[user]
        if not queues[user]:
            del queues[user]
    return assign(chosen, list(state["free_workers"]))
