"""Read Inspect logs into flat episodes: the only input every table, figure and page is built from.

Reports are pure functions of logs (STYLE item 15). Everything a report needs rides in the log,
as the log contract (``muses.logschema``) defines it: ``SampleMetadata`` (scenario, base_id,
break-down groups, the record), ``EpisodeStore`` (the transcript) and one dict-valued score per
sample under ``scorer_name(scenario)``. Several logs may hold one run (shards)
or one sample twice (a rerun, the same file under two paths): samples of the same task and model
are pooled, duplicates collapse to one episode, preferring a scored sample over an errored one and
then the newest log, so a retry replaces the failure it retried. Samples made under different
settings (``_settings``) are never duplicates of each other, and their rows are kept apart unless
``merge`` is asked for.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from inspect_ai._util.file import filesystem
from inspect_ai.log import EvalLog, EvalSample, list_eval_logs, read_eval_log
from pydantic import BaseModel, Field, ValidationError

from muses.logschema import EpisodeStore, RunStamp, SampleMetadata, scorer_name
from muses.report._settings import Settings, row_labels, run_settings, signature


class RunInfo(BaseModel):
    """One log file: what ran, with which models, and how it ended."""

    path: str
    task: str
    scenario: str
    model: str = Field(description="The agent under test (the task's model).")
    roles: dict[str, str] = Field(description="Model role -> model, e.g. {'user': 'muses/scripted'}.")
    eval_id: str
    created: str
    status: str
    epochs: int
    samples: int
    revision: str | None = Field(description="Git commit (and '+dirty') the run was made from.")
    task_version: str
    stats: dict[str, Any] = Field(default_factory=dict, description="log.stats as JSON (token usage).")
    params: dict[str, Any] = Field(default_factory=dict, description="Task parameters as given (task metadata).")
    settings: Settings = Field(default_factory=dict, description="What the episodes depend on (see _settings).")
    package_version: str | None = Field(default=None, description="muses version from the run stamp, if any.")
    label: str = Field(default="", description="Row label of this log's episodes in the table.")
    base_label: str = Field(default="", description="The row label without settings (agent, maybe user model).")
    error: str | None = Field(default=None, description="The run's own error message (status 'error').")


class Episode(BaseModel):
    """One sample-epoch of one log: metadata, score, transcript and record."""

    scenario: str
    task: str
    model: str = Field(description="Row label: the agent model (plus the user model when it varies).")
    agent_model: str
    user_model: str | None
    sample_id: str
    epoch: int
    base_id: str = Field(description="Cluster for standard errors; the sample id when absent.")
    groups: dict[str, Any] = Field(description="Break-down keys: template, users, attack, ...")
    values: dict[str, float] | None = Field(description="Metric values; None when the sample errored.")
    details: dict[str, Any] = Field(default_factory=dict)
    explanation: str = ""
    error: str | None = None
    record: dict[str, Any] = Field(default_factory=dict)
    transcript: dict[str, Any] | None = None
    turn_issues: list[dict[str, Any]] = Field(
        default_factory=list, description="Turns that did not end normally (logschema.TurnIssue dicts)."
    )
    log: str = Field(description="Path of the log the episode came from.")
    created: str = ""
    settings_key: str = Field(default="", description="Canonical text of the run's settings.")
    settings: Settings = Field(default_factory=dict, description="The run's settings (see _settings).")
    base_model: str = Field(default="", description="Row label without the settings that tell runs apart.")

    @property
    def key(self) -> tuple[str, str, str | None, str, int, str, str]:
        """Identity across logs: task, agent, user model, sample, epoch, template and settings."""
        template = str(self.groups.get("template", ""))
        return (self.task, self.agent_model, self.user_model, self.sample_id, self.epoch, template, self.settings_key)

    def metric(self, name: str, if_error: float | None = 0.0) -> float | None:
        """A metric value; absent or undefined (NaN) metrics are None, e.g. conflict resolution in an
        episode without conflicts. An errored episode gives ``if_error``: 0 (a failure) for metrics
        where higher is better; callers pass None for lower-is-better ones (turns, regret), where a
        0 would reward the error."""
        if self.values is None:
            return if_error
        value = self.values.get(name)
        return None if value is None or math.isnan(value) else float(value)


class LoadedLogs(BaseModel):
    """Every episode and run found in a set of log paths, after merging."""

    runs: list[RunInfo]
    episodes: list[Episode]
    duplicates: int = Field(default=0, description="Sample-epochs seen more than once (one was kept).")
    merged: bool = Field(default=False, description="Runs with different settings share rows (asked for).")


def _local(path: str) -> str:
    """A local path in one canonical form, so one file named two ways is read once."""
    return str(Path(path.removeprefix("file://")).resolve()) if "://" not in path.removeprefix("file://") else path


def log_paths(paths: Iterable[str | Path]) -> list[str]:
    """Expand directories to the Inspect logs they hold (recursively); keep files as they are.

    Paths may be URIs (``s3://bucket/logs``): they go through Inspect's filesystem layer, which
    is how shards on several machines share one log location.
    """
    found: list[str] = []
    for path in paths:
        text = _local(str(path))
        fs = filesystem(text)
        if not fs.exists(text):
            raise FileNotFoundError(f"no Inspect log or log directory at {path}")
        if fs.info(text).type == "directory":
            found.extend(_local(info.name) for info in list_eval_logs(text, recursive=True))
        else:
            found.append(text)
    return sorted(set(found))


def _score_of(sample: EvalSample, scenario: str) -> tuple[dict[str, float] | None, dict[str, Any], str]:
    scores = sample.scores or {}
    score = scores.get(scorer_name(scenario)) or next(iter(scores.values()), None)
    if score is None:
        return None, {}, ""
    value = score.value
    values = (
        {k: float(v) for k, v in value.items() if isinstance(v, int | float) and not isinstance(v, bool)}
        if isinstance(value, dict)
        else {scenario: float(value) if isinstance(value, int | float) else 0.0}
    )
    return values, dict(score.metadata or {}), score.explanation or ""


def _metadata(sample: EvalSample, log: EvalLog) -> SampleMetadata:
    """The sample's metadata under the log contract (a bare stand-in for samples of other tasks)."""
    try:
        return SampleMetadata.of(sample.metadata)
    except ValidationError:
        scenario = str((log.eval.metadata or {}).get("scenario") or log.eval.task.split("/")[-1])
        return SampleMetadata(scenario=scenario, base_id=str(sample.id), template="", users=0, version="", record={})


def _episode(sample: EvalSample, meta: SampleMetadata, run: RunInfo) -> Episode:
    scenario = meta.scenario
    values, details, explanation = _score_of(sample, scenario)
    error = sample.error.message if sample.error else None
    if values is None and error is None:
        error = "no score recorded"
    return Episode(
        scenario=scenario,
        task=run.task,
        model=run.model,
        agent_model=run.model,
        user_model=run.roles.get("user"),
        sample_id=str(sample.id),
        epoch=sample.epoch,
        base_id=meta.base_id or str(sample.id),
        groups=dict(meta.groups),
        values=None if error else values,
        details=details,
        explanation=explanation,
        error=error,
        record=dict(meta.record),
        transcript=EpisodeStore.read(sample.store, "transcript"),
        turn_issues=[i for i in EpisodeStore.read(sample.store, "turn_issues", []) or [] if isinstance(i, dict)],
        log=run.path,
        created=run.created,
        settings_key=signature(run.settings),
        settings=run.settings,
    )


def _role_model(config: Any) -> str:
    """The model a role is bound to (the first one when a role lists fallbacks)."""
    first = config[0] if isinstance(config, list) and config else config
    return str(getattr(first, "model", first))


def _run_info(log: EvalLog, path: str, metas: list[SampleMetadata]) -> RunInfo:
    spec = log.eval
    revision = None
    if spec.revision is not None:
        revision = spec.revision.commit + ("+dirty" if getattr(spec.revision, "dirty", False) else "")
    task = spec.task.split("/")[-1]
    return RunInfo(
        path=path,
        task=task,
        scenario=str((spec.metadata or {}).get("scenario") or task),
        model=spec.model,
        roles={role: _role_model(config) for role, config in (spec.model_roles or {}).items()},
        eval_id=spec.eval_id,
        created=str(spec.created),
        status=log.status,
        epochs=spec.config.epochs or 1,
        samples=len(log.samples or []),
        revision=revision,
        task_version=str(spec.task_version),
        stats=log.stats.model_dump(mode="json", exclude={"connection_limit_history"}),
        params=dict((spec.metadata or {}).get("params") or {}),
        settings=run_settings(spec.metadata, str(spec.task_version), metas),
        package_version=_package_version(spec.metadata),
        error=log.error.message if log.error else None,
    )


def _package_version(metadata: dict[str, Any] | None) -> str | None:
    stamp = RunStamp.of(metadata)
    version = stamp.settings.get("muses_version") if stamp else None
    return None if version is None else str(version)


def _better(new: Episode, old: Episode) -> bool:
    """A scored episode beats an errored one; otherwise the newer log wins."""
    if (new.error is None) != (old.error is None):
        return new.error is None
    return new.created > old.created


def _label_runs(runs: list[RunInfo], merge: bool) -> None:
    """Row labels: the agent model, plus the user model when one agent met several, plus the
    settings that differ between logs of one model and scenario (unless ``merge``)."""
    users: dict[str, set[str | None]] = {}
    for run in runs:
        users.setdefault(run.model, set()).add(run.roles.get("user"))
    models = [
        f"{run.model} (users: {run.roles.get('user')})" if len(users[run.model]) > 1 else run.model for run in runs
    ]
    labels = row_labels([(m, run.scenario, run.settings) for m, run in zip(models, runs, strict=True)], merge)
    for run, model, label in zip(runs, models, labels, strict=True):
        run.base_label, run.label = model, label


def load_logs(paths: Iterable[str | Path], merge: bool = False) -> LoadedLogs:
    """Read every log under ``paths`` and merge them into one set of episodes.

    Args:
        paths: Log files or folders (or URIs).
        merge: Pool logs of one model and scenario made under different settings into one row
            (default: one row per settings, labelled with what differs).
    """
    runs: list[RunInfo] = []
    kept: dict[tuple[str, str, str | None, str, int, str, str], Episode] = {}
    seen_logs: set[tuple[str, frozenset[tuple[str, int, bool]]]] = set()
    duplicates = 0
    for path in log_paths(paths):
        log = read_eval_log(path)
        # a copy of a log is read once; shards of one eval hold other samples, a retry other outcomes
        identity = (log.eval.eval_id, frozenset((str(s.id), s.epoch, s.error is None) for s in log.samples or []))
        if identity in seen_logs:
            continue
        seen_logs.add(identity)
        metas = [_metadata(sample, log) for sample in log.samples or []]
        run = _run_info(log, path, metas)
        runs.append(run)
        for sample, meta in zip(log.samples or [], metas, strict=True):
            episode = _episode(sample, meta, run)
            old = kept.get(episode.key)
            if old is not None:
                duplicates += 1
                if not _better(episode, old):
                    continue
            kept[episode.key] = episode
    _label_runs(runs, merge)
    by_path = {run.path: run for run in runs}
    for episode in kept.values():
        episode.model, episode.base_model = by_path[episode.log].label, by_path[episode.log].base_label
    episodes = sorted(kept.values(), key=lambda e: (e.model, e.scenario, e.sample_id, e.epoch, e.key[5]))
    return LoadedLogs(runs=runs, episodes=episodes, duplicates=duplicates, merged=merge)
