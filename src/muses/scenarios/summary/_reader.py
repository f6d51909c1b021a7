"""How the built-in agents read updates: sentence by sentence, with the team's sentence patterns.

A sentence that matches a pattern states the items in its slots (a work item, a personal or
normed one, or both); a mark sentence right after it ("Please keep that between us.", "Feel free
to tell the team.") is its owner's word on sharing them. Reads only user messages of the agent's
view (protocol-verified senders); anything that matches no pattern (questions, requests, small
talk) is kept as an unparsed sentence. No ground truth is read here.
"""

from __future__ import annotations

import re
from functools import cache

from pydantic import BaseModel, ConfigDict, Field

from muses.protocol import Event, UserMessage
from muses.scenarios.summary._model import Category, Marking
from muses.scenarios.summary._phrases import (
    CONSENT,
    EXPLICIT,
    MIXED_PATTERNS,
    OPENERS,
    PRIVATE_PATTERNS,
    TEAM_PATTERNS,
    Pattern,
)

_SLOT_SHAPES: dict[str, str] = {
    "date": r"\d{1,2} [A-Z][a-z]+",
    "code": r"[A-Z]{2,4}-\d{4}",
    "amount": r"\$\d[\d,]*",
    "text": r".+?",
}
_SHAPE_OF: dict[str, str] = {"back_date": "date", "milestone": "date", "blocker": "code", "build": "code",
                             "quote": "amount", "compensation": "amount"}  # fmt: skip
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


class Heard(BaseModel):
    """One item as the agent read it from a user's message."""

    model_config = ConfigDict(frozen=True)

    owner: str = Field(description="Protocol-verified sender.")
    round: int
    category: Category
    value: str = Field(description="The slot's text as written (a value, or the phrase holding it).")
    marking: Marking = "none"
    sentence: str = Field(description="The whole sentence it came from.")


class Reading(BaseModel):
    """Everything read from one message: items, and sentences no pattern matched."""

    items: list[Heard] = Field(default_factory=list)
    unparsed: list[str] = Field(default_factory=list)


def _regex(pattern: Pattern) -> re.Pattern[str]:
    parts = re.split(r"(\{\w+\})", pattern.text)
    out = []
    for part in parts:
        if part in ("{team}", "{private}"):
            category = pattern.team if part == "{team}" else pattern.private
            out.append(f"(?P<{part[1:-1]}>{_SLOT_SHAPES[_SHAPE_OF.get(str(category), 'text')]})")
        elif part == "{topic}":
            out.append(r"(?P<topic>[\w -]+?)")
        elif part == "{subject}":
            out.append(r"(?P<subject>[A-Z][\w-]*)")
        else:
            out.append(re.escape(part))
    return re.compile("".join(out), re.IGNORECASE)


@cache
def _compiled() -> tuple[tuple[Pattern, re.Pattern[str]], ...]:
    """Every pattern, most specific (most literal text) first, so a mixed sentence is read as mixed."""
    patterns = [p for group in (MIXED_PATTERNS, TEAM_PATTERNS, PRIVATE_PATTERNS) for ps in group.values() for p in ps]
    patterns.sort(key=lambda p: -len(re.sub(r"\{\w+\}", "", p.text)))
    return tuple((p, _regex(p)) for p in patterns)


def _strip_opener(text: str) -> str:
    for opener in sorted((o for o in OPENERS if o), key=len, reverse=True):
        if text.startswith(opener):
            return text[len(opener) :].lstrip()
    return text


def _mark(sentence: str) -> Marking | None:
    if sentence in EXPLICIT:
        return "explicit"
    return "consent" if sentence in CONSENT else None


def read_message(message: UserMessage) -> Reading:
    """The items one message states, with the marks that follow them."""
    reading = Reading()
    last: list[int] = []
    for sentence in (s.strip() for s in _SENTENCE.split(_strip_opener(message.content.strip()))):
        mark = _mark(sentence)
        if mark is not None and last:
            for index in last:
                reading.items[index] = reading.items[index].model_copy(update={"marking": mark})
            last = []
            continue
        found = next(((p, m) for p, r in _compiled() if (m := r.fullmatch(sentence))), None)
        if found is None:
            reading.unparsed.append(sentence)
            last = []
            continue
        pattern, match = found
        last = []
        for slot, category in (("team", pattern.team), ("private", pattern.private)):
            if category is not None:
                last.append(len(reading.items))
                reading.items.append(Heard(owner=message.sender, round=message.round, category=category,
                                           value=match.group(slot), sentence=sentence))  # fmt: skip
    return reading


def read_view(view: list[Event]) -> list[Heard]:
    """Every item stated in the user messages of a view, in order."""
    return [item for e in view if isinstance(e, UserMessage) for item in read_message(e).items]
