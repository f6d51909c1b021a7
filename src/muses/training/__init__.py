"""The training pipeline (DESIGN §7): datagen, SFT export, the multi-user chat template, `muses train`.

Datagen runs on Inspect (no extra needed); export and training import the `muses[train]` stack
lazily and say how to install it when it is missing. See README.md in this folder.
"""

from muses.training._conversation import (
    VARIANTS,
    Conversation,
    Exchange,
    Provenance,
    Turn,
    benchmark_chat,
    exchanges_from_transcript,
    sft_messages,
)
from muses.training._deps import MissingTrainingDependency
from muses.training._episodes import DatagenSummary, EpisodeDatagenConfig, generate_episodes
from muses.training._export import ExportSummary, export_dataset
from muses.training._freeform import FreeformDatagenConfig, freeform_task
from muses.training._freeform_datagen import generate_freeform
from muses.training._seedgen import generate_seeds
from muses.training._seeds import CATEGORIES, Seed, load_seeds
from muses.training._serve import hf_model, vllm_model, vllm_serve_command
from muses.training._splits import SplitOverlapError, check_disjoint, train_records
from muses.training._store import ConversationStore, read_conversations
from muses.training._template import chat_template, check_assistant_mask, install_chat_template
from muses.training._train import TrainConfig, TrainResult, config_paths, train

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
