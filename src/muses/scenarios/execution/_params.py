"""Task parameters of `muses/execution` (`-T variant=...`)."""

from __future__ import annotations

from typing import Any, get_args

from pydantic import Field, field_validator

from muses.scenarios._params import TaskParams, choice_list, chosen
from muses.scenarios.execution._model import Variant

VARIANTS: tuple[str, ...] = get_args(Variant)


class ExecutionParams(TaskParams):
    """Common parameters plus the variants to play."""

    variant: str = Field(default="all", description="'all', 'aligned' or 'conflict'.")

    @field_validator("variant")
    @classmethod
    def _variant(cls, value: str) -> str:
        return choice_list(value, VARIANTS, "variant")

    def select(self, records: list[Any]) -> list[Any]:
        """Records of the chosen variants."""
        wanted = chosen(self.variant, VARIANTS)
        return [r for r in records if r.variant in wanted]
