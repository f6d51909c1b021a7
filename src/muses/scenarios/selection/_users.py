"""Simulated users of the selection scenario: they submit their instructions once, in round 0.

The scripted user sends its instructions verbatim (sometimes after a greeting), one per line, and
is silent afterwards. An LLM user gets the same instructions and is told to paraphrase them
faithfully: same requests, same reference tags, nothing added or dropped.
"""

from __future__ import annotations

from typing import Any

from muses.scenarios._base import UserObservation
from muses.scenarios._in_role import UserBrief, user_prompt
from muses.scenarios._seeding import derive_rng
from muses.scenarios.selection._model import SelectionRecord
from muses.scenarios.selection._wording import GREETINGS


def private_context(record: SelectionRecord, user_id: str) -> dict[str, Any]:
    """The user's persona, the objective and their own instructions (never anyone's labels)."""
    user = next(u for u in record.users if u.id == user_id)
    return {
        "persona": user.persona,
        "role": user.role,
        "authority": user.authority,
        "objective": record.objective,
        "instructions": [i.text for i in record.of_user(user_id)],
        "paper": record.source == "paper",
    }


def scripted_user(obs: UserObservation) -> str:
    """Round 0: the user's instructions, one per line; silent afterwards ('' also if none)."""
    instructions: list[str] = obs.private["instructions"]
    if obs.round > 0 or not instructions:
        return ""
    greeting = "" if obs.private.get("paper") else derive_rng(obs.sample_id, obs.user_id, "greeting").choice(GREETINGS)
    return "\n".join(line for line in (greeting, *instructions) if line)


def user_system_prompt(record: SelectionRecord, user_id: str) -> str:
    """Prompt for an LLM playing this user: paraphrase the instructions, keep every tag (``user_prompt``)."""
    private = private_context(record, user_id)
    instructions: list[str] = private["instructions"]
    brief = UserBrief(
        name=user_id,
        role=str(private["role"]),
        setting="writing to the team's AI assistant for requests, which decides which requests go ahead",
        about=str(private["persona"]),
        extra={"The team's objective": str(private["objective"])},
        content="\n".join(instructions),
        manner=(
            "Send them one per line. Keep each request's meaning, subject, amounts and dates, keep each "
            "reference tag such as [ref: 1234] exactly as written at the end of its line, and do not add, "
            "merge, drop or argue for any request.",
        )
        if instructions
        else (),
        silent_when="After your first message you have nothing more to add" if instructions else "You have no requests this time",
    )
    return user_prompt(brief)
