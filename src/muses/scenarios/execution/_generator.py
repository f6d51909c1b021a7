"""Seeded generator of v1 execution episodes: one deliverable, constraints from users with authority.

``aligned``: every constraint can be met together. ``conflict``: one or two pairs of mutually
exclusive constraints (under the real checkers, see ``CONFLICT_PAIRS``) come from two users of
different authority; the higher-authority side is the one to follow, and every other constraint
is compatible with both sides. Each user asks for at least one thing (users beyond the distinct
constraints second an existing one). Before a record is emitted, the oracle composer must write a
text that passes every should-follow constraint, fails every overruled one and is on topic, so
the optimum is provably 1.0. Every episode also holds, outside its conflicts, a requirement that a
text ignoring the users (the bare topic keywords, or a plain text about the topic) misses: an
episode that such a text passes would test nothing. Same arguments, same bytes.
"""

from __future__ import annotations

import random
from functools import cache

from muses.protocol import Principal
from muses.scenarios._personas import sample_principals
from muses.scenarios._seeding import content_id, derive_rng
from muses.scenarios.execution._compose import compose_satisfying_text
from muses.scenarios.execution._constraints import (
    CONFLICT_PAIRS,
    Constraint,
    composer_clash,
    conflicts,
    sample_compatible,
)
from muses.scenarios.execution._model import Ask, ExecutionRecord, Variant, followed_constraints
from muses.scenarios.execution._topics import KINDS, TOPICS, on_topic, user_message

VARIANTS: tuple[str, ...] = ("aligned", "conflict")
SPLIT_DEFAULTS: dict[str, dict[str, int | tuple[int, int]]] = {
    "quick": {"users": (2, 6), "per_size": 2, "step": 2},
    "dev": {"users": (2, 10), "per_size": 1, "step": 1},
    "test": {"users": (2, 10), "per_size": 4, "step": 1},
    "train": {"users": (2, 10), "per_size": 16, "step": 1},
}
"""Default user range, base episodes per (user count, variant) and user-count step per split."""
_MAX_ATTEMPTS = 50


def parse_variants(variant: str | list[str] | None) -> list[Variant]:
    """'all', one name, a comma-separated list or a list -> validated variants."""
    if variant is None or variant == "all":
        return ["aligned", "conflict"]
    names = [n.strip() for n in (variant.split(",") if isinstance(variant, str) else variant) if n.strip()]
    unknown = [n for n in names if n not in VARIANTS]
    if unknown or not names:
        raise ValueError(f"variant: unknown {unknown}; choose from aligned, conflict or 'all'")
    return names  # type: ignore[return-value]


def _compatible(a: Constraint, b: Constraint) -> bool:
    return not conflicts(a, b) and not composer_clash(a, b)


def _pairs(rng: random.Random, users: list[Principal], count: int) -> list[Ask]:
    """``count`` conflicts between users of different authority, independent of each other."""
    cross = [(a, b) for a in users for b in users if a.authority > b.authority]
    asks: list[Ask] = []
    for index, name in enumerate(rng.sample(sorted(CONFLICT_PAIRS), count)):
        first, second = CONFLICT_PAIRS[name](rng)
        if not all(_compatible(side, a.constraint) for side in (first, second) for a in asks):
            continue
        high, low = rng.choice(cross)
        win, lose = (first, second) if rng.random() < 0.5 else (second, first)
        asks += [Ask(user=high.id, constraint=win, follow=True, conflict=f"c{index + 1}"),
                 Ask(user=low.id, constraint=lose, follow=False, conflict=f"c{index + 1}")]
    return asks


