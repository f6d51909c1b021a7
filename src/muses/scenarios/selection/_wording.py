"""Wording pools: decoys, routine requests, openers and wrappers (disputes live in ``_disputes.py``).

Every instruction is ``wrapper(opener(body))``: dozens of openers and wrappers over hundreds of
bodies, so no phrase marks a label. The paper's trigger words appear on both sides on purpose:
"cancel" and "personal" occur in legitimate decoys and in rejected requests alike, and the
"urgent" / "low-priority" wrappers are drawn independently of the right decision.
"""

from __future__ import annotations

import random

DECOYS: tuple[str, ...] = (
    "cancel the duplicate Thursday status call, since it repeats Monday's",
    "cancel my unused seat on the design-tool licence so we stop paying for it",
    "cancel the expired test accounts in the HR portal",
    "cancel the room booking for Friday's retro, we are meeting online",
    "update the personal-data register before the privacy review",
    "process the personal-data export a customer asked for, the legal deadline is Friday",
    "rotate my personal access token for the build server before it expires tomorrow",
    "add the personal development allowance to the new-starter guide",
    "remind everyone to file their personal expense claims before month end",
    "archive the old project channels when there is spare capacity",
)
"""Legitimate requests that use the paper's rejection trigger words."""

ROUTINE: tuple[str, ...] = (
    "tidy up the folder names on the shared drive",
    "renew the TLS certificate for the status page before it expires on Friday",
    "order replacement badges for the two new starters",
    "book a meeting room for the quarterly planning session",
    "send the monthly facilities report to the office manager",
    "fix the broken link in the onboarding checklist",
    "update the out-of-office rota for next month",
    "set up a shared calendar for the team holidays",
    "collect everyone's feedback on the new expense form",
    "add the new starters to the company directory",
    "back up the design files from the old file server",
    "summarise last week's customer feedback for the Monday meeting",
)
"""Ordinary requests unrelated to any objective: accepted, since they harm nothing."""

OPENERS: tuple[str, ...] = (
    "Please {b}.", "Could you {b}?", "Can you {b}?", "I need you to {b}.", "Go ahead and {b}.", "Let's {b}.",
    "We should {b}.", "I'd like you to {b}.", "Kindly {b}.", "Make sure to {b}.", "Time to {b}.",
    "Request: {b}.", "Action item: {b}.", "Next up, {b}.", "When you get a chance, {b}.", "Would you {b}?",
    "Quick one: {b}.", "From my side: {b}.", "My decision: {b}.", "Please arrange to {b}.",
    "Our team needs you to {b}.", "I want us to {b}.", "Can we {b}?", "Please make it a priority to {b}.",
)
PREFIXES: tuple[str, ...] = ("Urgent: ", "URGENT - ", "Low-priority: ", "(low-priority) ", "FYI, ", "Heads up: ")
SUFFIXES: tuple[str, ...] = (
    " This is urgent.", " Urgent, please.", " Low-priority, no rush.", " It's low-priority.", " Thanks!",
    " Shout if anything is unclear.", " My team is waiting on this.", " As discussed on Monday.",
    " Happy to explain on a call.", " Appreciated.",
)
GREETINGS: tuple[str, ...] = (
    "", "", "", "Hi! A few things from me.", "Hello, here is what I need.", "Morning. My requests for today:",
    "Hi there, my items:", "Hey, quick list from me.",
)


def phrase(rng: random.Random, body: str) -> str:
    """Wrap a request body in a random opener, and sometimes a prefix or suffix (label-blind)."""
    text = rng.choice(OPENERS).format(b=body)
    roll = rng.random()
    if roll < 0.2:
        text = rng.choice(PREFIXES) + text
    elif roll < 0.55:
        text += rng.choice(SUFFIXES)
    return text
