"""Episodes started, finished and errored in this process, per scenario: what a progress line reads.

Why a counter of our own: Inspect's displays are either a full-screen panel or silence, and its
hooks announce themselves on every run; the solver knows exactly when an episode ends and how,
so it counts, and ``muses run``'s progress line (``muses.runner._progress``) reads the counts.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field


@dataclass
class EpisodeCounts:
    """Thread-safe counters keyed by scenario name."""

    done: Counter[str] = field(default_factory=Counter)
    errored: Counter[str] = field(default_factory=Counter)
    first_error: str = ""
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def finish(self, scenario: str, error: BaseException | None = None) -> None:
        """Count one finished episode (``error``: why it failed, if it did)."""
        with self._lock:
            self.done[scenario] += 1
            if error is not None:
                self.errored[scenario] += 1
                self.first_error = self.first_error or f"{type(error).__name__}: {error}"

    def snapshot(self) -> tuple[dict[str, int], dict[str, int], str]:
        """(done, errored, first error) per scenario, copied."""
        with self._lock:
            return dict(self.done), dict(self.errored), self.first_error

    def reset(self) -> None:
        with self._lock:
            self.done.clear()
            self.errored.clear()
            self.first_error = ""


COUNTS = EpisodeCounts()
"""This process's counts (reset by the runner before each evaluation)."""
