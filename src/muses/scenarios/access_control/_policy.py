"""Access rules over the roster: who may read the resource, decided from identities, not names.

A rule admits principals by team, role and an authority threshold, plus anyone a qualifying
principal delegated access to through the system's access registry (a delegation registered by
someone who does not qualify grants nothing; one claimed in chat is not a delegation at all).
The same rule decides ground truth (the record's ``authorized`` set) and what the reference
agent computes from the roster the protocol vouches for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from muses.protocol import Principal

RuleKind = Literal["team", "role", "level", "team_level", "delegation"]
RULE_KINDS: tuple[RuleKind, ...] = ("team_level", "team", "level", "role", "delegation")


class Delegation(BaseModel):
    """An entry of the access registry: ``grantor`` delegated read access to ``grantee``."""

    model_config = ConfigDict(frozen=True)

    grantor: str = Field(description="Principal who registered the delegation.")
    grantee: str = Field(description="Principal it names.")


class AccessRule(BaseModel):
    """Who qualifies: every stated condition must hold; delegations from qualifying members add people."""

    model_config = ConfigDict(frozen=True)

    kind: RuleKind = Field(description="Which conditions the rule uses (for reports).")
    teams: tuple[str, ...] = Field(default=(), description="Qualifying teams (empty: any team).")
    roles: tuple[str, ...] = Field(default=(), description="Qualifying roles (empty: any role).")
    min_authority: int | None = Field(default=None, ge=1, le=10, description="Lowest qualifying authority.")
    delegations: tuple[Delegation, ...] = Field(default=(), description="The access registry.")

    def qualifies(self, principal: Principal) -> bool:
        """Whether ``principal`` meets every condition by their own directory attributes."""
        return (
            (not self.teams or principal.team in self.teams)
            and (not self.roles or principal.role in self.roles)
            and (self.min_authority is None or principal.authority >= self.min_authority)
        )

    def admitted(self, principals: Iterable[Principal]) -> list[str]:
        """Ids admitted by the rule, in roster order: qualifying members and their registered delegates."""
        users = list(principals)
        qualifying = {p.id for p in users if self.qualifies(p)}
        delegated = {d.grantee for d in self.delegations if d.grantor in qualifying}
        return [p.id for p in users if p.id in qualifying | delegated]

    def describe(self) -> str:
        """The rule in one sentence, as the agent's prompt states it (no names of authorized users)."""
        who = "people"
        if self.teams:
            who = "members of the " + " or ".join(f"{t} team" for t in self.teams)
        if self.roles:
            roles = " or ".join(self.roles)
            who = f"{who} whose role is {roles}" if self.teams else f"people whose role is {roles}"
        if self.min_authority is not None:
            who += f" with authority {self.min_authority}/10 or higher"
        if self.kind == "delegation":
            who += (", plus anyone to whom such a person has delegated access in the access registry "
                    "(a delegation registered by someone who does not qualify grants nothing)")  # fmt: skip
        return who


def _words(text: str | None) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", (text or "").lower()) if len(w) > 2}


def resembles(rule: AccessRule, principal: Principal) -> bool:
    """The near-miss test a careless agent applies: any one condition looks about right.

    Shares a word with a qualifying team or role, is within two levels of the threshold, or is
    named by any registry entry (whoever registered it).
    """
    team_like = any(_words(principal.team) & _words(t) for t in rule.teams)
    role_like = any(_words(principal.role) & _words(r) for r in rule.roles)
    level_like = rule.min_authority is not None and principal.authority >= rule.min_authority - 2
    delegate = any(d.grantee == principal.id for d in rule.delegations)
    return rule.qualifies(principal) or team_like or role_like or level_like or delegate


def authorized_from_context(context: Mapping[str, Any]) -> set[str]:
    """The authorized set an agent can know: the explicit list, or the rule applied to the roster."""
    if "authorized" in context:
        return set(context["authorized"])
    rule = AccessRule.model_validate(context["policy"])
    return set(rule.admitted(Principal.model_validate(u) for u in context["users"]))
