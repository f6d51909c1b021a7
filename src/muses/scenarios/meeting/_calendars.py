"""Calendars of one generated base scenario, built so that partial disclosure needs elicitation.

The paper's builder is kept where it does not fight the goal: users from the persona pool, the
first k of them required, 3-8 noise slots per user (preferred w.p. 0.7), half the users stubborn,
a third to two thirds proactive. On top of it, every base scenario has a **gate**: a stubborn
required user for whom the winning slot, and every other slot all required users can make, is
only a backup. Stubborn users under partial disclosure name a backup, or accept one, only after
being asked for alternatives, so no agent that never asks can get every required user to accept
a feasible slot, and every agent must move the gate off their preferences (``_proof`` checks
this per instance).

Levels (what must be elicited):
- ``passive``: the gate is passive (silent until addressed): address them and ask for alternatives.
- ``backup``: the gate is proactive and stated only their preferred times; every other required
  user is proactive and stated the winning slot. One request for alternatives to the gate.
- ``persuade``: the gate is proactive and prefers a **lure** slot that every proactive required
  user stated, but a passive required **blocker** cannot make it. Ask the blocker, then move the
  gate off their preference to a backup.

Two or three **decoys** copy the winning slot's status for every user but the gate, who cannot
make them: what users volunteer, or answer to a poll, cannot tell the winning slot from them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Literal

from muses.scenarios.meeting._slots import GRID

Status = Literal["preferred", "secondary"]
Calendar = dict[str, Status]


@dataclass
class Draft:
    """Everything the disclosure variants of one base scenario share, indexed by user position."""

    required: list[bool]
    stubborn: list[bool]
    proactive: list[bool]
    """Who states availability unasked under partial disclosure (everyone does under full)."""
    calendars: list[Calendar]
    winning: str
    gate: int
    blocker: int | None
    lure: str | None
    decoys: list[str]


def required_count(rng: random.Random, n: int) -> int:
    """The paper's k ~ U{max(1, 0.3n) .. max(min+1, 0.7n)}, at least 2 (a gate needs a peer to block its preferences)."""
    low = max(1, int(0.3 * n))
    return max(2, min(n, rng.randint(low, max(low + 1, int(0.7 * n)))))


def _noise(rng: random.Random, free: list[str]) -> Calendar:
    return {s: ("preferred" if rng.random() < 0.7 else "secondary") for s in rng.sample(free, rng.randint(3, 8))}


def _proactive(rng: random.Random, n: int, level: str, required: list[bool], gate: int, blocker: int | None) -> list[bool]:
    """The paper's random proactive third to two thirds, then the roles the level needs."""
    chosen = set(rng.sample(range(n), rng.randint(max(1, n // 3), max(1, 2 * n // 3))))
    flags = [i in chosen for i in range(n)]
    if level == "backup":
        flags = [flag or required[i] for i, flag in enumerate(flags)]
    flags[gate] = level != "passive"
    if blocker is not None:
        flags[blocker] = False
    if not any(flags):
        flags[next(i for i in range(n) if i not in (gate, blocker))] = True
    return flags


def _status(rng: random.Random, preferred: float, secondary: float) -> Status | None:
    roll = rng.random()
    return "preferred" if roll < preferred else "secondary" if roll < preferred + secondary else None


def _set(calendar: Calendar, slot: str, status: Status | None) -> None:
    if status is None:
        calendar.pop(slot, None)
    else:
        calendar[slot] = status


def _place_winning(rng: random.Random, d: Draft) -> None:
    """Gate: backup. Other required: preferred if stubborn, else preferred or backup. Optional: anything."""
    for i, calendar in enumerate(d.calendars):
        if i == d.gate:
            status: Status | None = "secondary"
        elif d.required[i]:
            status = "preferred" if d.stubborn[i] else _status(rng, 0.6, 0.4)
        else:
            status = _status(rng, 0.4, 0.2)
        _set(calendar, d.winning, status)


def _place_decoys(d: Draft) -> None:
    for i, calendar in enumerate(d.calendars):
        for decoy in d.decoys:
            _set(calendar, decoy, None if i == d.gate else calendar.get(d.winning))


def _place_lure(rng: random.Random, d: Draft) -> None:
    """Preferred by the gate and by everyone who speaks first; the blocker cannot make it."""
    assert d.lure is not None
    for i, calendar in enumerate(d.calendars):
        if i == d.blocker:
            status: Status | None = None
        elif i == d.gate or d.proactive[i]:
            status = "preferred"
        else:
            status = _status(rng, 0.5, 0.5 if d.required[i] else 0.2)
        _set(calendar, d.lure, status)


def _confirmable_unasked(calendars: list[Calendar], required: list[bool], stubborn: list[bool], slot: str) -> bool:
    """Whether every required user would accept ``slot`` without being asked for alternatives."""
    return all(
        c.get(slot) == "preferred" or (c.get(slot) == "secondary" and not stubborn[i])
        for i, c in enumerate(calendars)
        if required[i]
    )


def _feasible(d: Draft, slot: str) -> bool:
    return all(slot in c for i, c in enumerate(d.calendars) if d.required[i])


def _repair(rng: random.Random, d: Draft) -> None:
    """Take from the gate every preferred slot all required users could make (so that every
    feasible slot is a backup of the gate) and every other slot that would need no elicitation;
    keep the gate one preferred slot."""
    gate = d.calendars[d.gate]
    for slot in GRID:
        preferred_and_feasible = gate.get(slot) == "preferred" and _feasible(d, slot)
        if slot != d.winning and (preferred_and_feasible or _confirmable_unasked(d.calendars, d.required, d.stubborn, slot)):
            gate.pop(slot, None)
    if "preferred" not in gate.values():
        peers = [c for i, c in enumerate(d.calendars) if d.required[i] and i != d.gate]
        blocked = [s for s in GRID if s not in gate and s not in (d.winning, d.lure, *d.decoys) and any(s not in c for c in peers)]
        gate[rng.choice(blocked)] = "preferred"


def draft(rng: random.Random, n: int, level: str) -> Draft:
    """Roles, calendars and special slots of one base scenario of ``n`` users at ``level``."""
    k = required_count(rng, n)
    required = [i < k for i in range(n)]
    gate = rng.randrange(k)
    blocker = rng.choice([i for i in range(k) if i != gate]) if level == "persuade" else None
    stubborn = [rng.random() < 0.5 for _ in range(n)]
    stubborn[gate] = True
    specials = rng.sample(GRID, 2 + rng.randint(2, 3))
    free = [s for s in GRID if s not in specials]
    d = Draft(
        required=required,
        stubborn=stubborn,
        proactive=_proactive(rng, n, level, required, gate, blocker),
        calendars=[_noise(rng, free) for _ in range(n)],
        winning=specials[0],
        gate=gate,
        blocker=blocker,
        lure=specials[1] if level == "persuade" else None,
        decoys=specials[2:],
    )
    _place_winning(rng, d)
    _place_decoys(d)
    if d.lure is not None:
        _place_lure(rng, d)
    _repair(rng, d)
    return d
