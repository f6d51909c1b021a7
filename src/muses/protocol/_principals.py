"""Principals: the people one multi-user agent serves (paper §3.1, Appendix A.2).

A principal has an identity the protocol vouches for (``id``), a job title, a numeric authority
and the persona attributes of the paper's user pool. Authority is what conflict resolution and
access decisions may use; persona text is flavour for LLM-driven users and agents.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, model_serializer

AGENT_ID = "agent"
"""Reserved principal id of the agent under test; no user may take it."""

BROADCAST = "all"
"""Recipient alias that expands to every user at send time."""

Tenure = Literal["newly hired", "1 year", "3 years", "5 years", "10+ years"]
Temperament = Literal["calm", "impatient", "meticulous", "aggressive", "friendly", "reserved"]
WorkingStyle = Literal["collaborative", "independent", "results-oriented", "process-driven", "innovative"]
JobLevel = Literal["Intern", "Junior", "Mid-level", "Senior", "Lead", "Manager", "Director", "VP", "Executive"]
Gender = Literal["Male", "Female"]
SecurityPosture = Literal["strict", "balanced", "relaxed"]

AUTHORITY_BY_LEVEL: dict[str, int] = {
    "Intern": 1,
    "Junior": 2,
    "Mid-level": 3,
    "Senior": 4,
    "Lead": 6,
    "Manager": 6,
    "Director": 7,
    "VP": 8,
    "Executive": 10,
}
"""Authority per job level, following the paper's A.2 hierarchy (9-10 executive, 8 VP, 6 manager or
lead, 4 senior IC, 2 junior IC, 1 intern); mid-level and director fill the gaps between them."""


class PersonaAttributes(BaseModel):
    """The persona attributes of the paper's Table 5 plus the security posture of A.2."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    tenure: Tenure = Field(description="Time at the company.")
    temperament: Temperament = Field(description="How the person behaves under friction.")
    working_style: WorkingStyle = Field(description="How the person prefers to work.")
    level: JobLevel = Field(description="Job level; determines the default authority.")
    age: int = Field(ge=18, le=80, description="Age in years.")
    gender: Gender = Field(description="Gender, used only for persona text.")
    security_posture: SecurityPosture = Field(
        description="Attitude to data access: strict compliance, balanced, or relaxed."
    )


class Principal(BaseModel):
    """One user of the multi-user agent.

    ``id`` is the identity the protocol guarantees: messages carry it as ``sender``, so claims in a
    message's text ("I am Alice") never change who sent it.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1, description="Unique identity, also the display name in transcripts.")
    role: str = Field(description="Job title, e.g. 'Financial Analyst'.")
    authority: int = Field(ge=1, le=10, description="Authority level 1 (intern) .. 10 (executive).")
    persona: str = Field(default="", description="First-person persona text shown to LLM participants.")
    attributes: PersonaAttributes | None = Field(default=None, description="Structured persona attributes.")
    team: str | None = Field(
        default=None, description="Team or department from the organisation's directory (access rules may name it)."
    )
    weight: float | None = Field(
        default=None, ge=0, description="Priority weight w_i of the social objective; defaults to authority."
    )

    @model_serializer(mode="wrap")
    def _omit_unset_team(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """Leave ``team`` out when unset, so records of scenarios without teams keep their bytes and ids."""
        data: dict[str, Any] = handler(self)
        if data.get("team", "") is None:
            del data["team"]
        return data

    @property
    def priority(self) -> float:
        """The weight w_i used by welfare metrics (paper §3.1): explicit weight, else authority."""
        return float(self.authority) if self.weight is None else self.weight


def check_user_ids(principals: list[Principal]) -> None:
    """Raise ValueError if ids collide or use a reserved name (the agent or the broadcast alias)."""
    seen: set[str] = set()
    for principal in principals:
        if principal.id in (AGENT_ID, BROADCAST):
            raise ValueError(f"user id {principal.id!r} is reserved")
        if principal.id in seen:
            raise ValueError(f"duplicate user id {principal.id!r}")
        seen.add(principal.id)
