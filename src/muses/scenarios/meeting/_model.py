"""Records of the multi-user meeting-coordination scenario (paper Scenario 3; README.md in this folder)."""

from __future__ import annotations

from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator

from muses.protocol import Template
from muses.scenarios._base import ScenarioRecord
from muses.scenarios.meeting._slots import GRID, slot_index

VERSION = "2"

Disclosure = Literal["full", "partial"]
Level = Literal["passive", "backup", "persuade"]
PaperDifficulty = Literal["consensus", "negotiation", "partial"]
Difficulty = Level | PaperDifficulty
DISCLOSURES: tuple[str, ...] = get_args(Disclosure)
LEVELS: tuple[str, ...] = get_args(Level)
"""Generated difficulty levels (v2), graded by what must be elicited."""
PAPER_DIFFICULTIES: tuple[str, ...] = get_args(PaperDifficulty)
"""The paper's difficulty labels, kept on imported records."""
DIFFICULTIES: tuple[str, ...] = LEVELS + PAPER_DIFFICULTIES

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
        description="Generated (v2), graded by what must be elicited: passive (a silent required user must be "
        "addressed and asked for alternatives), backup (a required user who stated only preferred times must be "
        "asked for alternatives), persuade (a required user holds out for a slot a silent required user cannot "
        "make and must be moved to a backup). Imported paper records keep the paper's consensus / negotiation / partial."
    )
    constraints: list[UserConstraints] = Field(description="One entry per user, in the users' order.")
    winning_slot: str = Field(description="The slot the generator built the episode around (not necessarily the welfare-best).")
    gate: str | None = Field(default=None, description="Generated: the stubborn required user who must be asked for alternatives.")
    blocker: str | None = Field(default=None, description="Generated, persuade level: the silent required user who cannot make the lure.")
    lure_slot: str | None = Field(default=None, description="Generated, persuade level: the gate's preferred slot that looks feasible but is not.")
    decoy_slots: list[str] = Field(
        default_factory=list,
        description="Generated: slots every user but the gate treats exactly like the winning slot (the gate cannot make them).",
    )
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
        ids = {u.id for u in self.users}
        for name in (self.gate, self.blocker):
            if name is not None and name not in ids:
                raise ValueError(f"gate/blocker {name!r} is not a user of the episode")
        for slot in (self.lure_slot, *self.decoy_slots):
            if slot is not None and slot not in GRID:
                raise ValueError(f"lure/decoy {slot!r} is not a grid slot")
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

    def optimum(self) -> float:
        """The exact optimum: the best welfare over the whole grid's feasible slots (enumerated)."""
        return max(self.welfare(s) for s in self.feasible_slots())

    def best_slots(self) -> list[str]:
        """The feasible slots of maximal welfare, in calendar order."""
        best = self.optimum()
        return [s for s in self.feasible_slots() if abs(self.welfare(s) - best) < 1e-9]

    def volunteered(self, user_id: str) -> list[str]:
        """The slots a user states unasked in round 0 (the disclosure rules of the scripted users).

        Full disclosure: preferred and backup slots. Partial: a passive user nothing, a stubborn
        one their preferred slots, a flexible one both.
        """
        me = self.of(user_id)
        if self.disclosure == "full":
            return sort_slots(me.preferred + me.secondary)
        if not me.proactive:
            return []
        return sort_slots(me.preferred + ([] if me.stubborn else me.secondary))

    def groups(self) -> dict[str, Any]:
        """Break-down keys for reports: disclosure, difficulty and number of users."""
        return {"disclosure": self.disclosure, "difficulty": self.difficulty, "users": len(self.users)}


def sort_slots(slots: list[str]) -> list[str]:
    """Slots in calendar order without duplicates."""
    return sorted(set(slots), key=slot_index)
