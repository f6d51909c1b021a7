"""``RunConfig``: the single object the CLI fills from its flags (STYLE item 17).

Anything the CLI can run is a few lines of Python: ``execute(RunConfig(model="openai/gpt-4o-mini"))``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from muses.inspect import DEFAULT_USER_MODEL
from muses.runner._slices import Shard


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
    display: str = "none"
    fail_on_error: bool | float = Field(default=False, description="Errors are logged and counted, not fatal.")
    shard: Shard | None = Field(default=None, description="Run only this slice of the samples (--shard i/N).")
    log_buffer: int | None = Field(
        default=None, description="Finished samples per log flush (None: every sample up to 1000 per process)."
    )
    log_model_api: bool = Field(default=False, description="Log raw provider requests/responses (costs time).")
    max_retries: int | None = Field(default=None, description="Retries per model call (Inspect's default if None).")
    timeout: int | None = Field(default=None, description="Seconds per model request attempt.")
    eval_options: dict[str, Any] = Field(
        default_factory=dict, description="Extra inspect_ai.eval() keyword arguments (-E key=value), e.g. temperature."
    )
