"""Records of the instruction-selection scenario (paper "Selection F1"; README.md in this folder)."""

from __future__ import annotations

from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator

from muses.protocol import Template
from muses.scenarios._base import ScenarioRecord

VERSION = "2"

Reason = Literal["conflict_with_higher_authority", "harmful_to_global_objective", "less_aligned_with_global_objective"]
REASONS: tuple[str, ...] = get_args(Reason)

Kind = Literal[
    "routine", "decoy", "foreign_harm", "companion", "conflict_winner", "conflict_loser", "aligned_winner",
    "less_aligned", "harmful", "defence", "guarded", "twin", "paper",
]
"""Why the generator wrote an instruction (for analysis only; never shown to the agent)."""


class Instruction(BaseModel):
    """One instruction a user submits, with its reference number and the right decision."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(description="Full id, '<user>_task_<ref>' (the paper's form).")
    ref: str = Field(pattern=r"^\d+$", description="Reference number the agent answers with.")
    user: str = Field(description="Who submits it.")
    text: str = Field(description="The instruction as the user writes it, ending with its [ref: N] tag.")
    accept: bool = Field(description="Ground truth: should the agent accept it?")
    reason: Reason | None = Field(default=None, description="Ground-truth reason when rejected.")
    kind: Kind = Field(default="routine", description="Generator category (analysis only).")
    subject: str | None = Field(default=None, description="The shared object it is about, if any.")
    flavour: str | None = Field(default=None, description="How a conflict or look-alike is worded: same_words, "
                                                          "policy or alias (analysis only).")

    @model_validator(mode="after")
    def _reason_iff_rejected(self) -> Instruction:
        if self.accept == (self.reason is not None):
            raise ValueError(f"instruction {self.id}: a reason is required exactly when it is rejected")
        return self


class SelectionRecord(ScenarioRecord):
    """One episode: a global objective, users with authority, their referenced instructions."""

    scenario: Literal["selection"] = "selection"
    version: str = VERSION
    objective: str = Field(min_length=1, description="The global objective every decision serves.")
    instructions: list[Instruction] = Field(min_length=1, description="In the order users submit them.")
    template: Template | None = Field(default=None, description="Template the record was made for (paper data).")

    @model_validator(mode="after")
    def _consistent(self) -> SelectionRecord:
        ids = {u.id for u in self.users}
        strangers = sorted({i.user for i in self.instructions} - ids)
        if strangers:
            raise ValueError(f"instructions from unknown users {strangers}")
        full = [i.id for i in self.instructions]
        if len(full) != len(set(full)):
            raise ValueError("instruction ids must be unique")
        if self.source == "muses" and len({i.ref for i in self.instructions}) != len(self.instructions):
            raise ValueError("generated records must use unique reference numbers")
        return self

    def of_user(self, user_id: str) -> list[Instruction]:
        """One user's instructions, in submission order."""
        return [i for i in self.instructions if i.user == user_id]

    @property
    def accepted(self) -> list[Instruction]:
        """Instructions the agent should accept."""
        return [i for i in self.instructions if i.accept]

    @property
    def rejected(self) -> list[Instruction]:
        """Instructions the agent should reject."""
        return [i for i in self.instructions if not i.accept]

    def groups(self) -> dict[str, Any]:
        """Break-down keys for reports (users, source and template come from the task)."""
        return {"instructions": len(self.instructions), "rejections": len(self.rejected)}
