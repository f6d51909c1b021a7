"""Reading users' requirements back out of their messages, for the built-in baselines.

The baselines of ``_baselines.py`` must read only what a model sees: the roster and the users'
messages. Requirements arrive as free text, so this module inverts the generator's own phrasings
(``_phrasing.py``): every phrasing becomes a regular expression whose groups are the checker's
arguments. It reads scripted users' messages exactly; paraphrases by an LLM user are not read,
which is why these agents are baselines for the scripted setting and not a reference policy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from muses.scenarios._base import AgentObservation
from muses.scenarios.execution._constraints import AT_LEAST, LESS, Constraint
from muses.scenarios.execution._phrasing import PHRASES

_W, _S, _P = (f"length_constraints:{x}" for x in ("number_words", "number_sentences", "number_paragraphs"))
_CAPS = "change_case:capital_word_frequency"
SPECS: dict[str, tuple[str, dict[str, Any]]] = {
    "word_limit": (_W, {"relation": LESS}), "word_minimum": (_W, {"relation": AT_LEAST}),
    "sentence_limit": (_S, {"relation": LESS}), "sentence_minimum": (_S, {"relation": AT_LEAST}),
    "no_commas": ("punctuation:no_comma", {}),
    "comma_minimum": ("keywords:frequency", {"keyword": ",", "relation": AT_LEAST}),
    "all_lowercase": ("change_case:english_lowercase", {}), "all_capitals": ("change_case:english_capital", {}),
    "capital_words_minimum": (_CAPS, {"capital_relation": AT_LEAST}),
    "capital_words_limit": (_CAPS, {"capital_relation": LESS}),
    "include_keywords": ("keywords:existence", {}), "avoid_words": ("keywords:forbidden_words", {}),
    "keyword_repeat": ("keywords:frequency", {"relation": AT_LEAST}),
    "keyword_limit": ("keywords:frequency", {"relation": LESS}),
    "bullet_points": ("detectable_format:number_bullet_lists", {}), "title": ("detectable_format:title", {}),
    "postscript": ("detectable_content:postscript", {}), "end_phrase": ("startend:end_checker", {}),
    "highlights": ("detectable_format:number_highlighted_sections", {}),
    "paragraphs_one": (_P, {"num_paragraphs": 1}), "paragraphs": (_P, {}),
    "json_output": ("detectable_format:json_format", {}), "quotation": ("startend:quotation", {}),
}
"""Phrasing key -> (IFEval id, the arguments the phrasing fixes); the rest come from placeholders."""

_SLOT = re.compile(r"\{(\w+)\}")
_LISTS = ("keywords", "forbidden_words")
_SLOT_PATTERNS = {"keyword": r'[^"]+', "end_phrase": r'[^"]+', "postscript_marker": r"P\.S\.|P\.P\.S"}


@dataclass(frozen=True)
class Requirement:
    """One requirement read from one user's message."""

    user: str
    authority: int
    order: int
    constraint: Constraint


def _pattern(phrasing: str) -> re.Pattern[str]:
    parts: list[str] = []
    last = 0
    for slot in _SLOT.finditer(phrasing):
        parts.append(re.escape(phrasing[last:slot.start()]))
        name = slot.group(1)
        inner = r'"[^"]+"(?: and "[^"]+")*' if name in _LISTS else _SLOT_PATTERNS.get(name, r"\d+")
        parts.append(f"(?P<{name}>{inner})")
        last = slot.end()
    parts.append(re.escape(phrasing[last:]))
    return re.compile("".join(parts))


@cache
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    return [(key, _pattern(p)) for key, phrasings in PHRASES.items() for p in phrasings]


def _value(name: str, raw: str) -> Any:
    if name in _LISTS:
        return re.findall(r'"([^"]+)"', raw)
    return int(raw) if raw.isdigit() else raw


def read_message(text: str) -> list[Constraint]:
    """Every requirement a scripted user's message states, in the order stated."""
    found: list[tuple[int, Constraint]] = []
    for key, pattern in _patterns():
        instruction_id, fixed = SPECS[key]
        for match in pattern.finditer(text):
            kwargs = {**fixed, **{k: _value(k, v) for k, v in match.groupdict().items()}}
            found.append((match.start(), Constraint(instruction_id=instruction_id, kwargs=kwargs,
                                                    description=match.group(0))))
    return [c for _, c in sorted(found, key=lambda item: item[0])]


def requirements(obs: AgentObservation) -> list[Requirement]:
    """Every requirement of the round, with its user's authority and the order it was stated in."""
    authority = {u["id"]: int(u["authority"]) for u in obs.context["users"]}
    out: list[Requirement] = []
    for message in obs.inputs:
        for constraint in read_message(message.content):
            out.append(Requirement(message.sender, authority.get(message.sender, 0), len(out), constraint))
    return out
