"""Counters of the stub server: what the client actually did (requests, tokens, concurrency)."""

import threading
import time
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class StubStats:
    """Counters since start or the last `reset()`.

    `mean_in_flight` is time-weighted over `active_span_s`, the time from the first request's
    arrival to the last response (or now, while requests are in flight).
    """

    requests: int
    stream_requests: int
    failures: int
    prompt_chars: int
    prompt_tokens: int
    completion_tokens: int
    peak_in_flight: int
    mean_in_flight: float
    active_span_s: float

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


class Counters:
    """Thread-safe counters; written on the server loop, read from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self._lock:
            self.requests = 0
            self.stream_requests = 0
            self.failures = 0
            self.prompt_chars = 0
            self.prompt_tokens = 0
            self.completion_tokens = 0
            self.in_flight = 0
            self.peak_in_flight = 0
            self.area = 0.0  # integral of in_flight over time
            self.last_change = 0.0
            self.first_start: float | None = None
            self.last_end: float | None = None

    def enter(self, prompt_chars: int, stream: bool) -> None:
        now = time.monotonic()
        with self._lock:
            self._advance(now)
            self.in_flight += 1
            self.peak_in_flight = max(self.peak_in_flight, self.in_flight)
            self.requests += 1
            self.stream_requests += int(stream)
            self.prompt_chars += prompt_chars
            if self.first_start is None:
                self.first_start = now

    def exit(self) -> None:
        now = time.monotonic()
        with self._lock:
            self._advance(now)
            self.in_flight -= 1
            self.last_end = now

    def add_usage(self, prompt_tokens: int, completion_tokens: int) -> None:
        with self._lock:
            self.prompt_tokens += prompt_tokens
            self.completion_tokens += completion_tokens

    def add_failure(self) -> None:
        with self._lock:
            self.failures += 1

    def _advance(self, now: float) -> None:
        self.area += self.in_flight * (now - self.last_change)
        self.last_change = now

    def snapshot(self) -> StubStats:
        now = time.monotonic()
        with self._lock:
            area = self.area + self.in_flight * (now - self.last_change)
            end = now if self.in_flight else (self.last_end or now)
            span = end - self.first_start if self.first_start is not None else 0.0
            return StubStats(
                requests=self.requests,
                stream_requests=self.stream_requests,
                failures=self.failures,
                prompt_chars=self.prompt_chars,
                prompt_tokens=self.prompt_tokens,
                completion_tokens=self.completion_tokens,
                peak_in_flight=self.peak_in_flight,
                mean_in_flight=area / span if span > 0 else 0.0,
                active_span_s=span,
            )
