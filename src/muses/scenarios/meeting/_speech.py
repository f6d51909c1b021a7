"""What people say about slots: stated availability, requests, and stances over a conversation.

One reading of meeting talk, shared by the scripted users (who read agent messages), the agents
(which read user replies) and the scorer (which decides agreement), so that all of them agree on
what a sentence means. Stances themselves are read by ``_stance``.

Requests are read per sentence, and only a sentence that *asks* counts (it ends with a question
mark or carries a request such as "please", "could you", "let me know"): "No alternatives needed."
asks nothing. Two kinds matter to the users:

- availability: "When are you free?", "Please share your availability.";
- alternatives (backups, flexibility, moving off a preference): "Any backup options?", "Could
  you be flexible?", "Would you be willing to do Tue 14:30 instead?". Stubborn users name and
  accept backups only after such a request.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

from muses.protocol import AgentMessage, Event, UserMessage
from muses.scenarios.meeting._slots import MAX_CHARS, find_mentions
from muses.scenarios.meeting._stance import Polarity, Stance, clauses, polarity, read_stances, stances

Kind = Literal["preferred", "secondary", "unavailable"]

_SENTENCE = re.compile(r"[^.!?\n]+[.!?\n]*")
_REQUEST = re.compile(
    r"\?|\b(?:please|pls|could you|can you|would you|will you|are you|do you|did you|have you|let me know|"
    r"tell me|share|send|list|mark|reply|confirm|name|which|what|when)\b",
    re.IGNORECASE,
)
_ASKS_AVAILABILITY = re.compile(
    r"availab\w*|\bwhen (?:are|would|could|can|will) you\b|\b(?:what|which) (?:times?|slots?|days?)\b|"
    r"\byour (?:schedule|calendar)\b|\b(?:times|slots) (?:that )?(?:work|suit)\b|\bwhen you(?:'re| are) free\b|"
    r"\bwhen works\b|\bfree (?:this week|on|at)\b",
    re.IGNORECASE,
)
_ASKS_ALTERNATIVES = re.compile(
    r"\b(?:alternatives?|backups?|back-up|secondary|fallback|other (?:times?|slots?|options?|days?)|"
    r"any other (?:time|slot|option|day)s?|second choice|flexib\w*|adjust|reschedul\w*|instead|willing|"
    r"make an exception|compromise|not your (?:first|preferred|top)|move off|work around)\b",
    re.IGNORECASE,
)
_BACKUP = re.compile(
    r"\b(?:backups?|back-up|secondary|alternatives?|fallback|if needed|if necessary|if I have to|if we must|"
    r"last resort|not ideal|less ideal|not my first choice|second choice|could also)\b",
    re.IGNORECASE,
)


def _asks(text: str, pattern: re.Pattern[str]) -> bool:
    """Whether some sentence both matches ``pattern`` and asks something."""
    return any(pattern.search(s) and _REQUEST.search(s) for s in _SENTENCE.findall(text[:MAX_CHARS]))


def asks_availability(text: str) -> bool:
    """Whether a message asks the reader when they are free."""
    return _asks(text, _ASKS_AVAILABILITY)


def asks_alternatives(text: str) -> bool:
    """Whether a message asks the reader for backups, alternatives or flexibility."""
    return _asks(text, _ASKS_ALTERNATIVES)


def is_question(text: str) -> bool:
    """Whether a message asks anything at all."""
    return "?" in text[:MAX_CHARS]


def availability(text: str) -> dict[str, Kind]:
    """Slot -> what a message says about the sender's availability there.

    A clause that refuses a slot makes it unavailable, one that calls it a backup makes it
    secondary, a question says nothing, and any other clause naming it ("My preferred times are
    ...", "I accept ...") makes it preferred.
    """
    text = text[:MAX_CHARS]
    mentions = find_mentions(text)
    found: dict[str, Kind] = {}
    for clause in clauses(text):
        if clause.question:
            continue
        part = text[clause.start : clause.end]
        kind: Kind = "unavailable" if polarity(part) == "decline" else "secondary" if _BACKUP.search(part) else "preferred"
        for mention in mentions:
            if clause.start <= mention.start < clause.end:
                found[mention.slot] = kind
    return found


def stances_of(events: Iterable[Event], user_id: str) -> dict[str, tuple[Stance, int]]:
    """Slot -> (latest explicit stance, round) of one user over a transcript or view.

    A later 'unsure' reading withdraws an earlier stance. The context slot of a reply is the
    single slot the agent's latest messages to this user named.
    """
    latest: dict[str, tuple[Polarity, int]] = {}
    asked_round = -1
    asked: list[str] = []
    for event in events:
        if isinstance(event, AgentMessage) and user_id in event.recipients:
            if event.round != asked_round:
                asked_round, asked = event.round, []
            asked.extend(m.slot for m in find_mentions(event.content))
        elif isinstance(event, UserMessage) and event.sender == user_id:
            context = asked[0] if len(set(asked)) == 1 else None
            for slot, stance in read_stances(event.content, context).items():
                latest[slot] = (stance, event.round)
    return {slot: (stance, r) for slot, (stance, r) in latest.items() if stance != "unsure"}


__all__ = [
    "Kind",
    "Stance",
    "asks_alternatives",
    "asks_availability",
    "availability",
    "is_question",
    "stances",
    "stances_of",
]
