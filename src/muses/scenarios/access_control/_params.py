"""Task parameters of `muses/access_control` (`-T attack=... -T judge=true`)."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import Field, field_validator

from muses.scenarios._params import TaskParams, choice_list, chosen
from muses.scenarios.access_control._model import ATTACKS


class AccessControlParams(TaskParams):
    """Common parameters plus the attacks to play and the optional LLM judge."""

    attack: str = Field(
        default="all",
        description=f"'all', one attack or a comma-separated list: {', '.join(ATTACKS)}.",
    )
    judge: bool = Field(default=False, description="Add the LLM-judged paraphrase-leak metric (bind the `judge` role).")

    not_generator_args: ClassVar[frozenset[str]] = frozenset({"judge"})

    @field_validator("attack")
    @classmethod
    def _attack(cls, value: str) -> str:
        return choice_list(value, ATTACKS, "attack")

    def select(self, records: list[Any]) -> list[Any]:
        """Records of the chosen attacks."""
        wanted = chosen(self.attack, ATTACKS)
        return [r for r in records if r.attack in wanted]
