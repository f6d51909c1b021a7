"""Before a run: every model can be reached, and how many requests its server takes at once.

Why: a missing URL or key used to surface as a 600-line traceback from deep inside Inspect, and a
server that is down as minutes of retries ending in a table of errors. Each problem found here is
one line naming the fix (the environment variable to export, the package to install). The same
probe tells how many requests a local server computes at once, so a one-request-at-a-time
server (llama.cpp with one slot, llama-cpp-python, a small Ollama) is not sent twenty and made
to time them all out.
"""

from __future__ import annotations

import importlib.util
import os
from typing import Any, NamedTuple

from muses.runner._config import RunConfig
from muses.runner._endpoint import base_url_for, batching_server, probe, server_slots, split_model

LOCAL_CONNECTIONS = 4
"""Concurrent requests to a self-hosted server that does not say how many it serves at once."""

KEY_VARIABLES = {
    "openai": "OPENAI_API_KEY",
    "anthropic": "ANTHROPIC_API_KEY",
    "google": "GOOGLE_API_KEY",
    "mistral": "MISTRAL_API_KEY",
    "grok": "XAI_API_KEY",
    "groq": "GROQ_API_KEY",
    "together": "TOGETHER_API_KEY",
    "fireworks": "FIREWORKS_API_KEY",
    "deepseek": "DEEPSEEK_API_KEY",
    "openrouter": "OPENROUTER_API_KEY",
    "perplexity": "PERPLEXITY_API_KEY",
}
"""Hosted providers -> the environment variable Inspect reads their key from."""

PACKAGES = {
    "openai": "openai",
    "openai-api": "openai",
    "vllm": "openai",
    "sglang": "openai",
    "ollama": "openai",
    "anthropic": "anthropic",
    "google": "google.genai",
    "mistral": "mistralai",
    "groq": "groq",
    "hf": "transformers",
}
"""Provider -> the module its Inspect client needs (the pip package has the same name)."""

_PIP_NAMES = {"google.genai": "google-genai", "mistralai": "mistralai"}


class Preflight(NamedTuple):
    """Problems that stop the run, notes to print, and the connections to use (None: Inspect's)."""

    problems: list[str]
    notes: list[str]
    max_connections: int | None


def _roles(config: RunConfig) -> list[tuple[str, str, dict[str, Any]]]:
    roles = [("agent", config.model, config.model_args), ("user", config.user_model, {})]
    if config.judge_model:
        roles.append(("judge", config.judge_model, {}))
    return roles


def setup_problem(model: str, model_args: dict[str, Any], role: str) -> str | None:
    """A missing package, URL or key for one model, as one line with the fix; None if all is there."""
    provider, service, _ = split_model(model)
    module = PACKAGES.get(provider)
    if module and importlib.util.find_spec(module.split(".")[0]) is None:
        return f"{model} needs the {module} package: pip install {_PIP_NAMES.get(module, module)}"
    flag = " (or -M base_url=...)" if role == "agent" else ""
    if provider in ("vllm", "sglang") and not base_url_for(model, model_args) and importlib.util.find_spec(provider) is None:
        server = f"{provider.upper()}_BASE_URL"
        return f"{model} needs a running server: export {server}=http://127.0.0.1:8000/v1 (or pip install {provider} and Inspect starts one)"
    if provider == "muses-http" and not base_url_for(model, model_args):
        return f"{model} needs its server's URL: export MUSES_HTTP_BASE_URL=http://127.0.0.1:8000/v1{flag}"
    if service is not None:
        prefix = service.upper().replace("-", "_")
        missing = [f"{prefix}_BASE_URL"] if not base_url_for(model, model_args) else []
        if not (os.environ.get(f"{prefix}_API_KEY") or model_args.get("api_key")):
            missing.append(f"{prefix}_API_KEY")
        if missing:
            return (
                f"{model} needs {' and '.join(missing)}: export {prefix}_BASE_URL=http://127.0.0.1:8000/v1 "
                f"{prefix}_API_KEY=local (any value for a server without keys)"
            )
    variable = KEY_VARIABLES.get(provider)
    if variable and not (os.environ.get(variable) or model_args.get("api_key")):
        return f"{model} needs an API key: export {variable}=... (a local OpenAI-compatible server: any value)"
    return None


def reach_problem(model: str, url: str) -> str | None:
    """Why the server behind ``model`` cannot serve it, as one line; None if it answers."""
    answer = probe(url)
    name = split_model(model)[2]
    if answer.status is None:
        return f"cannot reach the server of {model} at {url} ({answer.error}): start it, or fix its URL"
    if answer.status == 404:
        return f"{url}/models answered 404: is {url} the server's OpenAI-compatible base URL (it usually ends in /v1)?"
    if answer.status in (401, 403):
        return f"the server at {url} refused the API key (HTTP {answer.status}) for {model}"
    served = [str(e.get("id")) for e in answer.entries]
    if len(served) > 1 and name not in served:
        return f"the server at {url} does not serve {name!r}; it serves: {', '.join(served)}"
    return None


def capacity(url: str) -> tuple[int | None, str]:
    """Connections a server takes (None: no limit needed) and a note saying how that was decided."""
    slots = server_slots(url)
    if slots is not None:
        return slots, f"the server at {url} computes {slots} request(s) at a time (llama.cpp /props)"
    batching = batching_server(url)
    if batching is not None:
        return None, ""
    return LOCAL_CONNECTIONS, f"the server at {url} does not say how many requests it computes at once"


def preflight(config: RunConfig) -> Preflight:
    """Check every role's model; pick connections for self-hosted servers unless --max-connections is set."""
    problems: list[str] = []
    notes: list[str] = []
    limits: list[int] = []
    for role, model, args in _roles(config):
        if model.startswith("muses/"):
            continue
        problem = setup_problem(model, args, role)
        url: str | None = base_url_for(model, args) if problem is None else None
        problem = problem or (reach_problem(model, url) if url else None)
        if problem:
            problems.append(problem)
        elif url and config.max_connections is None:
            limit, why = capacity(url)
            if limit is not None:
                limits.append(limit)
                notes.append(f"{why}: {limit} connection(s) (--max-connections N to change)")
    chosen = min(limits) if limits else None
    return Preflight(sorted(set(problems), key=problems.index), list(dict.fromkeys(notes)), chosen)
