"""Split one run into disjoint slices of samples: `--shard i/N` (one slice) and `--shards N` (all, here).

Why: one Inspect process is CPU-bound on a single event loop (~2-3 ms per model call) and pays
~3.5 s of start-up, so a run uses every core only when it is spread over processes, and a large
run over several machines. A sample belongs to slice ``hash(id) mod N`` (a stable hash, not the
sample's position), so every machine computes the same slices from the same data, slices stay the
same when records are added or reordered, and the union of the slices is exactly the whole run.

``start_workers`` starts N-1 worker processes and the caller runs slice 0 itself, so the parent's
start-up is not wasted. On Linux workers are forked after the heavy imports (no threads exist
yet at that point), so they skip Inspect's ~3 s of start-up; elsewhere they are spawned. Every
slice writes its own logs to the shared log directory and sends their locations back.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import multiprocessing
import os
import sys
import threading
import traceback
from collections.abc import Sequence
from multiprocessing.connection import Connection
from multiprocessing.context import ForkContext, SpawnContext
from multiprocessing.process import BaseProcess
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from muses.inspect._run import RunConfig

T = TypeVar("T")


class Shard(BaseModel):
    """Slice ``index`` of ``count`` (0-based)."""

    model_config = ConfigDict(frozen=True)

    index: int = Field(ge=0)
    count: int = Field(ge=1)

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def parse_shard(text: str) -> Shard:
    """'i/N' with 0 <= i < N -> Shard; ValueError with the expected form otherwise."""
    parts = text.strip().split("/")
    try:
        index, count = int(parts[0]), int(parts[1])
    except (ValueError, IndexError):
        raise ValueError(f"--shard: expected i/N such as 0/4, got {text!r}") from None
    if len(parts) != 2 or count < 1 or not 0 <= index < count:
        raise ValueError(f"--shard: expected i/N with 0 <= i < N, got {text!r}")
    return Shard(index=index, count=count)


def shard_count(requested: int) -> int:
    """Number of processes for `--shards N`: N itself, or one per core for 0."""
    if requested < 0:
        raise ValueError(f"--shards: expected 0 (one per core) or a positive number, got {requested}")
    return requested or os.cpu_count() or 1


def shard_of(sample_id: str, count: int) -> int:
    """The slice a sample id belongs to: first 8 bytes of its SHA-256, mod ``count``."""
    digest = hashlib.sha256(sample_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count


def select(items: Sequence[T], shard: Shard | None, key: str = "id") -> list[T]:
    """The items (records with an ``id``) that fall in ``shard``; all of them for None."""
    if shard is None:
        return list(items)
    return [item for item in items if shard_of(str(getattr(item, key)), shard.count) == shard.index]


class EmptySlice(ValueError):
    """This slice holds none of the run's episodes (more slices than episodes)."""


class ShardFailure(RuntimeError):
    """A worker process failed; the message names its slice."""


_WARM_MODULES = (
    "inspect_ai._eval.task.run",
    "inspect_ai.log._recorders.eval",
    "inspect_ai.agent._acp.server",
    "inspect_ai.model._openai_responses",
)
"""Modules Inspect imports lazily during its first eval (~1 s); imported before forking."""


class Worker(NamedTuple):
    """A worker process and the receiving end of its result pipe."""

    shard: Shard
    process: BaseProcess
    result: Connection


def _context() -> ForkContext | SpawnContext:
    """fork on Linux: workers inherit the parent's imports (~2-3 s of start-up each); spawn elsewhere.

    Forking is safe only while this process has a single thread (another thread could hold a
    lock the child would then wait on forever); `muses run` has none at this point, but a host
    process (a test runner, a notebook) may, and then workers are spawned.
    """
    if sys.platform != "linux":
        return multiprocessing.get_context("spawn")
    for name in _WARM_MODULES:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    if threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def start_workers(config: RunConfig, count: int, force: bool = False) -> list[Worker]:
    """Start workers for slices 1..count-1; slice 0 is left to the caller."""
    context = _context()
    workers: list[Worker] = []
    for index in range(1, count):
        shard = Shard(index=index, count=count)
        receive, send = context.Pipe(duplex=False)
        payload = config.model_copy(update={"shard": shard}).model_dump_json()
        process = context.Process(target=_work, args=(payload, force, send), name=f"muses-shard-{shard}", daemon=False)
        process.start()
        send.close()
        workers.append(Worker(shard, process, receive))
    return workers


def wait_workers(workers: list[Worker]) -> tuple[list[str], list[str], list[str]]:
    """Wait for every worker: log locations, console notes, and one line per slice that did not finish.

    A worker that could not run at all (bad input, a crash) raises ShardFailure naming its slice.
    """
    locations: list[str] = []
    notes: list[str] = []
    unfinished: list[str] = []
    failures: list[str] = []
    for worker in workers:
        try:
            status, value = worker.result.recv()
        except EOFError:
            status, value = "error", f"exited with code {worker.process.exitcode} without a result"
        worker.process.join()
        worker.result.close()
        if status == "ok":
            locations.extend(value["locations"])
            notes.extend(f"shard {worker.shard}: {note}" for note in value["notes"])
            unfinished.extend(f"shard {worker.shard}: {line}" for line in value["failures"])
        else:
            failures.append(f"shard {worker.shard}: {value}")
    if failures:
        raise ShardFailure("\n".join(failures))
    return locations, notes, unfinished


def stop_workers(workers: list[Worker]) -> None:
    """Terminate workers that are still running (the caller's own slice failed)."""
    for worker in workers:
        if worker.process.is_alive():
            worker.process.terminate()
    for worker in workers:
        worker.process.join(timeout=10)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.result.close()


def _work(payload: str, force: bool, send: Connection) -> None:
    """Worker body: run one slice and send ("ok", {locations, ok}) or ("error", message)."""
    from muses.inspect._execute import RunError, execute
    from muses.inspect._run import RunConfig

    try:
        outcome = execute(RunConfig.model_validate_json(payload), force=force)
        send.send(("ok", {"locations": outcome.locations, "notes": outcome.notes, "failures": outcome.failures()}))
    except RunError as error:
        send.send(("error", str(error)))
    except BaseException as error:  # report anything else to the parent instead of dying silently
        send.send(("error", "".join(traceback.format_exception_only(type(error), error)).strip()))
    finally:
        send.close()
