"""The execution environment: users state requirements in round 0; the agent answers once.

Two output contracts (``ExecutionRecord.contract``): v1 records want one shared text as
``{"deliverable": "..."}``; the paper's records want a JSON object keyed by user id with one
response per user, which has no fixed key, so it is recognised here (an object whose keys name
users) and recorded as the decision.
"""

from __future__ import annotations

from typing import Any

from muses.protocol import ParsedOutput, Template
from muses.scenarios._base import Environment, scenario_prompt
from muses.scenarios.execution._model import ExecutionRecord
from muses.scenarios.execution._users import private_context, user_system_prompt

_DELIVERABLE_TASK = "Together with the users you are writing ONE {kind} about {topic}."
_DELIVERABLE_RULES = (
    "\n3. The {kind} must be about {topic} and mention: {keywords}.\n"
    "4. Formatting requirements (length, case, punctuation, sections, JSON, ...) apply to the text of the\n"
    "   {kind} itself, exactly as you write it."
)
_DELIVERABLE_OUTPUT = (
    'Reply with one JSON object holding the complete text: {{"deliverable": "<the full {kind}>"}}\n'
    "Only that text is checked; anything outside the object is ignored. If a requirement asks for\n"
    "JSON, the deliverable string itself must be that JSON."
)
_PER_USER_TASK = "Global objective: {objective} Each user sends you a request; answer each of them."
_PER_USER_OUTPUT = (
    "Respond with valid JSON only: an object keyed by user id whose values are your response to each\n"
    'user, e.g. {{"{first}": "...", "{second}": "..."}}. Each response is checked against that user\'s\n'
    "requirements."
)



class ExecutionEnvironment(Environment[ExecutionRecord]):
    """Users submit constraints in round 0; the agent's answer ends the episode."""

    decision_keys = ("deliverable",)

    def agent_context(self) -> dict[str, Any]:
        """Task, topic, keywords, contract and roster: everything the system prompt says, as data."""
        record = self.record
        return {
            "contract": record.contract,
            "objective": record.objective,
            "deliverable": record.deliverable,
            "topic": record.topic,
            "keywords": list(record.keywords),
            "users": [u.model_dump(mode="json", include={"id", "role", "authority"}) for u in record.users],
        }

    def system_prompt(self, template: Template) -> str:
        record = self.record
        roster = "\n".join(f"- {u.id}: {u.role}, authority {u.authority}/10" for u in record.users)
        if record.contract == "deliverable":
            slots = {"kind": record.deliverable, "topic": record.topic, "keywords": ", ".join(record.keywords)}
            task, rules, output = _DELIVERABLE_TASK, _DELIVERABLE_RULES, _DELIVERABLE_OUTPUT
        else:
            ids = [u.id for u in record.users]
            slots = {"objective": record.objective.rstrip(".") + ".", "first": ids[0], "second": ids[-1]}
            task, rules, output = _PER_USER_TASK, "", _PER_USER_OUTPUT
        return scenario_prompt(__file__).format(
            task=task.format(**slots), roster=roster, rules=rules.format(**slots),
            template_note=self.template_note(template), output=output.format(**slots),
        )

    def users_to_act(self, round: int) -> list[str]:
        """Only round 0 has input; users with nothing to say are not asked."""
        return [u for u in self.transcript.user_ids if self.record.messages.get(u)] if round == 0 else []

    def user_private(self, user_id: str) -> dict[str, Any]:
        return private_context(self.record, user_id)

    def user_system_prompt(self, user_id: str) -> str:
        return user_system_prompt(self.record, user_id)

    def apply_agent_output(self, round: int, parsed: ParsedOutput) -> None:
        """Paper contract: the last JSON object keyed by user ids is the decision."""
        if self.record.contract == "per_user" and parsed.decision is None:
            ids = {u.lower() for u in self.transcript.user_ids}
            keyed = [obj for obj in parsed.objects if any(str(k).lower() in ids for k in obj)]
            if keyed:
                parsed = parsed.model_copy(update={"decision": keyed[-1]})
        super().apply_agent_output(round, parsed)
