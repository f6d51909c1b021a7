"""Export datagen conversations as a Hugging Face dataset (JSONL and Parquet).

One row per conversation: ``messages`` is the native variant (each user turn's speaker in its
``name`` field) and ``messages_xml``, ``messages_says``, ``messages_colon`` are the serialized
variants, byte-identical to what the benchmark sends under those templates, for models without
native multi-user support. Provenance columns trace every row to its teacher, users, seed and
Inspect log. Conversations are deduplicated across input files by content hash. Both files are
written to temporary names and renamed, so a reader never sees half a dataset.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from muses.training._conversation import VARIANTS, Conversation, sft_messages
from muses.training._deps import require
from muses.training._store import read_conversations

JSONL_NAME = "train.jsonl"
PARQUET_NAME = "train.parquet"


def column(variant: str) -> str:
    """Dataset column holding a variant's messages (``messages`` for native)."""
    if variant not in VARIANTS:
        raise ValueError(f"variant: {variant!r} is not one of {', '.join(VARIANTS)}")
    return "messages" if variant == "native" else f"messages_{variant}"


class ExportSummary(BaseModel):
    """What an export wrote."""

    rows: int
    duplicates: int
    jsonl: Path
    parquet: Path


def to_row(conversation: Conversation) -> dict[str, Any]:
    """One dataset row: every variant's messages plus flat provenance columns."""
    p = conversation.provenance
    row: dict[str, Any] = {"id": conversation.id}
    row.update({column(v): sft_messages(conversation, v) for v in VARIANTS})  # type: ignore[arg-type]
    row.update(
        kind=p.kind,
        scenario=p.scenario,
        category=p.category,
        split=p.split,
        seed_id=p.seed_id,
        teacher=p.teacher,
        user_model=p.user_model,
        template=p.template,
        log_file=p.log_file,
        scores=json.dumps(p.scores, sort_keys=True),
        users=list(conversation.users),
        num_users=len(conversation.users),
        num_agent_turns=len(conversation.exchanges),
        content_hash=conversation.content_hash,
    )
    return row


def export_dataset(inputs: list[Path], out_dir: Path) -> ExportSummary:
    """Write ``train.jsonl`` and ``train.parquet`` under ``out_dir`` from datagen output files."""
    if not inputs:
        raise ValueError("export: no input files given")
    seen: set[str] = set()
    rows: list[dict[str, Any]] = []
    duplicates = 0
    for path in inputs:
        for conversation in read_conversations(Path(path)):
            if conversation.content_hash in seen or conversation.id in seen:
                duplicates += 1
                continue
            seen.update((conversation.content_hash, conversation.id))
            rows.append(to_row(conversation))
    if not rows:
        raise ValueError(f"export: no conversations in {', '.join(str(p) for p in inputs)}")
    (datasets,) = require("datasets")
    datasets.disable_progress_bars()
    dataset = datasets.Dataset.from_list(rows)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    jsonl, parquet = out_dir / JSONL_NAME, out_dir / PARQUET_NAME
    _atomic(jsonl, lambda tmp: dataset.to_json(str(tmp), lines=True, force_ascii=False))
    _atomic(parquet, lambda tmp: dataset.to_parquet(str(tmp)))
    return ExportSummary(rows=len(rows), duplicates=duplicates, jsonl=jsonl, parquet=parquet)


def _atomic(path: Path, write: Any) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        write(tmp)
        with tmp.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
