"""Resume an interrupted `muses run` from the logs already in its log directory.

Why: runs of thousands of episodes against paid APIs get interrupted (a crash, a lost machine,
Ctrl-C); nobody should pay twice for a finished episode. Inspect writes every finished sample
to the ``.eval`` log in atomic flushes (every ``log_buffer`` samples), so a killed run leaves a
readable log in status ``started`` with the samples flushed so far. Inspect's own retry
mechanism (``PreviousTask``, what ``eval_retry``/``eval_set`` use) then re-runs the task while
copying those samples into the new log, so the new log is complete and self-contained and the
old, partial one can be deleted.

Each task's metadata carries a stamp (``muses_run``): an identity (task, agent model, user
model, slice) and the settings that decide what the results mean (data digest, split, seed,
limit, epochs, task parameters, judge, scenario version, number of slices). A log with the same
identity and the same settings is resumed (or reused if complete); one with the same task and
models but other settings stops the run with a diff, unless ``force`` discards it. Only log-dir
URIs and Inspect's filesystem layer are used, so the log directory may be object storage.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from inspect_ai import Task
from inspect_ai._eval.task import PreviousTask
from inspect_ai._util.file import filesystem
from inspect_ai.log import EvalLog, EvalLogInfo, list_eval_logs, read_eval_log

if TYPE_CHECKING:
    from muses.inspect._run import RunConfig

RUN_KEY = "muses_run"
"""Task-metadata key of the stamp that identifies a run's logs."""


class ResumeMismatch(ValueError):
    """The log directory holds logs of the same task and models made with other settings."""


def _records_digest(task: Task) -> str:
    """Count and SHA-256 of the task's samples (ids and records), in dataset order."""
    digest = hashlib.sha256()
    count = 0
    for sample in task.dataset:
        record = (sample.metadata or {}).get("record")
        digest.update(json.dumps([sample.id, record], sort_keys=True, default=str).encode("utf-8"))
        count += 1
    return f"{count} records, sha256 {digest.hexdigest()[:16]}"


def stamp_task(task: Task, config: RunConfig) -> dict[str, Any]:
    """Attach the run stamp to the task's metadata (it is logged in ``eval.metadata``)."""
    shard = config.shard
    value = {
        "identity": {"task": task.name, "model": config.model, "user_model": config.user_model},
        "shard": shard.index if shard else 0,
        "settings": {
            "records": _records_digest(task),
            "shards": shard.count if shard else 1,
            "judge_model": config.judge_model,
            "split": config.split,
            "seed": config.seed,
            "limit": config.limit,
            "epochs": config.epochs,
            "task_args": json.loads(json.dumps(config.task_args, sort_keys=True, default=str)),
            "task_version": str(task.version),
        },
    }
    task.metadata = {**(task.metadata or {}), RUN_KEY: value}
    return value


@dataclass
class PriorLog:
    """A stamped log found in the log directory."""

    info: EvalLogInfo
    header: EvalLog
    stamp: dict[str, Any]

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
        stamp = (header.eval.metadata or {}).get(RUN_KEY)
        if isinstance(stamp, dict) and "identity" in stamp:
            found.append(PriorLog(info, header, stamp))
    return found


def settings_diff(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Lines 'key: old -> new' for every setting that differs."""
    return [
        f"  {key}: {old.get(key)!r} -> {new.get(key)!r}"
        for key in sorted(set(old) | set(new))
        if old.get(key) != new.get(key)
    ]


def _other_slice(old: dict[str, Any], new: dict[str, Any]) -> bool:
    """A log of another slice of the same run: same settings apart from the slice's own records."""
    if old.get("shard") == new["shard"]:
        return False
    strip = {"records"}
    settings = old.get("settings", {})
    return {k: v for k, v in settings.items() if k not in strip} == {
        k: v for k, v in new["settings"].items() if k not in strip
    }


def _newest_first(logs: list[PriorLog]) -> list[PriorLog]:
    """Complete logs first, then the most recently created (each retry is seeded from the last)."""
    return sorted(logs, key=lambda p: (p.complete, p.header.eval.created), reverse=True)


def plan_resume(tasks: list[Task], config: RunConfig, priors: list[PriorLog], force: bool = False) -> ResumePlan:
    """Match each stamped task against the prior logs; ResumeMismatch lists any differences."""
    plan = ResumePlan()
    problems: list[str] = []
    for task in tasks:
        stamp = (task.metadata or {})[RUN_KEY]
        same_models = [p for p in priors if p.stamp["identity"] == stamp["identity"]]
        mine = [p for p in same_models if p.stamp.get("shard") == stamp["shard"] and p.stamp.get("settings") == stamp["settings"]]
        other = [p for p in same_models if p not in mine and not _other_slice(p.stamp, stamp)]
        if force:
            plan.discard.extend(other + mine)
            plan.fresh.append(task)
            continue
        if other:
            lines = settings_diff(other[0].stamp.get("settings", {}), stamp["settings"])
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
