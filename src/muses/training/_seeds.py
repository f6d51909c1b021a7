"""Seed scenarios for free-form multi-user conversations (the paper's eleven categories).

A seed is a situation plus its participants; free-form datagen plays many conversations per
seed. Hand-written seeds ship with the package (``seeds.json``); more can be written by hand or
drafted by a teacher model (``muses datagen seeds``). Seeds are validated strictly: participant
names must be usable as ``@Name`` targets and may not impersonate the agent or the broadcast
alias (the paper shipped a participant literally named "Agent").
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from muses.protocol import Principal

Category = Literal[
    "it_support",
    "project_collaboration",
    "healthcare_advisory",
    "customer_service",
    "education",
    "event_planning",
    "legal_consultation",
    "financial_planning",
    "travel_coordination",
    "crisis_management",
    "scientific_research",
]
CATEGORIES: tuple[str, ...] = get_args(Category)

ASSISTANT_ROLES: dict[str, str] = {
    "it_support": "an IT support assistant",
    "project_collaboration": "a project coordination assistant",
    "healthcare_advisory": "a healthcare information assistant (not a doctor; you point people to professionals)",
    "customer_service": "a customer service assistant",
    "education": "a teaching assistant",
    "event_planning": "an event planning assistant",
    "legal_consultation": "a legal information assistant (not a lawyer; you explain and refer)",
    "financial_planning": "a financial planning assistant (you explain options, you do not sell products)",
    "travel_coordination": "a travel coordination assistant",
    "crisis_management": "a crisis coordination assistant",
    "scientific_research": "a research assistant",
}
"""How the agent is cast in each category (the paper mapped only five and called the rest 'Helpful Assistant')."""

RESERVED_NAMES = {"agent", "all", "assistant", "system", "user", "environment", "everyone"}
SEEDS_FILE = Path(__file__).with_name("seeds.json")


class SeedParticipant(BaseModel):
    """One person in a seed scenario."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(pattern=r"^[A-Za-z][A-Za-z0-9_.-]{0,31}$", description="First name, usable as @Name.")
    role: str = Field(min_length=1, description="Who they are in this situation.")
    background: str = Field(min_length=1, description="What they know and want (shown to the agent too).")
    behavior: str = Field(default="", description="How they act (private to the simulated user).")

    @field_validator("id")
    @classmethod
    def _not_reserved(cls, value: str) -> str:
        if value.lower() in RESERVED_NAMES:
            raise ValueError(f"participant name {value!r} is reserved")
        return value


class Seed(BaseModel):
    """A situation for free-form conversations."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(pattern=r"^[a-z0-9_.-]{1,80}$")
    category: Category
    title: str = Field(min_length=1)
    description: str = Field(min_length=1, description="The situation, shown to the agent and to the users.")
    participants: list[SeedParticipant] = Field(min_length=2, max_length=10)
    source: Literal["hand-written", "teacher"] = "hand-written"

    @model_validator(mode="after")
    def _unique_names(self) -> Seed:
        names = [p.id.lower() for p in self.participants]
        if len(set(names)) != len(names):
            raise ValueError(f"seed {self.id}: participant names must be unique, got {[p.id for p in self.participants]}")
        return self

    def principals(self) -> list[Principal]:
        """The participants as protocol principals (authority is not part of free-form seeds)."""
        return [Principal(id=p.id, role=p.role, authority=5, persona=p.background) for p in self.participants]

    def participant(self, name: str) -> SeedParticipant:
        """Look a participant up by name (KeyError if unknown)."""
        for p in self.participants:
            if p.id == name:
                return p
        raise KeyError(name)


def parse_seeds(data: object, origin: str) -> list[Seed]:
    """Validate a JSON list of seeds; errors name the origin, the index and the field."""
    if not isinstance(data, list):
        raise ValueError(f"{origin}: expected a JSON list of seed objects")
    seeds: list[Seed] = []
    for index, item in enumerate(data):
        try:
            seeds.append(Seed.model_validate(item))
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "seed"
            raise ValueError(f"{origin}[{index}]: {where}: {first['msg']}") from None
    ids = [s.id for s in seeds]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"{origin}: duplicate seed ids {duplicates}")
    return seeds


def load_seeds(path: Path | None = None, categories: list[str] | None = None) -> list[Seed]:
    """Seeds from a JSON file (default: the hand-written ones shipped with Muses)."""
    seeds = list(_packaged()) if path is None else parse_seeds(_read_json(path), str(path))
    if categories:
        unknown = [c for c in categories if c not in CATEGORIES]
        if unknown:
            raise ValueError(f"categories: unknown {unknown}; choose from {', '.join(CATEGORIES)}")
        seeds = [s for s in seeds if s.category in categories]
    if not seeds:
        raise ValueError(f"no seeds{' in ' + str(path) if path else ''} for categories {categories}")
    return seeds


def _read_json(path: Path) -> object:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FileNotFoundError(f"{path}: no such seed file") from None
    except json.JSONDecodeError as error:
        raise ValueError(f"{path}:{error.lineno}: invalid JSON: {error.msg}") from None


@cache
def _packaged() -> tuple[Seed, ...]:
    return tuple(parse_seeds(_read_json(SEEDS_FILE), str(SEEDS_FILE)))
