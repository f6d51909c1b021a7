"""Simulated users of the execution scenario: each states their requirements once, in round 0.

The scripted user sends the message stored in the record (our wording for v1, the paper's text
for imported records) and is silent afterwards. An LLM user is told to paraphrase a v1 message
faithfully, keeping every number, quoted word and phrase exact, because the checkers test those
literally; paper messages must be sent verbatim, since they are the paper's prompts.
"""

from __future__ import annotations

from typing import Any

from muses.scenarios._base import UserObservation
from muses.scenarios._in_role import UserBrief, user_prompt
from muses.scenarios.execution._model import ExecutionRecord


def private_context(record: ExecutionRecord, user_id: str) -> dict[str, Any]:
    """The user's persona and own message (never whether their constraint will be overruled)."""
    user = next(u for u in record.users if u.id == user_id)
    return {
        "persona": user.persona,
        "role": user.role,
        "authority": user.authority,
        "objective": record.objective,
        "message": record.messages.get(user_id, ""),
        "verbatim": record.source == "paper",
    }


def scripted_user(obs: UserObservation) -> str:
    """Round 0: the user's requirements; silent afterwards."""
    return "" if obs.round > 0 else str(obs.private["message"])


def user_system_prompt(record: ExecutionRecord, user_id: str) -> str:
    """Prompt for an LLM playing this user (``user_prompt``): paper messages verbatim, ours paraphrased."""
    private = private_context(record, user_id)
    message = str(private["message"])
    manner: tuple[str, ...] = ()
    if message and not private["verbatim"]:
        manner = (
            "Name the same deliverable and topic, keep every number, every quoted word or phrase and every "
            "format marker (such as <<title>>, ***, P.S., '* ') exactly, and do not add, soften or drop any requirement.",
        )
    brief = UserBrief(
        name=user_id,
        role=str(private["role"]),
        setting="writing to the team's AI writing assistant, which drafts one text for the whole team",
        about=str(private["persona"]),
        extra={"The team's objective": str(private["objective"])},
        content=message,
        verbatim=bool(private["verbatim"]),
        manner=manner,
        silent_when="After your first message you have nothing more to add" if message else "You have no requirements this time",
    )
    return user_prompt(brief)
