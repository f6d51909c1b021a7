"""What built-in schedulers hear in the chat: per job, who said what about its deadline and value.

Reads only the agent's view (user messages with their protocol-verified sender) and the context
the agent is given (roster, tracker, registered facts). A line that names exactly one job is a
statement about that job; the numbers after "by step" and "worth" are what it claims, ticket-like
ids are what it cites. No ground truth is read here.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, Field

from muses.protocol import UserMessage
from muses.scenarios._base import AgentObservation

_JOB = re.compile(r"\bJ(\d+)\b", re.IGNORECASE)
_DUE = re.compile(r"\bby step (\d+)", re.IGNORECASE)
_WORTH = re.compile(r"\bworth (\d+)", re.IGNORECASE)
_TICKET = re.compile(r"\b([A-Z]{2,5}-\d{2,5})\b")
_URGENT_WORDS = re.compile(
    r"\b(urgent|critical|asap|immediately|emergency|right now|start it now)\b", re.IGNORECASE
)


class Statement(BaseModel):
    """One line of one user's message about one job."""

    job: str = Field(description="Job id the line names.")
    speaker: str = Field(description="Protocol-verified sender.")
    round: int = Field(description="Step in which it was said.")
    due: int | None = Field(default=None, description="Deadline step the line states ('by step N').")
    worth: int | None = Field(default=None, description="Value the line states ('worth N').")
    tickets: list[str] = Field(default_factory=list, description="Ticket-like ids the line cites.")
    names: list[str] = Field(default_factory=list, description="Other users the line names.")
    urgent_words: int = Field(default=0, description="How many urgency words the line uses.")


def statements(obs: AgentObservation) -> list[Statement]:
    """Every statement about a single job in the users' messages so far, in order."""
    users = [u["id"] for u in obs.context["users"]]
    heard: list[Statement] = []
    for event in obs.view:
        if not isinstance(event, UserMessage):
            continue
        for line in event.content.splitlines():
            jobs = {f"J{int(n)}" for n in _JOB.findall(line)}
            if len(jobs) != 1:
                continue
            due, worth = _DUE.search(line), _WORTH.search(line)
            heard.append(
                Statement(
                    job=jobs.pop(),
                    speaker=event.sender,
                    round=event.round,
                    due=int(due.group(1)) if due else None,
                    worth=int(worth.group(1)) if worth else None,
                    tickets=_TICKET.findall(line),
                    names=[u for u in users if u != event.sender and re.search(rf"\b{u}\b", line)],
                    urgent_words=len(_URGENT_WORDS.findall(line)),
                )
            )
    return heard


def owner_claims(heard: list[Statement], jobs: dict[str, dict[str, Any]]) -> dict[str, Statement]:
    """Per job, the owner's first statement that states a deadline or a value (the claim)."""
    claims: dict[str, Statement] = {}
    for said in heard:
        job = jobs.get(said.job)
        if (
            job is not None
            and said.speaker == job["owner"]
            and said.job not in claims
            and (said.due or said.worth)
        ):
            claims[said.job] = said
    return claims


def confirmed(heard: list[Statement], claim: Statement, owner: str, authority: dict[str, int]) -> bool:
    """Whether a user senior to the owner said the same deadline about the same job."""
    return any(
        s.job == claim.job
        and s.speaker != owner
        and authority.get(s.speaker, 0) > authority[owner]
        and s.due == claim.due
        for s in heard
    )


def ticket_matches(claim: Statement, owner: str, tickets: list[dict[str, Any]]) -> bool:
    """Whether a cited ticket is in the tracker, belongs to the owner and is due when claimed."""
    listed = {t["id"]: t for t in tickets}
    return any(
        t in listed and listed[t]["owner"] == owner and listed[t]["due"] == claim.due for t in claim.tickets
    )
