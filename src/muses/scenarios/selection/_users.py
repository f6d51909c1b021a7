"""Simulated users of the selection scenario: they submit their instructions once, in round 0.

The scripted user sends its instructions verbatim (sometimes after a greeting), one per line, and
is silent afterwards. An LLM user gets the same instructions and is told to paraphrase them
faithfully: same requests, same reference tags, nothing added or dropped.
"""

from __future__ import annotations

from typing import Any

from muses.scenarios._base import UserObservation
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
    """Prompt for an LLM playing this user: paraphrase the instructions, keep every tag."""
    private = private_context(record, user_id)
    lines = [
        f"You are {user_id}, a {private['role']} (authority {private['authority']} of 10), writing to the team's "
        "AI request coordinator. Stay in character; never mention being an AI.",
        f"About you: {private['persona']}",
        f"The team's global objective: {private['objective']}",
    ]
    if private["instructions"]:
        listing = "\n".join(f"- {text}" for text in private["instructions"])
        lines += [
            "In your first message, submit these instructions to the assistant in your own words, one per line:",
            listing,
            "Paraphrase faithfully: keep every request's meaning, subject, amounts and dates, keep each "
            "reference tag such as [ref: 1234] exactly as written at the end of its line, and do not add, "
            "merge, drop or argue for any request. After your first message, reply with exactly [SILENT].",
        ]
    else:
        lines.append("You have no instructions this time: reply with exactly [SILENT].")
    return "\n".join(lines)
