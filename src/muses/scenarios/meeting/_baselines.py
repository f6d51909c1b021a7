"""Adversarial baselines: agents that skip elicitation, bounded by ``muses check``.

"Skipping elicitation" means never asking a user when they are free, for backups or alternatives,
or to be flexible. Everything else is allowed: reading the openings, polling every slot, proposing
and re-proposing, inviting whoever accepted. Each of these reads only what a model sees (the
roster, the grid, the messages) and writes the JSON a model must write.

- ``random-finalize``: finalize a random grid slot at once (the paper's lucky-guess floor).
- ``finalize-openings``: finalize at turn 1 the slot the openings make look best.
- ``propose-openings``: propose that slot at turn 1, finalize it at turn 2.
- ``poll-everything``: name all 70 slots to everyone, propose the best slot from the answers,
  finalize it.
- ``guess-and-check``: poll everything, then propose the three best remaining candidates per
  turn (a poll starts at four), drop every slot a required user declined or did not accept, and
  finalize the first slot every required user accepted (the best guess on the last turn).

On partial disclosure every feasible slot is a backup of a stubborn required user, who accepts
it only after being asked for alternatives (``_proof``), so all of them score headline success
0 there; their paper-definition success is reported beside it.
"""

from __future__ import annotations

from typing import Any

from muses.protocol import AgentMessage, UserMessage
from muses.scenarios._base import AgentObservation
from muses.scenarios._seeding import derive_rng
from muses.scenarios.meeting._policies import finalize, last_proposal, say
from muses.scenarios.meeting._slots import GRID, find_slots, format_slots
from muses.scenarios.meeting._speech import availability, stances_of
from muses.scenarios.meeting._users import POLL_MIN

CHECKS_PER_TURN = POLL_MIN - 1
"""Slots guess-and-check proposes per turn: as many as users still answer one by one."""


def _ids(obs: AgentObservation) -> list[str]:
    return [u["id"] for u in obs.context["users"]]


def _said(obs: AgentObservation) -> dict[str, dict[str, str]]:
    """User -> slot -> what they said about it (preferred, secondary, unavailable), latest wins."""
    said: dict[str, dict[str, str]] = {u: {} for u in _ids(obs)}
    for event in obs.view:
        if isinstance(event, UserMessage) and event.sender in said:
            said[event.sender].update(availability(event.content))
    return said


def _ranked(obs: AgentObservation, exclude: set[str] | None = None) -> list[str]:
    """Slots by: required users who named them available, then estimated welfare, then calendar order."""
    ctx: dict[str, Any] = obs.context
    said = _said(obs)
    weights = {u["id"]: float(u["priority"]) for u in ctx["users"]}
    required = list(ctx["required"])
    value = {"preferred": 1.0, "secondary": 0.5}

    def key(slot: str) -> tuple[int, float, int]:
        named = sum(said[u].get(slot) in value for u in required)
        welfare = sum(weights[u] * value.get(said[u].get(slot, ""), 0.0) for u in said)
        return (named, welfare, -GRID.index(slot))

    return sorted((s for s in GRID if s not in (exclude or set())), key=key, reverse=True)


def _propose(obs: AgentObservation, slots: list[str]) -> str:
    topic = obs.context["topic"]
    return say("all", f"I propose we hold the {topic} on {format_slots(slots)}. Please reply whether you accept.", "propose")


def _acceptances(obs: AgentObservation) -> dict[str, set[str]]:
    """Slot -> the users whose latest stance on it is an acceptance (read once per turn)."""
    accepted: dict[str, set[str]] = {}
    for user in _ids(obs):
        for slot, (stance, _) in stances_of(obs.view, user).items():
            if stance == "accept":
                accepted.setdefault(slot, set()).add(user)
    return accepted


def _close(obs: AgentObservation, slot: str) -> str:
    """Finalize ``slot``, inviting the required users and everyone who accepted it."""
    required = list(obs.context["required"])
    accepted = _acceptances(obs).get(slot, set())
    return finalize(slot, [u for u in _ids(obs) if u in required or u in accepted])


def random_finalize_agent(obs: AgentObservation) -> str:
    """Finalizes a random grid slot at once, inviting everyone (the paper's lucky-guess floor)."""
    rng = derive_rng(obs.sample_id, "random-finalize")
    return finalize(rng.choice(GRID), _ids(obs))


def finalize_openings_agent(obs: AgentObservation) -> str:
    """Turn 1: finalize the slot the openings make look best, inviting everyone."""
    return finalize(_ranked(obs)[0], _ids(obs))


def propose_openings_agent(obs: AgentObservation) -> str:
    """Turn 1: propose the best-looking slot from the openings; turn 2: finalize it."""
    if obs.round == 0:
        return _propose(obs, [_ranked(obs)[0]])
    return _close(obs, last_proposal(obs.view) or _ranked(obs)[0])


def _poll(obs: AgentObservation) -> str:
    return say("all", f"Which of these could work for you: {format_slots(list(GRID))}?")


def poll_everything_agent(obs: AgentObservation) -> str:
    """Turn 1: poll all 70 slots; turn 2: propose the best answer; turn 3: finalize it."""
    if obs.round == 0:
        return _poll(obs)
    if obs.round == 1:
        return _propose(obs, [_ranked(obs)[0]])
    return _close(obs, last_proposal(obs.view) or _ranked(obs)[0])


def _proposed(obs: AgentObservation) -> list[str]:
    """Every slot the agent has put to users after its opening poll, in order."""
    slots: list[str] = []
    for event in obs.view:
        if isinstance(event, AgentMessage) and event.round > 0:
            slots.extend(s for s in find_slots(event.content) if s not in slots)
    return slots


def guess_and_check_agent(obs: AgentObservation) -> str:
    """Poll, then check the best remaining guesses three at a time; finalize the first accepted by all."""
    if obs.round == 0:
        return _poll(obs)
    required = set(obs.context["required"])
    tried = _proposed(obs)
    accepted = _acceptances(obs)
    agreed = [s for s in tried if required <= accepted.get(s, set())]
    if agreed:
        return _close(obs, agreed[0])
    fresh = _ranked(obs, exclude=set(tried))
    if obs.round >= int(obs.context["max_turns"]) - 1:
        return _close(obs, (tried or fresh)[0])
    return _propose(obs, fresh[:CHECKS_PER_TURN])
