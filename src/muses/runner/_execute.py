"""One `muses run` process: plan, build tasks (one slice if sharded), resume, evaluate, tidy up.

Why a layer above ``run_tasks``: the CLI, the shard workers and tests all need the same
sequence (skip notes, slice selection, resume from the log directory, deletion of superseded
logs), and none of it belongs to Inspect's ``eval()`` call itself.
"""

from __future__ import annotations

import re
import traceback
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING

from inspect_ai.log import EvalLog

from muses.runner._config import RunConfig
from muses.runner._eval import run_tasks
from muses.runner._plan import make_task, plan
from muses.runner._preflight import preflight
from muses.runner._resume import ResumeMismatch, delete_logs, plan_resume, prior_logs
from muses.runner._shards import start_workers, stop_workers, wait_workers
from muses.runner._slices import EmptySlice, Shard
from muses.runner._stamp import endpoints, stamp_task

if TYPE_CHECKING:
    from muses.report._summary import MetricSummary


class RunError(ValueError):
    """A run that cannot start: bad configuration, data or a log directory of other settings."""


@dataclass
class RunOutcome:
    """The logs that hold the run's results (new and reused) plus console notes."""

    logs: list[EvalLog] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    worker_locations: list[str] = field(default_factory=list)
    """Logs written by other processes of a sharded run (read back for the merged table)."""
    worker_failures: list[str] = field(default_factory=list)

    @property
    def locations(self) -> list[str]:
        return [log.location for log in self.logs if log.location] + self.worker_locations

    @property
    def ok(self) -> bool:
        return not self.worker_failures and all(log.status == "success" for log in self.logs)

    def rows(self) -> list[MetricSummary]:
        """Console-table rows: from the log headers, or merged over the samples of every slice."""
        from muses.report._summary import summarize, summarize_merged, with_issues

        keys = [(log.eval.task, log.eval.model) for log in self.logs]
        if self.worker_locations or len(set(keys)) < len(keys):
            return with_issues(summarize_merged(self.locations), self.locations)
        return with_issues([row for log in self.logs for row in summarize(log)], self.locations)

    def table(self) -> str:
        """The console table of this run."""
        from muses.report._summary import format_table

        return format_table(self.rows())

    def episode_errors(self) -> tuple[int, int]:
        """(errored, total) episodes over every log of the run (reused ones included)."""
        from inspect_ai.log import read_eval_log

        errored = total = 0
        headers = list(self.logs) + [read_eval_log(loc, header_only=True) for loc in self.worker_locations]
        for log in headers:
            results = log.results
            planned = (log.eval.dataset.samples or 0) * (log.eval.config.epochs or 1)
            count = results.total_samples if results else planned
            total += count
            errored += max(count - (results.completed_samples if results else 0), 0)
        return errored, total

    def first_error(self) -> str:
        """The first episode error message in the run's logs ('' if none)."""
        from inspect_ai.log import read_eval_log_sample_summaries

        for location in self.locations:
            try:
                summaries = read_eval_log_sample_summaries(location)
            except (OSError, ValueError):
                continue
            for summary in summaries:
                if summary.error:
                    return plain_error(summary.error)
        return ""

    def failures(self) -> list[str]:
        """One line per log that did not finish."""
        mine = [
            f"{log.eval.task}: {log.status}: {log.error.message if log.error else ''}"
            for log in self.logs
            if log.status != "success"
        ]
        return mine + self.worker_failures


def plain_error(text: str) -> str:
    """"ModelCallError('agent call ... failed')" -> "ModelCallError: agent call ... failed" (last line only)."""
    lines = text.strip().splitlines()
    last = lines[-1] if lines else "unknown error"
    match = re.fullmatch(r"(\w+)\((['\"])(.*)\2\)", last)
    return f"{match.group(1)}: {match.group(3)}" if match else last


