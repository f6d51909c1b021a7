"""Resume an interrupted `muses run` from the logs already in its log directory.

Why: runs of thousands of episodes against paid APIs get interrupted (a crash, a lost machine,
Ctrl-C); nobody should pay twice for a finished episode. Inspect writes every finished sample
to the ``.eval`` log in atomic flushes (every ``log_buffer`` samples), so a killed run leaves a
readable log in status ``started`` with the samples flushed so far. Inspect's own retry
mechanism (``PreviousTask``, what ``eval_retry``/``eval_set`` use) then re-runs the task while
copying those samples into the new log, so the new log is complete and self-contained and the
old, partial one can be deleted.

Each task's metadata carries a ``RunStamp`` (``muses.logschema``, made by ``muses.runner._stamp``):
an identity (task, agent model, user model), the slice, and every setting the episodes depend on.
A log with the same identity and the same settings is resumed (or reused if complete); one with
the same identity but other settings stops the run with the differences listed, unless ``force``
discards it. Only log-dir URIs and Inspect's filesystem layer are used, so the log directory may
be object storage.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from inspect_ai import Task
from inspect_ai._eval.task import PreviousTask
from inspect_ai._util.file import filesystem
from inspect_ai.log import EvalLog, EvalLogInfo, list_eval_logs, read_eval_log

from muses.logschema import RunStamp
from muses.runner._config import RunConfig
from muses.runner._stamp import settings_diff


class ResumeMismatch(ValueError):
    """The log directory holds logs of the same task and models made with other settings."""


@dataclass
class PriorLog:
    """A stamped log found in the log directory."""

    info: EvalLogInfo
    header: EvalLog
    stamp: RunStamp

    @property
    def complete(self) -> bool:
        """Finished, and every sample finished without error (errored ones are retried on resume)."""
        results = self.header.results
        if self.header.status != "success" or results is None:
            return False
        return results.completed_samples >= results.total_samples


@dataclass
class ResumePlan:
    """What to do with each task given the logs already there."""

    fresh: list[Task] = field(default_factory=list)
    resume: list[tuple[Task, PriorLog]] = field(default_factory=list)
    done: list[PriorLog] = field(default_factory=list)
    superseded: list[PriorLog] = field(default_factory=list)
    """Older logs of resumed or finished tasks: deleted once the new log is complete."""
    discard: list[PriorLog] = field(default_factory=list)
    """Logs of other settings that ``force`` deletes before the run."""

    def eval_tasks(self) -> list[PreviousTask]:
        """Inspect's retry wrappers: the task plus the log whose finished samples it reuses."""
        return [
            PreviousTask(
                id=prior.header.eval.task_id,
                task=task,
                task_args={},
                model=None,
                model_roles=None,
                sandbox=None,
                log=prior.header,
                log_info=prior.info,
            )
            for task, prior in self.resume
        ]


def prior_logs(log_dir: str) -> list[PriorLog]:
    """Every log in ``log_dir`` that carries a run stamp (headers only; unreadable logs skipped)."""
    if not filesystem(log_dir).exists(log_dir):
        return []
    found: list[PriorLog] = []
    for info in list_eval_logs(log_dir, recursive=False):
        try:
            header = read_eval_log(info, header_only=True)
        except Exception:  # a log being written by another process, or a foreign file
            continue
        stamp = RunStamp.of(header.eval.metadata)
        if stamp is not None:
            found.append(PriorLog(info, header, stamp))
    return found


def _same_settings(old: dict[str, Any], new: dict[str, Any], ignore: frozenset[str] = frozenset()) -> bool:
    """Settings equal (apart from ``ignore``d keys and server fingerprints that could not be read)."""
    kept_old = {k: v for k, v in old.items() if k not in ignore}
    kept_new = {k: v for k, v in new.items() if k not in ignore}
    return not settings_diff(kept_old, kept_new)


def _other_slice(old: RunStamp, new: RunStamp) -> bool:
    """A log of another slice of the same run: same settings apart from the slice's own records."""
    return old.shard != new.shard and _same_settings(old.settings, new.settings, frozenset({"records", "prompts"}))


def _newest_first(logs: list[PriorLog]) -> list[PriorLog]:
    """Complete logs first, then the most recently created (each retry is seeded from the last)."""
    return sorted(logs, key=lambda p: (p.complete, p.header.eval.created), reverse=True)


def plan_resume(tasks: list[Task], config: RunConfig, priors: list[PriorLog], force: bool = False) -> ResumePlan:
    """Match each stamped task against the prior logs; ResumeMismatch lists any differences."""
    plan = ResumePlan()
    problems: list[str] = []
    for task in tasks:
        stamp = RunStamp.of(task.metadata)
        if stamp is None:
            raise ValueError(f"task {task.name} has no run stamp (call stamp_task first)")
        same_models = [p for p in priors if p.stamp.identity == stamp.identity]
        mine = [p for p in same_models if p.stamp.shard == stamp.shard and _same_settings(p.stamp.settings, stamp.settings)]
        other = [p for p in same_models if p not in mine and not _other_slice(p.stamp, stamp)]
        if force:
            plan.discard.extend(other + mine)
            plan.fresh.append(task)
            continue
        if other:
            lines = settings_diff(other[0].stamp.settings, stamp.settings)
            problems.append(
                f"{config.log_dir} already holds {task.name} logs for {config.model} "
                f"(users: {config.user_model}) made with other settings:\n" + "\n".join(lines)
            )
            continue
        if not mine:
            plan.fresh.append(task)
            continue
        best, *older = _newest_first(mine)
        plan.superseded.extend(older)
        if best.complete:
            plan.done.append(best)
        else:
            plan.resume.append((task, best))
    if problems:
        raise ResumeMismatch(
            "\n".join(problems) + "\nUse another --out (or --log-dir), or --force to delete those logs and start over."
        )
    return plan


def delete_logs(logs: list[PriorLog]) -> None:
    """Delete log files through Inspect's filesystem layer (local or object storage)."""
    for prior in logs:
        location = prior.info.name
        try:
            filesystem(location).rm(location)
        except FileNotFoundError:  # another slice of the same run deleted it first
            continue
