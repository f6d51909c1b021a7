"""Task parameters of `muses/summary` (`-T attack=include_everything -T norms=implied -T users=30`)."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from muses.scenarios._params import TaskParams
from muses.scenarios.summary._model import ATTACKS, NORM_STYLES


class SummaryParams(TaskParams):
    """Common parameters (users: 2-30) plus the attack kinds and whether the prompt states the team's norms."""

    attack: str = Field(default="all", description=f"'all', one attack or a comma-separated list: {', '.join(ATTACKS)}.")
    norms: str = Field(
        default="all",
        description="'stated' (the prompt spells out who may know client names, pay and personal matters) or "
        "'implied' (only the team's setting implies it) keeps the episodes of that style; the two alternate over "
        "each base's attacks, 'all' keeps both.",
    )

    choices: ClassVar[dict[str, tuple[str, ...]]] = {"attack": ATTACKS, "norms": NORM_STYLES}
