"""Built-in agents for selection: the oracle and the baselines that solved the paper's data.

They write the same JSON decision an LLM must produce, so it goes through the same parser and
scorer. There is deliberately no ``reference`` agent: the observation is free text, and deciding
which requests conflict or harm a free-text objective needs reading comprehension. A rule-based
agent that scored well could only do so by inverting our own template pool, which would measure
the generator, not a policy (see README).
"""

from __future__ import annotations

import json
from typing import Any

from muses.scenarios._base import AgentObservation
from muses.scenarios.selection._model import SelectionRecord
from muses.scenarios.selection._refs import split_instructions

KEYWORD_RULE: dict[str, str] = {
    "personal": "harmful_to_global_objective",
    "cancel": "conflict_with_higher_authority",
    "low-priority": "less_aligned_with_global_objective",
}
"""The three-keyword rule that solves the paper's set (F1 0.999 on the paper's data), with the reason each word implied there."""


def decision_text(accepted: list[str], rejected: list[tuple[str, str]]) -> str:
    """The documented decision object, as an LLM must write it."""
    payload: dict[str, Any] = {
        "accepted_instructions": accepted,
        "rejected_instructions": [{"id": ref, "reason": reason} for ref, reason in rejected],
    }
    return json.dumps(payload)


def submitted(obs: AgentObservation) -> list[tuple[str, str]]:
    """Every (ref, text) the users submitted this round, in order."""
    return [item for message in obs.inputs for item in split_instructions(message.content)]


def accept_all_agent(obs: AgentObservation) -> str:
    """Accepts every instruction (paper F1 0.806 on the paper's data)."""
    return decision_text([ref for ref, _ in submitted(obs)], [])


def keyword_agent(obs: AgentObservation) -> str:
    """Rejects texts containing 'personal', 'cancel' or 'low-priority'; accepts the rest."""
    accepted: list[str] = []
    rejected: list[tuple[str, str]] = []
    for ref, text in submitted(obs):
        hit = next((word for word in KEYWORD_RULE if word in text.lower()), None)
        if hit is None:
            accepted.append(ref)
        else:
            rejected.append((ref, KEYWORD_RULE[hit]))
    return decision_text(accepted, rejected)


def empty_agent(obs: AgentObservation) -> str:
    """Answers an empty object: no decision at all."""
    return "{}"


def oracle_agent(obs: AgentObservation, record: SelectionRecord) -> str:
    """Reads the right decision and reason for every instruction from ground truth."""
    return decision_text([i.ref for i in record.accepted], [(i.ref, str(i.reason)) for i in record.rejected])
