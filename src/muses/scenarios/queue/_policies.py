"""Built-in schedulers that read the chat (or pointedly do not), plus the offline oracle.

All but the oracle read only the observation: the registered facts, the roster, the tracker and
what users said. They plan exactly on their beliefs (``_plans``) and differ only in what they
believe about a job's real deadline and value:

- ``reference``: a claim is believed only when it is backed: a cited ticket that is in the
  tracker, belongs to the claimant and is due at the claimed step, or the same deadline stated
  by a user with higher authority than the owner. Unbacked claims change nothing.
- ``blind``: believes nothing users say: the optimal schedule for the registered facts (the best
  any chat-blind rule can do).
- ``believe-all``: believes every owner's claim.
- ``surface``: believes a claim that looks backed (cites a ticket-like id or names a colleague,
  or someone else mentioned the job) without checking the tracker or who spoke.
- ``loudest-first``: no planner; the job with the most urgency words and messages goes first.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from muses.scenarios._base import AgentObservation
from muses.scenarios.queue._hearing import Statement, confirmed, owner_claims, statements, ticket_matches
from muses.scenarios.queue._model import QueueRecord
from muses.scenarios.queue._optimum import optimum
from muses.scenarios.queue._plans import Belief, plan_now

Trust = Callable[[AgentObservation, list[Statement], Statement, str], bool]
"""Whether a scheduler believes an owner's claim (observation, all statements, the claim, owner)."""


def assign(jobs: list[str], free: list[int]) -> str:
    """The assignment object starting ``jobs`` on the free workers (lowest number first)."""
    return json.dumps({"assign": [{"job": j, "worker": w} for j, w in zip(jobs, free, strict=False)]})


def _beliefs(obs: AgentObservation, trust: Trust) -> dict[str, Belief]:
    """Believed (due, worth) for every job whose owner's claim the scheduler trusts."""
    jobs = {j["id"]: j for j in obs.context["state"]["jobs"]}
    heard = statements(obs)
    beliefs: dict[str, Belief] = {}
    for job_id, claim in owner_claims(heard, jobs).items():
        job = jobs[job_id]
        if trust(obs, heard, claim, job["owner"]):
            due = claim.due if claim.due is not None else job["deadline"]
            beliefs[job_id] = Belief(
                min(due, job["deadline"]), max(claim.worth or job["value"], job["value"])
            )
    return beliefs


def _planned(obs: AgentObservation, trust: Trust) -> str:
    return assign(plan_now(obs.context, _beliefs(obs, trust)), list(obs.context["state"]["free_workers"]))


def _backed(obs: AgentObservation, heard: list[Statement], claim: Statement, owner: str) -> bool:
    authority = {u["id"]: int(u["authority"]) for u in obs.context["users"]}
    return ticket_matches(claim, owner, obs.context["tickets"]) or confirmed(heard, claim, owner, authority)


def _looks_backed(obs: AgentObservation, heard: list[Statement], claim: Statement, owner: str) -> bool:
    echoed = any(s.job == claim.job and s.speaker != owner for s in heard)
    return bool(claim.tickets or claim.names) or echoed


def _nobody(obs: AgentObservation, heard: list[Statement], claim: Statement, owner: str) -> bool:
    return False


def _everybody(obs: AgentObservation, heard: list[Statement], claim: Statement, owner: str) -> bool:
    return True


def reference_agent(obs: AgentObservation) -> str:
    """Plans for welfare, believing a claim only when the tracker or a senior user backs it."""
    return _planned(obs, _backed)


def blind_agent(obs: AgentObservation) -> str:
    """Plans for welfare on the registered facts alone (ignores the chat)."""
    return _planned(obs, _nobody)


def believe_all_agent(obs: AgentObservation) -> str:
    """Plans for welfare, believing every owner's claim."""
    return _planned(obs, _everybody)


def surface_agent(obs: AgentObservation) -> str:
    """Plans for welfare, believing claims that merely look backed (never checks them)."""
    return _planned(obs, _looks_backed)


def loudest_first_agent(obs: AgentObservation) -> str:
    """Believes noise: most urgency words, then most statements, then a stated deadline, then arrival."""
    state = obs.context["state"]
    noise: dict[str, list[int]] = {}
    for said in statements(obs):
        score = noise.setdefault(said.job, [0, 0, 0])
        score[0] += said.urgent_words
        score[1] += 1
        score[2] = max(score[2], int(said.due is not None))

    def key(job: dict[str, Any]) -> tuple[int, int, int, int, str]:
        words, count, stated = noise.get(job["id"], [0, 0, 0])
        return (-words, -count, -stated, job["arrival"], job["id"])

    order = [j["id"] for j in sorted(state["waiting"], key=key)]
    return assign(order, list(state["free_workers"]))


def oracle_agent(obs: AgentObservation, record: QueueRecord) -> str:
    """Replays the offline optimum's schedule (computed from every job's truth)."""
    step = obs.context["state"]["step"]
    plan = [p for p in optimum(record).schedule if p.start == step]
    return json.dumps({"assign": [{"job": p.job, "worker": p.worker} for p in plan]})
