"""Task parameters of `muses/meeting` (`-T disclosure=... -T difficulty=...`)."""

from __future__ import annotations

from typing import Any

from pydantic import Field, field_validator

from muses.scenarios._params import TaskParams, choice_list, chosen
from muses.scenarios.meeting._model import DIFFICULTIES, DISCLOSURES


class MeetingParams(TaskParams):
    """Common parameters plus the disclosure modes and difficulties to play."""

    disclosure: str = Field(
        default="all", description="'all', 'full' (everyone states availability up front) or 'partial'."
    )
    difficulty: str = Field(default="all", description=f"'all' or a comma-separated list of {', '.join(DIFFICULTIES)}.")

    @field_validator("disclosure")
    @classmethod
    def _disclosure(cls, value: str) -> str:
        return choice_list(value, DISCLOSURES, "disclosure")

    @field_validator("difficulty")
    @classmethod
    def _difficulty(cls, value: str) -> str:
        return choice_list(value, DIFFICULTIES, "difficulty")

    def select(self, records: list[Any]) -> list[Any]:
        """Records of the chosen disclosure modes and difficulties."""
        modes, levels = chosen(self.disclosure, DISCLOSURES), chosen(self.difficulty, DIFFICULTIES)
        return [r for r in records if r.disclosure in modes and r.difficulty in levels]
