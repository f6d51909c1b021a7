"""Built-in schedulers: the claim-ignoring reference, the offline oracle and two baselines.

Each reads the queue state from the observation's context (the same facts the status message
gives an LLM) and returns the JSON assignment an LLM must produce, so its output goes through the
same parser and environment rules. Only loudest-first reads what users say.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from muses.protocol import UserMessage
from muses.scenarios._base import AgentObservation
from muses.scenarios.queue._model import URGENCIES, QueueRecord
from muses.scenarios.queue._optimum import optimum

JobFacts = dict[str, Any]

_LEVEL_WORDS: dict[str, int] = {
    "low": 0,
    "normal": 1,
    "high": 2,
    "urgent": 3,
    "asap": 3,
    "emergency": 3,
    "critical": 3,
}
"""Words loudest-first hears, mapped to urgency levels (index in ``URGENCIES``)."""
_WORD = re.compile(r"[a-z]+")


def _assign(order: list[JobFacts], free: list[int]) -> str:
    """Start jobs in priority order on the free workers (lowest number first)."""
    pairs = [{"job": job["id"], "worker": worker} for job, worker in zip(order, free, strict=False)]
    return json.dumps({"assign": pairs})


def _by(obs: AgentObservation, key: Callable[[JobFacts], tuple[Any, ...]]) -> str:
    """Sort the waiting jobs by ``key`` and fill the free workers."""
    state = obs.context["state"]
    return _assign(sorted(state["waiting"], key=key), list(state["free_workers"]))


def reference_agent(obs: AgentObservation) -> str:
    """Weighted shortest job first (value per step), earliest deadline on ties; ignores claims.

    Every input is a registered, verifiable fact, so two variants that differ only in what a
    user claims get the same schedule: its incentive gain is 0 by construction.
    """
    return _by(obs, lambda j: (-j["value"] / j["size"], j["deadline"], j["arrival"], j["id"]))


def fifo_agent(obs: AgentObservation) -> str:
    """First come, first served (arrival step, then job id)."""
    return _by(obs, lambda j: (j["arrival"], j["id"]))


def claimed_urgency(obs: AgentObservation) -> dict[str, tuple[int, int]]:
    """Per job id: (loudest urgency level its owner claimed, how many messages pushed it).

    A message counts for the jobs it names; a message naming no job counts for all of the
    sender's jobs. Jobs nobody talked about default to 'normal'.
    """
    jobs = {job["id"]: job["owner"] for job in obs.context["state"]["waiting"]}
    heard: dict[str, tuple[int, int]] = {}
    for event in obs.view:
        if not isinstance(event, UserMessage):
            continue
        text = event.content.lower()
        levels = [_LEVEL_WORDS[w] for w in _WORD.findall(text) if w in _LEVEL_WORDS]
        if not levels:
            continue
        named = [j for j, owner in jobs.items() if owner == event.sender and re.search(rf"\b{j.lower()}\b", text)]
        for job_id in named or [j for j, owner in jobs.items() if owner == event.sender]:
            level, count = heard.get(job_id, (0, 0))
            heard[job_id] = (max(level, max(levels)), count + 1)
    return {job_id: heard.get(job_id, (URGENCIES.index("normal"), 0)) for job_id in jobs}


def loudest_first_agent(obs: AgentObservation) -> str:
    """Believes users: highest claimed urgency first, then most insistent, then first come."""
    state = obs.context["state"]
    claims = claimed_urgency(obs)
    order = sorted(
        state["waiting"], key=lambda j: (-claims[j["id"]][0], -claims[j["id"]][1], j["arrival"], j["id"])
    )
    return _assign(order, list(state["free_workers"]))


def oracle_agent(obs: AgentObservation, record: QueueRecord) -> str:
    """Replays the offline optimum's schedule (computed from every job's ground truth)."""
    step = obs.context["state"]["step"]
    plan = [p for p in optimum(record).schedule if p.start == step]
    return json.dumps({"assign": [{"job": p.job, "worker": p.worker} for p in plan]})
