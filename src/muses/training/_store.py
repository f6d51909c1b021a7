"""The datagen output file: append-only JSONL that survives crashes and supports resume.

Each batch of conversations is appended in one write and fsynced, so a killed run loses at
most the batch in flight. A torn final line (a crash mid-write) is cut off before the next
append; any other bad line is an error naming the file and line. Conversations rejected by
a filter are listed in a sidecar file so a resumed run does not pay for them again; failed
samples (provider errors) are not listed, so a resumed run retries them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel, ValidationError

from muses.training._conversation import Conversation


class Rejection(BaseModel):
    """A conversation that ran but was filtered out, and why."""

    id: str
    reason: str


def rejections_path(path: Path) -> Path:
    """The sidecar listing rejected conversation ids next to an output file."""
    return path.with_name(path.name + ".rejected.jsonl")


def _is_json(line: str) -> bool:
    try:
        json.loads(line)
    except ValueError:
        return False
    return True


def _lines(path: Path) -> list[tuple[int, str]]:
    """Non-blank lines with 1-based numbers; an unterminated last line only if it is whole JSON."""
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] and not _is_json(lines[-1]):
        lines = lines[:-1]
    return [(number, line) for number, line in enumerate(lines, start=1) if line.strip()]


def _repair(path: Path) -> None:
    """Make the file end on a line break: cut a torn last line, terminate a whole one."""
    if not path.exists():
        return
    data = path.read_bytes()
    if not data or data.endswith(b"\n"):
        return
    cut = data.rfind(b"\n") + 1
    with path.open("r+b") as handle:
        if _is_json(data[cut:].decode("utf-8", errors="replace")):
            handle.seek(0, os.SEEK_END)
            handle.write(b"\n")
        else:
            handle.truncate(cut)


def _append_lines(path: Path, lines: list[str]) -> None:
    if not lines:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    _repair(path)
    with path.open("a", encoding="utf-8") as handle:
        handle.write("".join(line + "\n" for line in lines))
        handle.flush()
        os.fsync(handle.fileno())


def read_conversations(path: Path) -> list[Conversation]:
    """Every conversation in a datagen output file; errors name the file and line."""
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such datagen output file")
    conversations = []
    for number, line in _lines(path):
        try:
            conversations.append(Conversation.model_validate_json(line))
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "line"
            raise ValueError(f"{path}:{number}: {where}: {first['msg']}") from None
    return conversations


class ConversationStore:
    """One datagen output file plus its rejection sidecar."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.rejected_path = rejections_path(self.path)
        self._ids: set[str] = set()
        self._hashes: set[str] = set()
        self._rejected: set[str] = set()
        if self.path.exists():
            for conversation in read_conversations(self.path):
                self._ids.add(conversation.id)
                self._hashes.add(conversation.content_hash)
        for number, line in _lines(self.rejected_path):
            try:
                self._rejected.add(str(json.loads(line)["id"]))
            except (ValueError, KeyError, TypeError):
                raise ValueError(f"{self.rejected_path}:{number}: expected a JSON object with an 'id'") from None

    def done(self, conversation_id: str) -> bool:
        """Whether a conversation was already kept or rejected (a resumed run skips it)."""
        return conversation_id in self._ids or conversation_id in self._rejected

    @property
    def kept(self) -> int:
        """Number of conversations in the output file."""
        return len(self._ids)

    def append(self, conversations: Iterable[Conversation]) -> tuple[int, int]:
        """Append new conversations; returns (written, duplicates dropped by id or content hash)."""
        lines: list[str] = []
        duplicates = 0
        for conversation in conversations:
            if conversation.id in self._ids or conversation.content_hash in self._hashes:
                duplicates += 1
                continue
            self._ids.add(conversation.id)
            self._hashes.add(conversation.content_hash)
            lines.append(conversation.model_dump_json())
        _append_lines(self.path, lines)
        return len(lines), duplicates

    def reject(self, rejections: Iterable[Rejection]) -> None:
        """Record filtered-out conversations in the sidecar."""
        fresh = [r for r in rejections if r.id not in self._rejected]
        self._rejected.update(r.id for r in fresh)
        _append_lines(self.rejected_path, [r.model_dump_json() for r in fresh])
