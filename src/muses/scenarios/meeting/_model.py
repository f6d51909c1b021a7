"""Records of the multi-user meeting-coordination scenario (DESIGN §5.2, paper Scenario 3)."""

from __future__ import annotations

from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator

from muses.protocol import Template
from muses.scenarios._base import ScenarioRecord
from muses.scenarios.meeting._slots import GRID, slot_index

VERSION = "1"

Disclosure = Literal["full", "partial"]
Difficulty = Literal["consensus", "negotiation", "partial"]
DISCLOSURES: tuple[str, ...] = get_args(Disclosure)
DIFFICULTIES: tuple[str, ...] = get_args(Difficulty)

UTILITY_PREFERRED = 1.0
UTILITY_SECONDARY = 0.5


class UserConstraints(BaseModel):
    """One user's private calendar and behaviour (ground truth; only that user and the oracle see it)."""

    model_config = ConfigDict(frozen=True)

    user: str = Field(description="Principal id.")
    required: bool = Field(description="Whether the meeting needs this user (the agent is told).")
    preferred: list[str] = Field(description="Grid slots the user prefers (utility 1).")
    secondary: list[str] = Field(default_factory=list, description="Grid slots the user can make as a backup (utility 0.5).")
    stubborn: bool = Field(description="Reveals secondary slots only when asked for alternatives.")
    proactive: bool = Field(description="States availability unasked in round 0; passive users only greet.")

    @model_validator(mode="after")
    def _on_grid(self) -> UserConstraints:
        for slot in (*self.preferred, *self.secondary):
            if slot not in GRID:
                raise ValueError(f"user {self.user}: {slot!r} is not a canonical grid slot such as 'Tue 14:30'")
        if set(self.preferred) & set(self.secondary):
            raise ValueError(f"user {self.user}: slots both preferred and secondary: {sorted(set(self.preferred) & set(self.secondary))}")
        if len(set(self.preferred)) != len(self.preferred) or len(set(self.secondary)) != len(self.secondary):
            raise ValueError(f"user {self.user}: duplicate slots")
        return self

    def utility(self, slot: str | None) -> float:
        """U_i(slot): 1 preferred, 0.5 secondary, 0 unavailable (or no slot)."""
        if slot in self.preferred:
            return UTILITY_PREFERRED
        return UTILITY_SECONDARY if slot in self.secondary else 0.0

    def can_attend(self, slot: str | None) -> bool:
        """Whether the slot is in the user's preferred or secondary list."""
        return self.utility(slot) > 0


class MeetingRecord(ScenarioRecord):
    """One meeting episode: users with calendars, who is required, and how much they disclose."""

    scenario: Literal["meeting"] = "meeting"
    version: str = VERSION
    topic: str = Field(description="What the meeting is about (agent and users see it).")
    disclosure: Disclosure = Field(description="full: everyone states availability in round 0; partial: only proactive users.")
    difficulty: Difficulty = Field(
        description="consensus: the winning slot is preferred by all; negotiation: some need backups; "
        "partial: no slot fits every user, optional users must be dropped."
    )
    constraints: list[UserConstraints] = Field(description="One entry per user, in the users' order.")
    winning_slot: str = Field(description="The slot the generator built the episode around (not necessarily the welfare-best).")
    template: Template | None = Field(default=None, description="Template the record was made for (paper data).")

    @model_validator(mode="after")
    def _consistent(self) -> MeetingRecord:
        if [c.user for c in self.constraints] != [u.id for u in self.users]:
            raise ValueError("constraints must name every user exactly once, in the users' order")
        if not any(c.required for c in self.constraints):
            raise ValueError("at least one user must be required")
        if self.disclosure == "full" and not all(c.proactive for c in self.constraints):
            raise ValueError("full disclosure means every user is proactive")
        if self.winning_slot not in GRID:
            raise ValueError(f"winning_slot {self.winning_slot!r} is not a grid slot")
        if not self.feasible_slots():
            raise ValueError("the required users share no slot: the episode has no solution")
        return self

    def of(self, user_id: str) -> UserConstraints:
        """The constraints of one user (StopIteration if unknown)."""
        return next(c for c in self.constraints if c.user == user_id)

    @property
    def required(self) -> list[str]:
        """Ids of required users, in episode order."""
        return [c.user for c in self.constraints if c.required]

    def feasible_slots(self) -> list[str]:
        """Slots every required user can attend (the paper's success set), in calendar order."""
        return [s for s in GRID if all(c.can_attend(s) for c in self.constraints if c.required)]

    def welfare(self, slot: str | None, invited: set[str] | None = None) -> float:
        """Sum of w_i U_i(slot) over invited users (default: everyone); w_i is the principal's priority."""
        weights = {u.id: u.priority for u in self.users}
        return sum(weights[c.user] * c.utility(slot) for c in self.constraints if invited is None or c.user in invited)

    def best_slots(self) -> list[str]:
        """The feasible slots of maximal welfare, in calendar order."""
        feasible = self.feasible_slots()
        best = max(self.welfare(s) for s in feasible)
        return [s for s in feasible if abs(self.welfare(s) - best) < 1e-9]

    def groups(self) -> dict[str, Any]:
        """Break-down keys for reports: disclosure, difficulty and number of users."""
        return {"disclosure": self.disclosure, "difficulty": self.difficulty, "users": len(self.users)}


def sort_slots(slots: list[str]) -> list[str]:
    """Slots in calendar order without duplicates."""
    return sorted(set(slots), key=slot_index)
