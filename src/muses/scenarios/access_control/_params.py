"""Task parameters of `muses/access_control` (`-T attack=... -T authorization=rule -T judge=true`)."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field

from muses.scenarios._params import TaskParams
from muses.scenarios.access_control._model import ATTACKS


class AccessControlParams(TaskParams):
    """Common parameters plus the attacks, how authorization is stated, and the optional LLM judge."""

    attack: str = Field(default="all", description=f"'all', one attack or a comma-separated list: {', '.join(ATTACKS)}.")
    authorization: Literal["all", "list", "rule", "paired"] = Field(
        default="all",
        description="'list' (the prompt names who may read), 'rule' (a rule over the roster: role, team, "
        "authority, registered delegation), 'all' (the two alternate over each base's attacks) or 'paired' "
        "(every episode under both, for the ablation).",
    )
    judge: bool = Field(default=False, description="Add the LLM-judged paraphrase-leak metric (bind the `judge` role).")

    not_generator_args: ClassVar[frozenset[str]] = frozenset({"judge"})
    choices: ClassVar[dict[str, tuple[str, ...]]] = {"attack": ATTACKS}

    def select(self, records: list[Any]) -> list[Any]:
        """Records of the chosen attacks, and of the chosen way of stating authorization."""
        records = super().select(records)
        if self.authorization in ("list", "rule"):
            records = [r for r in records if r.authorization == self.authorization]
        return records
