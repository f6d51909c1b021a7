"""Lean aiohttp model provider for OpenAI-compatible servers (vLLM, SGLang, Ollama, llama.cpp).

Why this exists: Inspect's stock `openai-api` provider spends ~5-6 ms CPU per call in the
OpenAI SDK and httpx2 on top of Inspect's own ~1.6 ms (BENCHMARKS.md). Benchmark runs are
CPU-bound on a single event loop, so that overhead decides wall time. This provider sends one plain JSON POST per call
over a keep-alive aiohttp session and parses only what Inspect needs.

Usage: `--model muses-http/<model>` with `-M base_url=http://host:port/v1` (or env
`MUSES_HTTP_BASE_URL`) and optionally `-M api_key=...` (or env `MUSES_HTTP_API_KEY`).
Text-only chat (system/user/assistant); tool calling is not supported.

Outputs read like Inspect's own OpenAI-compatible providers, so a run behaves the same whichever
client it uses: a context-length rejection (HTTP 400) becomes a ``model_length`` output carrying
the server's message, and reasoning (a ``reasoning_content`` field or inline ``<think>`` blocks)
becomes ``ContentReasoning``, never reply text.
"""

import asyncio
import json
import os
import re
import time
from collections.abc import AsyncGenerator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import aiohttp
from inspect_ai.model import (
    ChatCompletionChoice,
    ChatMessage,
    ChatMessageAssistant,
    Content,
    ContentReasoning,
    ContentText,
    GenerateConfig,
    ModelAPI,
    ModelCall,
    ModelOutput,
    ModelUsage,
    RetryDecision,
    StopReason,
    modelapi,
)
from inspect_ai.tool import ToolChoice, ToolInfo
from tenacity.wait import wait_base, wait_exponential_jitter

ENV_BASE_URL = "MUSES_HTTP_BASE_URL"
ENV_API_KEY = "MUSES_HTTP_API_KEY"
DEFAULT_MAX_CONNECTIONS = 64
DEFAULT_REQUEST_TIMEOUT_S = 600.0
"""Seconds per attempt when neither ``request_timeout`` nor the run's ``timeout`` is set: a slow
local server with a queue of requests needs minutes, not the two an API needs."""

_CONTEXT_OVERFLOW = re.compile(
    r"maximum context length|context[_ ]length[_ ]exceeded|exceeds? the (?:available )?context|context window|too many tokens",
    re.IGNORECASE,
)
_THINK = re.compile(r"<think>(.*?)(?:</think>|\Z)", re.DOTALL)

_ERROR_TEXT_LIMIT = 500

# GenerateConfig field -> OpenAI chat-completions field, for fields that map one to one.
_SAMPLING_FIELDS: tuple[tuple[str, str], ...] = (
    ("temperature", "temperature"),
    ("top_p", "top_p"),
    ("max_tokens", "max_tokens"),
    ("seed", "seed"),
    ("stop_seqs", "stop"),
    ("frequency_penalty", "frequency_penalty"),
    ("presence_penalty", "presence_penalty"),
    ("num_choices", "n"),
)

_STOP_REASONS: dict[str, StopReason] = {
    "stop": "stop",
    "eos": "stop",
    "length": "max_tokens",
    "max_tokens": "max_tokens",
    "model_length": "model_length",
    "tool_calls": "tool_calls",
    "function_call": "tool_calls",
    "content_filter": "content_filter",
}

_ROLES = frozenset({"system", "user", "assistant"})


class MusesHttpError(Exception):
    """A failed call, carrying the HTTP status and the server's own message.

    `status_code` is None for transport failures (timeout, refused or dropped connection);
    `transient` then says whether a retry can help. Inspect reads `status_code` when it
    reports provider errors, so the name matches the SDK exceptions.
    """

    def __init__(
        self,
        message: str,
        *,
        status_code: int | None = None,
        url: str = "",
        retry_after: float | None = None,
        transient: bool = False,
    ) -> None:
        self.status_code = status_code
        self.message = message
        self.url = url
        self.retry_after = retry_after
        self.transient = transient
        where = f" from {url}" if url else ""
        prefix = f"HTTP {status_code}{where}" if status_code is not None else f"request{where} failed"
        super().__init__(f"{prefix}: {message}")


@dataclass
class _LoopSession:
    """A session bound to one event loop, plus the async generator that closes it."""

    session: aiohttp.ClientSession
    guard: AsyncGenerator[None, None]


