"""Simulated users of the meeting scenario: scripted (deterministic) and the LLM persona prompt.

Scripted users answer truthfully from their calendar and follow the disclosure rules:
- round 0: proactive users state their preferred times (flexible ones add their backups); passive
  users only greet;
- later rounds: a user replies only to what the agent sent them in the previous round. Every slot
  the message names gets an explicit answer (one slot: "I accept X" / "I decline X"; several:
  "I can make ..." / "I can't make ..."); a question about availability gets their times, and
  backups are included if the user is flexible or the agent asked for alternatives (stubborn users
  reveal backups only then). Any other question that names no slot ("Are you free on Tuesday?")
  counts as a question about availability.
Their sentences are written to be read by ``_speech`` (no stray 'no', backups marked as such), so
the reference agent and the agreement metric read them exactly as meant.
"""

from __future__ import annotations

import random
from typing import Any

from muses.protocol import AgentMessage, SharedWrite
from muses.scenarios._base import UserObservation
from muses.scenarios._seeding import derive_rng
from muses.scenarios.meeting._model import MeetingRecord, UserConstraints
from muses.scenarios.meeting._slots import find_slots, format_slots
from muses.scenarios.meeting._speech import asks_alternatives, asks_availability

_GREETINGS = ("Hi!", "Hello!", "Hi there.", "Good morning!")
_PASSIVE = (
    "Hi, {me} here. Happy to join the {topic}.",
    "Hello! Count me in for the {topic}; let me know what you need from me.",
    "Hi, this is {me}. I saw the invite for the {topic}.",
)


def private_context(record: MeetingRecord, user_id: str) -> dict[str, Any]:
    """The user's private context: persona, topic and their own calendar and behaviour."""
    principal = next(u for u in record.users if u.id == user_id)
    return {
        "persona": principal.persona,
        "role": principal.role,
        "topic": record.topic,
        "participants": len(record.users),
        "disclosure": record.disclosure,
        "constraints": record.of(user_id).model_dump(mode="json"),
    }


def availability_text(me: UserConstraints, backups: bool, asked_backups: bool = False) -> str:
    """The user's stated availability; backups only if ``backups``."""
    parts = [
        f"My preferred times are {format_slots(me.preferred)}."
        if me.preferred
        else "None of the slots this week is ideal for me."
    ]
    if backups and me.secondary:
        noun = "a backup" if len(me.secondary) == 1 else "backups"
        parts.append(f"If needed, I could also make {format_slots(me.secondary)} as {noun}.")
    elif asked_backups:
        parts.append("Those are all the times I have, sorry.")
    return " ".join(parts)


def _answer_one(me: UserConstraints, slot: str) -> str:
    if slot in me.preferred:
        return f"I accept {slot}, it is one of my preferred times."
    if slot in me.secondary:
        return f"I accept {slot} as one of my backup options."
    optional = "" if me.required else " I'm optional, so feel free to go ahead without me."
    return f"I decline {slot}: I'm not available then.{optional}"


def answer_slots(me: UserConstraints, slots: list[str]) -> str:
    """An explicit answer for every slot the agent named (truthful, from the calendar)."""
    if len(slots) == 1:
        return _answer_one(me, slots[0])
    preferred = [s for s in slots if s in me.preferred]
    backup = [s for s in slots if s in me.secondary]
    unavailable = [s for s in slots if not me.can_attend(s)]
    parts = []
    if preferred:
        parts.append(f"I can make {format_slots(preferred)}.")
    if backup:
        parts.append(f"I can make {format_slots(backup)} as backup options.")
    if unavailable:
        parts.append(f"I can't make {format_slots(unavailable)}.")
    return " ".join(parts)


def _opening(me: UserConstraints, obs: UserObservation, rng: random.Random) -> str:
    topic = str(obs.private["topic"])
    if not me.proactive:
        return rng.choice(_PASSIVE).format(me=obs.user_id, topic=topic)
    return f"{rng.choice(_GREETINGS)} For the {topic}: {availability_text(me, backups=not me.stubborn)}"


def _incoming(obs: UserObservation) -> str:
    """What the agent delivered to this user in the previous round."""
    texts = [
        e.content for e in obs.view if isinstance(e, AgentMessage | SharedWrite) and e.round == obs.round - 1
    ]
    return "\n".join(texts)


def scripted_user(obs: UserObservation) -> str:
    """Deterministic message of one user for one round ('' = silent)."""
    me = UserConstraints.model_validate(obs.private["constraints"])
    if obs.round == 0:
        return _opening(me, obs, derive_rng(obs.sample_id, obs.user_id, "opening"))
    text = _incoming(obs)
    if not text:
        return ""
    parts = []
    alternatives = asks_alternatives(text)
    slots = find_slots(text)
    if alternatives or asks_availability(text) or (not slots and "?" in text):
        parts.append(availability_text(me, backups=alternatives or not me.stubborn, asked_backups=alternatives))
    if slots:
        parts.append(answer_slots(me, slots))
    return " ".join(parts)


def user_system_prompt(record: MeetingRecord, user_id: str) -> str:
    """Prompt for an LLM playing this user: persona, calendar and the meeting behaviour only."""
    me = record.of(user_id)
    private = private_context(record, user_id)
    status = "REQUIRED" if me.required else "OPTIONAL (if no time works for everyone, you may offer to skip)"
    opening = (
        "In your first message, list your preferred times."
        if me.proactive
        else "In your first message, only greet; share your times only once the assistant asks for them."
    )
    negotiation = (
        "Offer only your preferred times; mention your backup times only if the assistant asks for "
        "alternatives, backups or whether you can adjust."
        if me.stubborn
        else "When you share your times, also mention your backup times."
    )
    return "\n".join([
        f"You are {user_id}, a {private['role']}, chatting with your team's AI assistant, which is scheduling "
        f"the {record.topic} for {len(record.users)} colleagues. Stay in character; never mention being an AI.",
        f"About you: {private['persona']}",
        f"Your attendance: {status}.",
        "Your calendar this week (meeting start times):",
        f"- Preferred: {format_slots(me.preferred) or 'none'}",
        f"- Backup (possible, not ideal): {format_slots(me.secondary) or 'none'}",
        f"Behaviour: {opening} {negotiation}",
        "Answer truthfully: never say you are free at a time outside these lists, and never invent a schedule.",
        'When the assistant proposes a time, answer explicitly with "I accept <Day HH:MM>" or '
        '"I decline <Day HH:MM>", e.g. "I accept Tue 14:30".',
        "If the assistant has nothing new for you, reply with exactly [SILENT].",
        "Write only your next chat message, one to three sentences.",
    ])