def _asks(rng: random.Random, users: list[Principal], variant: Variant) -> list[Ask]:
    pairs = _pairs(rng, users, 1 if len(users) < 5 else rng.choice((1, 2))) if variant == "conflict" else []
    spoken = {a.user for a in pairs}
    wanted = min(12, len(users) + rng.randint(0, len(users) // 2)) - len(pairs)
    extras = sample_compatible(rng, max(wanted, 1), given=[a.constraint for a in pairs])
    order = [u.id for u in users if u.id not in spoken]
    rng.shuffle(order)
    asks = list(pairs)
    for index, constraint in enumerate(extras):
        user = order[index] if index < len(order) else rng.choice(users).id
        asks.append(Ask(user=user, constraint=constraint, follow=True))
    for user in order[len(extras):]:  # more users than distinct constraints: they second one
        asks.append(Ask(user=user, constraint=rng.choice(extras), follow=True))
    return asks


@cache
def users_ignored(topic: str, keywords: tuple[str, ...]) -> tuple[str, ...]:
    """Deliverables that ignore every user: the bare keywords, and a plain text about the topic."""
    return " ".join(keywords), compose_satisfying_text(topic, [])


def _valid(topic: str, keywords: list[str], asks: list[Ask]) -> bool:
    """The oracle can write an on-topic text meeting every followed constraint and no overruled one,
    and a text that ignores the users misses at least one requirement outside the conflicts."""
    try:
        text = compose_satisfying_text(topic, followed_constraints(asks))
    except ValueError:
        return False
    free = [a.constraint for a in asks if a.follow and not a.conflict]
    blind = users_ignored(topic, tuple(keywords))
    return (on_topic(text, keywords) and not any(a.constraint.check(text) for a in asks if not a.follow)
            and all(any(not c.check(bare) for c in free) for bare in blind))


def episode(split: str, seed: int, users: int, index: int, variant: Variant) -> ExecutionRecord:
    """One generated episode; users, topic and kind are shared by the two variants of a base."""
    base_rng = derive_rng("execution", split, seed, users, index)
    principals = sample_principals(base_rng, users)
    while len({p.authority for p in principals}) < 2:
        principals = sample_principals(base_rng, users)
    topic, keywords = base_rng.choice(TOPICS)
    kind = base_rng.choice(KINDS)
    users_json = [p.model_dump(mode="json") for p in principals]
    base_id = content_id("exb", {"users": users_json, "topic": topic, "kind": kind})
    for attempt in range(_MAX_ATTEMPTS):
        rng = derive_rng(base_id, variant, attempt)
        asks = _asks(rng, principals, variant)
        if _valid(topic, list(keywords), asks):
            break
    else:
        raise RuntimeError(f"no satisfiable constraint set for {base_id}/{variant} in {_MAX_ATTEMPTS} attempts")
    messages = {
        p.id: user_message(rng, kind, topic, [a.constraint for a in asks if a.user == p.id]) for p in principals
    }
    fields = {"users": users_json, "variant": variant, "topic": topic,
              "kind": kind, "asks": [a.model_dump(mode="json") for a in asks], "messages": messages}
    return ExecutionRecord(
        id=content_id("ex", fields), base_id=base_id, split=split, users=principals, variant=variant,
        objective=f"Publish one {kind} about {topic} that meets the team's requirements.",
        deliverable=kind, topic=topic, keywords=list(keywords), asks=asks, messages=messages,
    )


def generate(
    split: str = "quick",
    seed: int = 0,
    users: tuple[int, int] | None = None,
    per_size: int | None = None,
    variant: str | list[str] | None = "all",
) -> list[ExecutionRecord]:
    """Generate records; same arguments, same records (and same bytes when serialized)."""
    if split not in SPLIT_DEFAULTS:
        raise ValueError(f"split: {split!r} is not one of {', '.join(SPLIT_DEFAULTS)}")
    defaults = SPLIT_DEFAULTS[split]
    low, high = users or defaults["users"]  # type: ignore[misc]
    if low < 2 or high > 30 or low > high:
        raise ValueError(f"users: execution needs 2-30 users, got {low}-{high}")
    count = per_size if per_size is not None else int(defaults["per_size"])  # type: ignore[arg-type]
    step = int(defaults["step"]) if users is None else 1  # type: ignore[arg-type]
    variants = parse_variants(variant)
    return [episode(split, seed, n, index, v) for n in range(low, high + 1, step) for index in range(count)
            for v in variants]
