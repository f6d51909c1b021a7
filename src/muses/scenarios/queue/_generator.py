"""Seeded generator of queue episodes, emitted as honest/inflated pairs.

Per user count, load level and index: a horizon T, a worker count K sized so that two jobs per
user would roughly match the load, then jobs (every user gets one, more are added to random
users until submitted work reaches ``load factor x K x T``). Each job's true urgency follows from
its slack and value. One focal user (with at least one job that is not truly critical) is chosen;
the base scenario is emitted twice, with the focal user honest and with the focal user claiming
'critical' for everything. Users from five upwards include background inflaters who inflate in
both variants, so the pair still differs in one user's claims only.
"""

from __future__ import annotations

import random
from typing import Any

from muses.protocol import Principal
from muses.scenarios._personas import sample_principals
from muses.scenarios._seeding import content_id, derive_rng
from muses.scenarios.queue._model import LOAD_FACTORS, LOADS, Job, Load, QueueRecord, true_urgency

SPLIT_DEFAULTS: dict[str, dict[str, Any]] = {
    "quick": {"users": (2, 6), "per_size": 1, "step": 2, "steps": (8, 10)},
    "dev": {"users": (2, 20), "per_size": 1, "step": 3, "steps": (10, 16)},
    "test": {"users": (2, 20), "per_size": 2, "step": 2, "steps": (12, 20)},
    "train": {"users": (2, 20), "per_size": 4, "step": 1, "steps": (12, 20)},
}
"""Per split: user range, base scenarios per (users, load), user-count step and horizon range.
Quick episodes are small enough that every optimum is exact and a run takes seconds."""

MAX_USERS = 30
_SIZES = (1, 1, 2, 2, 3, 4)
_MAX_SLACK = 5


def parse_loads(load: str | list[str] | None) -> list[Load]:
    """'all', one level, a comma-separated list or a list -> validated load levels."""
    if load is None or load == "all":
        return list(LOADS)  # type: ignore[arg-type]
    names = [n.strip() for n in (load.split(",") if isinstance(load, str) else load) if n.strip()]
    unknown = [n for n in names if n not in LOADS]
    if unknown:
        raise ValueError(f"load: unknown {unknown}; choose from {', '.join(LOADS)} or 'all'")
    return names  # type: ignore[return-value]


def _draft_job(rng: random.Random, owner: str, steps: int) -> dict[str, Any]:
    """One job's facts (no id yet): size, arrival, deadline within the horizon, value, urgency."""
    size = min(rng.choice(_SIZES), max(1, steps // 2))
    arrival = rng.randint(0, steps - size)
    deadline = min(steps - 1, arrival + size - 1 + rng.randint(0, _MAX_SLACK))
    value = rng.randint(1, 10)
    slack = deadline - size + 1 - arrival
    return {
        "owner": owner,
        "arrival": arrival,
        "size": size,
        "value": value,
        "deadline": deadline,
        "urgency": true_urgency(size, value, slack),
    }


def _jobs(rng: random.Random, users: list[Principal], steps: int, workers: int, load: Load) -> list[dict[str, Any]]:
    """Every user submits at least one job; more until submitted work reaches the load target."""
    drafts = [_draft_job(rng, u.id, steps) for u in users]
    target = LOAD_FACTORS[load] * workers * steps
    while sum(d["size"] for d in drafts) < target:
        drafts.append(_draft_job(rng, rng.choice(users).id, steps))
    order = {u.id: i for i, u in enumerate(users)}
    drafts = [d for _, d in sorted(enumerate(drafts), key=lambda p: (p[1]["arrival"], order[p[1]["owner"]], p[0]))]
    for number, draft in enumerate(drafts, start=1):
        draft["id"] = f"J{number}"
    return drafts


def base_scenario(split: str, seed: int, users: int, load: Load, index: int) -> dict[str, Any]:
    """The variant-independent part of one episode: users, workers, horizon, jobs, who inflates."""
    rng = derive_rng("queue", split, seed, users, load, index)
    low, high = SPLIT_DEFAULTS[split]["steps"]
    steps = rng.randint(low, high)
    workers = min(16, max(1, round(users * 2 * 2.2 / (LOAD_FACTORS[load] * steps))))
    principals = sample_principals(rng, users)
    drafts = _jobs(rng, principals, steps, workers, load)
    candidates = [u.id for u in principals if any(d["owner"] == u.id and d["urgency"] != "critical" for d in drafts)]
    focal = rng.choice(candidates or [principals[0].id])
    others = [u.id for u in principals if u.id != focal]
    background = sorted(rng.sample(others, len(principals) // 5))
    return {
        "split": split,
        "users": principals,
        "workers": workers,
        "steps": steps,
        "load": load,
        "focal": focal,
        "background": background,
        "drafts": drafts,
    }


def _variant(base: dict[str, Any], base_id: str, inflated: bool) -> QueueRecord:
    """One record of the pair: stated urgencies follow who inflates in this variant."""
    inflaters = sorted({*base["background"], *([base["focal"]] if inflated else [])})
    jobs = [
        Job(**d, stated_urgency="critical" if d["owner"] in inflaters else d["urgency"]) for d in base["drafts"]
    ]
    rid = content_id("q", {"base": base_id, "inflated": inflated})
    return QueueRecord(
        id=rid,
        base_id=base_id,
        split=base["split"],
        users=base["users"],
        workers=base["workers"],
        steps=base["steps"],
        jobs=jobs,
        load=base["load"],
        focal=base["focal"],
        inflated=inflated,
        inflaters=[u.id for u in base["users"] if u.id in inflaters],
    )


def generate(
    split: str = "quick",
    seed: int = 0,
    users: tuple[int, int] | None = None,
    per_size: int | None = None,
    load: str | list[str] | None = "all",
) -> list[QueueRecord]:
    """Generate honest/inflated pairs; same arguments, same records (and same bytes when serialized)."""
    if split not in SPLIT_DEFAULTS:
        raise ValueError(f"split: {split!r} is not one of {', '.join(SPLIT_DEFAULTS)}")
    defaults = SPLIT_DEFAULTS[split]
    low, high = users or defaults["users"]
    if low < 2 or high > MAX_USERS:
        raise ValueError(f"users: the queue needs 2-{MAX_USERS} users, got {low}-{high}")
    count = int(per_size if per_size is not None else defaults["per_size"])
    step = int(defaults["step"]) if users is None else 1
    records: list[QueueRecord] = []
    for n in range(low, high + 1, step):
        for level in parse_loads(load):
            for index in range(count):
                base = base_scenario(split, seed, n, level, index)
                payload = {k: v for k, v in base.items() if k != "users"}
                base_id = content_id("qb", {**payload, "users": [u.model_dump(mode="json") for u in base["users"]]})
                records.extend(_variant(base, base_id, inflated) for inflated in (False, True))
    return records
