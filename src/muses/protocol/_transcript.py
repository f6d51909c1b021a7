"""The append-only transcript of an episode and per-principal views of it.

One immutable record of everything that happened; what each participant could see is a pure
projection (``view_as``). Scorers read deliveries from the transcript, simulated users are shown
only their own view, so a user can never be given text the agent did not deliver to them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pydantic import BaseModel, Field, TypeAdapter

from muses.protocol._events import (
    AgentMessage,
    AgentTurn,
    Decision,
    Delivery,
    EnvironmentMessage,
    Event,
    SharedWrite,
    UserMessage,
)
from muses.protocol._principals import AGENT_ID, BROADCAST, Principal, check_user_ids

_EVENTS = TypeAdapter(list[Event])


class Transcript(BaseModel):
    """Principals plus the ordered list of events. Append through the methods, never edit events."""

    principals: list[Principal] = Field(description="The users of the episode, in a stable order.")
    events: list[Event] = Field(default_factory=list, description="Every event, in order.")

    def model_post_init(self, __context: object) -> None:
        check_user_ids(self.principals)

    @property
    def user_ids(self) -> list[str]:
        """Ids of every user, in the episode's order."""
        return [p.id for p in self.principals]

    def principal(self, user_id: str) -> Principal:
        """Look a user up by id (KeyError if unknown)."""
        for p in self.principals:
            if p.id == user_id:
                return p
        raise KeyError(user_id)

    def expand(self, targets: Iterable[str]) -> tuple[str, ...]:
        """Expand 'all' and drop unknown names, keeping the episode's user order."""
        wanted = set(targets)
        if BROADCAST in wanted:
            return tuple(self.user_ids)
        return tuple(u for u in self.user_ids if u in wanted)

    # --- appending -------------------------------------------------------------------------------
    def add_user_message(self, round: int, sender: str, content: str, public: bool = False) -> UserMessage:
        """Record a user's input; the sender must be a known user."""
        self.principal(sender)
        event = UserMessage(round=round, sender=sender, content=content, visibility="public" if public else "private")
        self.events.append(event)
        return event

    def add_agent_message(self, round: int, targets: Iterable[str], content: str) -> AgentMessage | None:
        """Deliver agent text to the expanded targets; returns None if nobody known was addressed."""
        targets = list(targets)
        recipients = self.expand(targets)
        if not recipients:
            return None
        event = AgentMessage(
            round=round,
            recipients=recipients,
            content=content,
            broadcast=BROADCAST in targets or len(recipients) == len(self.principals) > 1,
        )
        self.events.append(event)
        return event

    def add_shared_write(self, round: int, key: str, content: str, readers: Iterable[str]) -> SharedWrite:
        """Write an entry to the shared context for the expanded reader set."""
        event = SharedWrite(round=round, key=key, content=content, readers=self.expand(readers))
        self.events.append(event)
        return event

    def add_decision(self, round: int, payload: dict[str, object]) -> Decision:
        """Record the agent's structured decision."""
        event = Decision(round=round, payload=dict(payload))
        self.events.append(event)
        return event

    def add_agent_turn(self, round: int, raw: str, format_ok: bool, errors: Iterable[str] = ()) -> AgentTurn:
        """Record the agent's raw output for the round."""
        event = AgentTurn(round=round, raw=raw, format_ok=format_ok, errors=tuple(errors))
        self.events.append(event)
        return event

    def add_environment_message(self, round: int, recipients: Iterable[str], content: str) -> EnvironmentMessage:
        """Record a notice from the environment to users (and/or the agent)."""
        wanted = list(recipients)
        resolved = (*self.expand(wanted), *((AGENT_ID,) if AGENT_ID in wanted else ()))
        event = EnvironmentMessage(round=round, recipients=resolved, content=content)
        self.events.append(event)
        return event

    # --- reading ---------------------------------------------------------------------------------
    def deliveries_to(self, user_id: str, up_to_round: int | None = None) -> Iterator[Delivery]:
        """Every agent message and shared write that reached ``user_id`` (optionally up to a round)."""
        for event in self.events:
            if up_to_round is not None and event.round > up_to_round:
                continue
            if isinstance(event, AgentMessage) and user_id in event.recipients or isinstance(event, SharedWrite) and user_id in event.readers:
                yield event

    def user_messages(self, round: int | None = None) -> list[UserMessage]:
        """User inputs, optionally of a single round."""
        return [e for e in self.events if isinstance(e, UserMessage) and (round is None or e.round == round)]

    def agent_turns(self) -> list[AgentTurn]:
        """The agent's raw turns in order."""
        return [e for e in self.events if isinstance(e, AgentTurn)]

    def decisions(self) -> list[Decision]:
        """The agent's decisions in order."""
        return [e for e in self.events if isinstance(e, Decision)]

    def shared_context(self, reader: str | None = None) -> dict[str, SharedWrite]:
        """Current shared entries by key (latest write wins), restricted to what ``reader`` may read."""
        current: dict[str, SharedWrite] = {}
        for event in self.events:
            if isinstance(event, SharedWrite):
                current[event.key] = event
        if reader is None or reader == AGENT_ID:
            return current
        return {k: v for k, v in current.items() if reader in v.readers}

    @property
    def last_round(self) -> int:
        """Highest round number seen (-1 for an empty transcript)."""
        return max((e.round for e in self.events), default=-1)

    def view_as(self, principal_id: str) -> list[Event]:
        """What ``principal_id`` could see, in order: a pure projection of the transcript.

        Users see their own inputs, public inputs of others, agent messages addressed to them and
        shared writes they may read. The agent sees every user input and all its own events.
        """
        if principal_id == AGENT_ID:
            return list(self.events)
        self.principal(principal_id)
        view: list[Event] = []
        for event in self.events:
            if isinstance(event, UserMessage):
                if event.sender == principal_id or event.visibility == "public":
                    view.append(event)
            elif isinstance(event, AgentMessage):
                if principal_id in event.recipients:
                    view.append(event)
            elif isinstance(event, SharedWrite) and principal_id in event.readers or isinstance(event, EnvironmentMessage) and principal_id in event.recipients:
                view.append(event)
        return view

    def to_jsonable(self) -> dict[str, object]:
        """Plain JSON form (for Inspect's store and logs)."""
        return self.model_dump(mode="json")

    @classmethod
    def from_jsonable(cls, data: dict[str, object]) -> Transcript:
        """Rebuild a transcript from ``to_jsonable`` output."""
        return cls.model_validate(data)


def events_from_json(data: list[dict[str, object]]) -> list[Event]:
    """Validate a JSON list of events (dispatching on the ``event`` tag)."""
    return _EVENTS.validate_python(data)
