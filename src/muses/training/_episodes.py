"""Datagen (a): benchmark episodes from the train split, played by a teacher, kept if they score.

The episodes run as ordinary benchmark tasks through ``inspect_ai.eval`` (concurrency, retries,
logs and the viewer are Inspect's), with the teacher as the model under test and scripted or
LLM users in the ``user`` role. A kept episode is converted from its logged transcript and
checked against the agent's logged chat, so the training data is what the teacher answered.
"""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path
from typing import Any

from inspect_ai import eval
from inspect_ai.log import EvalLog, EvalSample
from pydantic import BaseModel, Field

from muses.inspect import build_task
from muses.logschema import EpisodeStore, SampleMetadata, scorer_name
from muses.protocol import Template, Transcript
from muses.scenarios import ScenarioRecord, ScenarioSpec, get_scenario, supports
from muses.scenarios._seeding import content_id
from muses.training._conversation import (
    Conversation,
    Provenance,
    benchmark_chat,
    exchanges_from_transcript,
    make_conversation,
    system_prompts,
)
from muses.training._splits import train_records
from muses.training._store import ConversationStore, Rejection


class DatagenSummary(BaseModel):
    """What a datagen run did (printed by the CLI, asserted by tests)."""

    planned: int = 0
    skipped: int = Field(default=0, description="Already kept or rejected by an earlier run (resume).")
    kept: int = 0
    duplicates: int = 0
    errors: int = Field(default=0, description="Samples that failed (provider errors); retried on resume.")
    rejected: dict[str, int] = Field(default_factory=dict, description="Rejection reason -> count.")
    logs: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list, description="Scenarios skipped, and why.")

    def line(self) -> str:
        """One-line human summary."""
        rejected = sum(self.rejected.values())
        reasons = ", ".join(f"{k}: {v}" for k, v in sorted(self.rejected.items()))
        notes = "".join(f"note: {note}\n" for note in self.notes)
        return notes + (
            f"planned {self.planned}, skipped {self.skipped} (done earlier), kept {self.kept}, "
            f"duplicates {self.duplicates}, rejected {rejected}{' (' + reasons + ')' if reasons else ''}, "
            f"errors {self.errors}"
        )


class EpisodeDatagenConfig(BaseModel):
    """Everything `muses datagen episodes` needs."""

    scenarios: list[str] = Field(min_length=1)
    out: Path
    teacher: str = Field(default="muses/reference", description="Inspect model string playing the agent.")
    user_model: str = Field(default="muses/scripted", description="Inspect model string for the `user` role.")
    seeds: list[int] = Field(default_factory=lambda: [0], description="Generator seeds of the train split.")
    params: dict[str, Any] = Field(default_factory=dict, description="Generator parameters (users, per_size, ...).")
    template: Template = "xml"
    rounds: int | None = None
    limit: int | None = Field(default=None, description="At most this many episodes per scenario.")
    min_scores: dict[str, float] = Field(
        default_factory=dict,
        description="Metric -> minimum ('metric' or 'scenario:metric'); default: headline metric >= 1.",
    )
    log_dir: Path = Path("logs/datagen")
    batch_size: int = Field(default=100, ge=1, description="Episodes per eval call (output is appended after each).")
    max_connections: int | None = None


def thresholds(spec: ScenarioSpec[Any], min_scores: dict[str, float]) -> dict[str, float]:
    """The minimums that apply to one scenario (default: its headline metric must reach 1)."""
    chosen: dict[str, float] = {}
    for key, value in min_scores.items():
        scenario, _, metric = key.rpartition(":")
        if scenario in ("", spec.name):
            if metric not in spec.metrics:
                if scenario:
                    raise ValueError(f"min score {key!r}: {spec.name} has no metric {metric!r}; it has {list(spec.metrics)}")
                continue
            chosen[metric] = value
    return chosen or {spec.metrics[0]: 1.0}


def check_min_scores(scenarios: list[str], min_scores: dict[str, float]) -> None:
    """Every threshold must name a selected scenario and a metric it has (typos are errors)."""
    specs = {name: get_scenario(name) for name in scenarios}
    for key in min_scores:
        scenario, _, metric = key.rpartition(":")
        if scenario and scenario not in specs:
            raise ValueError(f"min score {key!r}: scenario {scenario!r} is not being generated ({', '.join(specs)})")
        candidates = [specs[scenario]] if scenario else list(specs.values())
        if not any(metric in spec.metrics for spec in candidates):
            known = sorted({m for spec in candidates for m in spec.metrics})
            raise ValueError(f"min score {key!r}: no selected scenario has metric {metric!r}; metrics: {known}")


def episode_id(record: ScenarioRecord, config: EpisodeDatagenConfig) -> str:
    """Deterministic id of the conversation a record will yield under this config (resume key)."""
    payload = {
        "record": record.id,
        "teacher": config.teacher,
        "users": config.user_model,
        "template": config.template,
        "rounds": config.rounds,
    }
    return content_id("ep", payload)


