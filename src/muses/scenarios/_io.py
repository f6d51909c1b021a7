"""Reading and writing scenario records as JSONL, with errors that name file, line and field."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from muses.scenarios._base import ScenarioRecord
from muses.scenarios._registry import get_scenario, scenario_names


class DataFileError(ValueError):
    """A data file could not be read; the message names the file, line and field."""


def _field_path(loc: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in loc) or "(record)"


def parse_record(data: Any, where: str) -> ScenarioRecord:
    """Validate one decoded record against its scenario's model; ``where`` prefixes errors."""
    if not isinstance(data, dict):
        raise DataFileError(f"{where}: expected a JSON object, got {type(data).__name__}")
    name = data.get("scenario")
    if name not in scenario_names():
        raise DataFileError(
            f"{where}: field 'scenario': {name!r} is not a known scenario "
            f"(known: {', '.join(scenario_names())}); paper files must be converted with `muses import-paper`"
        )
    try:
        record: ScenarioRecord = get_scenario(name).record_model.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        raise DataFileError(
            f"{where}: field '{_field_path(first['loc'])}': {first['msg']} ({error.error_count()} error(s) in record)"
        ) from None
    return record


def read_records(path: str | Path) -> list[ScenarioRecord]:
    """Read a JSONL file of records (any scenarios). Blank lines are skipped; ids must be unique."""
    path = Path(path)
    if not path.exists():
        raise DataFileError(f"{path}: no such file")
    if not path.is_file():
        raise DataFileError(f"{path}: not a file (expected a JSONL file of records)")
    records: list[ScenarioRecord] = []
    seen: dict[str, int] = {}
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            where = f"{path}:{number}"
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")  # a BOM is harmless
            except UnicodeDecodeError as error:
                raise DataFileError(f"{where}: not UTF-8 text (byte {error.start}); is this a JSONL file?") from None
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as error:
                raise DataFileError(f"{where}: invalid JSON ({error.msg} at column {error.colno})") from None
            record = parse_record(data, where)
            if record.id in seen:
                raise DataFileError(f"{where}: field 'id': {record.id!r} already used on line {seen[record.id]}")
            seen[record.id] = number
            records.append(record)
    if not records:
        raise DataFileError(f"{path}: no records")
    return records


def default_mode(directory: bool = False) -> int:
    """The mode a plainly created file (0o666) or folder (0o777) gets here, less the umask.

    ``tempfile.mkstemp``/``mkdtemp`` create files and folders for their owner only (0o600, 0o700);
    one renamed into place would keep that mode, unlike everything else the user creates.
    """
    mask = os.umask(0)
    os.umask(mask)
    return (0o777 if directory else 0o666) & ~mask


def write_jsonl_atomic(path: str | Path, rows: Iterable[dict[str, Any]]) -> int:
    """Write rows as JSONL via a temporary file and rename, so no half-written file is left."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    count = 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False, sort_keys=False) + "\n")
                count += 1
        os.chmod(tmp, default_mode())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return count


def write_records(path: str | Path, records: Iterable[ScenarioRecord]) -> int:
    """Write records as JSONL atomically; returns how many were written."""
    return write_jsonl_atomic(path, (r.model_dump(mode="json") for r in records))
