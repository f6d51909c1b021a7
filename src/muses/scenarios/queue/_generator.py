"""Seeded generator of queue episodes, emitted as honest/inflated pairs.

Per user count, load level and index: a horizon T, a worker count K sized so that two jobs per
user would roughly match the load, then jobs (every user gets one, more are added to random users
until submitted work reaches ``load factor x K x T``). A focal user and background inflaters (one
in three of the others) are drawn; some jobs of the other, honest users are really urgent
(``_talk``), and the tracker gets their tickets plus decoys. The base scenario is emitted twice,
with the focal user honest and with the focal user inflating, so the pair differs in one user's
claims only. A base is redrawn (up to ``ATTEMPTS`` times) until at least one true claim is
pivotal (``_fates``: the job is on time in every optimal schedule, and a scheduler that was optimal
for the registered facts could let it miss its real deadline), so that every episode can tell a
scheduler that reads the chat from one that does not.
"""

from __future__ import annotations

import random
from typing import Any

from muses.protocol import Principal
from muses.scenarios._personas import sample_principals
from muses.scenarios._seeding import content_id, derive_rng
from muses.scenarios.queue._fates import claim_fate
from muses.scenarios.queue._model import LOAD_FACTORS, LOADS, Claim, Job, Load, QueueRecord
from muses.scenarios.queue._talk import P_URGENT, Tracker, earlier, false_claim, true_claim

SPLIT_DEFAULTS: dict[str, dict[str, Any]] = {
    "quick": {"users": (3, 9), "per_size": 1, "step": 2, "steps": (10, 12)},
    "dev": {"users": (2, 20), "per_size": 1, "step": 3, "steps": (10, 16)},
    "test": {"users": (2, 20), "per_size": 2, "step": 2, "steps": (12, 20)},
    "train": {"users": (2, 20), "per_size": 4, "step": 1, "steps": (12, 20)},
}
"""Per split: user range, base scenarios per (users, load), user-count step and horizon range."""