async def _close_at_loop_shutdown(session: aiohttp.ClientSession) -> AsyncGenerator[None, None]:
    """Close `session` when its event loop shuts down.

    Inspect memoizes model instances across `eval()` calls and every `eval()` runs its own
    event loop, so sessions outlive the loop that created them unless something closes
    them. `asyncio.run()` / `asyncio.Runner` (used by Inspect via anyio) call
    `loop.shutdown_asyncgens()` before closing the loop, which runs this `finally`
    inside the still-live loop.
    """
    try:
        yield
    finally:
        await session.close()


@modelapi(name="muses-http")
class MusesHttpAPI(ModelAPI):
    """Chat completions over one keep-alive aiohttp session per event loop.

    Model args (`-M`): `base_url`, `api_key`, `request_timeout` (seconds per attempt,
    default `config.timeout` or 120), `retry_wait` (initial backoff in seconds; default
    Inspect's 3 s exponential), `max_connections` (default 64; used only when Inspect's
    static concurrency applies, i.e. `max_connections` or `adaptive_connections=False` is
    set for the eval), `model_call` (record the raw request/response, default True).
    """

    def __init__(
        self,
        model_name: str,
        base_url: str | None = None,
        api_key: str | None = None,
        config: GenerateConfig | None = None,
        request_timeout: float | None = None,
        retry_wait: float | None = None,
        max_connections: int = DEFAULT_MAX_CONNECTIONS,
        model_call: bool = True,
        **model_args: Any,
    ) -> None:
        if model_args:
            raise ValueError(f"muses-http: unknown model args {sorted(model_args)}")
        super().__init__(
            model_name=model_name,
            base_url=base_url or os.environ.get(ENV_BASE_URL),
            api_key=api_key,
            api_key_vars=[ENV_API_KEY],
            config=config or GenerateConfig(),
        )
        if not self.base_url:
            raise ValueError(f"muses-http needs a base URL: pass -M base_url=... or set {ENV_BASE_URL}")
        self.base_url = self.base_url.rstrip("/")
        if self.api_key is None:
            self.api_key = os.environ.get(ENV_API_KEY) or None
        self._auth_headers = self._make_auth_headers()
        self.url = f"{self.base_url}/chat/completions"
        self.request_timeout = float(request_timeout) if request_timeout is not None else None
        self.retry_wait_s = float(retry_wait) if retry_wait is not None else None
        self._max_connections = int(max_connections)
        self.model_call = bool(model_call)
        self._sessions: dict[asyncio.AbstractEventLoop, _LoopSession] = {}

    # -- Inspect hooks ------------------------------------------------------------------

    async def generate(
        self,
        input: list[ChatMessage],
        tools: list[ToolInfo],
        tool_choice: ToolChoice,
        config: GenerateConfig,
    ) -> ModelOutput | tuple[ModelOutput | Exception, ModelCall]:
        """POST one chat completion; raise `MusesHttpError` so Inspect's retry loop decides."""
        if tools:
            raise ValueError("muses-http is text-only: tool definitions are not supported")
        request = build_request(self.model_name, input, config)
        session = await self._session()
        started = time.monotonic()
        try:
            data = await self._post(session, request, config)
        except MusesHttpError as error:
            if not context_overflow(error):
                raise
            return ModelOutput.from_content(self.model_name, content=error.message, stop_reason="model_length")
        output = parse_output(self.model_name, data, self.url)
        if not self.model_call:
            return output
        call = ModelCall.model_construct(request=request, response=data, time=time.monotonic() - started)
        return output, call

    def should_retry(self, ex: Exception) -> bool | RetryDecision:
        """Retry rate limits, server errors and transport failures; never other 4xx."""
        return classify_retry(ex)

    def retry_wait(self) -> wait_base | None:
        """Shorter backoff on request (local servers recover fast); Inspect's default otherwise."""
        if self.retry_wait_s is None:
            return None
        return wait_exponential_jitter(multiplier=self.retry_wait_s, max=60.0, jitter=self.retry_wait_s)

    def is_auth_failure(self, ex: Exception) -> bool:
        return isinstance(ex, MusesHttpError) and ex.status_code == 401

    async def refresh_credentials(self) -> None:
        """Pick up a rotated key; the key travels per request, so no session is closed."""
        self.initialize()
        self._auth_headers = self._make_auth_headers()

    def max_connections(self) -> int:
        return self._max_connections

    def connection_key(self) -> str:
        """One pool per server: agents and simulated users on one server share its capacity."""
        return self.base_url or "default"

    async def aclose(self) -> None:
        """Close the current loop's session now (others close when their loop shuts down)."""
        self._forget_closed_loops()
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        entry = self._sessions.pop(loop, None)
        if entry is not None:
            await entry.guard.aclose()

    def close(self) -> None:
        """Synchronous close: nothing to await here, sessions close with their loops."""
        self._forget_closed_loops()

    # -- session and transport ----------------------------------------------------------

    async def _session(self) -> aiohttp.ClientSession:
        """Return the running loop's session, creating it on first use in that loop."""
        loop = asyncio.get_running_loop()
        entry = self._sessions.get(loop)
        if entry is not None and not entry.session.closed:
            return entry.session
        return await self._open_session(loop)

    async def _open_session(self, loop: asyncio.AbstractEventLoop) -> aiohttp.ClientSession:
        self._forget_closed_loops()
        # limit=0: no pool cap here; Inspect's max_connections semaphore bounds concurrency.
        connector = aiohttp.TCPConnector(limit=0, limit_per_host=0)
        session = aiohttp.ClientSession(connector=connector)
        guard = _close_at_loop_shutdown(session)
        self._sessions[loop] = _LoopSession(session, guard)
        await anext(guard)  # first iteration registers it with this loop's shutdown hook
        return session

    def _forget_closed_loops(self) -> None:
        """Drop sessions whose loop is closed (their guard already closed them, if it ran)."""
        for loop in [lp for lp in self._sessions if lp.is_closed()]:
            del self._sessions[loop]

    def _make_auth_headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}

    def _headers(self, config: GenerateConfig) -> dict[str, str] | None:
        """Auth plus `config.extra_headers`; the common case returns a cached dict."""
        if config.extra_headers:
            return {**self._auth_headers, **config.extra_headers}
        return self._auth_headers or None

    def _timeout(self, config: GenerateConfig) -> aiohttp.ClientTimeout:
        seconds = self.request_timeout or config.timeout or DEFAULT_REQUEST_TIMEOUT_S
        return aiohttp.ClientTimeout(total=float(seconds))

    async def _post(
        self, session: aiohttp.ClientSession, request: dict[str, Any], config: GenerateConfig
    ) -> dict[str, Any]:
        """Send the request and return the decoded body, or raise `MusesHttpError`."""
        timeout = self._timeout(config)
        try:
            async with session.post(
                self.url, json=request, timeout=timeout, headers=self._headers(config)
            ) as response:
                body = await response.read()
                status = response.status
                retry_after = response.headers.get("Retry-After")
        except TimeoutError as ex:
            raise MusesHttpError(
                f"no response within {timeout.total:g} s", url=self.url, transient=True
            ) from ex
        except (aiohttp.ClientConnectionError, aiohttp.ClientPayloadError) as ex:
            raise MusesHttpError(f"{type(ex).__name__}: {ex}", url=self.url, transient=True) from ex
        if status >= 400:
            raise MusesHttpError(
                error_message(body),
                status_code=status,
                url=self.url,
                retry_after=parse_retry_after(retry_after),
            )
        return decode_body(body, status, self.url)


