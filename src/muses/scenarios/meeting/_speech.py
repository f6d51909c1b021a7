"""What people say about slots: stances (accept/decline), stated availability, and requests.

One reading of meeting talk, shared by the scripted users (who read agent messages), the reference
agent (which reads user replies) and the scorer (which decides agreement), so that all three agree
on what a sentence means. Text is cut into clauses (sentences, and at "but", "though", ...); each
clause gets a polarity from explicit markers ("I accept", "works for me", "I can't make") and that
polarity applies to the slots the clause names. A clause that names no slot ("Yes, that works.")
applies to the one slot the agent had just asked this user about, if it asked about exactly one.

This is deliberately narrow: the scripted users speak in these forms, and LLM users are told to
answer a proposal with "I accept <slot>" or "I decline <slot>". Anything vaguer is no stance, so
agreement is never credited for a reply that did not take one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

from muses.protocol import AgentMessage, Event, UserMessage
from muses.scenarios.meeting._slots import MAX_CHARS, find_mentions

Stance = Literal["accept", "decline"]
Kind = Literal["preferred", "secondary", "unavailable"]

_CLAUSE_BREAK = re.compile(r"[!?;\n]+|\.(?=\s|$)|\b(?:but|however|although|though|whereas|except)\b", re.IGNORECASE)
_DECLINE = re.compile(
    r"\b(?:can'?t|can’t|cannot|can not|couldn'?t|could not|unable|not available|unavailable|not free|"
    r"doesn'?t work|does not work|don'?t work|won'?t work|will not work|wouldn'?t work|not possible|impossible|"
    r"declin\w*|reject\w*|busy|conflicts?|out of office)\b",
    re.IGNORECASE,
)
_ACCEPT = re.compile(
    r"\b(?:accept\w*|works|would work|will work|fine|ok|okay|yes|yep|sure|agree\w*|confirm\w*|can do|can make|"
    r"can attend|can join|can be there|i'?ll be there|will attend|sounds good|perfect|great|happy with|good for me)\b",
    re.IGNORECASE,
)
_NEGATION = re.compile(r"\b(?:no|not|nope)\b", re.IGNORECASE)
_BACKUP = re.compile(
    r"\b(?:backups?|back-up|secondary|alternatives?|fallback|if needed|if necessary|if I have to|if we must|"
    r"last resort|not ideal|less ideal|not my first choice|second choice|could also)\b",
    re.IGNORECASE,
)
_ASKS_AVAILABILITY = re.compile(
    r"availab\w*|\bwhen (?:are|would|could|can|will) you\b|\b(?:what|which) (?:times?|slots?)\b|"
    r"\byour (?:schedule|calendar)\b|\b(?:times|slots) (?:that )?(?:work|suit)\b|\bwhen you(?:'re| are) free\b|"
    r"\bwhen works\b",
    re.IGNORECASE,
)
_ASKS_ALTERNATIVES = re.compile(
    r"\b(?:alternativ\w*|backups?|back-up|secondary|fallback|other (?:times?|slots?|options?|days?)|any other|"
    r"anything else|adjust|flexib\w*|reschedul\w*)\b",
    re.IGNORECASE,
)


def _clauses(text: str) -> list[tuple[int, int]]:
    """Spans of the clauses of a text."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _CLAUSE_BREAK.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def polarity(clause: str) -> Stance | None:
    """Accept, decline, or no stance: explicit refusals first, then acceptances, then bare 'no'/'not'."""
    if _DECLINE.search(clause):
        return "decline"
    if _ACCEPT.search(clause):
        return "accept"
    if _NEGATION.search(clause):
        return "decline"
    return None


def stances(text: str, context: str | None = None) -> dict[str, Stance]:
    """Slot -> the stance a message takes on it (later clauses override earlier ones).

    Args:
        text: A user's message.
        context: The one slot the agent had just asked this user about, if exactly one.
    """
    text = text[:MAX_CHARS]
    mentions = find_mentions(text)
    found: dict[str, Stance] = {}
    for start, end in _clauses(text):
        stance = polarity(text[start:end])
        if stance is None:
            continue
        slots = [m.slot for m in mentions if start <= m.start < end]
        for slot in slots or ([context] if context else []):
            found[slot] = stance
    return found


def availability(text: str) -> dict[str, Kind]:
    """Slot -> what a message says about the sender's availability there.

    A clause that refuses a slot makes it unavailable, one that calls it a backup makes it
    secondary, and any other clause naming it ("My preferred times are ...") makes it preferred.
    """
    text = text[:MAX_CHARS]
    mentions = find_mentions(text)
    found: dict[str, Kind] = {}
    for start, end in _clauses(text):
        clause = text[start:end]
        kind: Kind = "unavailable" if _DECLINE.search(clause) else "secondary" if _BACKUP.search(clause) else "preferred"
        for mention in mentions:
            if start <= mention.start < end:
                found[mention.slot] = kind
    return found


def asks_availability(text: str) -> bool:
    """Whether a message asks the reader when they are free."""
    return bool(_ASKS_AVAILABILITY.search(text[:MAX_CHARS]))


def asks_alternatives(text: str) -> bool:
    """Whether a message asks the reader for backup or alternative times."""
    return bool(_ASKS_ALTERNATIVES.search(text[:MAX_CHARS]))


def stances_of(events: Iterable[Event], user_id: str) -> dict[str, tuple[Stance, int]]:
    """Slot -> (latest stance, round) of one user over a transcript (or the user's or agent's view).

    The context slot of a reply is the single slot the agent's latest messages to this user named.
    """
    latest: dict[str, tuple[Stance, int]] = {}
    asked_round = -1
    asked: list[str] = []
    for event in events:
        if isinstance(event, AgentMessage) and user_id in event.recipients:
            if event.round != asked_round:
                asked_round, asked = event.round, []
            asked.extend(m.slot for m in find_mentions(event.content))
        elif isinstance(event, UserMessage) and event.sender == user_id:
            context = asked[0] if len(set(asked)) == 1 else None
            for slot, stance in stances(event.content, context).items():
                latest[slot] = (stance, event.round)
    return latest
