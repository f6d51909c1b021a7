"""Seeded generator of v2 selection episodes: judgement that no surface rule can stand in for.

Per episode: a global objective; 2-10 users (up to 30) with visible authority; objective-neutral
disputes between users of *different* authority (settled by authority alone), worded three ways
(same words, a general policy against a specific case, one object under two names); sometimes an
objective-level dispute between users of *equal* authority (settled by the objective); usually a
request that harms the objective, most often from a senior user, often resisted by a more junior
user whose request is right to accept; compatible look-alikes (companions and twins sharing most
of their words, some with disruptive verbs); requests that serve the objective with a disruptive
verb; trigger-word decoys; another objective's harm that is harmless here; routine work so that
everyone speaks. Who gets which request is drawn so that the lowest authority, shared words and
disruptive verbs say nothing about the right decision (the surface-rule agents in
``_surface.py`` score near chance; `muses check` bounds them). Refs are unique within an
episode; ids are content hashes; same arguments, same bytes.
"""

from __future__ import annotations

import random

from muses.protocol import AUTHORITY_BY_LEVEL, Principal
from muses.scenarios._personas import LEVELS, NAMES, ROLES, persona_text, sample_attributes
from muses.scenarios._seeding import content_id, derive_rng
from muses.scenarios.selection._model import Instruction, SelectionRecord
from muses.scenarios.selection._objectives import OBJECTIVES
from muses.scenarios.selection._planning import plan
from muses.scenarios.selection._refs import ref_tag
from muses.scenarios.selection._wording import phrase

SPLIT_DEFAULTS: dict[str, dict[str, int | tuple[int, int]]] = {
    "quick": {"users": (2, 6), "per_size": 3, "step": 2},
    "dev": {"users": (2, 10), "per_size": 2, "step": 1},
    "test": {"users": (2, 10), "per_size": 8, "step": 1},
    "train": {"users": (2, 10), "per_size": 32, "step": 1},
}
"""Default user range, episodes per user count and user-count step for each split."""
_REF_RANGE = [r for r in range(1000, 10000) if r not in (1234, 5678, 9012)]
"""Four-digit refs, minus the ones the prompt's example uses."""


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


def episode(split: str, seed: int, users: int, index: int) -> SelectionRecord:
    """One generated episode (deterministic in its arguments)."""
    rng = derive_rng("selection", split, seed, users, index)
    objective = rng.choice(OBJECTIVES)
    principals = make_users(rng, users, equal_pair=rng.random() < 0.5)
    drafts = plan(rng, objective, principals)
    refs = [str(r) for r in rng.sample(_REF_RANGE, len(drafts))]
    instructions: list[Instruction] = []
    for user in principals:
        own = [(d, r) for d, r in zip(drafts, refs, strict=True) if d.user == user.id]
        rng.shuffle(own)
        instructions += [
            Instruction(id=f"{user.id}_task_{ref}", ref=ref, user=user.id, accept=d.accept, reason=d.reason,
                        text=f"{phrase(rng, d.body)} {ref_tag(ref)}", kind=d.kind, subject=d.subject,
                        flavour=d.flavour)
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
