"""Disjoint slices of a run's samples: `--shard i/N` (one slice) and `--shards N` (all, here).

A sample belongs to slice ``hash(id) mod N`` (a stable hash, not the sample's position), so every
machine computes the same slices from the same data, slices stay the same when records are added
or reordered, and the union of the slices is exactly the whole run.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class Shard(BaseModel):
    """Slice ``index`` of ``count`` (0-based)."""

    model_config = ConfigDict(frozen=True)

    index: int = Field(ge=0)
    count: int = Field(ge=1)

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def parse_shard(text: str) -> Shard:
    """'i/N' with 0 <= i < N -> Shard; ValueError with the expected form otherwise."""
    parts = text.strip().split("/")
    try:
        index, count = int(parts[0]), int(parts[1])
    except (ValueError, IndexError):
        raise ValueError(f"--shard: expected i/N such as 0/4, got {text!r}") from None
    if len(parts) != 2 or count < 1 or not 0 <= index < count:
        raise ValueError(f"--shard: expected i/N with 0 <= i < N, got {text!r}")
    return Shard(index=index, count=count)


def shard_count(requested: int) -> int:
    """Number of processes for `--shards N`: N itself, or one per core for 0."""
    if requested < 0:
        raise ValueError(f"--shards: expected 0 (one per core) or a positive number, got {requested}")
    return requested or os.cpu_count() or 1


def shard_of(sample_id: str, count: int) -> int:
    """The slice a sample id belongs to: first 8 bytes of its SHA-256, mod ``count``."""
    digest = hashlib.sha256(sample_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count


def select(items: Sequence[T], shard: Shard | None, key: str = "id") -> list[T]:
    """The items (records with an ``id``) that fall in ``shard``; all of them for None."""
    if shard is None:
        return list(items)
    return [item for item in items if shard_of(str(getattr(item, key)), shard.count) == shard.index]


class EmptySlice(ValueError):
    """This slice holds none of the run's episodes (more slices than episodes)."""


