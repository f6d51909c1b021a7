"""Feed a ledger from protocol events: what a transcript (or one participant's view) delivered.

Agent messages are deliveries to their recipients (a broadcast when addressed to everyone),
shared-board writes are deliveries to their readers, users' own messages are what they said.
Public messages of other users and environment notices are not the agent's disclosures and are
left out.

The shared board also has a *current* state: the latest write of each key. What a reader can
recover from the board as it stands (``ledger_from_board``) is what a summary on it covers; the
same ledger reads it, so "recoverable" means one thing for coverage and for leakage.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

from muses.privacy._facts import Channel, Fact, Relation
from muses.privacy._ledger import Ledger
from muses.protocol import AgentMessage, Event, SharedWrite, Transcript, UserMessage


def _channel(event: AgentMessage | SharedWrite) -> Channel:
    if isinstance(event, SharedWrite):
        return "shared"
    return "broadcast" if event.broadcast else "direct"


def feed(
    ledger: Ledger,
    events: Iterable[Event],
    up_to_round: int | None = None,
    only: str | None = None,
    channels: Collection[Channel] | None = None,
) -> Ledger:
    """Apply ``events`` in order (optionally up to a round, for one recipient, over some channels only).

    ``channels`` keeps the deliveries of those channels (e.g. ``("direct", "broadcast")``: the
    agent's replies without the board); what users said is always read.
    """
    for event in events:
        if up_to_round is not None and event.round > up_to_round:
            continue
        if isinstance(event, UserMessage) and (only is None or event.sender == only):
            ledger.said(event.sender, event.round, event.content)
        elif isinstance(event, AgentMessage | SharedWrite) and (channels is None or _channel(event) in channels):
            targets = event.recipients if isinstance(event, AgentMessage) else event.readers
            ledger.deliver([r for r in targets if only is None or r == only], event.round, _delivered(event), _channel(event))
    return ledger


def _delivered(event: AgentMessage | SharedWrite) -> str:
    """What a recipient reads: a board entry's key is shown with it, so a value in the key is delivered too."""
    return f"{event.key}\n{event.content}" if isinstance(event, SharedWrite) else event.content


def ledger_from_transcript(
    transcript: Transcript,
    facts: Sequence[Fact],
    relations: Sequence[Relation] = (),
    up_to_round: int | None = None,
    channels: Collection[Channel] | None = None,
) -> Ledger:
    """A ledger holding everything the transcript delivered (to every user), optionally over some channels."""
    return feed(Ledger(facts, relations), transcript.events, up_to_round, channels=channels)


def ledger_from_view(
    view: Iterable[Event], recipient: str, facts: Sequence[Fact], relations: Sequence[Relation] = ()
) -> Ledger:
    """A ledger of one participant's own view (``Transcript.view_as``): what it could recover."""
    return feed(Ledger(facts, relations), view, only=recipient)


def board_at(events: Iterable[Event], up_to_round: int | None = None) -> list[SharedWrite]:
    """The shared board as it stands after ``up_to_round``: the latest write of each key, in key order of first write."""
    current: dict[str, SharedWrite] = {}
    for event in events:
        if isinstance(event, SharedWrite) and (up_to_round is None or event.round <= up_to_round):
            current[event.key] = event
    return list(current.values())


def ledger_from_board(
    events: Iterable[Event], facts: Sequence[Fact], up_to_round: int | None = None, relations: Sequence[Relation] = ()
) -> Ledger:
    """What each reader can recover from the board as it stands (not from earlier versions of it).

    Each current entry is one delivery to its readers. Nobody's own words are fed: a reader
    recovers a fact from the board whether or not it was the one who reported it.
    """
    ledger = Ledger(facts, relations)
    for entry in board_at(events, up_to_round):
        ledger.deliver(entry.readers, entry.round, _delivered(entry), "shared")
    return ledger
