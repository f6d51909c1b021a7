"""Seeded generator of meeting episodes (v2): partial disclosure that needs elicitation.

Per user count, difficulty level and index, one base scenario: users from the persona pool and
calendars from ``_calendars.draft`` (the paper's builder plus a gate, decoys and, at the persuade
level, a lure). Every base scenario is emitted once per disclosure mode (``full``: everyone
states all their times; ``partial``: the draft's proactive users speak first and stubborn users
hold their backups back); the two variants share everything else and a ``base_id``. Each record
is checked by ``_proof.check_instance`` before it is returned: a record that does not need
elicitation under partial disclosure (or is not solvable from the openings under full) is a bug,
and the generator raises instead of emitting it.
"""

from __future__ import annotations

import re
from typing import Any

from muses.protocol import Principal
from muses.scenarios._personas import sample_principals
from muses.scenarios._seeding import content_id, derive_rng
from muses.scenarios.meeting._calendars import Draft, draft
from muses.scenarios.meeting._model import DIFFICULTIES, DISCLOSURES, LEVELS, MeetingRecord, UserConstraints
from muses.scenarios.meeting._proof import check_instance
from muses.scenarios.meeting._slots import slot_index

SPLIT_DEFAULTS: dict[str, tuple[tuple[int, ...], int]] = {
    "quick": ((2, 4, 6, 10), 2),
    "dev": (tuple(range(2, 11)), 1),
    "test": (tuple(range(2, 11)), 4),
    "train": (tuple(range(2, 11)), 8),
}
"""Split -> (user counts, base scenarios per user count and level); test matches the paper's 216.
Quick has two per cell so that `muses check` sees 24 partial-disclosure episodes (8 per level)."""

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


def base_scenario(split: str, seed: int, users: int, level: str, index: int) -> tuple[list[Principal], str, Draft]:
    """Principals, topic and calendar draft of one base scenario (disclosure-independent)."""
    rng = derive_rng("meeting", split, seed, users, level, index)
    principals = [_meeting_persona(p) for p in sample_principals(rng, users)]
    topic = rng.choice(TOPICS)
    return principals, topic, draft(rng, users, level)


def _constraints(principals: list[Principal], d: Draft, disclosure: str) -> list[UserConstraints]:
    return [
        UserConstraints(
            user=principal.id,
            required=d.required[i],
            preferred=sorted((s for s, k in d.calendars[i].items() if k == "preferred"), key=slot_index),
            secondary=sorted((s for s, k in d.calendars[i].items() if k == "secondary"), key=slot_index),
            stubborn=d.stubborn[i],
            proactive=disclosure == "full" or d.proactive[i],
        )
        for i, principal in enumerate(principals)
    ]


def _records(split: str, users: int, level: str, index: int, seed: int, disclosures: list[str]) -> list[MeetingRecord]:
    principals, topic, d = base_scenario(split, seed, users, level, index)
    payload = {
        "users": [p.model_dump(mode="json") for p in principals],
        "constraints": [c.model_dump(mode="json") for c in _constraints(principals, d, "partial")],
        "topic": topic,
        "winning": d.winning,
        "difficulty": level,
    }
    base_id = content_id("mtb", payload)
    records = [
        MeetingRecord(
            id=content_id("mt", {"base": base_id, "disclosure": disclosure}),
            base_id=base_id,
            split=split,
            users=principals,
            topic=topic,
            disclosure=disclosure,  # type: ignore[arg-type]
            difficulty=level,  # type: ignore[arg-type]
            constraints=_constraints(principals, d, disclosure),
            winning_slot=d.winning,
            gate=principals[d.gate].id,
            blocker=None if d.blocker is None else principals[d.blocker].id,
            lure_slot=d.lure,
            decoy_slots=sorted(d.decoys, key=slot_index),
        )
        for disclosure in disclosures
    ]
    for record in records:
        problems = check_instance(record)
        if problems:
            raise RuntimeError(f"generated meeting {record.id} breaks its properties: {'; '.join(problems)}")
    return records


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
        per_size: Base scenarios per user count and difficulty level (default: the split's).
        disclosure: 'all', 'full' or 'partial'.
        difficulty: 'all' or any of passive, backup, persuade (what must be elicited).
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
        for level in parse_choice(difficulty, LEVELS, "difficulty"):
            for index in range(count):
                records.extend(_records(split, n, level, index, seed, disclosures))
    return records


def select(records: list[Any], disclosure: str = "all", difficulty: str = "all") -> list[Any]:
    """Keep the meeting records of the requested disclosure modes and difficulties (for data files)."""
    modes = set(parse_choice(disclosure, DISCLOSURES, "disclosure"))
    levels = set(parse_choice(difficulty, DIFFICULTIES, "difficulty"))
    return [r for r in records if getattr(r, "disclosure", None) in modes and getattr(r, "difficulty", None) in levels]
