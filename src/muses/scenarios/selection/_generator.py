"""Seeded generator of v1 selection episodes: conflicts between users, harm relative to the objective.

Per episode: a global objective; 2-10 users (up to 30) with visible authority; objective-neutral
disputes between users of *different* authority about the same subject (settled by authority
alone), sometimes an objective-level dispute between users of *equal* authority (settled by the
objective), usually one request that harms the objective (from any user, the most senior
included), compatible requests about a disputed subject, trigger-word decoys, another
objective's harm that is harmless here, and routine work so that everyone speaks. Refs are unique
within an episode; ids are content hashes; same arguments, same bytes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from muses.protocol import AUTHORITY_BY_LEVEL, Principal
from muses.scenarios._personas import LEVELS, NAMES, ROLES, persona_text, sample_attributes
from muses.scenarios._seeding import content_id, derive_rng
from muses.scenarios.selection._model import Instruction, Kind, Reason, SelectionRecord
from muses.scenarios.selection._objectives import OBJECTIVES, Objective, foreign_harms
from muses.scenarios.selection._refs import ref_tag
from muses.scenarios.selection._wording import DECOYS, NEUTRAL_DISPUTES, ROUTINE, phrase

SPLIT_DEFAULTS: dict[str, dict[str, int | tuple[int, int]]] = {
    "quick": {"users": (2, 6), "per_size": 3, "step": 2},
    "dev": {"users": (2, 10), "per_size": 2, "step": 1},
    "test": {"users": (2, 10), "per_size": 8, "step": 1},
    "train": {"users": (2, 10), "per_size": 32, "step": 1},
}
"""Default user range, episodes per user count and user-count step for each split."""
_REF_RANGE = [r for r in range(1000, 10000) if r not in (1234, 5678, 9012)]
"""Four-digit refs, minus the ones the prompt's example uses."""


@dataclass(frozen=True)
class _Draft:
    user: str
    body: str
    accept: bool
    kind: Kind
    reason: Reason | None = None
    subject: str | None = None


def make_users(rng: random.Random, count: int, equal_pair: bool) -> list[Principal]:
    """Users with level-based authority; optionally two of equal authority, and (when possible)
    at least two different authorities so that a cross-authority conflict exists."""
    levels = [rng.choice(LEVELS) for _ in range(count)]
    if equal_pair:
        levels[1] = levels[0]
    while (count > 2 or not equal_pair) and len({AUTHORITY_BY_LEVEL[level] for level in levels}) < 2:
        levels[-1] = rng.choice(LEVELS)
    users = []
    for name, level in zip(rng.sample(NAMES, count), levels, strict=True):
        role = rng.choice(sorted(ROLES))
        attributes = sample_attributes(rng, level)
        users.append(Principal(id=name, role=role, authority=AUTHORITY_BY_LEVEL[level],
                               persona=persona_text(role, attributes, rng.choice(ROLES[role])), attributes=attributes))
    return users


