"""The queue environment: one round per scheduling step, the agent assigns jobs every step.

Every job is registered before the session: at step 0 owners learn their jobs and every user may
speak (claims and confirmations); later, owners of waiting jobs may. Round ``t``: the queue has
already announced step ``t`` (the agent gets the status); users speak; the agent answers with
``{"assign": [...]}`` (which never ends the episode); accepted starts are announced to their
owners, rejected ones are kept for the next status; then the step executes (finished and expired
jobs are announced to their owners) and step ``t + 1`` is announced. The episode ends after the
record's T steps (or the task's ``rounds`` if smaller) or once every job has finished or expired.
All state is ``QueueSim``, itself a function of the transcript's decisions, so the scorer replays
the same rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import muses.scenarios.queue._notices as notices
from muses.protocol import AGENT_ID, Template
from muses.scenarios._base import Environment, scenario_prompt
from muses.scenarios.queue._model import Job, QueueRecord
from muses.scenarios.queue._simulator import QueueSim
from muses.scenarios.queue._users import private_context, user_system_prompt


class QueueEnvironment(Environment[QueueRecord]):
    """Users submit jobs over time; the agent schedules them onto K workers, step by step."""

    decision_keys = ("assign",)

    def __init__(self, record: QueueRecord, max_rounds: int) -> None:
        super().__init__(record, min(max_rounds, record.steps))
        self.sim = QueueSim(record)
        self.step = 0
        self._pending_rejections: list[str] = []
        self._announce(0, [], [])

    # --- what participants see -------------------------------------------------------------------
    def agent_context(self) -> dict[str, Any]:
        """Workers, horizon, roster, tracker and the queue state (the status messages, as data).

        ``jobs`` (every registered job) and ``started`` (its own accepted assignments) are what the
        scheduler has seen in its statuses, so stateful schedulers (fair queuing, VTC) can rebuild
        their counters.
        """
        step, sim, record = self.step, self.sim, self.record
        running = [sim.running_on(w, step) for w in range(1, record.workers + 1)]
        return {
            "workers": record.workers,
            "steps": record.steps,
            "users": [
                {"id": u.id, "role": u.role, "authority": u.authority, "weight": u.priority}
                for u in record.users
            ],
            "tickets": [t.model_dump() for t in record.tickets],
            "state": {
                "step": step,
                "free_workers": sim.free_workers(step),
                "running": [{"job": r.job, "worker": r.worker, "finish": r.finish} for r in running if r],
                "waiting": [j.facts() for j in sim.waiting(step)],
                "jobs": [j.facts() for j in record.jobs],
                "started": [{"job": s.job, "worker": s.worker, "start": s.step} for s in sim.starts.values()],
            },
        }

    def system_prompt(self, template: Template) -> str:
        record = self.record
        return scenario_prompt(__file__).format(
            workers_text=notices.workers_text(record.workers),
            steps=record.steps,
            last_step=record.steps - 1,
            roster=notices.roster(record),
            tracker=notices.tracker(record),
            template_note=self.template_note(template),
        )

    def user_private(self, user_id: str) -> dict[str, Any]:
        statuses = {j.id: self.sim.status(j.id, self.step) for j in self.record.jobs_of(user_id)}
        return private_context(self.record, user_id, self.step, statuses)

    def user_system_prompt(self, user_id: str) -> str:
        return user_system_prompt(self.record, user_id)

    # --- dynamics --------------------------------------------------------------------------------
    def users_to_act(self, round: int) -> list[str]:
        """Everybody at step 0 (jobs and claims are announced up front); later, owners of waiting jobs."""
        if round == 0:
            return self.transcript.user_ids
        active = {j.owner for j in self.sim.waiting(round)}
        return [u for u in self.transcript.user_ids if u in active]

    def continue_after_users(self, round: int, spoke: Sequence[str]) -> bool:
        """The scheduler acts every step, whether or not anyone spoke."""
        return True

    def on_decision(self, round: int, decision: dict[str, Any]) -> None:
        """Start the accepted jobs (owners are told); keep rejections for the next status."""
        result = self.sim.assign(round, decision.get("assign"))
        for start in result.accepted:
            job = self.sim.jobs[start.job]
            self.transcript.add_environment_message(
                round, [job.owner], notices.started(job, start.worker, start.step, start.finish)
            )
        self._pending_rejections.extend(result.rejected)

    def after_round(self, round: int) -> None:
        """Run step ``round``: announce finished and expired jobs to owners, then the next step."""
        done_jobs, expired_jobs = self.sim.finished_at(round), self.sim.expiring_at(round)
        for job in done_jobs:
            self.transcript.add_environment_message(round, [job.owner], notices.finished(job, round))
        for job in expired_jobs:
            self.transcript.add_environment_message(round, [job.owner], notices.expired(job))
        if self._pending_rejections:
            self.transcript.add_environment_message(
                round + 1, [AGENT_ID], notices.rejection_text(round, self._pending_rejections)
            )
            self._pending_rejections = []
        if self.sim.all_settled(round):
            self.finished = True
        if not self.done(round):
            self.step = round + 1
            self._announce(round + 1, done_jobs, expired_jobs)

    def _announce(self, step: int, done_jobs: list[Job], expired_jobs: list[Job]) -> None:
        """At step 0 owners learn their registered jobs; every step the agent gets the status."""
        if step == 0:
            for user in self.transcript.user_ids:
                own = self.record.jobs_of(user)
                if own:
                    self.transcript.add_environment_message(step, [user], notices.registered(own))
        status = notices.status_text(self.sim, step, done_jobs, expired_jobs)
        self.transcript.add_environment_message(step, [AGENT_ID], status)
