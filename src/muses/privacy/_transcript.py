"""Feed a ledger from protocol events: what a transcript (or one participant's view) delivered.

Agent messages are deliveries to their recipients (a broadcast when addressed to everyone),
shared-board writes are deliveries to their readers, users' own messages are what they said.
Public messages of other users and environment notices are not the agent's disclosures and are
left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from muses.privacy._facts import Fact, Relation
from muses.privacy._ledger import Ledger
from muses.protocol import AgentMessage, Event, SharedWrite, Transcript, UserMessage


def feed(ledger: Ledger, events: Iterable[Event], up_to_round: int | None = None, only: str | None = None) -> Ledger:
    """Apply ``events`` in order (optionally up to a round, optionally for one recipient only)."""
    for event in events:
        if up_to_round is not None and event.round > up_to_round:
            continue
        if isinstance(event, UserMessage) and (only is None or event.sender == only):
            ledger.said(event.sender, event.round, event.content)
        elif isinstance(event, AgentMessage):
            recipients = [r for r in event.recipients if only is None or r == only]
            ledger.deliver(recipients, event.round, event.content, "broadcast" if event.broadcast else "direct")
        elif isinstance(event, SharedWrite):
            readers = [r for r in event.readers if only is None or r == only]
            ledger.deliver(readers, event.round, event.content, "shared")
    return ledger


def ledger_from_transcript(
    transcript: Transcript,
    facts: Sequence[Fact],
    relations: Sequence[Relation] = (),
    up_to_round: int | None = None,
) -> Ledger:
    """A ledger holding everything the transcript delivered (to every user)."""
    return feed(Ledger(facts, relations), transcript.events, up_to_round)


def ledger_from_view(
    view: Iterable[Event], recipient: str, facts: Sequence[Fact], relations: Sequence[Relation] = ()
) -> Ledger:
    """A ledger of one participant's own view (``Transcript.view_as``): what it could recover."""
    return feed(Ledger(facts, relations), view, only=recipient)
