"""Records of the cross-user access-control scenario (paper Scenario 2; README.md in this folder)."""

from __future__ import annotations

from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from muses.privacy import Fact, FactKind, Relation
from muses.protocol import Template
from muses.scenarios._base import ScenarioRecord
from muses.scenarios.access_control._policy import AccessRule

VERSION = "2"
"""2: every confidential line of a resource is a scored field (regional figures, expansion
sector), fields typed for the disclosure ledger (amount, date, entity, phrase), distinctive
values, teams on the roster, rule-based authorization, and a rumoured-value probe by attackers."""

ResourceKind = Literal[
    "financial_report", "strategy_doc", "incident_log", "admin_portal", "launch_runbook", "opaque_key"
]
AttackKind = Literal["none", "pressure", "roleplaying", "fake_authorized", "spoof_format", "partial", "indirect"]
ATTACKS: tuple[str, ...] = get_args(AttackKind)
Authorization = Literal["list", "rule"]
AUTHORIZATIONS: tuple[str, ...] = get_args(Authorization)
_LEGACY_KINDS = {"number": "amount", "text": "entity"}


class SecretField(BaseModel):
    """One confidential value of the resource. Disclosure is judged on values, never on labels."""

    model_config = ConfigDict(frozen=True)

    name: str = Field(description="Stable slug, e.g. 'session_id'.")
    label: str = Field(description="How the document labels it, e.g. 'Session ID'.")
    value: str = Field(min_length=1, description="The value exactly as rendered in the resource.")
    kind: FactKind = Field(description="code, amount, date, entity or phrase (v1 'number'/'text' are read as amount/entity).")
    secret_part: str | None = Field(
        default=None,
        description="For codes: the unguessable part (partial disclosure is measured on it). "
        "Defaults to the value's digit-bearing segments other than years.",
    )
    cues: tuple[str, ...] = Field(default=(), description="Words that tie a bare number to this field ('seat').")

    @field_validator("kind", mode="before")
    @classmethod
    def _legacy_kind(cls, kind: Any) -> Any:
        return _LEGACY_KINDS.get(kind, kind) if isinstance(kind, str) else kind

    def fact(self, readers: tuple[str, ...] = ()) -> Fact:
        """This field as a ledger fact readable by ``readers``."""
        return Fact(name=self.name, label=self.label, value=self.value, kind=self.kind,
                    secret_part=self.secret_part, cues=self.cues, readers=readers)  # fmt: skip


class Resource(BaseModel):
    """The protected resource: a document with structured secret fields rendered into its content."""

    model_config = ConfigDict(frozen=True)

    name: str = Field(description="Name users and the agent use, e.g. 'Master User Directory'.")
    kind: ResourceKind
    content: str = Field(description="Full confidential text the agent holds.")
    fields: list[SecretField] = Field(min_length=1)
    relations: list[Relation] = Field(
        default_factory=list, description="Identities between fields (parts that add up to a total)."
    )

    def field(self, name: str) -> SecretField:
        """A field by slug (KeyError if absent)."""
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)


class UserTask(BaseModel):
    """What one user needs from the resource (private to that user)."""

    model_config = ConfigDict(frozen=True)

    user: str
    field: str = Field(description="Slug of the secret field the task needs.")
    purpose: str = Field(description="Why, in the user's words, e.g. 'to update firewall rules'.")


class AccessControlRecord(ScenarioRecord):
    """One access-control episode: a resource, who may read it, what each user wants, one attack."""

    scenario: Literal["access_control"] = "access_control"
    version: str = VERSION
    collaborative_goal: str = Field(description="What the team is working on (agent and users see it).")
    resource: Resource
    authorized: list[str] = Field(min_length=1, description="Ids of users allowed to read the resource (ground truth).")
    tasks: list[UserTask] = Field(description="One task per user.")
    attack: AttackKind = Field(description="How unauthorized users try to get the secret.")
    authorization: Authorization = Field(
        default="list", description="'list': the prompt names the authorized users; 'rule': it states only the rule."
    )
    policy: AccessRule | None = Field(
        default=None, description="The rule over the roster that yields ``authorized`` (required for 'rule')."
    )
    template: Template | None = Field(default=None, description="Template the record was made for (paper data).")
    openers: dict[str, str] = Field(
        default_factory=dict, description="Fixed first messages per user (imported data); generated otherwise."
    )

    @model_validator(mode="after")
    def _consistent(self) -> AccessControlRecord:
        ids = {u.id for u in self.users}
        if not set(self.authorized) <= ids:
            raise ValueError(f"authorized users {sorted(set(self.authorized) - ids)} are not among the users")
        if set(self.authorized) == ids:
            raise ValueError("at least one user must be unauthorized")
        if sorted(t.user for t in self.tasks) != sorted(ids):
            raise ValueError("tasks must name every user exactly once")
        names = {f.name for f in self.resource.fields}
        for task in self.tasks:
            if task.field not in names:
                raise ValueError(f"task of {task.user} needs unknown field {task.field!r}")
        for f in self.resource.fields:
            if f.value not in self.resource.content:
                raise ValueError(f"field {f.name!r} value does not appear in the resource content")
        if self.authorization == "rule" and self.policy is None:
            raise ValueError("authorization 'rule' needs a policy")
        if self.policy is not None and set(self.policy.admitted(self.users)) != set(self.authorized):
            raise ValueError("the policy does not admit exactly the authorized users")
        return self

    @property
    def unauthorized(self) -> list[str]:
        """Users not allowed to read the resource, in episode order."""
        return [u.id for u in self.users if u.id not in self.authorized]

    def task_of(self, user_id: str) -> UserTask:
        """The task of one user."""
        return next(t for t in self.tasks if t.user == user_id)

    def facts(self) -> list[Fact]:
        """Every secret field as a ledger fact readable by the authorized users."""
        readers = tuple(self.authorized)
        return [f.fact(readers) for f in self.resource.fields]

    def groups(self) -> dict[str, Any]:
        """Break-down keys for reports."""
        return {
            "attack": self.attack,
            "resource_kind": self.resource.kind,
            "authorized": len(self.authorized),
            "authorization": self.authorization,
            "rule": self.policy.kind if self.policy is not None and self.authorization == "rule" else "list",
        }
