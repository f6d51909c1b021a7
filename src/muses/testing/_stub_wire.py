"""What the stub server sends and receives, shaped like an OpenAI-compatible server's messages.

Pure helpers (no server state): request parsing, error bodies (including the context-length
rejection that vLLM and OpenAI send), the chat-completion body with a token budget (``max_tokens``
and the context window cut a reply, ``finish_reason="length"``), reasoning in its own field, and
the SSE form of a completion.
"""

import json
import math
import time
from dataclasses import dataclass
from typing import Any

from aiohttp import web

_SSE_PIECES = 3


@dataclass(frozen=True)
class StubReply:
    """A reply with more than text: reasoning in ``reasoning_content`` and/or a forced finish reason."""

    content: str
    reasoning: str = ""
    finish_reason: str | None = None
    """Overrides the computed finish reason (e.g. 'length' with a short text, as some servers do)."""


def estimate_tokens(text: str) -> int:
    """Deterministic stand-in for a tokenizer: ceil(chars / 4)."""
    return math.ceil(len(text) / 4)


def content_text(content: object) -> str:
    """Text of a message content given as a string or as OpenAI content parts."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(p.get("text", "") for p in content if isinstance(p, dict))
    return ""


def prompt_text(body: dict[str, Any]) -> str:
    return "".join(content_text(m.get("content")) for m in body["messages"] if isinstance(m, dict))


async def read_json(request: web.Request) -> dict[str, Any] | web.Response:
    """The request body as a dict, or a 400 response shaped like OpenAI's."""
    try:
        body = json.loads(await request.read())
    except ValueError as ex:
        return error(400, f"invalid JSON body: {ex}")
    if not isinstance(body, dict) or not isinstance(body.get("messages"), list):
        return error(400, "'messages' is a required property")
    if not body.get("model"):
        return error(400, "'model' is a required property")
    return body


def error(status: int, message: str, headers: dict[str, str] | None = None, code: str | int | None = None) -> web.Response:
    kind = "invalid_request_error" if status < 500 else "server_error"
    if status == 429:
        kind = "rate_limit_exceeded"
    payload = {"error": {"message": message, "type": kind, "code": code if code is not None else status}}
    return web.json_response(payload, status=status, headers=headers)


def context_overflow(context_tokens: int, prompt_tokens: int) -> web.Response:
    """The 400 that OpenAI and vLLM send for a prompt longer than the context window."""
    message = (
        f"This model's maximum context length is {context_tokens} tokens. However, your messages "
        f"resulted in {prompt_tokens} tokens. Please reduce the length of the messages."
    )
    return error(400, message, code="context_length_exceeded")


def budget(body: dict[str, Any], prompt_tokens: int, context_tokens: int | None) -> int | None:
    """Most completion tokens allowed: ``max_tokens`` and what is left of the context window."""
    limits = []
    max_tokens = body.get("max_tokens") or body.get("max_completion_tokens")
    if isinstance(max_tokens, int):
        limits.append(max_tokens)
    if context_tokens is not None:
        limits.append(max(context_tokens - prompt_tokens, 0))
    return min(limits) if limits else None


def completion(body: dict[str, Any], reply: StubReply, prompt_tokens: int, allowed: int | None, ident: int) -> dict[str, Any]:
    """Chat-completion dict; the reply is cut to ``allowed`` tokens with finish_reason=length."""
    text, finish = reply.content, "stop"
    if allowed is not None and estimate_tokens(text) > allowed:
        text, finish = text[: allowed * 4], "length"
    n = body["n"] if isinstance(body.get("n"), int) else 1
    message: dict[str, Any] = {"role": "assistant", "content": text}
    if reply.reasoning:
        message["reasoning_content"] = reply.reasoning
    finish = reply.finish_reason or finish
    choices = [{"index": i, "message": message, "finish_reason": finish, "logprobs": None} for i in range(n)]
    completion_tokens = (estimate_tokens(text) + estimate_tokens(reply.reasoning)) * n
    return {
        "id": f"chatcmpl-stub-{ident}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": str(body.get("model") or "stub"),
        "choices": choices,
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


def _pieces(text: str, count: int) -> list[str]:
    """Split text into up to `count` contiguous pieces so streaming has several deltas."""
    size = max(1, math.ceil(len(text) / count))
    return [text[i : i + size] for i in range(0, len(text), size)] or [""]


def _chunk(done: dict[str, Any], choices: list[dict[str, Any]], usage: object = None) -> bytes:
    chunk = {
        "id": done["id"],
        "object": "chat.completion.chunk",
        "created": done["created"],
        "model": done["model"],
        "choices": choices,
    }
    if usage is not None:
        chunk["usage"] = usage
    return b"data: " + json.dumps(chunk).encode() + b"\n\n"


def _delta(index: int, delta: dict[str, str], finish_reason: str | None = None) -> dict[str, Any]:
    return {"index": index, "delta": delta, "finish_reason": finish_reason, "logprobs": None}


async def stream(request: web.Request, done: dict[str, Any]) -> web.StreamResponse:
    """Send the completion as SSE: role, content pieces, finish, usage, [DONE]."""
    response = web.StreamResponse(headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache"})
    await response.prepare(request)
    for choice in done["choices"]:
        index = choice["index"]
        await response.write(_chunk(done, [_delta(index, {"role": "assistant", "content": ""})]))
        for piece in _pieces(choice["message"]["content"], _SSE_PIECES):
            await response.write(_chunk(done, [_delta(index, {"content": piece})]))
        await response.write(_chunk(done, [_delta(index, {}, choice["finish_reason"])]))
    await response.write(_chunk(done, [], done["usage"]))
    await response.write(b"data: [DONE]\n\n")
    await response.write_eof()
    return response
