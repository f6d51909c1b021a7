"""Fixtures for the training tests: a tiny tokenizer and causal LM built locally (no hub)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

SPECIAL = ["<|pad|>", "<|im_start|>", "<|im_end|>"]


def build_tokenizer(corpus: Iterable[str], vocab_size: int = 600, chat_tokens: bool = True) -> Any:
    """A byte-level BPE tokenizer trained on ``corpus`` (with or without the ChatML markers)."""
    pytest.importorskip("transformers")
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    specials = SPECIAL if chat_tokens else ["<|pad|>", "<|endoftext|>"]
    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size, special_tokens=specials, initial_alphabet=pre_tokenizers.ByteLevel.alphabet()
    )
    tokenizer.train_from_iterator(list(corpus), trainer)
    return PreTrainedTokenizerFast(tokenizer_object=tokenizer, pad_token="<|pad|>", eos_token=specials[-1])


def build_base_model(directory: Path, corpus: Iterable[str], vocab_size: int = 600) -> Path:
    """Save a randomly initialised 2-layer Llama and its tokenizer to ``directory``."""
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    tokenizer = build_tokenizer(corpus, vocab_size)
    torch.manual_seed(0)
    config = LlamaConfig(
        vocab_size=len(tokenizer),
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        max_position_embeddings=8192,
        bos_token_id=None,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
        tie_word_embeddings=True,
    )
    LlamaForCausalLM(config).save_pretrained(directory)
    tokenizer.save_pretrained(directory)
    return directory


def five_user_conversation() -> list[dict[str, Any]]:
    """A native multi-user chat: five speakers, two agent replies."""
    return [
        {"role": "system", "content": "You coordinate a team.", "name": None},
        {"role": "user", "content": "Alice: can we meet Monday?", "name": "Alice"},
        {"role": "user", "content": "Bob: Monday is bad for me.", "name": "Bob"},
        {"role": "user", "content": "Chen: Tuesday works.", "name": "Chen"},
        {"role": "assistant", "content": '{"target": "all", "content": "Tuesday then?"}', "name": None},
        {"role": "user", "content": "Dara: I am out Tuesday.", "name": "Dara"},
        {"role": "user", "content": "Eve: Wednesday 10:00?", "name": "Eve"},
        {"role": "user", "content": "Alice: fine by me.", "name": "Alice"},
        {"role": "assistant", "content": "@all: Wednesday 10:00 it is.\n@Dara: thanks for flagging.", "name": None},
    ]


@pytest.fixture(scope="session")
def make_tokenizer() -> Any:
    """``build_tokenizer`` as a fixture (test modules cannot import conftest under importlib mode)."""
    return build_tokenizer


@pytest.fixture(scope="session")
def make_base_model() -> Any:
    """``build_base_model`` as a fixture."""
    return build_base_model


@pytest.fixture
def five_users() -> list[dict[str, Any]]:
    """A fresh copy of the five-user conversation."""
    return five_user_conversation()
