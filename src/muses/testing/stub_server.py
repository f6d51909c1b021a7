"""OpenAI-compatible stub server for tests and benchmarks.

Why: provider tests and speed benchmarks need a real HTTP endpoint on 127.0.0.1 with a
controllable latency, fault injection, and counters that show what the client actually did
(requests, peak and time-weighted mean in flight). It runs on aiohttp in a background
thread with its own event loop, so one process can host it next to Inspect, or run it as
a separate process via the CLI so its CPU does not pollute client measurements:

    python -m muses.testing.stub_server --latency-ms 100 --port 0   # prints the base URL

Endpoints: `POST /v1/chat/completions` (JSON, or SSE when `stream` is true),
`GET /v1/models`, and for out-of-process benchmarks `GET /stats` and `POST /reset`.
Every completion carries a usage block (tokens estimated as ceil(chars / 4)).
"""

import argparse
import asyncio
import contextlib
import importlib
import json
import math
import signal
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from types import FrameType, TracebackType
from typing import Any

from aiohttp import web

Reply = Callable[[dict[str, Any]], str]
"""Maps a chat-completions request body to the assistant's reply text."""

_SSE_PIECES = 3


def estimate_tokens(text: str) -> int:
    """Deterministic stand-in for a tokenizer: ceil(chars / 4)."""
    return math.ceil(len(text) / 4)


def default_reply(request: dict[str, Any]) -> str:
    """Short echo of the last user message, so tests can tell replies apart."""
    for message in reversed(request.get("messages") or []):
        if isinstance(message, dict) and message.get("role") == "user":
            return f"ok: {_content_text(message.get('content'))[:60]}"
    return "ok"


