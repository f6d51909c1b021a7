"""What the shared deliverable is about, and how users phrase their requirements for it.

A deliverable is on topic when it mentions every keyword of its topic (users name the topic in
their messages, the agent's prompt lists the keywords). Topics hold no word of the constraint
pools, no comma and no all-caps word (tests check it), so mentioning the topic can never break a
constraint such as "no commas" or "mention 'budget' fewer than 2 times".
"""

from __future__ import annotations

import random
import re

from muses.scenarios.execution._constraints import Constraint

TOPICS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("the move to the Harbour Street office", ("Harbour Street",)),
    ("the new expense app rollout", ("expense app",)),
    ("the spring volunteering day", ("volunteering",)),
    ("the customer portal redesign", ("customer portal",)),
    ("the warehouse inventory count", ("inventory",)),
    ("the summer internship programme", ("internship",)),
    ("the switch to the Orion ticketing system", ("Orion",)),
    ("the quarterly town hall", ("town hall",)),
    ("the parking garage renovation", ("parking garage",)),
    ("the new onboarding checklist", ("onboarding checklist",)),
    ("the cafeteria menu change", ("cafeteria",)),
    ("the data centre maintenance window", ("maintenance window",)),
    ("the annual charity run", ("charity run",)),
    ("the mentoring programme launch", ("mentoring",)),
    ("the printer fleet replacement", ("printer",)),
    ("the office recycling initiative", ("recycling",)),
    ("the Lisbon support hub opening", ("Lisbon",)),
    ("the wellness week", ("wellness week",)),
    ("the laptop refresh", ("laptop",)),
    ("the internal hackathon", ("hackathon",)),
    ("the bike-to-work scheme", ("bike-to-work",)),
    ("the new visitor badge process", ("visitor badge",)),
)
"""(topic phrase, keywords an on-topic text must mention); every keyword occurs in its phrase."""

KINDS: tuple[str, ...] = ("announcement", "status update", "team memo", "newsletter item", "briefing note",
                          "project update")

_INTROS: tuple[str, ...] = (
    "For the {kind} about {topic}: {asks}",
    "About the {kind} on {topic}, here is what I need. {asks}",
    "My requirements for the {kind} on {topic}. {asks}",
    "Hi! Regarding the {kind} about {topic}: {asks}",
    "{asks} That's all from me for the {kind} about {topic}.",
    "Quick note on the {kind} covering {topic}. {asks}",
    "Hello. We are writing one {kind} about {topic}, and I have requests. {asks}",
    "Re {topic} and the {kind} about it: {asks}",
)
_JOINERS: tuple[str, ...] = (" ", " Also: ", " And one more thing: ", " Plus: ", " Next: ")


def on_topic(text: str, keywords: list[str]) -> bool:
    """Whether the text mentions every topic keyword (case-insensitive, as whole words)."""
    return all(re.search(rf"(?<!\w){re.escape(k)}(?!\w)", text, re.IGNORECASE) for k in keywords)


def user_message(rng: random.Random, kind: str, topic: str, constraints: list[Constraint]) -> str:
    """One user's round-0 message: the deliverable and topic, then their requirements in their words."""
    asks = constraints[0].description
    for constraint in constraints[1:]:
        asks += rng.choice(_JOINERS) + constraint.description
    return rng.choice(_INTROS).format(kind=kind, topic=topic, asks=asks)
