"""Per-episode call statistics read back from Inspect logs (shared by the benchmark scripts).

Why from the logs: the logs are what a run actually did, so the dependent-call chain and the
cost per episode are measured, not assumed. Within an episode the simulated users of a round are
called concurrently and the agent after them, so the sequential depth ("waves") is the number
of agent calls plus the number of runs of consecutive user calls in the episode's model events.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from inspect_ai.event import ModelEvent
from inspect_ai.log import EvalSample, list_eval_logs, read_eval_log


@dataclass
class EpisodeCalls:
    """Model calls of one episode (sample-epoch), by role ('agent' for the model under test)."""

    sample_id: str
    users: int
    waves: int = 0
    calls: dict[str, int] = field(default_factory=dict)
    prompt_tokens: dict[str, int] = field(default_factory=dict)
    prompt_chars: dict[str, int] = field(default_factory=dict)

    @property
    def total_calls(self) -> int:
        return sum(self.calls.values())

    @property
    def total_prompt_tokens(self) -> int:
        return sum(self.prompt_tokens.values())


def episode_calls(sample: EvalSample) -> EpisodeCalls:
    """Count calls, waves, prompt tokens and prompt characters of one logged sample."""
    stats = EpisodeCalls(sample_id=str(sample.id), users=int((sample.metadata or {}).get("users") or 0))
    previous: str | None = None
    for event in sample.events:
        if not isinstance(event, ModelEvent):
            continue
        role = event.role or "agent"
        if role == "agent" or previous != role:
            stats.waves += 1
        previous = role
        stats.calls[role] = stats.calls.get(role, 0) + 1
        usage = event.output.usage
        tokens = (usage.input_tokens + (usage.input_tokens_cache_read or 0)) if usage else 0
        stats.prompt_tokens[role] = stats.prompt_tokens.get(role, 0) + tokens
        chars = sum(len(message.text) for message in event.input)
        stats.prompt_chars[role] = stats.prompt_chars.get(role, 0) + chars
    return stats


def log_files(log_dir: str | Path) -> list[str]:
    """Every Inspect log in a directory (recursively)."""
    return [info.name for info in list_eval_logs(str(log_dir), recursive=True)]


def episodes(log_dir: str | Path) -> list[EpisodeCalls]:
    """Call statistics of every sample in every log of ``log_dir``."""
    found: list[EpisodeCalls] = []
    for path in log_files(log_dir):
        log = read_eval_log(path)
        found.extend(episode_calls(sample) for sample in log.samples or [])
    return found


def longest_chain(stats: Iterable[EpisodeCalls]) -> int:
    """The most sequential waves any episode needed (0 if there are none)."""
    return max((s.waves for s in stats), default=0)