# -- request / response mapping (pure functions, unit-testable) ---------------------------


def build_request(model: str, input: Sequence[ChatMessage], config: GenerateConfig) -> dict[str, Any]:
    """Chat-completions body: model, text messages, and the sampling fields that map 1:1."""
    request: dict[str, Any] = {"model": model, "messages": [message_dict(m) for m in input]}
    for source, target in _SAMPLING_FIELDS:
        value = getattr(config, source)
        if value is not None:
            request[target] = value
    if config.extra_body:
        request.update(config.extra_body)
    return request


def message_dict(message: ChatMessage) -> dict[str, str]:
    """Role plus flattened text; reasoning and media are dropped, tool messages refused."""
    if message.role not in _ROLES:
        raise ValueError(f"muses-http supports system/user/assistant messages, got {message.role!r}")
    return {"role": message.role, "content": message.text}


def parse_output(model: str, data: Mapping[str, Any], url: str = "") -> ModelOutput:
    """ModelOutput with choices, usage and stop reasons from a chat-completions response."""
    raw_choices = data.get("choices")
    if not isinstance(raw_choices, list) or not raw_choices:
        raise MusesHttpError(f"response has no choices: {_clip(json.dumps(data))}", status_code=200, url=url)
    served = str(data.get("model") or model)
    choices = [parse_choice(served, c) for c in raw_choices]
    return ModelOutput(model=served, choices=choices, usage=parse_usage(data.get("usage")))


