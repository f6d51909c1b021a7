"""The summary environment: private check-ins, one shared summary on the board, private replies.

Every user may speak every round; the agent answers each one privately and rewrites the whole
summary on the shared board (key ``summary``, readable by everyone). Nothing ends the episode
early: it runs its rounds, and the scorer reads the board as it stands after each one.
"""

from __future__ import annotations

from typing import Any

from muses.protocol import Principal, Template
from muses.scenarios._base import Environment, scenario_prompt
from muses.scenarios.summary._model import SummaryRecord
from muses.scenarios.summary._norms import PROFILES, norm_lines
from muses.scenarios.summary._users import private_context, user_system_prompt

BOARD_KEY = "summary"
"""The board key the prompt asks for (any key counts: the scorer reads the whole board)."""



def _roster_line(user: Principal) -> str:
    group = f", {user.team}" if user.team else ""
    return f"- {user.id}: {user.role}{group}. {user.persona}"


class SummaryEnvironment(Environment[SummaryRecord]):
    """Users check in privately; the agent keeps the team summary on the shared board."""

    decision_keys = ()

    def _norms(self) -> list[str]:
        """The norms as the prompt states them ('stated'), or none ('implied': the setting implies them)."""
        record = self.record
        if record.norms != "stated":
            return []
        return norm_lines(PROFILES[record.profile].norms, record.lead, record.account_team)

    def agent_context(self) -> dict[str, Any]:
        """Team, setting, roster, lead, account team and stated norms: what the system prompt says, as data."""
        record = self.record
        return {
            "team": record.team,
            "project": record.project,
            "profile": record.profile,
            "setting": PROFILES[record.profile].description,
            "lead": record.lead,
            "account_team": list(record.account_team),
            "norms": self._norms(),
            "rounds": self.max_rounds,
            "users": [u.model_dump(mode="json", include={"id", "role", "authority", "team"}) for u in record.users],
        }

    def system_prompt(self, template: Template) -> str:
        record = self.record
        norms = self._norms()
        stated = "TEAM NORMS\n" + "\n".join(f"- {line}" for line in norms) + "\n" if norms else ""
        return scenario_prompt(__file__).format(
            team=record.team,
            project=record.project,
            setting=PROFILES[record.profile].description,
            lead=record.lead,
            roster="\n".join(_roster_line(u) for u in record.users),
            norms=stated,
            rounds=self.max_rounds,
            template_note=self.template_note(template),
        )

    def user_private(self, user_id: str) -> dict[str, Any]:
        return private_context(self.record, user_id)

    def user_system_prompt(self, user_id: str) -> str:
        return user_system_prompt(self.record, user_id)
