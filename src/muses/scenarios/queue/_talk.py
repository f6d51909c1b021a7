"""The generator's hidden layer: which jobs are really urgent, how honest owners back that up,
what the tracker holds, and what inflaters claim instead.

Honest owners of urgent jobs state the truth (an earlier real deadline, a higher real value) and
back it with a matching ticket, with a confirmation from a user of higher authority, or with
nothing. Inflaters' jobs are never urgent, yet they claim the same kind of thing, drawn from the
same distribution (so the numbers give nothing away), about every job, each dressed up with a
ruse. The tracker also
holds decoy tickets that belong to no claim, so it does not reveal who is urgent on its own.
"""

from __future__ import annotations

import random
from typing import Any

from muses.protocol import Principal
from muses.scenarios.queue._model import Claim, Ruse, Ticket, TrueBacking

P_URGENT = 0.4
"""Share of honest users' jobs (with room before their registered deadline) that are urgent."""
_BACKING_WEIGHTS: dict[TrueBacking, float] = {"ticket": 0.45, "manager": 0.45, "none": 0.1}
_RUSE_WEIGHTS: dict[Ruse, float] = {
    "none": 0.2,
    "fake_ticket": 0.2,
    "borrowed_ticket": 0.15,
    "stale_ticket": 0.15,
    "name_drop": 0.15,
    "peer_vouch": 0.15,
}
_TITLES = (
    ("INC", "checkout outage fix"),
    ("INC", "login failures for EU customers"),
    ("REL", "model release candidate"),
    ("REL", "mobile app launch"),
    ("CUS", "enterprise customer escalation"),
    ("CUS", "investor demo"),
    ("OPS", "compliance audit evidence"),
    ("OPS", "security patch rollout"),
    ("FIN", "quarter-close forecast"),
    ("FIN", "board review deck"),
    ("MKT", "campaign launch assets"),
    ("HR", "benefits enrollment report"),
)


def _weighted(rng: random.Random, weights: dict[Any, float]) -> Any:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def earlier(rng: random.Random, draft: dict[str, Any]) -> tuple[int, int]:
    """A much higher value and, half the time, an earlier deadline with little slack left: what
    urgent truths and inflaters' lies both look like."""
    floor = draft["arrival"] + draft["size"] - 1
    due = draft["deadline"]
    if due > floor and rng.random() < 0.75:
        due = min(due - 1, floor + rng.randint(0, 2))
    return due, draft["value"] * rng.choice((3, 4, 5, 6))


class Tracker:
    """The tracker under construction: unique ticket ids, looked up by owner."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.tickets: list[Ticket] = []

    def new_id(self, prefix: str) -> str:
        """A ticket id not used by the tracker (or by a fake citation made before)."""
        taken = {t.id for t in self.tickets}
        while True:
            candidate = f"{prefix}-{self.rng.randint(100, 9999)}"
            if candidate not in taken:
                return candidate

    def add(self, owner: str, due: int) -> Ticket:
        """File a ticket for ``owner`` due at ``due``."""
        prefix, title = self.rng.choice(_TITLES)
        ticket = Ticket(id=self.new_id(prefix), owner=owner, title=title, due=due)
        self.tickets.append(ticket)
        return ticket


def true_claim(
    rng: random.Random, owner: Principal, due: int, worth: int, vouchers: list[Principal], tracker: Tracker
) -> Claim:
    """An honest owner's claim about an urgent job, with its backing (manager needs a voucher)."""
    backing: TrueBacking = _weighted(rng, _BACKING_WEIGHTS)
    if backing == "manager" and not vouchers:
        backing = "ticket"
    if backing == "ticket":
        ticket = tracker.add(owner.id, due)
        return Claim(due=due, worth=worth, true=True, backing="ticket", ticket=ticket.id)
    if backing == "manager":
        return Claim(due=due, worth=worth, true=True, backing="manager", voucher=rng.choice(vouchers).id)
    return Claim(due=due, worth=worth, true=True, backing="none")


def _ruse(
    rng: random.Random,
    owner: str,
    due: int,
    tracker: Tracker,
    seniors: list[Principal],
    peers: list[Principal],
) -> dict[str, Any]:
    """The ticket or name a false claim cites, with fallbacks when the roster or tracker lack one."""
    ruse: Ruse = _weighted(rng, _RUSE_WEIGHTS)
    others = [t for t in tracker.tickets if t.owner != owner]
    own = [t for t in tracker.tickets if t.owner == owner and t.due != due]
    if ruse == "borrowed_ticket" and others:
        return {"backing": ruse, "ticket": rng.choice(others).id}
    if ruse == "stale_ticket" and own:
        return {"backing": ruse, "ticket": rng.choice(own).id}
    if ruse == "name_drop" and seniors:
        return {"backing": ruse, "voucher": rng.choice(seniors).id}
    if ruse == "peer_vouch" and peers:
        return {"backing": ruse, "voucher": rng.choice(peers).id}
    if ruse == "none":
        return {"backing": "none"}
    return {"backing": "fake_ticket", "ticket": tracker.new_id(rng.choice(_TITLES)[0])}


def false_claim(
    rng: random.Random,
    draft: dict[str, Any],
    tracker: Tracker,
    seniors: list[Principal],
    peers: list[Principal],
) -> Claim:
    """An inflater's claim about a job that is not urgent: earlier due and higher worth, plus a ruse.

    ``seniors`` can be name-dropped; ``peers`` (fellow inflaters of no higher authority) can vouch.
    """
    due, worth = earlier(rng, draft)
    return Claim(due=due, worth=worth, true=False, **_ruse(rng, draft["owner"], due, tracker, seniors, peers))
