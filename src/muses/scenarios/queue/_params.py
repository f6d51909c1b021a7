"""Task parameters of `muses/queue` (`-T load=...`)."""

from __future__ import annotations

from typing import Any

from pydantic import Field, field_validator

from muses.scenarios._params import TaskParams, choice_list, chosen
from muses.scenarios.queue._model import LOADS


class QueueParams(TaskParams):
    """Common parameters plus the load levels to play."""

    load: str = Field(default="all", description=f"'all', one load level or a comma-separated list: {', '.join(LOADS)}.")

    @field_validator("load")
    @classmethod
    def _load(cls, value: str) -> str:
        return choice_list(value, LOADS, "load")

    def select(self, records: list[Any]) -> list[Any]:
        """Records of the chosen load levels."""
        wanted = chosen(self.load, LOADS)
        return [r for r in records if r.load in wanted]