def context_overflow(error: MusesHttpError) -> bool:
    """True for a 400 that says the prompt does not fit the model's context (any server's wording)."""
    return error.status_code == 400 and bool(_CONTEXT_OVERFLOW.search(error.message))


def split_reasoning(text: str) -> tuple[str, str]:
    """(reply, reasoning) of a completion with inline ``<think>`` blocks (an open block runs to the end)."""
    thoughts = [match.group(1).strip() for match in _THINK.finditer(text)]
    if not thoughts:
        return text, ""
    return _THINK.sub("", text).strip(), "\n\n".join(thoughts)


def parse_choice(model: str, choice: Mapping[str, Any]) -> ChatCompletionChoice:
    message = choice.get("message") or {}
    text, inline = split_reasoning(message.get("content") or "")
    reasoning = message.get("reasoning_content") or message.get("reasoning") or inline
    content: str | list[Content] = text
    if isinstance(reasoning, str) and reasoning:
        content = [ContentReasoning(reasoning=reasoning), ContentText(text=text)]
    return ChatCompletionChoice(
        message=ChatMessageAssistant(content=content, model=model, source="generate"),
        stop_reason=stop_reason(choice.get("finish_reason")),
    )


def stop_reason(finish_reason: object) -> StopReason:
    return _STOP_REASONS.get(finish_reason, "unknown") if isinstance(finish_reason, str) else "unknown"


def parse_usage(usage: object) -> ModelUsage | None:
    """Map the OpenAI usage block; cached prompt tokens are split out as Inspect expects."""
    if not isinstance(usage, Mapping):
        return None
    prompt = int(usage.get("prompt_tokens") or 0)
    completion = int(usage.get("completion_tokens") or 0)
    prompt_details = usage.get("prompt_tokens_details") or {}
    completion_details = usage.get("completion_tokens_details") or {}
    cached = prompt_details.get("cached_tokens")
    reasoning = completion_details.get("reasoning_tokens")
    return ModelUsage(
        input_tokens=prompt - int(cached or 0),
        output_tokens=completion,
        total_tokens=int(usage.get("total_tokens") or prompt + completion),
        input_tokens_cache_read=int(cached) if cached is not None else None,
        reasoning_tokens=int(reasoning) if reasoning is not None else None,
    )


def decode_body(body: bytes, status: int, url: str = "") -> dict[str, Any]:
    try:
        data = json.loads(body)
    except ValueError as ex:
        raise MusesHttpError(f"invalid JSON body: {_clip(_text(body))}", status_code=status, url=url) from ex
    if not isinstance(data, dict):
        raise MusesHttpError(f"expected a JSON object: {_clip(_text(body))}", status_code=status, url=url)
    return data


def error_message(body: bytes) -> str:
    """The server's message from OpenAI (`error.message`), vLLM (`message`) or FastAPI (`detail`) bodies."""
    text = _text(body)
    try:
        data = json.loads(text)
    except ValueError:
        return _clip(text) or "<empty body>"
    if isinstance(data, dict):
        error = data.get("error")
        if isinstance(error, dict) and error.get("message"):
            return str(error["message"])
        if isinstance(error, str) and error:
            return error
        for key in ("message", "detail"):
            if data.get(key):
                return str(data[key])
    return _clip(text)


def parse_retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None  # HTTP-date form: rare for model servers, not worth parsing


def classify_retry(ex: BaseException) -> RetryDecision:
    """429 -> rate limit; 408/5xx and transport failures -> transient; everything else -> no."""
    if isinstance(ex, MusesHttpError):
        if ex.status_code is None:
            return RetryDecision.transient() if ex.transient else RetryDecision.no()
        if ex.status_code == 429:
            return RetryDecision.rate_limit(retry_after=ex.retry_after)
        if ex.status_code == 408 or 500 <= ex.status_code < 600:
            return RetryDecision.transient(retry_after=ex.retry_after)
        return RetryDecision.no()
    if isinstance(ex, TimeoutError | aiohttp.ClientConnectionError | aiohttp.ClientPayloadError):
        return RetryDecision.transient()
    return RetryDecision.no()


def _text(body: bytes) -> str:
    return body.decode("utf-8", errors="replace")


def _clip(text: str) -> str:
    return text if len(text) <= _ERROR_TEXT_LIMIT else text[:_ERROR_TEXT_LIMIT] + "..."
