"""``RunConfig``: the single object the CLI fills from its flags (STYLE item 17).

Anything the CLI can run is a few lines of Python: ``execute(RunConfig(model="openai/gpt-4o-mini"))``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from inspect_ai.model import GenerateConfig
from pydantic import BaseModel, Field, field_validator

from muses.inspect import DEFAULT_USER_MODEL
from muses.runner._slices import Shard

DEFAULT_MAX_RETRIES = 3
"""Retries per model call: enough for a blip, few enough that a dead server shows within a minute."""

DEFAULT_TIMEOUT = 600
"""Seconds a model call may take (each attempt, and the retries together): a slow local server
answering a queue of requests one at a time needs minutes; a hung one must not stall a run forever."""

GENERATION_FIELDS = frozenset(GenerateConfig.model_fields)


class RunConfig(BaseModel):
    """Everything one benchmark run needs."""

    scenarios: list[str] = Field(default_factory=list, description="Scenario names; empty = every scenario.")
    model: str = Field(default="muses/reference", description="The agent under test (Inspect model string).")
    user_model: str = Field(default=DEFAULT_USER_MODEL, description="Model for the `user` role.")
    judge_model: str | None = Field(default=None, description="Model for the optional `judge` role.")
    model_args: dict[str, Any] = Field(default_factory=dict, description="-M key=value arguments of the agent's model.")
    split: str = Field(default="quick", description="Generated split: quick, dev, test or train.")
    seed: int = 0
    data: Path | None = Field(default=None, description="JSONL of records to run instead of generating.")
    limit: int | None = None
    epochs: int = 1
    max_connections: int | None = None
    log_dir: str | Path = Field(default="logs", description="Inspect log directory: a path or a URI (s3://...).")
    task_args: dict[str, Any] = Field(
        default_factory=dict, description="-T key=value task parameters (each applied to the scenarios that take it)."
    )
    log_realtime: bool = Field(default=False, description="Inspect's live sample buffer (costs ~20% speed).")
    display: str = Field(
        default="none",
        description="'progress' (one live line: done/total, errors, elapsed, ETA), 'none', or an Inspect display "
        "(rich, plain, full, log, conversation).",
    )
    fail_on_error: bool | float = Field(default=False, description="Errors are logged and counted, not fatal.")
    shard: Shard | None = Field(default=None, description="Run only this slice of the samples (--shard i/N).")
    log_buffer: int | None = Field(
        default=None, description="Finished samples per log flush (None: every sample up to 1000 per process)."
    )
    log_model_api: bool = Field(default=False, description="Log raw provider requests/responses (costs time).")
    max_retries: int | None = Field(default=DEFAULT_MAX_RETRIES, ge=0, description="Retries per model call before the episode errors.")
    timeout: int | None = Field(
        default=DEFAULT_TIMEOUT, ge=1, description="Seconds a model call may take: each attempt, and its retries together."
    )
    max_tokens: int | None = Field(
        default=None, ge=1, description="Agent reply limit in tokens (default: the scenario's, e.g. 1024)."
    )
    user_max_tokens: int | None = Field(
        default=None, ge=1, description="Simulated-user reply limit in tokens (default: the scenario's, e.g. 384)."
    )
    user_generate: dict[str, Any] = Field(
        default_factory=dict, description="-U key=value generation settings of the `user` role (temperature, top_p, ...)."
    )
    eval_options: dict[str, Any] = Field(
        default_factory=dict, description="Extra inspect_ai.eval() keyword arguments (-E key=value), e.g. temperature."
    )

    @field_validator("user_generate")
    @classmethod
    def _known_settings(cls, value: dict[str, Any]) -> dict[str, Any]:
        unknown = sorted(set(value) - GENERATION_FIELDS)
        if unknown:
            raise ValueError(
                f"unknown generation setting {', '.join(repr(k) for k in unknown)} for the user role (-U); "
                f"valid: {', '.join(sorted(GENERATION_FIELDS))}"
            )
        return value

    def user_generation(self) -> dict[str, Any]:
        """The `user` role's generation settings: -U values plus --user-max-tokens."""
        settings = dict(self.user_generate)
        if self.user_max_tokens is not None:
            settings["max_tokens"] = self.user_max_tokens
        return settings

    def agent_generation(self) -> dict[str, Any]:
        """The agent's generation settings among the -E options, plus --max-tokens."""
        settings = {k: v for k, v in self.eval_options.items() if k in GENERATION_FIELDS}
        if self.max_tokens is not None:
            settings["max_tokens"] = self.max_tokens
        return settings
