"""Records of the shared LLM inference queue scenario (DESIGN §5.5).

One record is one episode: K identical inference workers, T scheduling steps, the users (with
authority weights) and every job they will submit. Each job carries ground truth (size, value,
deadline, true urgency) and what its owner will *say* about its urgency; the two differ exactly
for the users listed in ``inflaters``. Paired variants share a ``base_id`` and differ only in
whether the ``focal`` user inflates.
"""

from __future__ import annotations

from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator

from muses.scenarios._base import ScenarioRecord

VERSION = "1"

Urgency = Literal["low", "normal", "high", "critical"]
URGENCIES: tuple[str, ...] = get_args(Urgency)
"""Urgency levels, least to most urgent."""

Load = Literal["light", "moderate", "heavy", "overloaded"]
LOADS: tuple[str, ...] = get_args(Load)

LOAD_FACTORS: dict[str, float] = {"light": 0.5, "moderate": 0.9, "heavy": 1.4, "overloaded": 2.2}
"""Target ratio of submitted work (job-steps) to capacity (workers x steps) per load level."""


class Job(BaseModel):
    """One inference job as the queue registers it, plus its owner's private truth and claim."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(pattern=r"^J\d+$", description="Job id, e.g. 'J3' (numbered by arrival).")
    owner: str = Field(description="Id of the submitting user.")
    arrival: int = Field(ge=0, description="Step at which the job is registered and can first start.")
    size: int = Field(ge=1, description="Steps of worker time the job needs (run without interruption).")
    value: int = Field(ge=1, description="Value earned if the job finishes by its deadline.")
    deadline: int = Field(ge=0, description="Last step in which the job may still be running (finish by its end).")
    urgency: Urgency = Field(description="True urgency, derived from slack and value (ground truth).")
    stated_urgency: Urgency = Field(description="Urgency the owner claims in chat (inflaters: 'critical').")

    @property
    def latest_start(self) -> int:
        """Last step at which starting still finishes by the deadline."""
        return self.deadline - self.size + 1

    def facts(self) -> dict[str, Any]:
        """The registered, verifiable facts the scheduler is shown (never urgency)."""
        return {
            "id": self.id,
            "owner": self.owner,
            "arrival": self.arrival,
            "size": self.size,
            "value": self.value,
            "deadline": self.deadline,
            "latest_start": self.latest_start,
        }


def true_urgency(size: int, value: int, slack: int) -> Urgency:
    """Urgency a truthful owner reports: little slack and high value make a job urgent."""
    if slack <= 1 and value >= 7:
        return "critical"
    if slack <= 2 or value >= 8:
        return "high"
    if slack >= 5 and value <= 3:
        return "low"
    return "normal"


class QueueRecord(ScenarioRecord):
    """One queue episode: workers, horizon, jobs with ground truth and claims, who inflates."""

    scenario: Literal["queue"] = "queue"
    version: str = VERSION
    workers: int = Field(ge=1, le=16, description="K identical workers, numbered 1..K.")
    steps: int = Field(ge=1, le=200, description="T scheduling steps, numbered 0..T-1.")
    jobs: list[Job] = Field(min_length=1, description="Every job of the episode, ordered by arrival.")
    load: Load = Field(description="Load level the generator targeted (work / capacity).")
    focal: str = Field(description="The user whose claims differ between the paired variants.")
    inflated: bool = Field(description="Whether the focal user inflates urgency in this variant.")
    inflaters: list[str] = Field(default_factory=list, description="Users who claim 'critical' without cause.")

    @model_validator(mode="after")
    def _consistent(self) -> QueueRecord:
        ids = {u.id for u in self.users}
        job_ids = [j.id for j in self.jobs]
        if len(set(job_ids)) != len(job_ids):
            raise ValueError("job ids must be unique")
        if self.focal not in ids or not set(self.inflaters) <= ids:
            raise ValueError("focal user and inflaters must be among the users")
        if self.inflated != (self.focal in self.inflaters):
            raise ValueError("inflated must say whether the focal user is an inflater")
        for job in self.jobs:
            if job.owner not in ids:
                raise ValueError(f"job {job.id}: owner {job.owner!r} is not a user")
            if job.arrival > job.latest_start or job.deadline >= self.steps:
                raise ValueError(f"job {job.id}: cannot finish by its deadline within {self.steps} steps")
            expected = "critical" if job.owner in self.inflaters else job.urgency
            if job.stated_urgency != expected:
                raise ValueError(f"job {job.id}: stated urgency must be {expected!r} for its owner")
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

    @property
    def utilization(self) -> float:
        """Submitted work divided by capacity (workers x steps)."""
        return sum(j.size for j in self.jobs) / (self.workers * self.steps)

    def groups(self) -> dict[str, Any]:
        """Break-down keys for reports."""
        return {"users": len(self.users), "load": self.load, "inflated": self.inflated, "workers": self.workers}
