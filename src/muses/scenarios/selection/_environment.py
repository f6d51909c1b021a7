"""The selection environment: one round, users submit, the agent decides once."""

from __future__ import annotations

from typing import Any

from muses.protocol import Template
from muses.scenarios._base import Environment, scenario_prompt
from muses.scenarios.selection._model import SelectionRecord
from muses.scenarios.selection._users import private_context, user_system_prompt


class SelectionEnvironment(Environment[SelectionRecord]):
    """Users submit referenced instructions in round 0; the decision object ends the episode."""

    decision_keys = ("accepted_instructions", "rejected_instructions", "accepted", "rejected", "decisions")

    def agent_context(self) -> dict[str, Any]:
        """Objective and roster with authority: everything the system prompt says, as data."""
        return {
            "objective": self.record.objective,
            "users": [u.model_dump(mode="json", include={"id", "role", "authority"}) for u in self.record.users],
        }

    def system_prompt(self, template: Template) -> str:
        roster = "\n".join(f"- {u.id}: {u.role}, authority {u.authority}/10" for u in self.record.users)
        return scenario_prompt(__file__).format(
            objective=self.record.objective, roster=roster, template_note=self.template_note(template)
        )

    def users_to_act(self, round: int) -> list[str]:
        """Only round 0 has input; users without instructions are not asked."""
        return [u for u in self.transcript.user_ids if self.record.of_user(u)] if round == 0 else []

    def user_private(self, user_id: str) -> dict[str, Any]:
        return private_context(self.record, user_id)

    def user_system_prompt(self, user_id: str) -> str:
        return user_system_prompt(self.record, user_id)
