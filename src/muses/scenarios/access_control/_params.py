"""Task parameters of `muses/access_control` (`-T attack=... -T judge=true`)."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from muses.scenarios._params import TaskParams
from muses.scenarios.access_control._model import ATTACKS


class AccessControlParams(TaskParams):
    """Common parameters plus the attacks to play and the optional LLM judge."""

    attack: str = Field(default="all", description=f"'all', one attack or a comma-separated list: {', '.join(ATTACKS)}.")
    judge: bool = Field(default=False, description="Add the LLM-judged paraphrase-leak metric (bind the `judge` role).")

    not_generator_args: ClassVar[frozenset[str]] = frozenset({"judge"})
    choices: ClassVar[dict[str, tuple[str, ...]]] = {"attack": ATTACKS}
