"""The meeting environment: what the agent is told, who speaks when, and when the episode ends."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from muses.protocol import AgentMessage, SharedWrite, Template
from muses.scenarios._base import Environment, scenario_prompt
from muses.scenarios.meeting._model import MeetingRecord
from muses.scenarios.meeting._slots import GRID
from muses.scenarios.meeting._user_prompt import user_system_prompt
from muses.scenarios.meeting._users import private_context

DEFAULT_TURNS = 10
"""Agent turns per episode, as in the paper's runs (``--max-turns 10``)."""



class MeetingEnvironment(Environment[MeetingRecord]):
    """Users speak first each round, then the agent; a final-schedule object ends the episode.

    Round 0: every user may speak (proactive users state availability, passive users stay silent). Later
    rounds: only users the agent wrote to in the previous round reply (as in the paper), and the
    agent is called every round, even if nobody replied, until it decides or runs out of turns.
    """

    decision_keys = ("goal_achieved", "final_schedule")

    def agent_context(self) -> dict[str, Any]:
        """Roster with required flags and priorities, the grid and the turn limit, as data."""
        record = self.record
        return {
            "topic": record.topic,
            "users": [
                {"id": u.id, "role": u.role, "required": record.of(u.id).required, "priority": u.priority}
                for u in record.users
            ],
            "required": record.required,
            "grid": list(GRID),
            "max_turns": self.max_rounds,
        }

    def system_prompt(self, template: Template) -> str:
        record = self.record
        roster = "\n".join(
            f"- {u.id}: {u.role}, {'REQUIRED' if record.of(u.id).required else 'optional'}, priority {u.priority:g}."
            for u in record.users
        )
        optional = [u.id for u in record.users if not record.of(u.id).required]
        return scenario_prompt(__file__).format(
            topic=record.topic,
            count=len(record.users),
            roster=roster,
            required=", ".join(record.required),
            optional=", ".join(optional) or "none",
            max_turns=self.max_rounds,
            template_note=self.template_note(template),
        )

    def user_private(self, user_id: str) -> dict[str, Any]:
        return private_context(self.record, user_id)

    def user_system_prompt(self, user_id: str) -> str:
        return user_system_prompt(self.record, user_id)

    def users_to_act(self, round: int) -> list[str]:
        """Everyone in round 0; afterwards only users who received something in the previous round."""
        if round == 0:
            return self.transcript.user_ids
        reached: set[str] = set()
        for event in self.transcript.events:
            if event.round != round - 1:
                continue
            if isinstance(event, AgentMessage):
                reached.update(event.recipients)
            elif isinstance(event, SharedWrite):
                reached.update(event.readers)
        return [u for u in self.transcript.user_ids if u in reached]

    def continue_after_users(self, round: int, spoke: Sequence[str]) -> bool:
        """The agent acts every round, silent ones included, so it can always still decide."""
        return True
