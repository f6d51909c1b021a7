"""Scripted users of the meeting scenario: they answer like people, truthfully, from their calendar.

Rules (the LLM user prompt in ``_user_prompt`` states the same ones):
- Round 0, full disclosure: everyone states their preferred and backup times. Partial: proactive
  users state their preferred times (flexible ones add their backups); passive users say nothing.
- Later rounds: a user replies only to what the agent sent them in the previous round, and only
  if it asks something or names a slot (otherwise they stay silent).
- Asked when they are free: their preferred times, plus backups if they are *open*: flexible, or
  under full disclosure, or asked for alternatives (now or earlier). Stubborn users under partial
  disclosure are open only once asked for alternatives (backups, flexibility, "instead").
- A **poll** (four or more slots in one round): they name only the listed slots they prefer, and
  listed backups only if the same message asks for alternatives. No stance is taken.
- One to three slots: an explicit answer per slot. Preferred: "I accept". Backup: "I accept ... as
  a backup" if open, else "I'd rather not ..." and their preferred times. Unavailable: "I decline".
Their sentences are written to be read by ``_speech``/``_stance`` exactly as meant.
"""

from __future__ import annotations

import random
from typing import Any

from muses.protocol import AgentMessage, SharedWrite
from muses.scenarios._base import UserObservation
from muses.scenarios._seeding import derive_rng
from muses.scenarios.meeting._model import MeetingRecord, UserConstraints
from muses.scenarios.meeting._slots import find_slots, format_slots
from muses.scenarios.meeting._speech import asks_alternatives, asks_availability, is_question

POLL_MIN = 4
"""A round that names this many slots or more is a poll: answered with preferred slots only."""

_GREETINGS = ("Hi!", "Hello!", "Hi there.", "Good morning!")


def private_context(record: MeetingRecord, user_id: str) -> dict[str, Any]:
    """The user's private context: persona, topic, disclosure mode and their own calendar and behaviour."""
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


def _answer_one(me: UserConstraints, slot: str, open_: bool, with_times: bool) -> str:
    if slot in me.preferred:
        return f"I accept {slot}, it is one of my preferred times."
    if slot in me.secondary and open_:
        return f"I accept {slot} as one of my backup options."
    if slot in me.secondary:
        return f"I'd rather not do {slot}." + (f" {availability_text(me, backups=False)}" if with_times else "")
    optional = "" if me.required else " I'm optional, so feel free to go ahead without me."
    return f"I decline {slot}: I'm not available then.{optional}"


def answer_slots(me: UserConstraints, slots: list[str], open_: bool = True, with_times: bool = True) -> str:
    """An explicit, truthful answer for each of a few slots the agent named.

    A reluctant answer (a backup, before the user is open to backups) repeats the user's
    preferred times if ``with_times`` (not when the same reply already states them).
    """
    if len(slots) == 1:
        return _answer_one(me, slots[0], open_, with_times)
    preferred = [s for s in slots if s in me.preferred]
    backup = [s for s in slots if s in me.secondary and open_]
    reluctant = [s for s in slots if s in me.secondary and not open_]
    unavailable = [s for s in slots if not me.can_attend(s)]
    parts = []
    if preferred:
        parts.append(f"I can make {format_slots(preferred)}.")
    if backup:
        parts.append(f"I can make {format_slots(backup)} as backup options.")
    if reluctant:
        parts.append(f"I'd rather not do {format_slots(reluctant)}.")
    if unavailable:
        parts.append(f"I can't make {format_slots(unavailable)}.")
    return " ".join(parts)


def answer_poll(me: UserConstraints, slots: list[str], backups: bool) -> str:
    """A poll answer: the listed slots the user prefers (and listed backups if asked for them)."""
    liked = [s for s in slots if s in me.preferred]
    extra = [s for s in slots if s in me.secondary] if backups else []
    parts = [f"Of those, I'd prefer {format_slots(liked)}." if liked else "None of those is among my preferred times."]
    if extra:
        parts.append(f"If needed, I could also make {format_slots(extra)} as backups.")
    return " ".join(parts)


def _opening(me: UserConstraints, obs: UserObservation, rng: random.Random) -> str:
    full = obs.private.get("disclosure") == "full"
    if not (me.proactive or full):
        return ""
    topic = str(obs.private["topic"])
    return f"{rng.choice(_GREETINGS)} For the {topic}: {availability_text(me, backups=full or not me.stubborn)}"


def _received(obs: UserObservation, last_round_only: bool) -> list[str]:
    """Agent texts delivered to this user (in the previous round, or ever)."""
    return [
        e.content
        for e in obs.view
        if isinstance(e, AgentMessage | SharedWrite) and (not last_round_only or e.round == obs.round - 1)
    ]


def scripted_user(obs: UserObservation) -> str:
    """Deterministic message of one user for one round ('' = silent)."""
    me = UserConstraints.model_validate(obs.private["constraints"])
    if obs.round == 0:
        return _opening(me, obs, derive_rng(obs.sample_id, obs.user_id, "opening"))
    text = "\n".join(_received(obs, last_round_only=True))
    if not text:
        return ""
    alternatives = asks_alternatives(text)
    open_ = obs.private.get("disclosure") == "full" or not me.stubborn or any(
        asks_alternatives(t) for t in _received(obs, last_round_only=False)
    )
    slots = find_slots(text)
    if len(slots) >= POLL_MIN:
        return answer_poll(me, slots, backups=alternatives)
    parts = []
    if alternatives or asks_availability(text) or (not slots and is_question(text)):
        parts.append(availability_text(me, backups=open_, asked_backups=alternatives))
    if slots:
        parts.append(answer_slots(me, slots, open_, with_times=not parts))
    return " ".join(parts)
