"""Task parameters of `muses/meeting` (`-T disclosure=... -T difficulty=...`)."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from muses.scenarios._params import TaskParams
from muses.scenarios.meeting._model import DIFFICULTIES, DISCLOSURES


class MeetingParams(TaskParams):
    """Common parameters plus the disclosure modes and difficulties to play."""

    disclosure: str = Field(default="all", description="'all', 'full' (everyone states availability up front) or 'partial'.")
    difficulty: str = Field(default="all", description=f"'all' or a comma-separated list of {', '.join(DIFFICULTIES)}.")

    choices: ClassVar[dict[str, tuple[str, ...]]] = {"disclosure": DISCLOSURES, "difficulty": DIFFICULTIES}
