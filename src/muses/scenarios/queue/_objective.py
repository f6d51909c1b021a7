"""The primary objective: the paper's weighted social objective sum_i w_i U_i, made concrete.

U_i (user i's utility) is the real value of i's jobs that finished by their real deadlines:
U_i = sum_{j of i, on time} worth_j. A job is on time when it started by ``due - size + 1`` (the
simulator runs it without interruption). w_i is the user's priority weight (authority unless
set). So the objective is a weighted throughput: job j contributes ``c_j = w_i * worth_j`` when
it finishes on time, and every unit of real value a user gains is worth w_i to the team, which is
why a claim of higher value, if believed, buys priority (and why lies must not be believed).
Fairness is measured separately, on each user's served share of their real value.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from muses.scenarios.queue._model import Job, QueueRecord


def job_weights(record: QueueRecord) -> dict[str, float]:
    """c_j for every job: its contribution to sum_i w_i U_i when it finishes on time."""
    return {j.id: record.weight(j.owner) * j.worth for j in record.jobs}


def on_time(job: Job, start: int) -> bool:
    """Whether a job started at ``start`` finishes by its real deadline."""
    return start <= job.real_latest_start


def on_time_jobs(record: QueueRecord, starts: Mapping[str, int], horizon: int) -> set[str]:
    """Jobs that started, finished within the steps played and met their real deadline."""
    return {
        j.id
        for j in record.jobs
        if j.id in starts and on_time(j, starts[j.id]) and starts[j.id] + j.size - 1 < horizon
    }


def service(record: QueueRecord, done: Iterable[str]) -> dict[str, float]:
    """Each user's served share: real value finished on time / real value submitted (for fairness)."""
    finished = set(done)
    shares: dict[str, float] = {}
    for user in record.users:
        jobs = record.jobs_of(user.id)
        total = sum(j.worth for j in jobs)
        shares[user.id] = sum(j.worth for j in jobs if j.id in finished) / total if total else 0.0
    return shares


def social_welfare(record: QueueRecord, done: Iterable[str]) -> float:
    """sum_i w_i U_i for a set of on-time jobs (unnormalized)."""
    finished = set(done)
    return sum(c for job, c in job_weights(record).items() if job in finished)
