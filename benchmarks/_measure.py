"""Wall time, CPU time and peak memory of one command, measured from outside (shared by benchmarks).

Why wait4: it returns the resource usage of exactly that child and of the descendants it reaped,
so a stage that forks workers (Inspect, the tokenizer, pip) is charged in full while the
benchmark's own process and earlier stages are not. Peak memory is the largest resident set of
any one process of the stage (Linux ``ru_maxrss``, KiB), which is what decides whether a stage
fits on a machine; CPU is user + system seconds of the whole process tree.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from pydantic import BaseModel, Field


class StageStats(BaseModel):
    """What one command cost."""

    stage: str = Field(description="Short name of the stage (datagen, train, eval-base, ...).")
    command: str = Field(description="The command line, as run.")
    wall_s: float = Field(description="Wall-clock seconds.")
    cpu_s: float = Field(description="User + system CPU seconds of the command's whole process tree.")
    peak_rss_mb: float = Field(description="Largest resident set of any one process of the tree, MiB.")
    load_avg: float = Field(description="1-minute load average when the stage ended (the box is shared).")


class StageFailed(RuntimeError):
    """A stage exited non-zero; the message carries the tail of its log."""


def run_stage(
    stage: str, command: Sequence[str], env: Mapping[str, str], log: Path, cwd: Path | None = None
) -> StageStats:
    """Run ``command`` to completion with output to ``log``; raise StageFailed on a non-zero exit."""
    log.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    with open(log, "w", encoding="utf-8") as sink:
        process = subprocess.Popen(list(command), env=dict(env), stdout=sink, stderr=subprocess.STDOUT, cwd=cwd)
        _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if process.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise StageFailed(f"stage {stage} exited {process.returncode}: {' '.join(command)}\n{tail}")
    return StageStats(
        stage=stage,
        command=" ".join(command),
        wall_s=round(wall, 1),
        cpu_s=round(usage.ru_utime + usage.ru_stime, 1),
        peak_rss_mb=round(usage.ru_maxrss / 1024, 0),
        load_avg=round(os.getloadavg()[0], 1),
    )


def replace_section(path: Path, section: str, mark: str) -> None:
    """Put ``section`` between the ``<!-- mark:start/end -->`` comments in ``path`` (appended if
    absent), so a rerun updates its own section of BENCHMARKS.md and leaves the others alone."""
    text = path.read_text(encoding="utf-8")
    start, end = f"<!-- {mark}:start -->", f"<!-- {mark}:end -->"
    if start in text and end in text:
        text = text[: text.index(start)] + section + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")
