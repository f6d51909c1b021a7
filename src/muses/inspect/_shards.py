"""Split one run into disjoint slices of samples: `--shard i/N` (one slice) and `--shards N` (all, here).

Why: one Inspect process is CPU-bound on a single event loop (~2-3 ms per model call) and pays
~3.5 s of start-up, so a run uses every core only when it is spread over processes, and a large
run over several machines. A sample belongs to slice ``hash(id) mod N`` (a stable hash, not the
sample's position), so every machine computes the same slices from the same data, slices stay the
same when records are added or reordered, and the union of the slices is exactly the whole run.

``run_sharded`` starts N-1 worker processes (``python -m muses.inspect._shards``, the config as
JSON on stdin) and runs slice 0 itself, so the parent's start-up is not wasted; every slice writes
its own logs to the shared log directory and the worker prints where they are.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING, NamedTuple, TypeVar

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from muses.inspect._run import RunConfig

LOGS_LINE = "MUSES_SHARD_LOGS "
"""Prefix of the worker's last stdout line: the JSON list of log locations it wrote."""

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


class ShardFailure(RuntimeError):
    """A worker process exited with an error; carries its stderr tail."""


def _worker_command() -> list[str]:
    return [sys.executable, "-m", "muses.inspect._shards"]


class Worker(NamedTuple):
    """A worker process; its output goes to temporary files (pipes could fill and block it)."""

    shard: Shard
    proc: subprocess.Popen[bytes]
    stdout: IO[bytes]
    stderr: IO[bytes]


def start_workers(config: RunConfig, count: int, force: bool = False) -> list[Worker]:
    """Start workers for slices 1..count-1; slice 0 is left to the caller."""
    workers: list[Worker] = []
    for index in range(1, count):
        shard = Shard(index=index, count=count)
        payload = json.dumps({"config": config.model_copy(update={"shard": shard}).model_dump(mode="json"), "force": force})
        stdout, stderr = tempfile.TemporaryFile(), tempfile.TemporaryFile()  # noqa: SIM115 (closed in wait_workers)
        proc = subprocess.Popen(_worker_command(), stdin=subprocess.PIPE, stdout=stdout, stderr=stderr)
        assert proc.stdin is not None
        proc.stdin.write(payload.encode("utf-8"))
        proc.stdin.close()
        workers.append(Worker(shard, proc, stdout, stderr))
    return workers


def _read(handle: IO[bytes]) -> str:
    handle.seek(0)
    text = handle.read().decode("utf-8", errors="replace")
    handle.close()
    return text


def wait_workers(workers: list[Worker]) -> list[str]:
    """Wait for every worker; the log locations they wrote, or ShardFailure naming the slice."""
    locations: list[str] = []
    failures: list[str] = []
    for worker in workers:
        worker.proc.wait()
        stdout, stderr = _read(worker.stdout), _read(worker.stderr)
        lines = [line for line in stdout.splitlines() if line.startswith(LOGS_LINE)]
        if lines:
            locations.extend(json.loads(lines[-1].removeprefix(LOGS_LINE)))
        if worker.proc.returncode != 0:
            tail = "\n".join(stderr.strip().splitlines()[-5:])
            failures.append(f"shard {worker.shard} exited with {worker.proc.returncode}: {tail}")
    if failures:
        raise ShardFailure("\n".join(failures))
    return locations


def stop_workers(workers: list[Worker]) -> None:
    """Terminate workers that are still running (the caller's own slice failed)."""
    for worker in workers:
        if worker.proc.poll() is None:
            worker.proc.terminate()
    for worker in workers:
        try:
            worker.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            worker.proc.kill()
            worker.proc.wait()
        worker.stdout.close()
        worker.stderr.close()


def worker_main() -> None:
    """Run the slice described by the JSON on stdin ({"config", "force"}); print its log locations."""
    from muses.inspect._execute import RunError, execute
    from muses.inspect._run import RunConfig

    payload = json.loads(sys.stdin.read())
    config = RunConfig.model_validate(payload["config"])
    try:
        outcome = execute(config, force=bool(payload.get("force")))
    except RunError as error:
        print(f"error: {error}", file=sys.stderr, flush=True)
        sys.exit(2)
    print(LOGS_LINE + json.dumps(outcome.locations), flush=True)
    sys.exit(0 if outcome.ok else 1)


if __name__ == "__main__":
    worker_main()