def _content_text(content: object) -> str:
    """Text of a message content given as a string or as OpenAI content parts."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(p.get("text", "") for p in content if isinstance(p, dict))
    return ""


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


@dataclass
class _Faults:
    fail_first_n: int = 0
    fail_status: int = 500
    fail_message: str = "injected failure"
    retry_after: float | None = None
    hang_first_n: int = 0
    hang_s: float = 3600.0


class _Counters:
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


class StubServer:
    """OpenAI-compatible server on a background thread; use as a context manager.

    `latency_ms` delays every successful completion (injected failures answer at once).
    `fail_first_n` / `hang_first_n` apply to the next requests after start or `inject()`;
    hung requests wait `hang_s` (or until the client gives up or the server stops).
    `model_info` adds fields to every `/v1/models` entry (e.g. llama.cpp's ``meta``), so tests can
    stand in for a server that serves other weights under the same name.
    With `record_requests=True`, request bodies and headers are kept in `.recorded` and
    `.recorded_headers` for assertions.
    """

    def __init__(
        self,
        latency_ms: float = 0.0,
        reply: Reply | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        models: Sequence[str] = ("stub",),
        model_info: dict[str, Any] | None = None,
        fail_first_n: int = 0,
        fail_status: int = 500,
        fail_message: str = "injected failure",
        retry_after: float | None = None,
        hang_first_n: int = 0,
        hang_s: float = 3600.0,
        record_requests: bool = False,
    ) -> None:
        self.latency_s = latency_ms / 1000.0
        self.reply: Reply = reply or default_reply
        self.host = host
        self.port = port
        self.models = list(models)
        self.model_info = dict(model_info or {})
        self.record_requests = record_requests
        self.recorded: list[dict[str, Any]] = []
        self.recorded_headers: list[dict[str, str]] = []
        self._faults = _Faults(fail_first_n, fail_status, fail_message, retry_after, hang_first_n, hang_s)
        self._faults_lock = threading.Lock()
        self._counters = _Counters()
        self._ids = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._stopping: asyncio.Event | None = None

    # -- public API -----------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """OpenAI-style base URL (ends in /v1), valid once started."""
        return f"http://{self.host}:{self.port}/v1"

    def stats(self) -> StubStats:
        return self._counters.snapshot()

    def reset(self) -> None:
        """Zero the counters and recorded requests (faults are left as configured)."""
        self._counters.reset()
        self.recorded.clear()
        self.recorded_headers.clear()

    def inject(
        self,
        fail_first_n: int = 0,
        status: int = 500,
        message: str = "injected failure",
        retry_after: float | None = None,
        hang_first_n: int = 0,
        hang_s: float = 3600.0,
    ) -> None:
        """Make the next requests fail (`status`, `message`) or hang; replaces earlier faults."""
        with self._faults_lock:
            self._faults = _Faults(fail_first_n, status, message, retry_after, hang_first_n, hang_s)

    def start(self) -> "StubServer":
        """Start the loop thread and bind the socket; returns once the port is known."""
        if self._thread is not None:
            return self
        loop = asyncio.new_event_loop()
        self._loop = loop
        self._thread = threading.Thread(target=loop.run_forever, name="muses-stub-server", daemon=True)
        self._thread.start()
        self.port = asyncio.run_coroutine_threadsafe(self._start_site(), loop).result(timeout=30)
        return self

    def stop(self) -> None:
        """Release hung requests, close the site, and join the thread."""
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        asyncio.run_coroutine_threadsafe(self._stop_site(), loop).result(timeout=30)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=30)
        loop.close()
        self._loop = self._thread = None

    def __enter__(self) -> "StubServer":
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- server lifecycle (runs on the server loop) -----------------------------------

    async def _start_site(self) -> int:
        self._stopping = asyncio.Event()
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_post("/v1/chat/completions", self._chat)
        app.router.add_get("/v1/models", self._models)
        app.router.add_get("/stats", self._stats)
        app.router.add_post("/reset", self._reset)
        # handler_cancellation: a client that times out and disconnects ends its handler,
        # so in-flight counts stay truthful during hang tests.
        self._runner = web.AppRunner(app, access_log=None, handler_cancellation=True, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        return int(self._runner.addresses[0][1])

    async def _stop_site(self) -> None:
        if self._stopping is not None:
            self._stopping.set()
        if self._runner is not None:
            await self._runner.cleanup()

    # -- handlers ---------------------------------------------------------------------

    async def _models(self, request: web.Request) -> web.Response:
        data = [
            {"id": m, "object": "model", "created": int(time.time()), "owned_by": "muses-stub", **self.model_info}
            for m in self.models
        ]
        return web.json_response({"object": "list", "data": data})

    async def _stats(self, request: web.Request) -> web.Response:
        return web.json_response(self.stats().as_dict())

    async def _reset(self, request: web.Request) -> web.Response:
        self.reset()
        return web.json_response({"ok": True})

    async def _chat(self, request: web.Request) -> web.StreamResponse:
        body = await _read_json(request)
        if isinstance(body, web.Response):
            return body
        if self.record_requests:
            self.recorded.append(body)
            self.recorded_headers.append(dict(request.headers))
        stream = bool(body.get("stream"))
        self._counters.enter(_prompt_chars(body), stream)
        try:
            return await self._respond(request, body, stream)
        finally:
            self._counters.exit()

    async def _respond(self, request: web.Request, body: dict[str, Any], stream: bool) -> web.StreamResponse:
        fault = self._take_fault()
        if fault == "hang":
            await self._hang()
        elif fault == "fail":
            self._counters.add_failure()
            return self._fault_response()
        if self.latency_s > 0:
            await asyncio.sleep(self.latency_s)
        try:
            text = self.reply(body)
        except Exception as ex:  # surfaced to the client, as a real server would
            return _error(500, f"reply function failed: {type(ex).__name__}: {ex}")
        completion = self._completion(body, text)
        if stream:
            return await _stream(request, completion)
        return web.json_response(completion)

    def _take_fault(self) -> str | None:
        with self._faults_lock:
            if self._faults.hang_first_n > 0:
                self._faults.hang_first_n -= 1
                return "hang"
            if self._faults.fail_first_n > 0:
                self._faults.fail_first_n -= 1
                return "fail"
        return None

    async def _hang(self) -> None:
        assert self._stopping is not None
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), timeout=self._faults.hang_s)

    def _fault_response(self) -> web.Response:
        faults = self._faults
        headers = {"Retry-After": f"{faults.retry_after:g}"} if faults.retry_after is not None else None
        return _error(faults.fail_status, faults.fail_message, headers)

    def _completion(self, body: dict[str, Any], text: str) -> dict[str, Any]:
        """Chat-completion dict; the reply is cut at `max_tokens` with finish_reason=length."""
        finish = "stop"
        max_tokens = body.get("max_tokens") or body.get("max_completion_tokens")
        if isinstance(max_tokens, int) and estimate_tokens(text) > max_tokens:
            text, finish = text[: max_tokens * 4], "length"
        n = body["n"] if isinstance(body.get("n"), int) else 1
        prompt_tokens = estimate_tokens(_prompt_text(body))
        completion_tokens = estimate_tokens(text) * n
        self._counters.add_usage(prompt_tokens, completion_tokens)
        self._ids += 1
        message = {"role": "assistant", "content": text}
        choices = [
            {"index": i, "message": message, "finish_reason": finish, "logprobs": None} for i in range(n)
        ]
        return {
            "id": f"chatcmpl-stub-{self._ids}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": str(body.get("model") or self.models[0]),
            "choices": choices,
            "usage": {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "total_tokens": prompt_tokens + completion_tokens,
            },
        }


# -- helpers ------------------------------------------------------------------------------


async def _read_json(request: web.Request) -> dict[str, Any] | web.Response:
    """The request body as a dict, or a 400 response shaped like OpenAI's."""
    try:
        body = json.loads(await request.read())
    except ValueError as ex:
        return _error(400, f"invalid JSON body: {ex}")
    if not isinstance(body, dict) or not isinstance(body.get("messages"), list):
        return _error(400, "'messages' is a required property")
    if not body.get("model"):
        return _error(400, "'model' is a required property")
    return body


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> web.Response:
    kind = "invalid_request_error" if status < 500 else "server_error"
    if status == 429:
        kind = "rate_limit_exceeded"
    payload = {"error": {"message": message, "type": kind, "code": status}}
    return web.json_response(payload, status=status, headers=headers)


def _prompt_text(body: dict[str, Any]) -> str:
    return "".join(_content_text(m.get("content")) for m in body["messages"] if isinstance(m, dict))


def _prompt_chars(body: dict[str, Any]) -> int:
    return len(_prompt_text(body))


def _pieces(text: str, count: int) -> list[str]:
    """Split text into up to `count` contiguous pieces so streaming has several deltas."""
    size = max(1, math.ceil(len(text) / count))
    return [text[i : i + size] for i in range(0, len(text), size)] or [""]


def _chunk(completion: dict[str, Any], choices: list[dict[str, Any]], usage: object = None) -> bytes:
    chunk = {
        "id": completion["id"],
        "object": "chat.completion.chunk",
        "created": completion["created"],
        "model": completion["model"],
        "choices": choices,
    }
    if usage is not None:
        chunk["usage"] = usage
    return b"data: " + json.dumps(chunk).encode() + b"\n\n"


async def _stream(request: web.Request, completion: dict[str, Any]) -> web.StreamResponse:
    """Send the completion as SSE: role, content pieces, finish, usage, [DONE]."""
    response = web.StreamResponse(headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache"})
    await response.prepare(request)
    for choice in completion["choices"]:
        index = choice["index"]
        await response.write(_chunk(completion, [_delta(index, {"role": "assistant", "content": ""})]))
        for piece in _pieces(choice["message"]["content"], _SSE_PIECES):
            await response.write(_chunk(completion, [_delta(index, {"content": piece})]))
        await response.write(_chunk(completion, [_delta(index, {}, choice["finish_reason"])]))
    await response.write(_chunk(completion, [], completion["usage"]))
    await response.write(b"data: [DONE]\n\n")
    await response.write_eof()
    return response


def _delta(index: int, delta: dict[str, str], finish_reason: str | None = None) -> dict[str, Any]:
    return {"index": index, "delta": delta, "finish_reason": finish_reason, "logprobs": None}


# -- CLI ----------------------------------------------------------------------------------


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="OpenAI-compatible stub server (prints its base URL).")
    parser.add_argument("--latency-ms", type=float, default=0.0)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--fail-first-n", type=int, default=0)
    parser.add_argument("--fail-status", type=int, default=500)
    parser.add_argument("--hang-first-n", type=int, default=0)
    parser.add_argument("--reply", default=None, help="module:function mapping a request body to reply text")
    return parser.parse_args(argv)


def load_reply(spec: str | None) -> Reply | None:
    """Resolve a 'module:function' reply spec (None keeps the default echo)."""
    if not spec:
        return None
    module, _, name = spec.partition(":")
    reply: Reply = getattr(importlib.import_module(module), name)
    return reply


def main(argv: Sequence[str] | None = None) -> None:
    """Serve until SIGINT/SIGTERM; the first stdout line is the base URL."""
    args = _parse_args(argv)
    done = threading.Event()

    def _stop(signum: int, frame: FrameType | None) -> None:
        done.set()

    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    server = StubServer(
        latency_ms=args.latency_ms,
        reply=load_reply(args.reply),
        host=args.host,
        port=args.port,
        fail_first_n=args.fail_first_n,
        fail_status=args.fail_status,
        hang_first_n=args.hang_first_n,
    )
    with server:
        print(server.base_url, flush=True)
        while not done.wait(0.5):
            pass
        print(json.dumps(server.stats().as_dict()), flush=True)


if __name__ == "__main__":
    main()