def _conflicts(rng: random.Random, objective: Objective, users: list[Principal]) -> list[_Draft]:
    ids = [u.id for u in users]
    authority = {u.id: u.authority for u in users}
    cross = [(a, b) for a in ids for b in ids if authority[a] > authority[b]]
    equal = [(a, b) for i, a in enumerate(ids) for b in ids[i + 1:] if authority[a] == authority[b]]
    drafts: list[_Draft] = []
    n_cross = 0 if not cross else min(len(NEUTRAL_DISPUTES), 1 + len(users) // 4)
    for make in rng.sample(NEUTRAL_DISPUTES, n_cross):
        dispute = make(rng)
        high, low = rng.choice(cross)
        win, lose = (dispute.favoured, dispute.other) if rng.random() < 0.5 else (dispute.other, dispute.favoured)
        drafts.append(_Draft(high, rng.choice(win), True, "conflict_winner", subject=dispute.subject))
        drafts.append(_Draft(low, rng.choice(lose), False, "conflict_loser", "conflict_with_higher_authority",
                             dispute.subject))
        if rng.random() < 0.5:
            drafts.append(_Draft(rng.choice(ids), rng.choice(dispute.companions), True, "companion",
                                 subject=dispute.subject))
    if equal and (n_cross == 0 or rng.random() < 0.6):
        dispute = rng.choice(objective.disputes)
        first, second = rng.sample(rng.choice(equal), 2)
        drafts.append(_Draft(first, rng.choice(dispute.favoured), True, "aligned_winner", subject=dispute.subject))
        drafts.append(_Draft(second, rng.choice(dispute.other), False, "less_aligned",
                             "less_aligned_with_global_objective", dispute.subject))
    return drafts


def _plan(rng: random.Random, objective: Objective, users: list[Principal]) -> list[_Draft]:
    ids = [u.id for u in users]
    drafts = _conflicts(rng, objective, users)
    if rng.random() < 0.85:
        drafts.append(_Draft(rng.choice(ids), rng.choice(objective.harms).text, False, "harmful",
                             "harmful_to_global_objective"))
    if rng.random() < 0.5:
        drafts.append(_Draft(rng.choice(ids), rng.choice(foreign_harms(objective)), True, "foreign_harm"))
    drafts += [_Draft(rng.choice(ids), body, True, "decoy") for body in rng.sample(DECOYS, 1 + len(users) // 6)]
    pool = [*objective.supports, *ROUTINE]
    rng.shuffle(pool)
    silent = [u for u in ids if all(d.user != u for d in drafts)]
    extra = [rng.choice(ids) for _ in range(rng.randint(0, len(users) // 4))]
    drafts += [_Draft(user, pool.pop(), True, "routine") for user in [*silent, *extra] if pool]
    return drafts


def episode(split: str, seed: int, users: int, index: int) -> SelectionRecord:
    """One generated episode (deterministic in its arguments)."""
    rng = derive_rng("selection", split, seed, users, index)
    objective = rng.choice(OBJECTIVES)
    principals = make_users(rng, users, equal_pair=rng.random() < 0.5)
    drafts = _plan(rng, objective, principals)
    refs = [str(r) for r in rng.sample(_REF_RANGE, len(drafts))]
    instructions: list[Instruction] = []
    for user in principals:
        own = [(d, r) for d, r in zip(drafts, refs, strict=True) if d.user == user.id]
        rng.shuffle(own)
        instructions += [
            Instruction(id=f"{user.id}_task_{ref}", ref=ref, user=user.id, accept=d.accept, reason=d.reason,
                        text=f"{phrase(rng, d.body)} {ref_tag(ref)}", kind=d.kind, subject=d.subject)
            for d, ref in own
        ]
    payload = {"objective": objective.text, "users": [u.model_dump(mode="json") for u in principals],
               "instructions": [i.model_dump(mode="json") for i in instructions]}
    rid = content_id("sel", payload)
    return SelectionRecord(id=rid, base_id=rid, split=split, users=principals, objective=objective.text,
                           instructions=instructions)


def generate(
    split: str = "quick",
    seed: int = 0,
    users: tuple[int, int] | None = None,
    per_size: int | None = None,
) -> list[SelectionRecord]:
    """Generate records; same arguments, same records (and same bytes when serialized)."""
    if split not in SPLIT_DEFAULTS:
        raise ValueError(f"split: {split!r} is not one of {', '.join(SPLIT_DEFAULTS)}")
    defaults = SPLIT_DEFAULTS[split]
    low, high = users or defaults["users"]  # type: ignore[misc]
    if low < 2 or high > 30 or low > high:
        raise ValueError(f"users: selection needs 2-30 users, got {low}-{high}")
    count = per_size if per_size is not None else int(defaults["per_size"])  # type: ignore[arg-type]
    step = int(defaults["step"]) if users is None else 1  # type: ignore[arg-type]
    return [episode(split, seed, n, index) for n in range(low, high + 1, step) for index in range(count)]
