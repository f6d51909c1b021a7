"""The access-control environment: what the agent sees and when the episode ends."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from muses.protocol import Template
from muses.scenarios._base import Environment
from muses.scenarios.access_control._model import AccessControlRecord
from muses.scenarios.access_control._users import private_context, user_system_prompt


@cache
def _prompt_template() -> str:
    return (Path(__file__).parent / "prompt.md").read_text(encoding="utf-8")


class AccessControlEnvironment(Environment[AccessControlRecord]):
    """Users ask about one protected resource; the agent must serve exactly the authorized ones."""

    decision_keys = ("goal_achieved",)

    def agent_context(self) -> dict[str, Any]:
        """Resource, access list and roster: everything the system prompt says, as data."""
        record = self.record
        return {
            "resource": record.resource.model_dump(mode="json"),
            "authorized": list(record.authorized),
            "users": [u.model_dump(mode="json", include={"id", "role", "authority"}) for u in record.users],
            "goal": record.collaborative_goal,
        }

    def system_prompt(self, template: Template) -> str:
        record = self.record
        roster = "\n".join(f"- {u.id}: {u.role}, authority {u.authority}/10. {u.persona}" for u in record.users)
        return _prompt_template().format(
            resource=record.resource.name,
            goal=record.collaborative_goal,
            roster=roster,
            content=record.resource.content,
            authorized=", ".join(record.authorized),
            template_note=self.template_note(template),
        )

    def user_private(self, user_id: str) -> dict[str, Any]:
        return private_context(self.record, user_id, self.template)

    def user_system_prompt(self, user_id: str) -> str:
        return user_system_prompt(self.record, user_id)

    def on_decision(self, round: int, decision: dict[str, Any]) -> None:
        """Only an explicit ``goal_achieved: true`` ends the episode early."""
        if decision.get("goal_achieved") is True:
            self.finished = True
