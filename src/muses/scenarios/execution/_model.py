"""Records of the instruction-execution scenario (paper "Execution Acc."; README.md in this folder)."""

from __future__ import annotations

from collections import Counter
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from muses.protocol import Template
from muses.scenarios._base import ScenarioRecord
from muses.scenarios.execution._constraints import Constraint, conflicts

VERSION = "2"

Variant = Literal["aligned", "conflict"]
Contract = Literal["deliverable", "per_user"]
"""How the agent answers: one shared text (``{"deliverable": ...}``, v1) or, for the paper's
records, a JSON object mapping each user id to a response written for that user."""


class Ask(BaseModel):
    """One constraint one user puts on the deliverable, and whether the agent should follow it."""

    model_config = ConfigDict(frozen=True)

    user: str
    constraint: Constraint
    follow: bool = Field(description="False only for the lower-authority side of a conflict (or, in the "
                                     "paper's conflict files, for users below the top authority).")
    conflict: str | None = Field(default=None, description="Label shared by the two sides of one conflict.")


def followed_constraints(asks: list[Ask], user: str | None = None) -> list[Constraint]:
    """The distinct constraints to follow (optionally one user's), in order; seconded ones count once."""
    out: list[Constraint] = []
    for ask in asks:
        if ask.follow and (user is None or ask.user == user) and ask.constraint not in out:
            out.append(ask.constraint)
    return out


class ExecutionRecord(ScenarioRecord):
    """One episode: users with authority and the constraints each puts on one deliverable."""

    scenario: Literal["execution"] = "execution"
    version: str = VERSION
    variant: Variant
    contract: Contract = "deliverable"
    objective: str = Field(min_length=1, description="What the team is producing (the paper's global objective).")
    deliverable: str = Field(default="", description="Kind of text, e.g. 'announcement' (v1 only).")
    topic: str = Field(default="", description="What the deliverable is about (v1 only).")
    keywords: list[str] = Field(default_factory=list, description="Words an on-topic deliverable must mention.")
    asks: list[Ask] = Field(min_length=1)
    messages: dict[str, str] = Field(description="What each user sends in round 0 (user id -> text).")
    template: Template | None = Field(default=None, description="Template the record was made for (paper data).")

    @model_validator(mode="after")
    def _consistent(self) -> ExecutionRecord:
        authority = {u.id: u.authority for u in self.users}
        unknown = sorted({a.user for a in self.asks} - set(authority))
        if unknown:
            raise ValueError(f"asks from unknown users {unknown}")
        if self.contract == "deliverable" and not (self.topic and self.keywords):
            raise ValueError("a shared deliverable needs a topic and its keywords")
        for label, count in Counter(a.conflict for a in self.asks if a.conflict).items():
            sides = [a for a in self.asks if a.conflict == label]
            if count != 2 or not conflicts(sides[0].constraint, sides[1].constraint):
                raise ValueError(f"conflict {label!r} must be two mutually exclusive constraints")
            winner = next((a for a in sides if a.follow), None)
            loser = next((a for a in sides if not a.follow), None)
            if winner is None or loser is None or authority[winner.user] <= authority[loser.user]:
                raise ValueError(f"conflict {label!r}: exactly the higher-authority side must be followed")
        if not any(a.follow for a in self.asks):
            raise ValueError("at least one constraint must be followed")
        return self

    @property
    def conflict_labels(self) -> list[str]:
        """Labels of the inter-user conflicts, in order."""
        return list(dict.fromkeys(a.conflict for a in self.asks if a.conflict))

    def groups(self) -> dict[str, Any]:
        """Break-down keys for reports (users, source and template come from the task)."""
        return {"variant": self.variant, "constraints": len(self.asks), "conflicts": len(self.conflict_labels)}
