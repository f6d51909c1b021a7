"""Stop calling a model that has never answered in this run: a run whose calls all fail ends quickly.

Why: with finite retries every failed call still costs its retries and back-off (tens of seconds
against a server that answers 500 to everything), and every episode makes several calls. When
the first calls to a model all fail and none has ever succeeded in this run, the cause is
almost surely the setup (wrong model name, a server that rejects every request), not bad luck;
later calls then fail at once with that first cause, so the run ends in seconds with the reason
on the console. A model that answered even once is never cut off: an outage in the middle of a
run errors the episodes it hits, which a resumed run plays again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

TRIP_AFTER = 4
"""Failed calls (each after its retries) with no success before the breaker opens."""


class BreakerOpen(RuntimeError):
    """A call not made because every earlier call to the same model failed."""


@dataclass
class CallBreaker:
    """Per-model record of failed and successful calls in the current run."""

    threshold: int = TRIP_AFTER
    failures: dict[str, list[str]] = field(default_factory=dict)
    answered: set[str] = field(default_factory=set)

    def check(self, key: str) -> None:
        """Raise ``BreakerOpen`` (with the first failure's cause) if ``key`` should not be called."""
        failed = self.failures.get(key, [])
        if key not in self.answered and len(failed) >= self.threshold:
            raise BreakerOpen(f"not called: the first {len(failed)} calls to {key} all failed; first error: {failed[0]}")

    def success(self, key: str) -> None:
        self.answered.add(key)

    def failure(self, key: str, message: str) -> None:
        self.failures.setdefault(key, []).append(message)

    def reset(self) -> None:
        """Forget everything (a new run starts)."""
        self.failures.clear()
        self.answered.clear()
