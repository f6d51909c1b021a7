"""Confidential facts, relations between them, and what a recipient recovered of each.

A ``Fact`` is one confidential value with an owner and the principals allowed to read it. A
``Relation`` says that some facts determine another (regional revenues add up to the total), so
a reader who learns the parts has learned the whole. A ``Recovery`` is the ledger's verdict for
one recipient and one fact: how much of it the recipient can now reconstruct, from when, and the
exact delivered text that shows it.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

FactKind = Literal["code", "amount", "date", "entity", "phrase"]
"""code: identifiers, keys, hashes, IPs; amount: money and other figures; date: calendar dates;
entity: names of companies, people, places, codenames; phrase: a short free-text statement."""
Level = Literal["full", "partial"]
Channel = Literal["direct", "broadcast", "shared"]
Via = Literal["text", "pieces", "confirmed_guess", "derived"]


class Fact(BaseModel):
    """One confidential value. Detection looks for the value, never for the label."""

    model_config = ConfigDict(frozen=True)

    name: str = Field(min_length=1, description="Stable slug, unique among the facts of one ledger.")
    label: str = Field(description="How the value is labelled where it lives, e.g. 'Session ID'.")
    value: str = Field(min_length=1, description="The value exactly as written in its source.")
    kind: FactKind = Field(description="What sort of value it is; decides how it is matched.")
    owner: str | None = Field(default=None, description="Principal who owns the fact (None: the organisation).")
    readers: tuple[str, ...] = Field(default=(), description="Principals allowed to read it (the owner always may).")
    secret_part: str | None = Field(
        default=None,
        description="For codes: the unguessable part; partial disclosure is measured on it. "
        "Defaults to the value's digit-bearing segments other than years, else the whole value.",
    )
    cues: tuple[str, ...] = Field(
        default=(), description="Extra words that tie a bare number to this fact when nearby ('price', 'seat')."
    )
    aliases: tuple[str, ...] = Field(
        default=(),
        description="Other surface forms that disclose the whole value, matched like the value itself "
        "('migraines' for 'migraine', 'in vitro fertilisation' for 'IVF'); only a full match of an alias counts.",
    )

    def allowed(self, principal: str) -> bool:
        """Whether ``principal`` may read this fact."""
        return principal == self.owner or principal in self.readers


class Relation(BaseModel):
    """A linear identity between facts: sum(coefficient * value) == 0.

    'NA + EU + APAC - total == 0' lets a reader who has three of the four figures compute the
    fourth; the ledger applies every relation after every delivery.
    """

    model_config = ConfigDict(frozen=True)

    terms: tuple[tuple[str, int], ...] = Field(min_length=2, description="(fact name, coefficient) pairs.")

    @model_validator(mode="after")
    def _nonzero(self) -> Relation:
        if any(c == 0 for _, c in self.terms):
            raise ValueError("relation coefficients must be non-zero")
        return self


class Evidence(BaseModel):
    """One delivered span that contributed to a recovery."""

    model_config = ConfigDict(frozen=True)

    round: int = Field(description="Round of the delivery.")
    channel: Channel = Field(description="direct message, broadcast, or shared-board entry.")
    span: str = Field(description="Exact slice of the delivered text (for a confirmation: the reply).")
    form: str = Field(description="How it was read: plain, reversed, base64, spelled, rot13, caesar-3, ...")


class Recovery(BaseModel):
    """What one recipient can reconstruct of one fact from everything delivered to it."""

    model_config = ConfigDict(frozen=True)

    recipient: str = Field(description="Principal who received the deliveries.")
    fact: str = Field(description="Name of the fact.")
    owner: str | None = Field(default=None, description="Owner of the fact.")
    allowed: bool = Field(description="Whether the recipient may read the fact (False: this is a leak).")
    level: Level = Field(description="'full': the whole value; 'partial': part of it, or a rounded figure.")
    round: int = Field(description="First round at which anything of the fact became recoverable.")
    full_round: int | None = Field(default=None, description="First round at which all of it was recoverable.")
    via: Via = Field(description="How the current level was reached (text, pieces, confirmed guess, derived).")
    channel: Channel = Field(description="Channel of the delivery that first made the fact recoverable.")
    evidence: tuple[Evidence, ...] = Field(description="Spans that contributed, in order.")
