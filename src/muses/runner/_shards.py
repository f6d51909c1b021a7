"""Worker processes for `--shards N`: slice 0 runs in the caller, slices 1..N-1 in workers.

Why: one Inspect process is CPU-bound on a single event loop (~2-3 ms per model call) and pays
~3.5 s of start-up, so a run uses every core only when it is spread over processes.
``start_workers`` starts N-1 worker processes and the caller runs slice 0 itself, so the parent's
start-up is not wasted. On Linux workers are forked after the heavy imports (no threads exist
yet at that point), so they skip Inspect's ~3 s of start-up; elsewhere they are spawned. Every
slice writes its own logs to the shared log directory and sends their locations back.

The worker body is passed in by the caller (``muses.runner._execute``), so this module knows
nothing about how a slice is run and no import circle forms.
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing
import sys
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.context import ForkContext, SpawnContext
from multiprocessing.process import BaseProcess
from typing import NamedTuple

from muses.runner._config import RunConfig
from muses.runner._slices import Shard

WorkerBody = Callable[[str, bool, Connection], None]
"""A worker's body: (RunConfig as JSON, force, result pipe) -> None; sends ("ok", result) or ("error", text)."""


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


def start_workers(config: RunConfig, count: int, body: WorkerBody, force: bool = False) -> list[Worker]:
    """Start workers for slices 1..count-1 running ``body``; slice 0 is left to the caller."""
    context = _context()
    workers: list[Worker] = []
    for index in range(1, count):
        shard = Shard(index=index, count=count)
        receive, send = context.Pipe(duplex=False)
        payload = config.model_copy(update={"shard": shard}).model_dump_json()
        process = context.Process(target=body, args=(payload, force, send), name=f"muses-shard-{shard}", daemon=False)
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
