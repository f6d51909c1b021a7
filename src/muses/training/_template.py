"""The multi-user chat template: loading it, installing it into a tokenizer, checking its mask.

The paper's LoRA runs evaluated with the base model's stock template, which silently dropped
every ``user_<Name>`` turn. Here the template travels with the model: ``install_chat_template``
puts it on the tokenizer, and the trainer saves that tokenizer (with ``chat_template.jinja``)
into every checkpoint and the final adapter, so any loader of those directories (Inspect's
``hf/`` provider, ``vllm serve --tokenizer``) renders exactly what training rendered.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

TEMPLATE_PATH = Path(__file__).with_name("chat_template.jinja")
TURN_START = "<|im_start|>"
TURN_END = "<|im_end|>"
CHAT_TOKENS: tuple[str, ...] = (TURN_START, TURN_END)


@cache
def chat_template() -> str:
    """The Jinja source of the Muses multi-user chat template."""
    return TEMPLATE_PATH.read_text(encoding="utf-8")


def missing_chat_tokens(tokenizer: Any) -> list[str]:
    """Chat-framing tokens the tokenizer does not know as single tokens."""
    vocab = tokenizer.get_vocab()
    return [token for token in CHAT_TOKENS if token not in vocab]


def install_chat_template(tokenizer: Any, add_missing_tokens: bool = False) -> list[str]:
    """Put the Muses template on ``tokenizer`` and make ``<|im_end|>`` its end-of-turn token.

    The template frames turns with ``<|im_start|>``/``<|im_end|>`` (native in Qwen-family
    vocabularies). If the tokenizer lacks them they are added only when ``add_missing_tokens``
    is set (the caller must then resize the model's embeddings and train them); otherwise the
    mismatch is an error rather than a silent split of the markers into sub-word pieces.
    ``eos_token`` becomes ``<|im_end|>`` so generation stops at the end of the agent's turn; a
    tokenizer without a padding token gets its previous end-of-sequence token for padding.

    Returns the tokens that were added.
    """
    missing = missing_chat_tokens(tokenizer)
    if missing and not add_missing_tokens:
        raise ValueError(
            f"the tokenizer has no single tokens for {missing}; the Muses chat template needs them. "
            "Pass --add-chat-tokens to add them (their embeddings are then trained with the adapter)."
        )
    if missing:
        tokenizer.add_special_tokens({"additional_special_tokens": missing})
    previous_eos = tokenizer.eos_token
    if tokenizer.pad_token is None:
        tokenizer.pad_token = previous_eos if previous_eos and previous_eos != TURN_END else TURN_START
    tokenizer.eos_token = TURN_END
    tokenizer.chat_template = chat_template()
    return missing


def render(tokenizer: Any, messages: list[dict[str, Any]], add_generation_prompt: bool = False) -> str:
    """The text the template produces for ``messages``."""
    text: str = tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=add_generation_prompt)
    return text


def masked_runs(tokenizer: Any, input_ids: list[int], mask: list[int] | list[bool]) -> list[str]:
    """Decode each contiguous run of masked-in tokens (the text a loss mask trains on)."""
    runs: list[list[int]] = []
    previous = False
    for token, keep in zip(input_ids, mask, strict=True):
        if keep:
            if not previous:
                runs.append([])
            runs[-1].append(token)
        previous = bool(keep)
    return [tokenizer.decode(run) for run in runs]


def label_runs(tokenizer: Any, input_ids: list[int], labels: list[int]) -> list[str]:
    """Decode each contiguous run of trained positions (labels other than -100)."""
    return masked_runs(tokenizer, input_ids, [label != -100 for label in labels])


def assistant_runs(tokenizer: Any, messages: list[dict[str, Any]]) -> list[str]:
    """What the template's generation markers select for ``messages``, run by run."""
    out = tokenizer.apply_chat_template(messages, return_dict=True, return_assistant_tokens_mask=True)
    return masked_runs(tokenizer, list(out["input_ids"]), list(out["assistant_masks"]))


def check_assistant_mask(tokenizer: Any, messages: list[dict[str, Any]]) -> None:
    """Raise if the loss mask is not exactly each assistant reply followed by ``<|im_end|>``.

    Run before training so a template without working generation markers (TRL would train on
    nothing or on everything) fails at once instead of after hours.
    """
    expected = [m["content"] + TURN_END for m in messages if m["role"] == "assistant"]
    got = assistant_runs(tokenizer, messages)
    if got != expected:
        raise ValueError(
            f"chat template loss mask selects {len(got)} spans, expected the {len(expected)} assistant replies; "
            f"first difference: {next((g for g, e in zip(got, expected, strict=False) if g != e), got[len(expected):] or expected[len(got):])!r}"
        )
