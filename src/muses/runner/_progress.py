"""The progress line of `muses run`: episodes done / total per scenario, errors, elapsed time, ETA.

Why: an evaluation of a real model runs for minutes to hours, and a run that prints nothing until
it ends cannot be told from a hung one. On a terminal the line is rewritten in place; elsewhere
(`--display progress` into a file) a full line is printed every ``LOG_EVERY_S`` seconds. The
counts come from the solver (``muses.episode._counts``), the totals from the runner.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Mapping
from typing import TextIO

from muses.episode._counts import COUNTS

TERMINAL_EVERY_S = 0.5
LOG_EVERY_S = 15.0


def default_display() -> str:
    """'progress' on an interactive terminal, 'none' under CI or when output is redirected."""
    if os.environ.get("CI") or not sys.stderr.isatty():
        return "none"
    return "progress"


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def progress_text(totals: Mapping[str, int], done: Mapping[str, int], errored: Mapping[str, int], elapsed: float) -> str:
    """One line, e.g. 'access_control 12/21  meeting 3/24 | 15/45 episodes, 1 error | 0:12, ETA 0:24'."""
    parts = [f"{name} {min(done.get(name, 0), total)}/{total}" for name, total in totals.items()]
    finished, total = sum(min(done.get(n, 0), t) for n, t in totals.items()), sum(totals.values())
    errors = sum(errored.get(name, 0) for name in totals)
    eta = f", ETA {_clock(elapsed / finished * (total - finished))}" if 0 < finished < total else ""
    noun = "error" if errors == 1 else "errors"
    return f"{'  '.join(parts)} | {finished}/{total} episodes, {errors} {noun} | {_clock(elapsed)}{eta}"


class ProgressLine:
    """Prints the progress of one evaluation from a background thread; use as a context manager."""

    def __init__(self, totals: Mapping[str, int], stream: TextIO | None = None, label: str = "") -> None:
        self.totals = dict(totals)
        self.stream = stream or sys.stderr
        self.label = label
        self.live = self.stream.isatty()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="muses-progress", daemon=True)
        self._started = 0.0

    def __enter__(self) -> ProgressLine:
        COUNTS.reset()
        self._started = time.monotonic()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._print(final=True)

    def _run(self) -> None:
        every = TERMINAL_EVERY_S if self.live else LOG_EVERY_S
        while not self._stop.wait(every):
            self._print(final=False)

    def _print(self, final: bool) -> None:
        done, errored, _ = COUNTS.snapshot()
        text = self.label + progress_text(self.totals, done, errored, time.monotonic() - self._started)
        if self.live:
            self.stream.write("\r\033[K" + text + ("\n" if final else ""))
        else:
            self.stream.write(text + "\n")
        self.stream.flush()
