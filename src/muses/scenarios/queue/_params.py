"""Task parameters of `muses/queue` (`-T load=...`)."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from muses.scenarios._params import TaskParams
from muses.scenarios.queue._model import LOADS


class QueueParams(TaskParams):
    """Common parameters plus the load levels to play."""

    load: str = Field(default="all", description=f"'all', one load level or a comma-separated list: {', '.join(LOADS)}.")

    choices: ClassVar[dict[str, tuple[str, ...]]] = {"load": LOADS}
