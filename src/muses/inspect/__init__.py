"""Inspect adapters: the one task builder, the episode solver and the scorers.

Nothing here decides *what* runs (that is ``muses.runner``); these turn records and typed
parameters into Inspect tasks and play and score episodes inside Inspect.
"""

from muses.inspect._scorer import judge_scorer, scenario_scorer
from muses.inspect._solver import DEFAULT_USER_MODEL, ModelCallError, multi_user_episode
from muses.inspect._tasks import (
    build_task,
    sample_for,
    sample_metadata,
    scenario_task,
    task_params,
    task_records,
)

__all__ = [
    "DEFAULT_USER_MODEL",
    "ModelCallError",
    "build_task",
    "judge_scorer",
    "multi_user_episode",
    "sample_for",
    "sample_metadata",
    "scenario_scorer",
    "scenario_task",
    "task_params",
    "task_records",
]
