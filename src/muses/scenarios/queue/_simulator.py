"""The queue's execution model, as a pure state machine over (record, assignments per step).

Rules (the same for the live environment, the scorer's replay and the offline optimum):
- Step ``t`` happens in round ``t``. Jobs arriving at ``t`` can be started at ``t``.
- Non-preemptive: a job started at ``t`` on worker ``w`` holds ``w`` during steps
  ``t .. t+size-1`` and finishes at the end of step ``t+size-1``. Inference jobs hold a KV cache
  and batch state, so pausing or migrating one is not free; the scheduler must commit.
- One job per worker at a time; a job runs once.
- A job may only start by its latest start (``deadline - size + 1``); a waiting job whose latest
  start has passed expires. Hence every started job finishes by its deadline, and value is earned
  exactly for started jobs (if the episode lasts long enough for them to finish).

The environment and the scorer both drive this class, so the score is a function of the
transcript's decisions alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from muses.scenarios.queue._model import Job, QueueRecord

JobStatus = Literal["future", "waiting", "running", "done", "expired"]


@dataclass(frozen=True)
class Start:
    """One accepted assignment."""

    job: str
    worker: int
    step: int
    finish: int


@dataclass
class StepResult:
    """What happened to one step's assignment payload."""

    accepted: list[Start] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)


def _job_id(value: Any) -> str | None:
    """'J3', 'j3', ' J3 ' -> 'J3'; anything else -> None."""
    if isinstance(value, str) and value.strip():
        return value.strip().upper()
    if isinstance(value, int) and not isinstance(value, bool):
        return f"J{value}"
    return None


def _worker(value: Any) -> int | None:
    """1, '1', 'worker 1', 'W1' -> 1; anything else -> None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        digits = value.strip().lower().removeprefix("worker").removeprefix("w").strip()
        return int(digits) if digits.isdigit() else None
    return None


class QueueSim:
    """Queue state: which job started when and where; everything else is derived from that."""

    def __init__(self, record: QueueRecord) -> None:
        self.record = record
        self.jobs: dict[str, Job] = {j.id: j for j in record.jobs}
        self.starts: dict[str, Start] = {}

    # --- derived state ---------------------------------------------------------------------------
    def status(self, job_id: str, step: int) -> JobStatus:
        """Status of a job at the beginning of ``step`` (before that step's assignments)."""
        job = self.jobs[job_id]
        start = self.starts.get(job_id)
        if start is not None:
            return "done" if start.finish < step else "running"
        if job.arrival > step:
            return "future"
        return "expired" if step > job.latest_start else "waiting"

    def running_on(self, worker: int, step: int) -> Start | None:
        """The job occupying a worker during ``step``, if any."""
        for start in self.starts.values():
            if start.worker == worker and start.step <= step <= start.finish:
                return start
        return None

    def free_workers(self, step: int) -> list[int]:
        """Workers (1-based) with nothing running during ``step``."""
        return [w for w in range(1, self.record.workers + 1) if self.running_on(w, step) is None]

    def waiting(self, step: int) -> list[Job]:
        """Jobs that can be started at ``step``, in arrival order."""
        return [j for j in self.record.jobs if self.status(j.id, step) == "waiting"]

    def finished_at(self, step: int) -> list[Job]:
        """Jobs whose last running step is ``step``."""
        return [self.jobs[s.job] for s in self.starts.values() if s.finish == step]

    def expiring_at(self, step: int) -> list[Job]:
        """Waiting jobs for which ``step`` was the last chance to start (they expire after it)."""
        return [
            j for j in self.record.jobs if j.latest_start == step and self.status(j.id, step + 1) == "expired"
        ]

    def all_settled(self, step: int) -> bool:
        """True when, after ``step``, every job has finished or expired."""
        return all(self.status(j.id, step + 1) in ("done", "expired") for j in self.record.jobs)

    # --- transitions -----------------------------------------------------------------------------
    def _check(self, item: Any, step: int, taken: set[int]) -> tuple[Start | None, str]:
        """Validate one assignment item; returns the start or the reason it is rejected."""
        if not isinstance(item, dict):
            return None, f"{item!r}: each assignment must be an object {{'job': ..., 'worker': ...}}"
        job_id, worker = _job_id(item.get("job")), _worker(item.get("worker"))
        if job_id is None or job_id not in self.jobs:
            return None, f"job {item.get('job')!r}: unknown job"
        if worker is None or not 1 <= worker <= self.record.workers:
            return (
                None,
                f"{job_id} -> worker {item.get('worker')!r}: no such worker (1..{self.record.workers})",
            )
        status = self.status(job_id, step)
        reasons = {
            "future": "has not arrived yet",
            "running": "is already running",
            "done": "is already done",
            "expired": "has expired (its latest start has passed)",
        }
        if status != "waiting":
            return None, f"{job_id} -> worker {worker}: job {reasons[status]}"
        if worker in taken:
            return None, f"{job_id} -> worker {worker}: worker is already assigned this step"
        busy = self.running_on(worker, step)
        if busy is not None:
            return (
                None,
                f"{job_id} -> worker {worker}: worker is busy with {busy.job} until the end of step {busy.finish}",
            )
        size = self.jobs[job_id].size
        return Start(job=job_id, worker=worker, step=step, finish=step + size - 1), ""

    def assign(self, step: int, payload: Any) -> StepResult:
        """Apply one decision's ``assign`` list at ``step``; invalid items are rejected, never raised."""
        result = StepResult()
        if payload is None:
            return result
        if not isinstance(payload, list):
            result.rejected.append("'assign' must be a list of {'job': ..., 'worker': ...} objects")
            return result
        taken: set[int] = set()
        for item in payload:
            start, reason = self._check(item, step, taken)
            if start is None:
                result.rejected.append(reason)
                continue
            self.starts[start.job] = start
            taken.add(start.worker)
            result.accepted.append(start)
        return result
