"""Surface-rule agents: what a few lines reading only authority, shared words and verbs can do.

Each reads exactly what a model sees (the roster with authority, the objective, the users'
messages) and none of it with comprehension. They are built-in participants so that `muses check`
holds the data to the standard "a surface rule stays near chance" (macro-F1 <= 0.55; accept-all
and reject-all sit at or below 0.5):

* ``lowest-authority``: reject every instruction of the least senior user(s).
* ``overlap``: two users' instructions sharing two or more content words conflict; reject the
  lower authority's (issue 14's second rule).
* ``overlap-verbs``: ``overlap``, plus reject disruptive verbs (cancel, postpone, stop, ...) that
  touch the objective's words (issue 14's third rule).
* ``polarity``: two users' instructions sharing a content word conflict when exactly one of them
  is disruptive or negated; reject the lower authority's (or, between equals, the disruptive one).
* ``objective-guard``: reject a disruptive instruction that touches the objective, and any
  instruction sharing a content word with a more senior user's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from muses.scenarios._base import AgentObservation
from muses.scenarios.selection._policies import decision_text
from muses.scenarios.selection._refs import split_instructions

_STOP_TEXT = """
a about above after again all also am an and any are as at be because been before being below between both but by
can could did do does doing don down during each even every few for from further get go going had has have having
he her here hers him his how i if in into is it its just let lets like make me more most my myself need needs no nor
not now of off on once only or other our ours out over own please put same she should so some such than thank thanks
that the their them then there these they this those through time to too under until up urgent very want was we were
what when where which while who whom why will with would you your yours ok okay hi hello hey quick one request next
sure kindly go ahead shout anything unclear appreciated fyi heads low priority rush team from side decision action item
arrange chance discussed monday waiting explain call happy priority it's i'd let's we're
"""
STOPWORDS = frozenset(_STOP_TEXT.split())
"""Function words and the request boilerplate every instruction shares ('please', 'urgent', ...)."""

_DISRUPTIVE_TEXT = """
cancel cancelled postpone postponed stop stopped pause paused delay delayed freeze frozen hold halt suspend scrap
drop cut remove delete shut close call off skip abandon withdraw revoke end kill block reject defer push back
"""
DISRUPTIVE = frozenset(_DISRUPTIVE_TEXT.split())
"""Verbs that stop, undo or delay something."""

NEGATIONS = frozenset({"no", "not", "never", "don't", "dont", "without", "nothing", "none", "stop"})

_WORD = re.compile(r"[a-z0-9$]+(?:['’-][a-z0-9]+)*")
_TAG = re.compile(r"\[\s*ref[^\]]*\]", re.IGNORECASE)


@dataclass(frozen=True)
class Item:
    """One submitted instruction as a surface rule sees it."""

    ref: str
    user: str
    authority: int
    words: frozenset[str]
    disruptive: bool
    negated: bool


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens, without the ref tag."""
    return _WORD.findall(_TAG.sub(" ", text).lower())


def content_words(text: str) -> frozenset[str]:
    """The words of a text that carry content (no function words, no request boilerplate)."""
    return frozenset(w for w in tokens(text) if w not in STOPWORDS and not w.isdigit())


def items(obs: AgentObservation) -> list[Item]:
    """Every submitted instruction with its sender's authority, content words and verb flags."""
    authority = {u["id"]: int(u["authority"]) for u in obs.context["users"]}
    out: list[Item] = []
    for message in obs.inputs:
        for ref, text in split_instructions(message.content):
            words = tokens(text)
            out.append(Item(ref, message.sender, authority.get(message.sender, 0), content_words(text),
                            any(w in DISRUPTIVE for w in words), any(w in NEGATIONS for w in words)))
    return out


def _answer(all_items: list[Item], rejected: dict[str, str]) -> str:
    return decision_text([i.ref for i in all_items if i.ref not in rejected], list(rejected.items()))


def _pairs(all_items: list[Item]) -> list[tuple[Item, Item]]:
    return [(a, b) for n, a in enumerate(all_items) for b in all_items[n + 1:] if a.user != b.user]


def lowest_authority_agent(obs: AgentObservation) -> str:
    """Reject everything the least senior user(s) asked (nothing when everyone is equal)."""
    found = items(obs)
    low = min((i.authority for i in found), default=0)
    everyone_equal = len({i.authority for i in found}) < 2
    return _answer(found, {} if everyone_equal else
                   {i.ref: "conflict_with_higher_authority" for i in found if i.authority == low})


def _overlap_rejections(found: list[Item], shared: int) -> dict[str, str]:
    rejected: dict[str, str] = {}
    for a, b in _pairs(found):
        if len(a.words & b.words) >= shared and a.authority != b.authority:
            rejected[min(a, b, key=lambda i: i.authority).ref] = "conflict_with_higher_authority"
    return rejected


def _verb_rejections(found: list[Item], objective: str) -> dict[str, str]:
    goal = content_words(objective)
    return {i.ref: "harmful_to_global_objective" for i in found if i.disruptive and i.words & goal}


def overlap_agent(obs: AgentObservation) -> str:
    """Between two users' instructions sharing >= 2 content words, reject the lower authority's."""
    found = items(obs)
    return _answer(found, _overlap_rejections(found, 2))


def overlap_verbs_agent(obs: AgentObservation) -> str:
    """``overlap`` plus: reject disruptive instructions that touch the objective's words."""
    found = items(obs)
    return _answer(found, {**_overlap_rejections(found, 2), **_verb_rejections(found, obs.context["objective"])})


def polarity_agent(obs: AgentObservation) -> str:
    """A shared word and opposite polarity (one disruptive or negated) is a conflict: the lower side loses."""
    found = items(obs)
    rejected: dict[str, str] = {}
    for a, b in _pairs(found):
        negative_a, negative_b = a.disruptive or a.negated, b.disruptive or b.negated
        if not a.words & b.words or negative_a == negative_b:
            continue
        if a.authority != b.authority:
            rejected[min(a, b, key=lambda i: i.authority).ref] = "conflict_with_higher_authority"
        else:
            rejected[(a if negative_a else b).ref] = "less_aligned_with_global_objective"
    return _answer(found, rejected)


def objective_guard_agent(obs: AgentObservation) -> str:
    """Disruptive-and-on-objective is harmful; any word shared with a more senior user's instruction loses."""
    found = items(obs)
    rejected = _verb_rejections(found, obs.context["objective"])
    for a, b in _pairs(found):
        low, high = sorted((a, b), key=lambda i: i.authority)
        if low.authority < high.authority and low.words & high.words:
            rejected.setdefault(low.ref, "conflict_with_higher_authority")
    return _answer(found, rejected)


SURFACE_AGENTS: dict[str, Callable[[AgentObservation], str]] = {
    "lowest-authority": lowest_authority_agent,
    "overlap": overlap_agent,
    "overlap-verbs": overlap_verbs_agent,
    "polarity": polarity_agent,
    "objective-guard": objective_guard_agent,
}
"""The surface rules, by participant name (each bounded by `muses check`)."""