def convert_sample(
    sample: EvalSample, spec: ScenarioSpec[Any], config: EpisodeDatagenConfig, log_file: str | None
) -> Conversation | str:
    """A kept conversation, or the reason the episode is rejected."""
    values = _score_values(sample, spec)
    minimums = thresholds(spec, config.min_scores)
    below = [m for m, low in minimums.items() if values.get(m, float("-inf")) < low]
    if below:
        return f"{below[0]} below {minimums[below[0]]:g}"
    record = spec.record_model.model_validate(SampleMetadata.of(sample.metadata).record)
    transcript = Transcript.from_jsonable(EpisodeStore.read(sample.store, "transcript"))
    turns = transcript.agent_turns()
    if any(not t.format_ok for t in turns):
        return "agent output format failure"
    exchanges = exchanges_from_transcript(transcript)
    if not exchanges:
        return "no agent turn"
    if len(exchanges) < len(turns):
        return "empty agent turn"
    env = spec.environment(record, config.rounds or spec.default_rounds)
    system = system_prompts(env.system_prompt)
    _check_against_log(sample, system[config.template], exchanges, config.template)
    provenance = Provenance(
        kind="episode",
        teacher=config.teacher,
        user_model=config.user_model,
        scenario=spec.name,
        split=record.split,
        seed_id=record.id,
        template=config.template,
        log_file=log_file,
        scores=_finite(values),
    )
    users = [u.id for u in record.users]
    return make_conversation(episode_id(record, config), users, system, exchanges, provenance)


def _finite(values: dict[str, float]) -> dict[str, float]:
    """Scores that JSON can hold: a not-applicable metric is NaN (conflict resolution in an aligned
    execution episode), which pydantic writes as null and then refuses to read back as a float."""
    return {k: v for k, v in values.items() if math.isfinite(v)}


def _score_values(sample: EvalSample, spec: ScenarioSpec[Any]) -> dict[str, float]:
    score = (sample.scores or {}).get(scorer_name(spec.name))
    value = score.value if score is not None else {}
    if not isinstance(value, dict):
        return {}
    return {k: float(v) for k, v in value.items() if isinstance(v, int | float)}


def _check_against_log(sample: EvalSample, system: str, exchanges: list[Any], template: Template) -> None:
    """The conversion must reproduce the chat the teacher was given; anything else is a bug here."""
    expected = [(role, text) for role, text, _ in benchmark_chat(system, exchanges, template)]
    logged = [(m.role, m.text) for m in sample.messages][: len(expected)]
    if logged != expected:
        first = next((i for i, (a, b) in enumerate(zip(expected, logged, strict=False)) if a != b), len(logged))
        raise RuntimeError(
            f"sample {sample.id}: converted conversation differs from the logged agent chat at message {first}"
        )


def _run_batch(
    records: list[ScenarioRecord], spec: ScenarioSpec[Any], config: EpisodeDatagenConfig
) -> EvalLog:
    options: dict[str, Any] = {"max_connections": config.max_connections} if config.max_connections else {}
    task = build_task(spec.name, records, spec.params(template=config.template, rounds=config.rounds))
    logs = eval(
        task,
        model=config.teacher,
        model_roles={"user": config.user_model},
        log_dir=str(config.log_dir),
        display="none",
        fail_on_error=False,
        score_display=False,
        **options,
    )
    return logs[0]


def generate_episodes(config: EpisodeDatagenConfig) -> DatagenSummary:
    """Play train-split episodes with the teacher; append the ones that score well to ``config.out``."""
    store = ConversationStore(config.out)
    summary = DatagenSummary()
    rejected: Counter[str] = Counter()
    check_min_scores(config.scenarios, config.min_scores)
    for scenario in config.scenarios:
        spec = get_scenario(scenario)
        builtin = config.teacher.removeprefix("muses/") if config.teacher.startswith("muses/") else None
        if builtin is not None and not supports(builtin, scenario):
            summary.notes.append(f"skipping {scenario}: {config.teacher} does not play its agent")
            continue
        records = train_records(scenario, config.seeds, config.params)[: config.limit]
        summary.planned += len(records)
        todo = [r for r in records if not store.done(episode_id(r, config))]
        summary.skipped += len(records) - len(todo)
        for start in range(0, len(todo), config.batch_size):
            log = _run_batch(todo[start : start + config.batch_size], spec, config)
            summary.logs.append(log.location)
            kept: list[Conversation] = []
            rejections: list[Rejection] = []
            for sample in log.samples or []:
                if sample.error is not None:
                    summary.errors += 1
                    continue
                result = convert_sample(sample, spec, config, log.location)
                if isinstance(result, str):
                    rejected[result] += 1
                    record = spec.record_model.model_validate(SampleMetadata.of(sample.metadata).record)
                    rejections.append(Rejection(id=episode_id(record, config), reason=result))
                else:
                    kept.append(result)
            written, duplicates = store.append(kept)
            store.reject(rejections)
            summary.kept += written
            summary.duplicates += duplicates
    summary.rejected = dict(rejected)
    return summary

