"""Records of privacy-aware summarization (DESIGN §5.6, the paper's C_share of Figure 1).

A team of 2-30 people each privately tells the agent their update, round after round. Every
item of an update is a structured ``Item``: a value of one category (a date, a ticket code, an
amount, a name, a condition) owned by its speaker, with the audience the team's norms and the
owner's own words give it. The agent keeps a shared summary on the board; the scorer reads what
the board covers and what every delivery leaks from these items, with the disclosure ledger.
"""

from __future__ import annotations

from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator

from muses.privacy import Fact, FactKind
from muses.scenarios._base import ScenarioRecord

VERSION = "1"
"""1: first version (issue 17)."""

Category = Literal[
    "back_date", "milestone", "blocker", "build", "quote", "vendor",
    "health", "family", "job_search", "concern", "client", "compensation",
]  # fmt: skip
CATEGORIES: tuple[str, ...] = get_args(Category)
Audience = Literal["team", "private", "subset"]
"""team: everyone may know it (it belongs in the summary); private: the owner only; subset: the
owner and the listed readers (the account team, the team lead)."""
Marking = Literal["none", "explicit", "consent"]
"""none: nothing said about sharing; explicit: the owner asked to keep it to the agent;
consent: the owner asked for it to be shared with the team."""
NormStyle = Literal["stated", "implied"]
"""stated: the prompt spells out the team's norms; implied: only the team's setting implies them."""
NORM_STYLES: tuple[str, ...] = get_args(NormStyle)
AttackKind = Literal["none", "ask_others", "include_everything", "pull_into_summary"]
ATTACKS: tuple[str, ...] = get_args(AttackKind)


class Item(BaseModel):
    """One thing a user tells the agent: a value with an owner, a category and an audience."""

    model_config = ConfigDict(frozen=True)

    name: str = Field(min_length=1, description="Stable slug, unique in the record ('Alice-r1-blocker').")
    owner: str = Field(description="The user who says it (and owns it).")
    round: int = Field(ge=0, description="Round in which the owner says it.")
    category: Category = Field(description="What it is about; decides its default audience.")
    label: str = Field(description="How a summary labels it ('Blocking ticket'); never secret.")
    value: str = Field(min_length=1, description="The value exactly as the owner says it.")
    kind: FactKind = Field(description="How the ledger matches it (date, code, amount, entity).")
    aliases: tuple[str, ...] = Field(default=(), description="Other forms that give the whole value away.")
    audience: Audience = Field(description="Who may know it (ground truth, from norms and marking).")
    readers: tuple[str, ...] = Field(default=(), description="For 'subset': who besides the owner may know it.")
    marking: Marking = Field(default="none", description="What the owner said about sharing it.")
    subject: str | None = Field(default=None, description="For a concern: the colleague it is about.")

    def fact(self, everyone: tuple[str, ...]) -> Fact:
        """This item as a ledger fact: team items are readable by ``everyone``."""
        readers = everyone if self.audience == "team" else self.readers
        return Fact(name=self.name, label=self.label, value=self.value, kind=self.kind, owner=self.owner,
                    readers=readers, aliases=self.aliases)  # fmt: skip


class Update(BaseModel):
    """What one user says in one round (before any attack line): its text and the items in it."""

    model_config = ConfigDict(frozen=True)

    user: str
    round: int = Field(ge=0)
    text: str = Field(description="The message as the user sends it.")
    items: tuple[str, ...] = Field(description="Names of the items the text states, in order.")


class Attacker(BaseModel):
    """A user who, besides giving their own updates, tries to get a colleague's private items."""

    model_config = ConfigDict(frozen=True)

    user: str
    victim: str = Field(description="The colleague whose private items they are after.")
    rumour: str | None = Field(
        default=None, description="For pull_into_summary: the name of the victim's private item they heard about."
    )


class Norms(BaseModel):
    """Who may know items of the categories whose audience depends on the team."""

    model_config = ConfigDict(frozen=True)

    client: Literal["team", "subset"] = Field(description="Client names: the whole team, or the account team only.")
    compensation: Literal["team", "subset"] = Field(description="Pay: the whole team (open pay), or the team lead only.")


class SummaryRecord(ScenarioRecord):
    """One episode: a team, its norms, every user's updates per round, and one attack kind."""

    scenario: Literal["summary"] = "summary"
    version: str = VERSION
    team: str = Field(description="Team name.")
    project: str = Field(description="What the team works on (agent and users see it).")
    profile: str = Field(description="Key of the team's setting (``_norms.PROFILES``): it implies the norms.")
    norms: NormStyle = Field(description="Whether the prompt states the norms or only the setting implies them.")
    lead: str = Field(description="The team lead (compensation may be shared with them).")
    account_team: tuple[str, ...] = Field(description="Users on client accounts (client names may be shared among them).")
    items: list[Item] = Field(min_length=1)
    updates: list[Update] = Field(min_length=1)
    attack: AttackKind
    attackers: list[Attacker] = Field(default_factory=list)
    rounds: int = Field(ge=1, description="Rounds with planned updates.")

    @model_validator(mode="after")
    def _consistent(self) -> SummaryRecord:
        ids = {u.id for u in self.users}
        names = [i.name for i in self.items]
        if len(set(names)) != len(names):
            raise ValueError("item names must be unique")
        if len({i.value.lower() for i in self.items}) != len(self.items):
            raise ValueError("item values must be distinct")
        if self.lead not in ids or not set(self.account_team) <= ids:
            raise ValueError("lead and account team must be users")
        for item in self.items:
            if item.owner not in ids or not set(item.readers) <= ids or (item.subject or item.owner) not in ids:
                raise ValueError(f"item {item.name} names an unknown user")
        known = set(names)
        for update in self.updates:
            if not set(update.items) <= known:
                raise ValueError(f"update of {update.user} in round {update.round} names unknown items")
        if (self.attack == "none") != (not self.attackers):
            raise ValueError("attackers are required exactly when there is an attack")
        return self

    def item(self, name: str) -> Item:
        """An item by name (KeyError if absent)."""
        for item in self.items:
            if item.name == name:
                return item
        raise KeyError(name)

    def facts(self, audience: tuple[Audience, ...] = ("team", "private", "subset")) -> list[Fact]:
        """Items of the given audiences as ledger facts."""
        everyone = tuple(u.id for u in self.users)
        return [i.fact(everyone) for i in self.items if i.audience in audience]

    def update_of(self, user: str, round: int) -> Update | None:
        """What ``user`` planned to say in ``round`` (None: nothing)."""
        return next((u for u in self.updates if u.user == user and u.round == round), None)

    def groups(self) -> dict[str, Any]:
        """Break-down keys for reports."""
        return {
            "attack": self.attack,
            "norms": self.norms,
            "profile": self.profile,
            "private_items": sum(i.audience != "team" for i in self.items),
        }
