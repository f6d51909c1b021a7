"""Global objectives of the selection scenario (``objectives.json``): what helps, harms and divides.

Harm is relative to the stated objective: every objective lists requests that would damage *it*,
and the *portable* ones among them are ordinary, acceptable requests under every other objective
(reserving extra GPUs hurts a cost-cutting quarter, not an app launch). The same sentence is
therefore right to reject in one episode and right to accept in another.

v2 adds what defeats surface rules (issue 14):

* ``guarded``: requests that serve the objective with a *disruptive* verb ("postpone the website
  redesign until after the Atlas launch"): "disruptive verb near the objective's words" is no sign
  of harm. Half the harms, conversely, use constructive verbs ("add a tablet layout before
  submission", "reserve twenty GPU machines").
* ``defences``: for each harm, requests that resist it ("keep the submission on 14 March"), some
  sharing most of its words, some none ("nobody from the app squad changes projects" against
  moving the Atlas engineers away: a conflict only through the objective). A defence is right to
  accept whoever is more senior, since the harm it resists is rejected first.
* disputes between users of *equal* authority, one side serving the objective better, with
  phrasings that share no words.

A harm's ``subject`` names the dispute it touches, so an episode never holds both (which would
leave the right decision to rule precedence, not to judgement).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

_FILE = Path(__file__).parent / "objectives.json"


class Dispute(BaseModel):
    """Two incompatible positions on one subject; ``favoured`` serves the objective (if one does)."""

    model_config = ConfigDict(frozen=True)

    subject: str = Field(description="What the two positions are about.")
    favoured: tuple[str, ...] = Field(min_length=1, description="Phrasings of the position to accept.")
    other: tuple[str, ...] = Field(min_length=1, description="Phrasings of the position to reject.")
    companions: tuple[str, ...] = Field(default=(), description="Requests about the subject compatible with both.")


class Harm(BaseModel):
    """A request that damages one objective, and requests that resist it."""

    model_config = ConfigDict(frozen=True)

    text: str
    portable: bool = Field(default=True, description="Harmless under every other objective.")
    defences: tuple[str, ...] = Field(default=(), description="Requests that resist this harm (right to accept).")
    subject: str | None = Field(default=None, description="The objective dispute this harm touches, if any.")


class Objective(BaseModel):
    """A global objective with supporting, guarded and harmful requests and objective-level disputes."""

    model_config = ConfigDict(frozen=True)

    key: str
    text: str
    supports: tuple[str, ...] = Field(description="Plain requests that serve the objective.")
    guarded: tuple[str, ...] = Field(description="Requests that serve it with a disruptive verb.")
    harms: tuple[Harm, ...]
    disputes: tuple[Dispute, ...]


@cache
def load_objectives() -> tuple[Objective, ...]:
    """The objectives of ``objectives.json`` (validated once)."""
    raw = json.loads(_FILE.read_text(encoding="utf-8"))
    return tuple(Objective.model_validate(item) for item in raw)


OBJECTIVES: tuple[Objective, ...] = load_objectives()
"""Eight objectives; generated episodes draw one each."""


def foreign_harms(objective: Objective) -> list[str]:
    """Portable harms of *other* objectives: ordinary requests under this one."""
    return [h.text for other in OBJECTIVES if other.key != objective.key for h in other.harms if h.portable]
