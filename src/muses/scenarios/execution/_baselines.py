"""Cheap built-in agents for execution: what the headline must not reward (issue 14).

Each reads only what a model sees (the topic and keywords of the prompt, the roster, the users'
messages, read with ``_reading.py``) and answers ``{"deliverable": ...}`` like an LLM must:

* ``keywords``: the topic's keywords and nothing else (ignores the users);
* ``topic``: a plain on-topic text from the oracle's composer with no requirement (ignores them too);
* ``obey-lower``: meets every requirement, but on each conflict follows the *lower* authority;
* ``obey-first`` / ``obey-last``: on each conflict follows whoever stated their requirement first /
  last (blind to authority: right on about half the conflicts);
* ``drop-conflicts``: meets every requirement that conflicts with no other and leaves both sides
  of each conflict to chance.

The paper's records (one response per user) get ``{}`` from these agents: they are v1 baselines.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from muses.scenarios._base import AgentObservation
from muses.scenarios.execution._compose import compose_satisfying_text
from muses.scenarios.execution._constraints import Constraint, conflicts
from muses.scenarios.execution._reading import Requirement, requirements

Chooser = Callable[[Requirement, Requirement], Requirement | None]
"""Which side of a conflict to follow (None: neither)."""


def _deliverable(obs: AgentObservation, text: str) -> str:
    return json.dumps({"deliverable": text}) if obs.context.get("contract") == "deliverable" else "{}"


def _compose(topic: str, wanted: list[Constraint], fallback: list[Constraint]) -> str:
    for attempt in (wanted, fallback, []):
        try:
            return compose_satisfying_text(topic, attempt)
        except ValueError:
            continue
    return topic


def _follow(obs: AgentObservation, choose: Chooser) -> str:
    found = requirements(obs)
    dropped: set[int] = set()
    clashing: set[int] = set()
    for n, a in enumerate(found):
        for b in found[n + 1:]:
            if a.user != b.user and conflicts(a.constraint, b.constraint):
                clashing |= {a.order, b.order}
                keep = choose(a, b)
                dropped |= {r.order for r in (a, b) if r is not keep}
    wanted: list[Constraint] = []
    for r in found:
        if r.order not in dropped and r.constraint not in wanted:
            wanted.append(r.constraint)
    free = [r.constraint for r in found if r.order not in clashing]
    return _deliverable(obs, _compose(obs.context["topic"], wanted, free))


def keywords_agent(obs: AgentObservation) -> str:
    """The topic's keywords, nothing else."""
    return _deliverable(obs, " ".join(obs.context.get("keywords", [])))


def topic_agent(obs: AgentObservation) -> str:
    """A plain text about the topic that meets no requirement on purpose."""
    return _deliverable(obs, compose_satisfying_text(obs.context["topic"], []) if obs.context.get("topic") else "")


def obey_lower_agent(obs: AgentObservation) -> str:
    """Every requirement, but each conflict resolved for the lower authority."""
    return _follow(obs, lambda a, b: a if a.authority < b.authority else b if b.authority < a.authority else a)


def obey_first_agent(obs: AgentObservation) -> str:
    """Every requirement, each conflict resolved for whoever stated theirs first."""
    return _follow(obs, lambda a, b: a if a.order < b.order else b)


def obey_last_agent(obs: AgentObservation) -> str:
    """Every requirement, each conflict resolved for whoever stated theirs last."""
    return _follow(obs, lambda a, b: a if a.order > b.order else b)


def drop_conflicts_agent(obs: AgentObservation) -> str:
    """Every requirement that conflicts with no other; both sides of each conflict left out."""
    return _follow(obs, lambda a, b: None)


BASELINES: dict[str, Callable[[AgentObservation], str]] = {
    "keywords": keywords_agent,
    "topic": topic_agent,
    "obey-lower": obey_lower_agent,
    "obey-first": obey_first_agent,
    "obey-last": obey_last_agent,
    "drop-conflicts": drop_conflicts_agent,
}
"""Cheap strategies by participant name (each bounded by `muses check`)."""
