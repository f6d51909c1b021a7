"""The runner: what `muses run` and `muses check` do, as a Python API.

``RunConfig`` (one object for every flag) -> ``plan`` (scenarios, skips) -> ``make_task`` (typed
parameters, records, one slice) -> resume against the log directory (``RunStamp``) -> Inspect's
``eval`` -> ``RunOutcome`` (logs, notes, the console table). ``execute_sharded`` spreads slices over
processes; ``check`` proves every metric is bracketed.
"""

from muses.runner._check import CheckResult, check, paper_data_dir
from muses.runner._config import RunConfig
from muses.runner._eval import run_tasks
from muses.runner._execute import RunError, RunOutcome, execute, execute_sharded
from muses.runner._plan import PlannedTask, builtin_agents, builtin_name, make_task, plan
from muses.runner._resume import ResumeMismatch
from muses.runner._shards import ShardFailure
from muses.runner._slices import EmptySlice, Shard, parse_shard, shard_count, shard_of

__all__ = [
    "CheckResult",
    "EmptySlice",
    "PlannedTask",
    "ResumeMismatch",
    "RunConfig",
    "RunError",
    "RunOutcome",
    "Shard",
    "ShardFailure",
    "builtin_agents",
    "builtin_name",
    "check",
    "execute",
    "execute_sharded",
    "make_task",
    "paper_data_dir",
    "parse_shard",
    "plan",
    "run_tasks",
    "shard_count",
    "shard_of",
]
