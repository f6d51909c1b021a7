"""Convert a foreign JSONL file record by record, with errors that name the file, line and field.

Every paper importer reads its file the same way; only the per-record conversion differs.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

T = TypeVar("T")


def convert_jsonl(path: str | Path, convert: Callable[[dict[str, Any], str], T]) -> list[T]:
    """``convert(record, "file:line")`` for every non-blank line; ValueError naming file:line on failure."""
    records: list[T] = []
    with Path(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                data = json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"{where}: invalid JSON ({error.msg} at column {error.colno})") from None
            if not isinstance(data, dict):
                raise ValueError(f"{where}: expected a JSON object")
            try:
                records.append(convert(data, where))
            except ValidationError as error:
                first = error.errors()[0]
                field = ".".join(str(part) for part in first["loc"]) or "(record)"
                raise ValueError(f"{where}: field '{field}': {first['msg']}") from None
            except (KeyError, IndexError, TypeError) as error:
                raise ValueError(f"{where}: missing or malformed field {error}") from None
    return records
