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

It also behaves like the real servers a benchmark meets: a slow one (`ms_per_token`: generation
time grows with the reply), one that serves one request at a time (`serial`), one with a
context window (`context_tokens`: a longer prompt gets vLLM's and OpenAI's 400
"maximum context length", a reply is cut where the window ends), and, with the right `reply`
(see ``muses.testing.replies``), a runaway generation or reasoning in its own field.
"""

import argparse
import asyncio
import contextlib
import importlib
import json
import signal
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import FrameType, TracebackType
from typing import Any

from aiohttp import web

from muses.testing._stub_stats import Counters, StubStats
from muses.testing._stub_wire import (
    StubReply,
    budget,
    completion,
    content_text,
    context_overflow,
    error,
    estimate_tokens,
    prompt_text,
    read_json,
    stream,
)

Reply = Callable[[dict[str, Any]], "str | StubReply"]
"""Maps a chat-completions request body to the assistant's reply (text, or a ``StubReply``)."""

__all__ = ["Reply", "StubReply", "StubServer", "StubStats", "default_reply", "estimate_tokens", "load_reply", "main"]


def default_reply(request: dict[str, Any]) -> str:
    """Short echo of the last user message, so tests can tell replies apart."""
    for message in reversed(request.get("messages") or []):
        if isinstance(message, dict) and message.get("role") == "user":
            return f"ok: {content_text(message.get('content'))[:60]}"
    return "ok"


@dataclass
class _Faults:
    fail_first_n: int = 0
    fail_status: int = 500
    fail_message: str = "injected failure"
    retry_after: float | None = None
    hang_first_n: int = 0
    hang_s: float = 3600.0


class StubServer:
    """OpenAI-compatible server on a background thread; use as a context manager.

    `latency_ms` delays every successful completion (injected failures answer at once).
    `fail_first_n` / `hang_first_n` apply to the next requests after start or `inject()`;
    hung requests wait `hang_s` (or until the client gives up or the server stops).
    `model_info` adds fields to every `/v1/models` entry (e.g. llama.cpp's ``meta``), so tests can
    stand in for a server that serves other weights under the same name.
    With `record_requests=True`, request bodies and headers are kept in `.recorded` and
    `.recorded_headers` for assertions.

    Real-server behaviours: `ms_per_token` adds generation time per completion token (after the
    cut), `serial=True` serves one completion at a time (others queue, as on llama-cpp-python or a
    llama.cpp server with one slot), `context_tokens` is the context window (prompt tokens over it
    get a 400 context-length error; replies are cut where it ends), and `props` is served at
    `GET /props` (llama.cpp's server description, e.g. ``{"total_slots": 1}``).
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
        ms_per_token: float = 0.0,
        serial: bool = False,
        context_tokens: int | None = None,
        props: dict[str, Any] | None = None,
    ) -> None:
        self.latency_s = latency_ms / 1000.0
        self.s_per_token = ms_per_token / 1000.0
        self.serial = serial
        self.context_tokens = context_tokens
        self.props = props
        self._serial_lock: asyncio.Lock | None = None
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
        self._counters = Counters()
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
        self._serial_lock = asyncio.Lock()
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_post("/v1/chat/completions", self._chat)
        app.router.add_get("/v1/models", self._models)
        app.router.add_get("/props", self._props)
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

    async def _props(self, request: web.Request) -> web.Response:
        if self.props is None:
            return web.json_response({"error": {"message": "File Not Found", "code": 404}}, status=404)
        return web.json_response(self.props)

    async def _stats(self, request: web.Request) -> web.Response:
        return web.json_response(self.stats().as_dict())

    async def _reset(self, request: web.Request) -> web.Response:
        self.reset()
        return web.json_response({"ok": True})

    async def _chat(self, request: web.Request) -> web.StreamResponse:
        body = await read_json(request)
        if isinstance(body, web.Response):
            return body
        if self.record_requests:
            self.recorded.append(body)
            self.recorded_headers.append(dict(request.headers))
        stream_it = bool(body.get("stream"))
        self._counters.enter(len(prompt_text(body)), stream_it)
        try:
            return await self._respond(request, body, stream_it)
        finally:
            self._counters.exit()

    async def _respond(self, request: web.Request, body: dict[str, Any], stream_it: bool) -> web.StreamResponse:
        fault = self._take_fault()
        if fault == "hang":
            await self._hang()
        elif fault == "fail":
            self._counters.add_failure()
            return self._fault_response()
        prompt_tokens = estimate_tokens(prompt_text(body))
        if self.context_tokens is not None and prompt_tokens > self.context_tokens:
            return context_overflow(self.context_tokens, prompt_tokens)
        try:
            reply = self.reply(body)
        except Exception as ex:  # surfaced to the client, as a real server would
            return error(500, f"reply function failed: {type(ex).__name__}: {ex}")
        reply = reply if isinstance(reply, StubReply) else StubReply(content=reply)
        self._ids += 1
        done = completion(body, reply, prompt_tokens, budget(body, prompt_tokens, self.context_tokens), self._ids)
        await self._generate(done["usage"]["completion_tokens"])
        self._counters.add_usage(prompt_tokens, done["usage"]["completion_tokens"])
        if stream_it:
            return await stream(request, done)
        return web.json_response(done)

    async def _generate(self, tokens: int) -> None:
        """Spend the generation time: fixed latency plus per-token time, one at a time if serial."""
        seconds = self.latency_s + self.s_per_token * tokens
        if seconds <= 0:
            return
        if self.serial and self._serial_lock is not None:
            async with self._serial_lock:
                await asyncio.sleep(seconds)
        else:
            await asyncio.sleep(seconds)

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
        return error(faults.fail_status, faults.fail_message, headers)


# -- CLI ----------------------------------------------------------------------------------


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="OpenAI-compatible stub server (prints its base URL).")
    parser.add_argument("--latency-ms", type=float, default=0.0)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--fail-first-n", type=int, default=0)
    parser.add_argument("--fail-status", type=int, default=500)
    parser.add_argument("--hang-first-n", type=int, default=0)
    parser.add_argument("--ms-per-token", type=float, default=0.0, help="generation time per completion token")
    parser.add_argument("--serial", action="store_true", help="serve one completion at a time")
    parser.add_argument("--context-tokens", type=int, default=None, help="context window (400 above it)")
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
        ms_per_token=args.ms_per_token,
        serial=args.serial,
        context_tokens=args.context_tokens,
    )
    with server:
        print(server.base_url, flush=True)
        while not done.wait(0.5):
            pass
        print(json.dumps(server.stats().as_dict()), flush=True)


if __name__ == "__main__":
    main()
