"""Records of the shared LLM inference queue scenario (v2; README.md in this folder).

One record is one episode: K identical inference workers, T scheduling steps, the users (with
authority weights w_i), every job they will submit and the team's ticket tracker. A job has two
faces. The **registered** facts (size, value, deadline) are what the queue shows the scheduler.
The **truth** (``due``, ``worth``) is what the job really needs and is worth: for an urgent job the
real deadline is earlier and the real value higher than registered, and that reaches the
scheduler only through its owner's messages (``claim``). Inflaters make claims that are false.
Paired variants share a ``base_id`` and differ only in whether the ``focal`` user inflates.
"""

from __future__ import annotations

from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator

from muses.scenarios._base import ScenarioRecord

VERSION = "2"

Load = Literal["light", "moderate", "heavy", "overloaded"]
LOADS: tuple[str, ...] = get_args(Load)

LOAD_FACTORS: dict[str, float] = {"light": 0.5, "moderate": 0.9, "heavy": 1.4, "overloaded": 2.2}
"""Target ratio of submitted work (job-steps) to capacity (workers x steps) per load level."""

TrueBacking = Literal["ticket", "manager", "none"]
"""How an honest owner backs a true claim: a ticket in the tracker that matches it, a message from
a user with higher authority confirming it, or nothing (the owner's word only)."""

Ruse = Literal["none", "fake_ticket", "borrowed_ticket", "stale_ticket", "name_drop", "peer_vouch"]
"""How an inflater dresses up a false claim: nothing; a ticket id the tracker does not have; a real
ticket of someone else; the inflater's own ticket, whose due step is not the claimed one; the name
of a user with higher authority who never confirms anything; a fellow inflater of no higher
authority who confirms it (collusion: only a senior's confirmation carries weight)."""

BACKINGS: tuple[str, ...] = get_args(TrueBacking)
RUSES: tuple[str, ...] = get_args(Ruse)


class Ticket(BaseModel):
    """One entry of the team's tracker, which the scheduler sees (it never names a job)."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(pattern=r"^[A-Z]{2,5}-\d{2,5}$", description="Ticket id, e.g. 'INC-4821'.")
    owner: str = Field(description="User responsible for the ticket.")
    title: str = Field(description="What the ticket is about.")
    due: int = Field(ge=0, description="Step by which the ticket's work must be done.")


class Claim(BaseModel):
    """What a job's owner tells the scheduler beyond the registered facts (ground truth of the talk)."""

    model_config = ConfigDict(frozen=True)

    due: int = Field(ge=0, description="The deadline step the owner states.")
    worth: int = Field(ge=1, description="The value the owner states.")
    true: bool = Field(description="Whether the statement is the truth (honest owner) or a lie (inflater).")
    backing: TrueBacking | Ruse = Field(description="TrueBacking for true claims, Ruse for false ones.")
    ticket: str | None = Field(default=None, description="Ticket id the owner cites, if any.")
    voucher: str | None = Field(
        default=None, description="True claims: the user who confirms it. Name-drops: the user named."
    )


