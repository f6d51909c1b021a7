"""The interaction cycle (paper §4.1) and the handles that let in-process participants join it.

``run_episode`` is pure: model calls are injected, so the same engine runs under Inspect (the
solver in ``muses.inspect``), directly with built-in participants (``play_local``), and in tests.
"""

from muses.episode._engine import SILENT, AgentCall, ChatTurn, UserCall, agent_chat, run_episode, user_chat
from muses.episode._live import HANDLE_KEY, LIVE, LiveEpisodes
from muses.episode._local import play_local, score_local

__all__ = [
    "HANDLE_KEY",
    "LIVE",
    "SILENT",
    "AgentCall",
    "ChatTurn",
    "LiveEpisodes",
    "UserCall",
    "agent_chat",
    "play_local",
    "run_episode",
    "score_local",
    "user_chat",
]