MAX_USERS = 30
ATTEMPTS = 6
_SIZES = (1, 1, 2, 2, 3, 4)
_MAX_SLACK = 6


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
    """One job's registered facts (no id yet): size, arrival, deadline within the horizon, value."""
    size = min(rng.choice(_SIZES), max(1, steps // 2))
    arrival = rng.randint(0, steps - size)
    deadline = min(steps - 1, arrival + size - 1 + rng.randint(0, _MAX_SLACK))
    return {
        "owner": owner,
        "arrival": arrival,
        "size": size,
        "value": rng.randint(1, 10),
        "deadline": deadline,
    }


def _drafts(
    rng: random.Random, users: list[Principal], steps: int, workers: int, load: Load
) -> list[dict[str, Any]]:
    """Every user submits at least one job; more until submitted work reaches the load target."""
    drafts = [_draft_job(rng, u.id, steps) for u in users]
    target = LOAD_FACTORS[load] * workers * steps
    while sum(d["size"] for d in drafts) < target:
        drafts.append(_draft_job(rng, rng.choice(users).id, steps))
    order = {u.id: i for i, u in enumerate(users)}
    drafts = [
        d for _, d in sorted(enumerate(drafts), key=lambda p: (p[1]["arrival"], order[p[1]["owner"]], p[0]))
    ]
    for number, draft in enumerate(drafts, start=1):
        draft["id"] = f"J{number}"
    return drafts


def _truths(
    rng: random.Random,
    drafts: list[dict[str, Any]],
    users: list[Principal],
    liars: set[str],
    tracker: Tracker,
) -> None:
    """Make some honest users' jobs urgent (due, worth, true claim); everyone else's stay as registered."""
    by_id = {u.id: u for u in users}
    for draft in drafts:
        draft["due"], draft["worth"], draft["claim"] = draft["deadline"], draft["value"], None
        if draft["owner"] in liars or rng.random() >= P_URGENT:
            continue
        owner = by_id[draft["owner"]]
        vouchers = [u for u in users if u.authority > owner.authority and u.id not in liars]
        draft["due"], draft["worth"] = earlier(rng, draft)
        draft["claim"] = true_claim(rng, owner, draft["due"], draft["worth"], vouchers, tracker)


def _decoys(
    rng: random.Random, users: list[Principal], liars: list[str], steps: int, tracker: Tracker
) -> None:
    """Tickets that back no claim: about half the liars own one, plus a few for anybody."""
    owners = [u for u in liars if rng.random() < 0.5] + [
        rng.choice(users).id for _ in range(1 + len(users) // 4)
    ]
    for owner in owners:
        tracker.add(owner, rng.randint(0, steps - 1))


def _lies(
    rng: random.Random,
    drafts: list[dict[str, Any]],
    users: list[Principal],
    liars: list[str],
    background: list[str],
    tracker: Tracker,
) -> dict[str, Claim]:
    """A false claim about every job of every potential liar (background inflaters and the focal
    user). Only background inflaters, who lie in both variants, collude as vouchers."""
    by_id = {u.id: u for u in users}
    lies: dict[str, Claim] = {}
    for draft in drafts:
        owner = by_id[draft["owner"]]
        if owner.id in liars:
            seniors = [u for u in users if u.authority > owner.authority]
            peers = [by_id[b] for b in background if b != owner.id and by_id[b].authority <= owner.authority]
            lies[draft["id"]] = false_claim(rng, draft, tracker, seniors, peers)
    return lies


def base_scenario(
    split: str, seed: int, users: int, load: Load, index: int, attempt: int = 0
) -> dict[str, Any]:
    """The variant-independent part of one episode: users, workers, horizon, jobs, tracker, lies."""
    rng = derive_rng("queue", split, seed, users, load, index, attempt)
    low, high = SPLIT_DEFAULTS[split]["steps"]
    steps = rng.randint(low, high)
    workers = min(16, max(1, round(users * 2 * 2.2 / (LOAD_FACTORS[load] * steps))))
    principals = sample_principals(rng, users)
    drafts = _drafts(rng, principals, steps, workers, load)
    focal = rng.choice(principals).id
    background = sorted(rng.sample([u.id for u in principals if u.id != focal], (users - 1) // 3))
    liars = [*background, focal]
    tracker = Tracker(rng)
    _truths(rng, drafts, principals, set(liars), tracker)
    _decoys(rng, principals, liars, steps, tracker)
    lies = _lies(rng, drafts, principals, liars, background, tracker)
    return {
        "split": split,
        "users": principals,
        "workers": workers,
        "steps": steps,
        "load": load,
        "focal": focal,
        "background": background,
        "drafts": drafts,
        "lies": lies,
        "tickets": tracker.tickets,
    }


def _variant(base: dict[str, Any], base_id: str, inflated: bool) -> QueueRecord:
    """One record of the pair: the focal user's jobs carry lies only in the inflated variant."""
    inflaters = set(base["background"]) | ({base["focal"]} if inflated else set())
    jobs = [
        Job(**{**d, "claim": base["lies"].get(d["id"]) if d["owner"] in inflaters else d["claim"]})
        for d in base["drafts"]
    ]
    return QueueRecord(
        id=content_id("q", {"base": base_id, "inflated": inflated}),
        base_id=base_id,
        split=base["split"],
        users=base["users"],
        workers=base["workers"],
        steps=base["steps"],
        jobs=jobs,
        tickets=base["tickets"],
        load=base["load"],
        focal=base["focal"],
        inflated=inflated,
        inflaters=[u.id for u in base["users"] if u.id in inflaters],
    )


def _base_id(base: dict[str, Any]) -> str:
    payload = {k: v for k, v in base.items() if k not in ("users", "lies", "tickets")}
    return content_id(
        "qb",
        {
            **payload,
            "users": [u.model_dump(mode="json") for u in base["users"]],
            "lies": {k: c.model_dump(mode="json") for k, c in base["lies"].items()},
            "tickets": [t.model_dump(mode="json") for t in base["tickets"]],
            "drafts": [
                {k: (v.model_dump(mode="json") if isinstance(v, Claim) else v) for k, v in d.items()}
                for d in base["drafts"]
            ],
        },
    )


def _usable(record: QueueRecord) -> bool:
    """A base is kept when some true claim is pivotal (which implies an exact optimum)."""
    return any(claim_fate(record, j.id).pivotal for j in record.jobs if j.claim is not None and j.claim.true)


def pair(split: str, seed: int, users: int, load: Load, index: int) -> list[QueueRecord]:
    """The honest and inflated variants of one base scenario (the first usable attempt)."""
    records: list[QueueRecord] = []
    for attempt in range(ATTEMPTS):
        base = base_scenario(split, seed, users, load, index, attempt)
        base_id = _base_id(base)
        records = [_variant(base, base_id, inflated) for inflated in (False, True)]
        if _usable(records[0]):
            break
    return records


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
                records.extend(pair(split, seed, n, level, index))
    return records
