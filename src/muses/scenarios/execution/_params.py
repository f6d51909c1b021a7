"""Task parameters of `muses/execution` (`-T variant=...`)."""

from __future__ import annotations

from typing import ClassVar, get_args

from pydantic import Field

from muses.scenarios._params import TaskParams
from muses.scenarios.execution._model import Variant

VARIANTS: tuple[str, ...] = get_args(Variant)


class ExecutionParams(TaskParams):
    """Common parameters plus the variants to play."""

    variant: str = Field(default="all", description="'all', 'aligned' or 'conflict'.")

    choices: ClassVar[dict[str, tuple[str, ...]]] = {"variant": VARIANTS}
