"""Seeded generator of meeting episodes, following the paper's builder (paper-notes §5.2).

Per user count, difficulty and index, one base scenario: users from the persona pool, the first k
of them required (k ~ U{max(1, 0.3n) .. max(min+1, 0.7n)}), a uniform winning slot, 3-8 noise
slots per user (preferred w.p. 0.7), the difficulty enforced on the winning slot, 1-2 distractor
slots each blocked by 1-2 required users and offered to everyone else, the paper's
post-constraints, and a failsafe so the required users always share a slot. Every base scenario is
emitted once per disclosure mode (``full``: everyone proactive; ``partial``: a random third to two
thirds proactive); the two variants share everything else and a ``base_id``.
"""

from __future__ import annotations

import random
import re
from typing import Any, Literal

from muses.protocol import Principal
from muses.scenarios._personas import sample_principals
from muses.scenarios._seeding import content_id, derive_rng
from muses.scenarios.meeting._model import DIFFICULTIES, DISCLOSURES, MeetingRecord, UserConstraints
from muses.scenarios.meeting._slots import GRID, slot_index

Calendar = dict[str, Literal["preferred", "secondary"]]

SPLIT_DEFAULTS: dict[str, tuple[tuple[int, ...], int]] = {
    "quick": ((2, 4, 6, 10), 1),
    "dev": (tuple(range(2, 11)), 1),
    "test": (tuple(range(2, 11)), 4),
    "train": (tuple(range(2, 11)), 8),
}
"""Split -> (user counts, base scenarios per user count and difficulty); test matches the paper's 216."""

MAX_USERS = 30

TOPICS: tuple[str, ...] = (
    "quarterly planning review",
    "design review of the new onboarding flow",
    "post-mortem of last week's outage",
    "budget alignment for the next quarter",
    "hiring committee sync",
    "customer escalation review",
    "roadmap prioritisation session",
    "vendor selection decision",
    "security audit follow-up",
    "launch readiness check",
)


def parse_choice(value: str | list[str] | None, allowed: tuple[str, ...], name: str) -> list[str]:
    """'all', one name, a comma-separated list or a list -> validated names."""
    if value is None or value == "all":
        return list(allowed)
    names = [n.strip() for n in (value.split(",") if isinstance(value, str) else value) if n.strip()]
    unknown = [n for n in names if n not in allowed]
    if unknown or not names:
        raise ValueError(f"{name}: unknown {unknown or value!r}; choose from {', '.join(allowed)} or 'all'")
    return names


def _meeting_persona(principal: Principal) -> Principal:
    """The pool's persona without its data-access sentence (the paper dropped it for meetings too)."""
    persona = re.sub(r"(responsibility is [^.]*\.) .*?(My authority level)", r"\1 \2", principal.persona)
    return principal.model_copy(update={"persona": persona})


def _required_count(rng: random.Random, n: int) -> int:
    low = max(1, int(0.3 * n))
    return min(n, rng.randint(low, max(low + 1, int(0.7 * n))))


def _noise(rng: random.Random) -> Calendar:
    return {s: ("preferred" if rng.random() < 0.7 else "secondary") for s in rng.sample(GRID, rng.randint(3, 8))}


def _enforce(rng: random.Random, calendars: list[Calendar], required: list[bool], winning: str, difficulty: str) -> None:
    """Put the winning slot where the difficulty says (paper's 'difficulty enforcement')."""
    for calendar, needed in zip(calendars, required, strict=True):
        if difficulty == "consensus" or (difficulty == "partial" and needed):
            calendar[winning] = "preferred"
        elif difficulty == "negotiation":
            calendar[winning] = "preferred" if rng.random() < 0.5 else "secondary"
        else:
            calendar.pop(winning, None)


def _distract(rng: random.Random, calendars: list[Calendar], required: list[bool], winning: str) -> None:
    """1-2 tempting slots: each blocked by 1-2 required users, offered to everyone else."""
    needed = [i for i, flag in enumerate(required) if flag]
    for slot in rng.sample([s for s in GRID if s != winning], rng.randint(1, 2)):
        blockers = set(rng.sample(needed, min(len(needed), rng.randint(1, 2))))
        for index, calendar in enumerate(calendars):
            if index in blockers:
                calendar.pop(slot, None)
            else:
                calendar[slot] = "preferred" if rng.random() < 0.8 else "secondary"


def _common(calendars: list[Calendar], kinds: tuple[str, ...] = ("preferred", "secondary")) -> list[str]:
    return [s for s in GRID if all(c.get(s) in kinds for c in calendars)]


def _post(rng: random.Random, calendars: list[Calendar], required: list[bool], winning: str, difficulty: str) -> None:
    """The paper's post-constraints and failsafe."""
    optional = [i for i, flag in enumerate(required) if not flag]
    if difficulty == "partial" and optional:
        for slot in _common(calendars):
            calendars[rng.choice(optional)].pop(slot, None)
    if difficulty == "negotiation":
        for slot in _common(calendars, ("preferred",)):
            calendars[rng.randrange(len(calendars))][slot] = "secondary"
    needed = [c for c, flag in zip(calendars, required, strict=True) if flag]
    if not _common(needed):
        for calendar in needed:
            calendar.setdefault(winning, "secondary")


