"""Evaluating a trained model: Inspect model strings and the vLLM serve command for an adapter.

Two paths, both plain benchmark runs (`muses run` / `inspect eval`): Inspect's ``hf/`` provider
loads a local directory (the merged model, or the adapter, which transformers resolves to base +
adapter) with the tokenizer saved beside it; Inspect's ``vllm/`` provider sends requests for
``BASE:ADAPTER`` to a vLLM server with ``model`` set to the adapter's name. vLLM renders LoRA
requests with the *server's* tokenizer, so the server must be started with the adapter's
tokenizer and chat template, which is what the paper's evaluation missed.
"""

from __future__ import annotations

import json
from pathlib import Path


def hf_model(path: str | Path) -> str:
    """Inspect model string for a local model or adapter directory (``hf/<absolute path>``)."""
    directory = Path(path).resolve()
    if not (directory / "config.json").is_file() and not (directory / "adapter_config.json").is_file():
        raise FileNotFoundError(f"{directory}: not a model or adapter directory (no config.json or adapter_config.json)")
    return f"hf/{directory}"


def vllm_model(base_model: str, adapter: str | Path | None = None) -> str:
    """Inspect model string for vLLM: ``vllm/BASE`` or ``vllm/BASE:ADAPTER``.

    ``ADAPTER`` is either the name the server registered (``--lora-modules NAME=PATH``) or a
    path that exists here (Inspect then asks the server to load it, which needs the server's
    ``VLLM_ALLOW_RUNTIME_LORA_UPDATING=True``).
    """
    return f"vllm/{base_model}" + (f":{adapter}" if adapter else "")


VLLM_LORA_RANKS = (8, 16, 32, 64, 128, 256, 320, 512)
"""Values vLLM accepts for ``--max-lora-rank``."""


def adapter_rank(adapter_dir: Path) -> int:
    """LoRA rank ``r`` from an adapter's ``adapter_config.json``."""
    config = json.loads((Path(adapter_dir) / "adapter_config.json").read_text(encoding="utf-8"))
    return int(config["r"])


def vllm_serve_command(
    base_model: str, adapter_dir: str | Path, name: str = "muses-sft", port: int = 8000
) -> list[str]:
    """`vllm serve` arguments that render adapter requests with the trained chat template.

    Raises if the adapter was trained with added chat tokens: vLLM adapters cannot extend the
    vocabulary, so such a run must be served as its merged model (``--merge``).
    """
    adapter = Path(adapter_dir).resolve()
    training = adapter / "muses_training.json"
    if training.is_file() and json.loads(training.read_text(encoding="utf-8")).get("add_chat_tokens"):
        raise ValueError(f"{adapter}: trained with --add-chat-tokens; serve the merged model (train with --merge) instead")
    return [
        "vllm",
        "serve",
        base_model,
        "--enable-lora",
        "--lora-modules",
        f"{name}={adapter}",
        "--max-lora-rank",
        str(next((r for r in VLLM_LORA_RANKS if r >= adapter_rank(adapter)), adapter_rank(adapter))),
        "--tokenizer",
        str(adapter),
        "--chat-template",
        str(adapter / "chat_template.jinja"),
        "--generation-config",
        str(adapter),
        "--port",
        str(port),
    ]
