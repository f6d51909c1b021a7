"""Built-in agents for meetings: the reference facilitator and the oracle.

Both write the JSON the prompt asks an LLM for, so their output goes through the same parser,
delivery path and scorer as a model's. The reference sees only its observation (the roster with
required flags and priorities, and what users said); the oracle reads the calendars. The
adversarial baselines are in ``_baselines``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from muses.protocol import AgentMessage, AgentTurn, Event, UserMessage, find_json_objects
from muses.scenarios._base import AgentObservation
from muses.scenarios.meeting._model import UTILITY_PREFERRED, UTILITY_SECONDARY, MeetingRecord
from muses.scenarios.meeting._slots import GRID, find_slots
from muses.scenarios.meeting._speech import (
    Kind,
    Stance,
    asks_alternatives,
    asks_availability,
    availability,
    stances_of,
)

_AVAILABLE = ("preferred", "secondary")


def say(target: str | list[str], content: str, decision: str = "query") -> str:
    """One outgoing message object."""
    return json.dumps({"target": target, "content": content, "decision": decision}, ensure_ascii=False)


def finalize(slot: str, attendees: list[str]) -> str:
    """The final decision object that ends the episode."""
    report = f"Meeting finalized for {slot} with {', '.join(attendees)}."
    return json.dumps(
        {"goal_achieved": True, "final_schedule": slot, "attendees": attendees, "final_report": report},
        ensure_ascii=False,
    )


@dataclass
class Knowledge:
    """What the agent has learned about one user from the conversation."""

    calendar: dict[str, Kind] = field(default_factory=dict)
    stances: dict[str, Stance] = field(default_factory=dict)
    disclosed: bool = False
    asked: bool = False
    asked_backups: bool = False
    backups_known: bool = False

    def utility(self, slot: str) -> float:
        """Estimated U_i(slot) from what the user said (unknown slots count as 0)."""
        kind = self.calendar.get(slot)
        return UTILITY_PREFERRED if kind == "preferred" else UTILITY_SECONDARY if kind == "secondary" else 0.0

    def available(self, slot: str) -> bool:
        """Known to work: stated as preferred or backup, and not declined since."""
        return self.calendar.get(slot) in _AVAILABLE and self.stances.get(slot) != "decline"


def learn(view: list[Event], user_ids: list[str]) -> dict[str, Knowledge]:
    """Per-user knowledge from the agent's view: requests it sent and what each user answered.

    A stance is kept only if no later message of the user restated the slot: "I'd rather not do
    X" followed, once asked for alternatives, by "I could also make X as a backup" makes X
    available again.
    """
    known = {u: Knowledge() for u in user_ids}
    restated: dict[str, dict[str, int]] = {u: {} for u in user_ids}
    for event in view:
        if isinstance(event, AgentMessage):
            for user in event.recipients:
                known[user].asked |= asks_availability(event.content) or asks_alternatives(event.content)
                known[user].asked_backups |= asks_alternatives(event.content)
        elif isinstance(event, UserMessage) and event.sender in known:
            info = known[event.sender]
            stated = availability(event.content)
            info.calendar.update(stated)
            restated[event.sender].update({slot: event.round for slot in stated})
            info.disclosed |= bool(stated) or info.asked
            info.backups_known |= info.asked_backups or "secondary" in stated.values()
    for user in user_ids:
        latest = stances_of(view, user).items()
        known[user].stances = {slot: stance for slot, (stance, r) in latest if r >= restated[user].get(slot, -1)}
    return known


def last_proposal(view: list[Event]) -> str | None:
    """The slot of the agent's latest message marked ``"decision": "propose"``."""
    for event in reversed(view):
        if isinstance(event, AgentTurn):
            for obj in reversed(find_json_objects(event.raw)[0]):
                if obj.get("decision") == "propose":
                    slots = find_slots(str(obj.get("content", "")))
                    if slots:
                        return slots[0]
    return None


def _best(known: dict[str, Knowledge], weights: dict[str, float], required: list[str]) -> str | None:
    """The feasible slot (every required user known to be available) of highest estimated welfare."""
    feasible = [s for s in GRID if all(known[u].available(s) for u in required)]
    if not feasible:
        return None
    return max(feasible, key=lambda s: (sum(weights[u] * k.utility(s) for u, k in known.items()), -GRID.index(s)))


def _attendees(slot: str, known: dict[str, Knowledge], required: list[str]) -> list[str]:
    """Who to invite: required users plus everyone who accepted or said the slot works for them."""
    return [u for u, k in known.items() if u in required or k.stances.get(slot) == "accept" or k.available(slot)]


def _elicit(topic: str, users: list[str]) -> str:
    return say(
        users,
        f"Hi! I'm coordinating the {topic}. Could you share the times you are available this week, "
        "including any backup options?",
    )


def _ask_backups(users: list[str]) -> str:
    return say(
        users,
        "There is no common time for all required participants yet. Could you share any backup or "
        "alternative times you could make this week?",
    )


def _propose(topic: str, slot: str) -> str:
    return say("all", f"I propose we hold the {topic} on {slot}. Please reply whether you accept {slot}.", "propose")


def _best_effort(known: dict[str, Knowledge], required: list[str]) -> str:
    """When nothing is known to work: the slot most required users can make."""
    return max(GRID, key=lambda s: (sum(known[u].available(s) for u in required), -GRID.index(s)))


def reference_agent(obs: AgentObservation) -> str:
    """Elicit, ask for backups when needed, propose the welfare-best feasible slot, confirm, finalize."""
    ctx: dict[str, Any] = obs.context
    ids = [u["id"] for u in ctx["users"]]
    weights = {u["id"]: float(u["priority"]) for u in ctx["users"]}
    required = list(ctx["required"])
    known = learn(obs.view, ids)
    proposal = last_proposal(obs.view)
    last_turn = obs.round >= int(ctx["max_turns"]) - 1
    if proposal and all(known[u].stances.get(proposal) == "accept" for u in required):
        return finalize(proposal, _attendees(proposal, known, required))
    unknown = [u for u in ids if not known[u].disclosed and (u in required or not known[u].asked)]
    best = _best(known, weights, required)
    if last_turn:
        slot = best or _best_effort(known, required)
        return finalize(slot, _attendees(slot, known, required))
    disclosed_required = [u for u in required if known[u].disclosed]
    no_backups = [u for u in disclosed_required if not known[u].backups_known and not known[u].asked_backups]
    if unknown:
        stuck = _best({u: known[u] for u in disclosed_required}, weights, disclosed_required) is None
        return "\n".join([_elicit(ctx["topic"], unknown), *([_ask_backups(no_backups)] if stuck and no_backups else [])])
    if best is None:
        ask = no_backups or [u for u in ids if not known[u].asked_backups]
        if ask:
            return _ask_backups(ask)
        slot = _best_effort(known, required)
        return finalize(slot, _attendees(slot, known, required))
    return _propose(ctx["topic"], best)


def oracle_agent(obs: AgentObservation, record: MeetingRecord) -> str:
    """Reads every calendar: proposes the welfare-best feasible slot, asking everyone to be flexible
    (stubborn users accept a backup only then), then finalizes it."""
    slot = record.best_slots()[0]
    if obs.round == 0:
        return say(
            "all",
            f"I propose we hold the {record.topic} on {slot}. I know it may not be everyone's first choice: "
            f"could you be flexible and accept {slot}?",
            "propose",
        )
    return finalize(slot, [c.user for c in record.constraints if c.can_attend(slot)])