def execute(config: RunConfig, force: bool = False) -> RunOutcome:
    """Run (or resume) the configured scenarios in this process; RunError for unusable input."""
    outcome = RunOutcome()
    try:
        planned = plan(config)
        skipped = [f"skipping {item.scenario}: {item.skipped}" for item in planned if item.skipped]
        if any(not item.skipped for item in planned):
            config = checked_config(config, outcome.notes)
        served = endpoints(config)
        tasks = []
        outcome.notes.extend(skipped)
        for item in planned:
            if item.skipped:
                continue
            try:
                task = make_task(item.scenario, config)
            except EmptySlice as empty:
                outcome.notes.append(f"skipping {item.scenario}: {empty}")
                continue
            stamp_task(task, config, served)
            tasks.append(task)
        if not tasks:
            if config.shard is not None and any(not item.skipped for item in planned):
                return outcome  # more slices than episodes: this one has nothing to do
            reasons = "; ".join(item.skipped or "" for item in planned if item.skipped) or "no episodes selected"
            raise RunError(f"nothing to run for {config.model}: {reasons}")
        resume = plan_resume(tasks, config, prior_logs(str(config.log_dir)), force=force)
    except (ResumeMismatch, ValueError, OSError) as error:
        raise RunError(str(error)) from None
    delete_logs(resume.discard)
    for prior in resume.done:
        reused = prior.header.results.completed_samples if prior.header.results else 0
        outcome.notes.append(f"{prior.header.eval.task}: already complete in {prior.info.name} ({reused} episodes reused)")
        outcome.logs.append(prior.header)
    for task, prior in resume.resume:
        reused = prior.header.results.completed_samples if prior.header.results else 0
        left = len(task.dataset) * max(config.epochs, 1) - reused
        outcome.notes.append(
            f"{prior.header.eval.task}: resuming from {prior.info.name}: {reused} episodes reused, {left} remaining"
        )
    if resume.resume:
        outcome.logs.extend(run_tasks(resume.eval_tasks(), config))
    if resume.fresh:
        outcome.logs.extend(run_tasks(resume.fresh, config))
    if outcome.ok:
        delete_logs(resume.superseded + [prior for _, prior in resume.resume])
    return outcome


def checked_config(config: RunConfig, notes: list[str]) -> RunConfig:
    """The config after the preflight: RunError for unusable models, detected connections applied."""
    checked = preflight(config)
    if checked.problems:
        raise RunError("\n".join(checked.problems))
    notes.extend(checked.notes)
    if checked.max_connections is not None:
        config = config.model_copy(update={"max_connections": checked.max_connections})
    return config


def execute_sharded(config: RunConfig, count: int, force: bool = False) -> RunOutcome:
    """Run ``count`` slices at once: workers for slices 1..count-1, slice 0 in this process.

    ``max_connections`` is the total a server sees, so each process gets ceil(total / count).
    """
    if count <= 1:
        return execute(config, force=force)
    early: list[str] = []
    if any(not item.skipped for item in plan(config)):
        config = checked_config(config, early)
    if config.max_connections:
        config = config.model_copy(update={"max_connections": -(-config.max_connections // count)})
    workers = start_workers(config.model_copy(update={"display": "none"}), count, work_slice, force=force)
    try:
        outcome = execute(config.model_copy(update={"shard": Shard(index=0, count=count)}), force=force)
    except BaseException:
        stop_workers(workers)
        raise
    outcome.notes = early + [f"shard {Shard(index=0, count=count)}: {note}" for note in outcome.notes if note not in early]
    outcome.worker_locations, notes, outcome.worker_failures = wait_workers(workers)
    outcome.notes.extend(notes)
    return outcome


def work_slice(payload: str, force: bool, send: Connection) -> None:
    """A shard worker's body: run one slice and send ("ok", {...}) or ("error", message)."""
    try:
        outcome = execute(RunConfig.model_validate_json(payload), force=force)
        send.send(("ok", {"locations": outcome.locations, "notes": outcome.notes, "failures": outcome.failures()}))
    except RunError as error:
        send.send(("error", str(error)))
    except BaseException as error:  # report anything else to the parent instead of dying silently
        send.send(("error", "".join(traceback.format_exception_only(type(error), error)).strip()))
    finally:
        send.close()
