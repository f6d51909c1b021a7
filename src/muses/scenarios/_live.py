"""Episodes in progress, by handle, so in-process participants can compute their observation.

Chat-message metadata carries only a small handle (episode key, role, user, round), not the
observation itself: Inspect logs every model input, and an observation that holds the whole view
would make logs grow with the square of the episode length. The ``muses/`` provider resolves the
handle here and asks the environment for exactly the observation that participant may see.
"""

from __future__ import annotations

from typing import Any

from muses.scenarios._base import Environment

_LIVE: dict[str, Environment[Any]] = {}

HANDLE_KEY = "muses"
"""Metadata key on the last chat message that holds the participant handle."""


def open_episode(key: str, env: Environment[Any]) -> None:
    """Make an environment reachable under ``key`` while its episode runs."""
    _LIVE[key] = env


def close_episode(key: str) -> None:
    """Forget an environment once its episode has ended."""
    _LIVE.pop(key, None)


def live_episode(key: str) -> Environment[Any]:
    """The environment of a running episode (KeyError if it is not running in this process)."""
    return _LIVE[key]
