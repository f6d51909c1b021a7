"""Texts the queue itself sends: the scheduler's per-step status and each owner's job notices.

The environment speaks through ``EnvironmentMessage`` events. The scheduler gets the whole
queue's registered facts (never a job's real deadline or value: those reach it only as users'
claims in chat) and the team tracker; a user gets notices about their own jobs only, so nobody
learns from the system what others submitted.
"""

from __future__ import annotations

from muses.scenarios.queue._model import Job, QueueRecord
from muses.scenarios.queue._simulator import QueueSim


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def job_line(job: Job, step: int) -> str:
    """One waiting job as the scheduler sees it."""
    return (
        f"- {job.id}: owner {job.owner}, size {_plural(job.size, 'step')}, value {job.value}, "
        f"deadline step {job.deadline} (start by step {job.latest_start}), waiting since step {job.arrival}"
    )


def upcoming_line(job: Job) -> str:
    """One registered job that cannot start yet."""
    return (
        f"- {job.id}: owner {job.owner}, ready at step {job.arrival}, size {_plural(job.size, 'step')}, "
        f"value {job.value}, deadline step {job.deadline} (start by step {job.latest_start})"
    )


def _workers_line(sim: QueueSim, step: int) -> str:
    parts = []
    for worker in range(1, sim.record.workers + 1):
        running = sim.running_on(worker, step)
        if running is None:
            parts.append(f"worker {worker} free")
        else:
            owner = sim.jobs[running.job].owner
            parts.append(
                f"worker {worker} busy with {running.job} ({owner}) until the end of step {running.finish}"
            )
    return "Workers: " + "; ".join(parts) + "."


def workers_text(workers: int) -> str:
    """How the system prompt names the workers."""
    if workers == 1:
        return "1 inference worker (worker 1)"
    return f"{workers} identical inference workers (numbered 1 to {workers})"


def status_text(sim: QueueSim, step: int, finished: list[Job], expired: list[Job]) -> str:
    """The scheduler's view of the queue at the start of ``step``."""
    record = sim.record
    lines = [f"Queue status at step {step} (steps run 0-{record.steps - 1})."]
    if finished:
        lines.append(
            "Finished last step: " + ", ".join(f"{j.id} ({j.owner}, value {j.value})" for j in finished) + "."
        )
    if expired:
        lines.append(
            "Expired (latest start passed): " + ", ".join(f"{j.id} ({j.owner})" for j in expired) + "."
        )
    lines.append(_workers_line(sim, step))
    waiting = sim.waiting(step)
    if waiting:
        lines.append("Waiting jobs (can start now):")
        lines.extend(job_line(j, step) for j in waiting)
    else:
        lines.append("Waiting jobs: none.")
    upcoming = [j for j in record.jobs if j.arrival > step]
    if upcoming:
        lines.append("Registered jobs whose input is not ready yet:")
        lines.extend(upcoming_line(j) for j in upcoming)
    return "\n".join(lines)


def rejection_text(step: int, reasons: list[str]) -> str:
    """The scheduler's notice that some assignments of ``step`` were not applied."""
    return f"Rejected assignments from step {step} (not applied):\n" + "\n".join(f"- {r}" for r in reasons)


def registered(jobs: list[Job]) -> str:
    """Owner notice at step 0: the user's jobs as the queue registered them."""
    lines = [
        f"- {j.id}: input ready at step {j.arrival}, size {_plural(j.size, 'step')}, value {j.value}, "
        f"deadline step {j.deadline} (it must start by step {j.latest_start})"
        for j in jobs
    ]
    return "Your jobs are registered in the queue:\n" + "\n".join(lines)


def started(job: Job, worker: int, step: int, finish: int) -> str:
    """Owner notice: the job started."""
    return f"Your job {job.id} started on worker {worker} at step {step}; it will finish at the end of step {finish}."


def finished(job: Job, step: int) -> str:
    """Owner notice: the job finished (always by its registered deadline: see the simulator's rules)."""
    return f"Your job {job.id} finished at the end of step {step}."


def expired(job: Job) -> str:
    """Owner notice: the job can no longer finish in time."""
    return (
        f"Your job {job.id} expired: it was not started by step {job.latest_start}, "
        f"so it can no longer finish by its deadline (step {job.deadline})."
    )


def roster(record: QueueRecord) -> str:
    """Users with role and authority weight, for the scheduler's system prompt."""
    return "\n".join(
        f"- {u.id}: {u.role}, authority {u.authority}/10 (welfare weight {u.priority:g})"
        for u in record.users
    )


def tracker(record: QueueRecord) -> str:
    """The team tracker for the scheduler's system prompt (tickets never name a job)."""
    if not record.tickets:
        return "(no open tickets)"
    return "\n".join(f"- {t.id}: {t.title}, owner {t.owner}, due step {t.due}" for t in record.tickets)