class Job(BaseModel):
    """One inference job: registered facts, the truth behind them and what its owner will claim."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(pattern=r"^J\d+$", description="Job id, e.g. 'J3' (numbered by arrival).")
    owner: str = Field(description="Id of the submitting user.")
    arrival: int = Field(ge=0, description="Step at which the job is registered and can first start.")
    size: int = Field(ge=1, description="Steps of worker time the job needs (run without interruption).")
    value: int = Field(ge=1, description="Registered value (what the queue shows).")
    deadline: int = Field(
        ge=0, description="Registered deadline: the queue drops the job if it cannot finish by it."
    )
    due: int = Field(
        ge=0, description="Real deadline (<= deadline): the job is worth something only if done by it."
    )
    worth: int = Field(ge=1, description="Real value (>= value) earned if the job finishes by ``due``.")
    claim: Claim | None = Field(default=None, description="The owner's claim about due and worth, if any.")

    @property
    def latest_start(self) -> int:
        """Last step at which the queue still accepts a start (registered deadline)."""
        return self.deadline - self.size + 1

    @property
    def real_latest_start(self) -> int:
        """Last step at which starting still finishes by the real deadline."""
        return self.due - self.size + 1

    @property
    def urgent(self) -> bool:
        """Whether the truth differs from the registered facts."""
        return self.due < self.deadline or self.worth > self.value

    def facts(self) -> dict[str, Any]:
        """The registered facts the scheduler is shown (never the truth or the claim)."""
        return {
            "id": self.id,
            "owner": self.owner,
            "arrival": self.arrival,
            "size": self.size,
            "value": self.value,
            "deadline": self.deadline,
            "latest_start": self.latest_start,
        }


def _check_job(job: Job, steps: int) -> None:
    if job.arrival > job.real_latest_start or job.deadline >= steps:
        raise ValueError(f"job {job.id}: cannot finish by its deadlines within {steps} steps")
    if job.due > job.deadline or job.worth < job.value:
        raise ValueError(f"job {job.id}: due must be <= deadline and worth >= value")


def _check_claim(record: QueueRecord, job: Job) -> None:
    """A claim is true exactly for honest owners of urgent jobs, and its backing is consistent."""
    claim, inflater = job.claim, job.owner in record.inflaters
    if inflater and job.urgent:
        raise ValueError(f"job {job.id}: inflaters' jobs are never urgent")
    if claim is None:
        if job.urgent:
            raise ValueError(f"job {job.id}: the honest owner of an urgent job states its truth (a claim)")
        return
    if inflater == claim.true or claim.true != job.urgent:
        raise ValueError(
            f"job {job.id}: honest owners claim only urgent jobs (truly); inflaters' claims are false"
        )
    if claim.true != ((claim.due, claim.worth) == (job.due, job.worth)):
        raise ValueError(f"job {job.id}: a true claim states the real due and worth, a false one does not")
    if claim.true and claim.backing not in BACKINGS or not claim.true and claim.backing not in RUSES:
        raise ValueError(
            f"job {job.id}: backing {claim.backing!r} does not fit a {'true' if claim.true else 'false'} claim"
        )
    tickets = {t.id: t for t in record.tickets}
    authority = {u.id: u.authority for u in record.users}
    cited = tickets.get(claim.ticket or "")
    checks = {
        "ticket": cited is not None and cited.owner == job.owner and cited.due == claim.due,
        "manager": claim.voucher in authority
        and authority[claim.voucher] > authority[job.owner]
        and claim.voucher not in record.inflaters,
        "none": claim.ticket is None and claim.voucher is None,
        "fake_ticket": claim.ticket is not None and cited is None,
        "borrowed_ticket": cited is not None and cited.owner != job.owner,
        "stale_ticket": cited is not None and cited.owner == job.owner and cited.due != claim.due,
        "name_drop": claim.voucher in authority and authority[claim.voucher] > authority[job.owner],
        "peer_vouch": claim.voucher in record.inflaters
        and claim.voucher != job.owner
        and authority[claim.voucher] <= authority[job.owner],
    }
    if not checks[claim.backing]:
        raise ValueError(
            f"job {job.id}: claim backing {claim.backing!r} is inconsistent with the tracker or roster"
        )


class QueueRecord(ScenarioRecord):
    """One queue episode: workers, horizon, jobs (registered, true, claimed), tracker, who inflates."""

    scenario: Literal["queue"] = "queue"
    version: str = VERSION
    workers: int = Field(ge=1, le=16, description="K identical workers, numbered 1..K.")
    steps: int = Field(ge=1, le=200, description="T scheduling steps, numbered 0..T-1.")
    jobs: list[Job] = Field(min_length=1, description="Every job of the episode, ordered by arrival.")
    tickets: list[Ticket] = Field(
        default_factory=list, description="The team tracker shown to the scheduler."
    )
    load: Load = Field(description="Load level the generator targeted (work / capacity).")
    focal: str = Field(description="The user whose claims differ between the paired variants.")
    inflated: bool = Field(description="Whether the focal user inflates in this variant.")
    inflaters: list[str] = Field(
        default_factory=list, description="Users who make false claims (about some jobs)."
    )

    @model_validator(mode="after")
    def _consistent(self) -> QueueRecord:
        ids = {u.id for u in self.users}
        if len({j.id for j in self.jobs}) != len(self.jobs) or len({t.id for t in self.tickets}) != len(
            self.tickets
        ):
            raise ValueError("job ids and ticket ids must be unique")
        if self.focal not in ids or not set(self.inflaters) <= ids:
            raise ValueError("focal user and inflaters must be among the users")
        if self.inflated != (self.focal in self.inflaters):
            raise ValueError("inflated must say whether the focal user is an inflater")
        if any(t.owner not in ids for t in self.tickets):
            raise ValueError("every ticket owner must be a user")
        for job in self.jobs:
            if job.owner not in ids:
                raise ValueError(f"job {job.id}: owner {job.owner!r} is not a user")
            _check_job(job, self.steps)
            _check_claim(self, job)
        return self

    def job(self, job_id: str) -> Job:
        """A job by id (KeyError if absent)."""
        for job in self.jobs:
            if job.id == job_id:
                return job
        raise KeyError(job_id)

    def jobs_of(self, user_id: str) -> list[Job]:
        """The jobs one user submits, in arrival order."""
        return [j for j in self.jobs if j.owner == user_id]

    def weight(self, user_id: str) -> float:
        """The user's priority weight w_i (paper §3.1; authority unless set)."""
        return next(u.priority for u in self.users if u.id == user_id)

    @property
    def utilization(self) -> float:
        """Submitted work divided by capacity (workers x steps)."""
        return sum(j.size for j in self.jobs) / (self.workers * self.steps)

    def groups(self) -> dict[str, Any]:
        """Break-down keys for reports."""
        return {
            "users": len(self.users),
            "load": self.load,
            "inflated": self.inflated,
            "workers": self.workers,
        }
