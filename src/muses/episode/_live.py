"""Episodes in progress, by handle, so in-process participants can compute their observation.

Chat-message metadata carries only a small handle (episode key, role, user, round), not the
observation itself: Inspect logs every model input, and an observation that holds the whole view
would make logs grow with the square of the episode length. The ``muses/`` provider resolves the
handle here and asks the environment for exactly the observation that participant may see.

The registry is an object with a lifetime per entry: ``LIVE.open(key, env)`` is a context manager,
so an episode's entry goes when the episode ends, however it ends (a long run does not accumulate
environments). The environment holds the record, ground truth included: only the oracle is handed
it (by the provider), and it never rides in chat messages or their metadata.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from muses.scenarios import Environment

HANDLE_KEY = "muses"
"""Metadata key on the last chat message that holds the participant handle."""


class LiveEpisodes:
    """Environments of the episodes running in this process, by key."""

    def __init__(self) -> None:
        self._running: dict[str, Environment[Any]] = {}

    @contextmanager
    def open(self, key: str, env: Environment[Any]) -> Iterator[None]:
        """Make ``env`` reachable under ``key`` for the duration of the ``with`` block."""
        if key in self._running:
            raise KeyError(f"episode {key!r} is already running")
        self._running[key] = env
        try:
            yield
        finally:
            del self._running[key]

    def get(self, key: str) -> Environment[Any]:
        """The environment of a running episode (KeyError if it is not running in this process)."""
        return self._running[key]

    def __len__(self) -> int:
        return len(self._running)


LIVE = LiveEpisodes()
"""The process's running episodes (the solver opens entries; the `muses/` provider reads them)."""
