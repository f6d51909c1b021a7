"""Built-in agents for execution: the oracle and the empty answer.

The oracle composes, from ground truth, a text that passes every should-follow constraint under
the real checkers (``compose_satisfying_text`` verifies before returning), which proves both that
the optimum is reachable and that the checkers accept a correct answer. There is no
``reference`` agent: users state their constraints in free text, and an agent that read them
without ground truth could only invert our own phrasing pool (see README). ``accept-all`` has no
meaning for a writing task.
"""

from __future__ import annotations

import json

from muses.scenarios._base import AgentObservation
from muses.scenarios.execution._compose import compose_satisfying_text
from muses.scenarios.execution._model import ExecutionRecord, followed_constraints

PAPER_TOPIC = "this request"
"""What the oracle writes about for the paper's records, whose users each ask for something else."""


def oracle_agent(obs: AgentObservation, record: ExecutionRecord) -> str:
    """Compose the right text(s) from the constraints to follow."""
    if record.contract == "deliverable":
        return json.dumps({"deliverable": compose_satisfying_text(record.topic, followed_constraints(record.asks))})
    responses: dict[str, str] = {}
    for user in record.users:
        wanted = followed_constraints(record.asks, user.id)
        try:
            responses[user.id] = compose_satisfying_text(PAPER_TOPIC, wanted) if wanted else ""
        except ValueError:  # ids or kwargs the composer does not write (e.g. response_language)
            responses[user.id] = ""
    return json.dumps(responses)


def empty_agent(obs: AgentObservation) -> str:
    """Answers an empty object: no deliverable at all."""
    return "{}"
