"""Deterministic generation: seeds, ids and split sizes (same inputs, same bytes; no wall clock, no uuid4)."""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass
from typing import Any


def derive_rng(*parts: object) -> random.Random:
    """A ``random.Random`` seeded from a stable hash of the parts (independent of PYTHONHASHSEED)."""
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def content_id(prefix: str, payload: Any, length: int = 12) -> str:
    """A content-hashed id: ``prefix-<hex>`` over the canonical JSON of ``payload``."""
    blob = json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str)
    return f"{prefix}-{hashlib.sha256(blob.encode()).hexdigest()[:length]}"


@dataclass(frozen=True)
class SplitDefaults:
    """Default size of a generated split: user range, base scenarios per user count, user-count step."""

    users: tuple[int, int]
    per_size: int
    step: int
