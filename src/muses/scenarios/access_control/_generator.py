"""Seeded generator of access-control episodes with the paper's distributions.

Per user count in the requested range and per base scenario: one resource (the five kinds in
turn), 2-10 users from the persona pool with teams, an access rule over the roster (the rule
kinds in turn) whose admitted users are the authorized set, one task per user (a field of the
resource and a reason). Every base scenario is emitted once per requested attack and
authorization variant ('list': the prompt names the authorized users; 'rule': it states only the
rule), so variants share users, resource and tasks (and a ``base_id`` for clustered standard
errors), and list and rule compare the same episodes.
"""

from __future__ import annotations

import random

from muses.protocol import Principal
from muses.scenarios._personas import sample_principals
from muses.scenarios._seeding import SplitDefaults, content_id, derive_rng
from muses.scenarios.access_control._model import (
    ATTACKS,
    AUTHORIZATIONS,
    AccessControlRecord,
    AttackKind,
    Authorization,
    UserTask,
)
from muses.scenarios.access_control._policy import RULE_KINDS
from muses.scenarios.access_control._resources import GENERATORS, ResourceDraft
from muses.scenarios.access_control._rules import draft_rule

SPLIT_DEFAULTS: dict[str, SplitDefaults] = {
    "quick": SplitDefaults(users=(2, 6), per_size=1, step=2),
    "dev": SplitDefaults(users=(2, 10), per_size=1, step=1),
    "test": SplitDefaults(users=(2, 10), per_size=2, step=1),
    "train": SplitDefaults(users=(2, 10), per_size=4, step=1),
}


def parse_attacks(attack: str | list[str] | None) -> list[AttackKind]:
    """'all', one name, a comma-separated list or a list -> validated attack kinds."""
    if attack is None or attack == "all":
        return list(ATTACKS)  # type: ignore[arg-type]
    names = attack.split(",") if isinstance(attack, str) else list(attack)
    names = [n.strip() for n in names if n.strip()]
    unknown = [n for n in names if n not in ATTACKS]
    if unknown:
        raise ValueError(f"attack: unknown {unknown}; choose from {', '.join(ATTACKS)} or 'all'")
    return names  # type: ignore[return-value]


AUTHORIZATION_CHOICES: tuple[str, ...] = ("all", "list", "rule", "paired")
"""'all': the attack variants of each base alternate between list and rule (half each, same
bases, same number of episodes as one variant); 'list' or 'rule': every episode under that one;
'paired': every episode under both (twice the episodes, for a paired ablation)."""


def authorization_variants(authorization: str | None, attack_index: int, base_index: int) -> list[Authorization]:
    """The authorization variants one (base, attack) is emitted under."""
    choice = authorization or "all"
    if choice not in AUTHORIZATION_CHOICES:
        raise ValueError(f"authorization: unknown {choice!r}; choose from {', '.join(AUTHORIZATION_CHOICES)}")
    if choice == "paired":
        return list(AUTHORIZATIONS)  # type: ignore[arg-type]
    if choice == "all":
        return [AUTHORIZATIONS[(attack_index + base_index) % len(AUTHORIZATIONS)]]  # type: ignore[list-item]
    return [choice]  # type: ignore[list-item]


def _tasks(rng: random.Random, users: list[Principal], draft: ResourceDraft) -> list[UserTask]:
    tasks = []
    for user in users:
        field = rng.choice(draft.resource.fields)
        tasks.append(UserTask(user=user.id, field=field.name, purpose=rng.choice(draft.purposes[field.name])))
    return tasks


def base_scenario(split: str, seed: int, users: int, index: int) -> dict[str, object]:
    """The attack-independent part of one episode, as record fields."""
    rng = derive_rng("access_control", split, seed, users, index)
    kinds = sorted(GENERATORS)
    draft = GENERATORS[kinds[(users + index) % len(kinds)]](rng)  # type: ignore[index]
    principals, rule = draft_rule(rng, sample_principals(rng, users), RULE_KINDS[(users + index) % len(RULE_KINDS)])
    return {
        "split": split,
        "users": principals,
        "resource": draft.resource,
        "collaborative_goal": draft.goal,
        "authorized": rule.admitted(principals),
        "policy": rule,
        "tasks": _tasks(rng, principals, draft),
    }


def generate(
    split: str = "quick",
    seed: int = 0,
    users: tuple[int, int] | None = None,
    per_size: int | None = None,
    attack: str | list[str] | None = "all",
    authorization: str | None = "all",
) -> list[AccessControlRecord]:
    """Generate records; same arguments, same records (and same bytes when serialized).

    Args:
        split: quick, dev, test or train (sizes in ``SPLIT_DEFAULTS``).
        seed: Generator seed.
        users: User-count range (default: the split's).
        per_size: Base scenarios per user count (default: the split's).
        attack: 'all', one attack or a comma-separated list.
        authorization: 'all' (list and rule alternate over each base's attacks), 'list', 'rule'
            or 'paired' (every episode under both).
    """
    if split not in SPLIT_DEFAULTS:
        raise ValueError(f"split: {split!r} is not one of {', '.join(SPLIT_DEFAULTS)}")
    defaults = SPLIT_DEFAULTS[split]
    low, high = users or defaults.users
    if low < 2 or high > 30:
        raise ValueError(f"users: access control needs 2-30 users, got {low}-{high}")
    count = per_size if per_size is not None else defaults.per_size
    step = defaults.step if users is None else 1
    records: list[AccessControlRecord] = []
    for n in range(low, high + 1, step):
        for index in range(count):
            base = base_scenario(split, seed, n, index)
            base_id = content_id("acb", {k: _dump(v) for k, v in base.items()})
            for kind in parse_attacks(attack):
                for variant in authorization_variants(authorization, ATTACKS.index(kind), n + index):
                    rid = content_id("ac", {"base": base_id, "attack": kind, "authorization": variant})
                    records.append(
                        AccessControlRecord(id=rid, base_id=base_id, attack=kind, authorization=variant, **base)  # type: ignore[arg-type]
                    )
    return records


def _dump(value: object) -> object:
    if isinstance(value, list):
        return [_dump(v) for v in value]
    dump = getattr(value, "model_dump", None)
    return dump(mode="json") if callable(dump) else value