def _proactive(rng: random.Random, n: int) -> set[int]:
    size = rng.randint(max(1, n // 3), max(1, 2 * n // 3))
    return set(rng.sample(range(n), size))


def base_scenario(split: str, seed: int, users: int, difficulty: str, index: int) -> dict[str, Any]:
    """The disclosure-independent part of one episode, plus the partial-disclosure proactive set."""
    rng = derive_rng("meeting", split, seed, users, difficulty, index)
    principals = [_meeting_persona(p) for p in sample_principals(rng, users)]
    k = _required_count(rng, users)
    required = [i < k for i in range(users)]
    winning = rng.choice(GRID)
    calendars = [_noise(rng) for _ in range(users)]
    _enforce(rng, calendars, required, winning, difficulty)
    _distract(rng, calendars, required, winning)
    _post(rng, calendars, required, winning, difficulty)
    stubborn = [rng.random() < 0.5 for _ in range(users)]
    return {
        "principals": principals,
        "topic": rng.choice(TOPICS),
        "winning": winning,
        "required": required,
        "calendars": calendars,
        "stubborn": stubborn,
        "proactive": _proactive(rng, users),
    }


def _constraints(base: dict[str, Any], disclosure: str) -> list[UserConstraints]:
    out = []
    for i, principal in enumerate(base["principals"]):
        calendar: Calendar = base["calendars"][i]
        out.append(
            UserConstraints(
                user=principal.id,
                required=base["required"][i],
                preferred=sorted((s for s, k in calendar.items() if k == "preferred"), key=slot_index),
                secondary=sorted((s for s, k in calendar.items() if k == "secondary"), key=slot_index),
                stubborn=base["stubborn"][i],
                proactive=disclosure == "full" or i in base["proactive"],
            )
        )
    return out


def _records(split: str, base: dict[str, Any], difficulty: str, disclosures: list[str]) -> list[MeetingRecord]:
    partial = _constraints(base, "partial")
    payload = {
        "users": [p.model_dump(mode="json") for p in base["principals"]],
        "constraints": [c.model_dump(mode="json") for c in partial],
        "topic": base["topic"],
        "winning": base["winning"],
        "difficulty": difficulty,
    }
    base_id = content_id("mtb", payload)
    return [
        MeetingRecord(
            id=content_id("mt", {"base": base_id, "disclosure": disclosure}),
            base_id=base_id,
            split=split,
            users=base["principals"],
            topic=base["topic"],
            disclosure=disclosure,  # type: ignore[arg-type]
            difficulty=difficulty,  # type: ignore[arg-type]
            constraints=_constraints(base, disclosure),
            winning_slot=base["winning"],
        )
        for disclosure in disclosures
    ]


def generate(
    split: str = "quick",
    seed: int = 0,
    users: tuple[int, int] | None = None,
    per_size: int | None = None,
    disclosure: str | list[str] | None = "all",
    difficulty: str | list[str] | None = "all",
) -> list[MeetingRecord]:
    """Generate records; same arguments, same records (and the same bytes when serialized).

    Args:
        split: quick (users 2, 4, 6, 10), dev, test (the paper's 216) or train.
        seed: Generator seed.
        users: Inclusive user-count range, 2-30 (overrides the split's counts).
        per_size: Base scenarios per user count and difficulty (default: the split's).
        disclosure: 'all', 'full' or 'partial'.
        difficulty: 'all' or any of consensus, negotiation, partial.
    """
    if split not in SPLIT_DEFAULTS:
        raise ValueError(f"split: {split!r} is not one of {', '.join(SPLIT_DEFAULTS)}")
    sizes, default_count = SPLIT_DEFAULTS[split]
    if users is not None:
        if users[0] < 2 or users[1] > MAX_USERS or users[0] > users[1]:
            raise ValueError(f"users: meetings need 2-{MAX_USERS} users, got {users[0]}-{users[1]}")
        sizes = tuple(range(users[0], users[1] + 1))
    count = default_count if per_size is None else per_size
    if count < 1:
        raise ValueError(f"per_size: must be at least 1, got {count}")
    disclosures = parse_choice(disclosure, DISCLOSURES, "disclosure")
    records: list[MeetingRecord] = []
    for n in sizes:
        for level in parse_choice(difficulty, DIFFICULTIES, "difficulty"):
            for index in range(count):
                records.extend(_records(split, base_scenario(split, seed, n, level, index), level, disclosures))
    return records


def select(records: list[Any], disclosure: str = "all", difficulty: str = "all") -> list[Any]:
    """Keep the meeting records of the requested disclosure modes and difficulties (for data files)."""
    modes = set(parse_choice(disclosure, DISCLOSURES, "disclosure"))
    levels = set(parse_choice(difficulty, DIFFICULTIES, "difficulty"))
    return [r for r in records if getattr(r, "disclosure", None) in modes and getattr(r, "difficulty", None) in levels]
