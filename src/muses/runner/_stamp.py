"""The run stamp: what identifies a `muses run` and every setting its episodes depend on.

Resume reuses finished episodes only from logs whose stamp matches, so the stamp must change
whenever an episode could come out differently: the records, the task parameters, the models and
their arguments, the server behind each model name, generation settings, the prompts, the
scenario's content version and the package version. Settings that only change *how fast* a run
goes (connections, retries, timeouts, log buffering) are left out, so a run can be resumed with
more connections.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from typing import Any

from inspect_ai import Task
from inspect_ai.model import GenerateConfig

import muses
from muses.logschema import RUN_KEY, RunIdentity, RunStamp, SampleMetadata
from muses.runner._config import RunConfig
from muses.runner._endpoint import endpoint
from muses.scenarios import get_scenario

OPERATIONAL = frozenset({"max_connections", "max_retries", "timeout", "attempt_timeout", "max_subprocesses", "max_sandboxes"})
"""Generation options that change how a run goes, not what its episodes say."""


NOT_STAMPED_MODEL_ARGS = frozenset({"base_url", "api_key"})
"""Model arguments kept out of the stamp: the endpoint is stamped on its own, keys never are."""


def stamped_model_args(model_args: dict[str, Any]) -> dict[str, Any]:
    """The -M arguments that decide what a model says (no base URL, no credentials), JSON-safe."""
    kept = {k: v for k, v in model_args.items() if k not in NOT_STAMPED_MODEL_ARGS and "key" not in k.lower() and "token" not in k.lower()}
    return json.loads(json.dumps(kept, sort_keys=True, default=str))


def _digest(payload: Any) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode("utf-8")).hexdigest()[:16]


def records_digest(task: Task) -> str:
    """Count and SHA-256 of the task's samples (ids and records), in dataset order."""
    digest = hashlib.sha256()
    count = 0
    for sample in task.dataset:
        record = (sample.metadata or {}).get("record")
        digest.update(json.dumps([sample.id, record], sort_keys=True, default=str).encode("utf-8"))
        count += 1
    return f"{count} records, sha256 {digest.hexdigest()[:16]}"


def prompts_digest(task: Task) -> str:
    """Digest of the prompts of the task's first sample: the agent's system prompt and each user's.

    Prompts are built by code from templates and records, so a change of wording anywhere shows up
    here even when the scenario's version was not bumped.
    """
    first = next(iter(task.dataset), None)
    if first is None:
        return "no samples"
    meta = SampleMetadata.of(first.metadata)
    spec = get_scenario(meta.scenario)
    env = spec.environment(spec.record_model.model_validate(meta.record), spec.default_rounds)
    prompts = [env.system_prompt(meta.template)]  # type: ignore[arg-type]
    prompts += [env.user_system_prompt(user) for user in env.transcript.user_ids]
    return _digest(prompts)


def generation_settings(settings: dict[str, Any]) -> dict[str, Any]:
    """Generation settings (temperature, max_tokens, ...) without the operational ones, sorted."""
    fields = set(GenerateConfig.model_fields) - OPERATIONAL
    return {key: value for key, value in sorted(settings.items()) if key in fields}


def default_limits(scenario: str | None) -> dict[str, int]:
    """The scenario's default generation limits (they decide where replies are cut)."""
    if not scenario:
        return {}
    return dict(sorted(asdict(get_scenario(scenario).generation).items()))


def endpoints(config: RunConfig) -> dict[str, Any]:
    """Base URL and server fingerprint per role whose model is served over HTTP."""
    roles = {"agent": (config.model, config.model_args), "user": (config.user_model, {})}
    if config.judge_model:
        roles["judge"] = (config.judge_model, {})
    found = {role: endpoint(model, args) for role, (model, args) in roles.items()}
    return {role: value for role, value in found.items() if value is not None}


def make_stamp(task: Task, config: RunConfig, served: dict[str, Any] | None = None) -> RunStamp:
    """The stamp of one task of a run (``served``: precomputed ``endpoints(config)``)."""
    shard = config.shard
    metadata = task.metadata or {}
    settings = {
        "records": records_digest(task),
        "prompts": prompts_digest(task),
        "task_params": {k: v for k, v in metadata.get("params", {}).items() if k != "data"},
        "task_version": str(task.version),
        "muses_version": muses.__version__,
        "shards": shard.count if shard else 1,
        "judge_model": config.judge_model,
        "epochs": config.epochs,
        "model_args": stamped_model_args(config.model_args),
        "generation": generation_settings(config.agent_generation()),
        "user_generation": generation_settings(config.user_generation()),
        "default_limits": default_limits(metadata.get("scenario")),
        "endpoints": endpoints(config) if served is None else served,
    }
    identity = RunIdentity(task=str(task.name), model=config.model, user_model=config.user_model)
    return RunStamp(identity=identity, shard=shard.index if shard else 0, settings=settings)


def stamp_task(task: Task, config: RunConfig, served: dict[str, Any] | None = None) -> RunStamp:
    """Attach the run stamp to the task's metadata (it is logged in ``eval.metadata``)."""
    stamp = make_stamp(task, config, served)
    task.metadata = {**(task.metadata or {}), RUN_KEY: stamp.model_dump(mode="json")}
    return stamp


def settings_diff(old: dict[str, Any], new: dict[str, Any], prefix: str = "") -> list[str]:
    """Lines 'key: old -> new' for every setting that differs (nested settings by dotted key).

    For an endpoint, the server's fingerprint decides when both sides have one (the same model
    served from another port or host is the same model); a fingerprint that could not be read
    on one side (None) is not a difference, and then the base URLs are compared instead.
    """
    lines: list[str] = []
    both_known = old.get("server") is not None and new.get("server") is not None
    for key in sorted(set(old) | set(new)):
        before, after = old.get(key), new.get(key)
        name = f"{prefix}{key}"
        if isinstance(before, dict) and isinstance(after, dict) and key != "server":
            lines.extend(settings_diff(before, after, f"{name}."))
        elif (key == "server" and (before is None or after is None)) or (key == "base_url" and both_known):
            continue
        elif before != after:
            lines.append(f"  {name}: {before!r} -> {after!r}")
    return lines
