"""The training pipeline (README.md in this folder): datagen, SFT export, the multi-user chat template, `muses train`.

Datagen runs on Inspect (no extra needed); export and training import the `muses[train]` stack
lazily and say how to install it when it is missing. See README.md in this folder.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS: dict[str, str] = {
    "CATEGORIES": "muses.training._seeds",
    "Conversation": "muses.training._conversation",
    "ConversationStore": "muses.training._store",
    "DatagenSummary": "muses.training._episodes",
    "EpisodeDatagenConfig": "muses.training._episodes",
    "Exchange": "muses.training._conversation",
    "ExportSummary": "muses.training._export",
    "FreeformDatagenConfig": "muses.training._freeform",
    "MissingTrainingDependency": "muses.training._deps",
    "Provenance": "muses.training._conversation",
    "Seed": "muses.training._seeds",
    "SplitOverlapError": "muses.training._splits",
    "TrainConfig": "muses.training._train",
    "TrainResult": "muses.training._train",
    "Turn": "muses.training._conversation",
    "VARIANTS": "muses.training._conversation",
    "benchmark_chat": "muses.training._conversation",
    "chat_template": "muses.training._template",
    "check_assistant_mask": "muses.training._template",
    "check_disjoint": "muses.training._splits",
    "config_paths": "muses.training._train",
    "exchanges_from_transcript": "muses.training._conversation",
    "export_dataset": "muses.training._export",
    "freeform_task": "muses.training._freeform",
    "generate_episodes": "muses.training._episodes",
    "generate_freeform": "muses.training._freeform_datagen",
    "generate_seeds": "muses.training._seedgen",
    "hf_model": "muses.training._serve",
    "install_chat_template": "muses.training._template",
    "load_seeds": "muses.training._seeds",
    "read_conversations": "muses.training._store",
    "sft_messages": "muses.training._conversation",
    "train": "muses.training._train",
    "train_records": "muses.training._splits",
    "vllm_model": "muses.training._serve",
    "vllm_serve_command": "muses.training._serve",
}


def __getattr__(name: str) -> Any:
    """Import an exported name from its module on first use (keeps `muses` start-up light)."""
    if name not in _EXPORTS:
        raise AttributeError(f"module 'muses.training' has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value


__all__ = [
    "CATEGORIES",
    "VARIANTS",
    "Conversation",
    "ConversationStore",
    "DatagenSummary",
    "EpisodeDatagenConfig",
    "Exchange",
    "ExportSummary",
    "FreeformDatagenConfig",
    "MissingTrainingDependency",
    "Provenance",
    "Seed",
    "SplitOverlapError",
    "TrainConfig",
    "TrainResult",
    "Turn",
    "benchmark_chat",
    "chat_template",
    "check_assistant_mask",
    "check_disjoint",
    "config_paths",
    "exchanges_from_transcript",
    "export_dataset",
    "freeform_task",
    "generate_episodes",
    "generate_freeform",
    "generate_seeds",
    "hf_model",
    "install_chat_template",
    "load_seeds",
    "read_conversations",
    "sft_messages",
    "train",
    "train_records",
    "vllm_model",
    "vllm_serve_command",
]
