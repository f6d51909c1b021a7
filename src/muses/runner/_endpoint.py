"""Which server answers a model name, what it serves (for run stamps), and how much it serves at once.

A resumed run must not mix episodes from two different models that happen to share a name: the
same `muses-http/qwen` after the server was restarted with other weights, or pointed at another
host. The stamp therefore records each role's base URL and the server's own description of the
model (its ``/models`` entry: id, owner, root path, context length, llama.cpp's ``meta`` with
parameter count and file size). Volatile fields (creation times, permission ids) are left out so
the same server gives the same fingerprint every time.
"""

from __future__ import annotations

import os
from typing import Any, NamedTuple

import httpx

PROBE_TIMEOUT_S = 5.0

_ENV_BASE_URL = {
    "openai": "OPENAI_BASE_URL",
    "vllm": "VLLM_BASE_URL",
    "sglang": "SGLANG_BASE_URL",
    "ollama": "OLLAMA_BASE_URL",
    "llama-cpp-python": "LLAMA_CPP_PYTHON_BASE_URL",
    "muses-http": "MUSES_HTTP_BASE_URL",
}
"""Provider -> environment variable holding its base URL (``openai-api/<svc>`` uses ``<SVC>_BASE_URL``)."""

DEFAULT_BASE_URL = {"ollama": "http://localhost:11434/v1", "llama-cpp-python": "http://localhost:8000/v1"}
"""Where Inspect's local-server providers connect when no URL is set."""

STABLE_FIELDS = ("id", "owned_by", "root", "parent", "max_model_len", "meta")
"""Fields of a ``/models`` entry that describe the model and do not change between calls."""


def split_model(model: str) -> tuple[str, str | None, str]:
    """'openai-api/local/qwen' -> ('openai-api', 'local', 'qwen'); 'vllm/Qwen/Qwen3' -> ('vllm', None, 'Qwen/Qwen3')."""
    provider, _, rest = model.partition("/")
    if provider == "openai-api":
        service, _, name = rest.partition("/")
        return provider, service, name
    return provider, None, rest


def base_url_for(model: str, model_args: dict[str, Any] | None = None) -> str | None:
    """The base URL a model string resolves to (``-M base_url`` first, then the provider's env var)."""
    if model_args and model_args.get("base_url"):
        return str(model_args["base_url"])
    provider, service, _ = split_model(model)
    if service is not None:
        variable = f"{service.upper().replace('-', '_')}_BASE_URL"
    else:
        variable = _ENV_BASE_URL.get(provider, "")
    return (os.environ.get(variable) if variable else None) or DEFAULT_BASE_URL.get(provider)


class Probe(NamedTuple):
    """What ``GET {base_url}/models`` said: the HTTP status (None: no answer), the error, the entries."""

    status: int | None
    error: str
    entries: list[dict[str, Any]]


def probe(base_url: str, timeout: float = PROBE_TIMEOUT_S) -> Probe:
    """Ask an OpenAI-compatible server which models it serves (never raises)."""
    try:
        reply = httpx.get(f"{base_url.rstrip('/')}/models", timeout=timeout)
    except httpx.HTTPError as error:
        return Probe(None, f"{type(error).__name__}: {error}" if str(error) else type(error).__name__, [])
    try:
        data = reply.json().get("data", []) if reply.status_code == 200 else []
    except (ValueError, AttributeError):
        data = []
    return Probe(reply.status_code, "", [e for e in data if isinstance(e, dict)] if isinstance(data, list) else [])


def server_root(base_url: str) -> str:
    """'http://host:8080/v1' -> 'http://host:8080' (where llama.cpp, vLLM and SGLang serve their own routes)."""
    root = base_url.rstrip("/")
    return root[: -len("/v1")] if root.endswith("/v1") else root


def server_slots(base_url: str, timeout: float = PROBE_TIMEOUT_S) -> int | None:
    """Requests the server computes at once, where it says so (llama.cpp's ``/props``: ``total_slots``)."""
    try:
        reply = httpx.get(f"{server_root(base_url)}/props", timeout=timeout)
        slots = reply.json().get("total_slots") if reply.status_code == 200 else None
    except (httpx.HTTPError, ValueError, AttributeError):
        return None
    return slots if isinstance(slots, int) and slots > 0 else None


def batching_server(base_url: str, timeout: float = PROBE_TIMEOUT_S) -> str | None:
    """'vLLM' or 'SGLang' when the server is one that batches many requests (``/version``, ``/get_server_info``)."""
    for route, name, key in (("/version", "vLLM", "version"), ("/get_server_info", "SGLang", "version")):
        try:
            reply = httpx.get(f"{server_root(base_url)}{route}", timeout=timeout)
            if reply.status_code == 200 and key in reply.json():
                return name
        except (httpx.HTTPError, ValueError, AttributeError, TypeError):
            continue
    return None


def server_model(base_url: str, name: str, timeout: float = PROBE_TIMEOUT_S) -> dict[str, Any] | None:
    """The stable part of the server's ``/models`` entry for ``name`` (or its only entry); None if unknown."""
    entries = probe(base_url, timeout).entries
    match = [e for e in entries if e.get("id") == name] or (entries if len(entries) == 1 else [])
    if not match:
        return None
    return {key: match[0][key] for key in STABLE_FIELDS if key in match[0]}


def endpoint(model: str, model_args: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """{"base_url", "server"} for models served over HTTP; None for in-process and hosted defaults."""
    url = base_url_for(model, model_args)
    if not url:
        return None
    return {"base_url": url, "server": server_model(url, split_model(model)[2])}
