"""Transcript events: messages, shared-context writes and decisions, tagged by ``event``.

Every byte the agent sends to a user is a *delivery*: an ``AgentMessage`` to its recipients or a
``SharedWrite`` read by its readers. Privacy is scored on deliveries, so both are explicit here.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Visibility = Literal["private", "public"]


class UserMessage(BaseModel):
    """A user's input to the agent through their private session."""

    model_config = ConfigDict(frozen=True)

    event: Literal["user_message"] = "user_message"
    round: int = Field(ge=0, description="Round in which the user spoke (0-based).")
    sender: str = Field(description="Principal id of the user; set by the protocol, never by the text.")
    content: str = Field(description="What the user wrote.")
    visibility: Visibility = Field(
        default="private", description="'public' inputs are visible to every user, 'private' only to the agent."
    )


class AgentMessage(BaseModel):
    """A message the agent addressed to one or more users: a delivery to each recipient."""

    model_config = ConfigDict(frozen=True)

    event: Literal["agent_message"] = "agent_message"
    round: int = Field(ge=0, description="Round in which the agent spoke.")
    recipients: tuple[str, ...] = Field(description="User ids; 'all' was expanded at send time.")
    content: str = Field(description="The text delivered.")
    broadcast: bool = Field(default=False, description="True if addressed to everyone (explicitly or by default).")


class SharedWrite(BaseModel):
    """An entry the agent wrote to the shared context, readable by ``readers``: a delivery to each."""

    model_config = ConfigDict(frozen=True)

    event: Literal["shared_write"] = "shared_write"
    round: int = Field(ge=0, description="Round of the write.")
    key: str = Field(description="Name of the shared entry (a later write with the same key replaces it).")
    content: str = Field(description="Entry text.")
    readers: tuple[str, ...] = Field(description="User ids allowed to read the entry.")


class Decision(BaseModel):
    """A structured final decision by the agent (e.g. a meeting slot); not delivered to anyone."""

    model_config = ConfigDict(frozen=True)

    event: Literal["decision"] = "decision"
    round: int = Field(ge=0, description="Round of the decision.")
    payload: dict[str, Any] = Field(description="The decision object as the agent produced it.")


class AgentTurn(BaseModel):
    """The agent's raw output of one round and whether it followed the output format."""

    model_config = ConfigDict(frozen=True)

    event: Literal["agent_turn"] = "agent_turn"
    round: int = Field(ge=0, description="Round of the turn.")
    raw: str = Field(description="The model's raw text.")
    format_ok: bool = Field(description="False if the output could not be parsed and was broadcast as is.")
    errors: tuple[str, ...] = Field(default=(), description="Parser diagnostics.")


class EnvironmentMessage(BaseModel):
    """A notice from the environment itself (e.g. 'your job finished'); not written by the agent."""

    model_config = ConfigDict(frozen=True)

    event: Literal["environment_message"] = "environment_message"
    round: int = Field(ge=0, description="Round of the notice.")
    recipients: tuple[str, ...] = Field(description="User ids, and/or 'agent', that receive the notice.")
    content: str = Field(description="Notice text.")


Event = Annotated[
    UserMessage | AgentMessage | SharedWrite | Decision | AgentTurn | EnvironmentMessage,
    Field(discriminator="event"),
]
Delivery = AgentMessage | SharedWrite
