"""`muses import-paper`: recognise which of the paper's data sets a file is and convert it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from muses.scenarios._base import ScenarioRecord
from muses.scenarios._registry import get_scenario, scenario_names


def _first_record(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                try:
                    data = json.loads(line)
                except json.JSONDecodeError as error:
                    raise ValueError(f"{path}:{number}: invalid JSON ({error.msg})") from None
                if not isinstance(data, dict):
                    raise ValueError(f"{path}:{number}: expected a JSON object")
                return data
    raise ValueError(f"{path}: empty file")


def import_paper_file(path: str | Path) -> list[ScenarioRecord]:
    """Convert one of the paper's JSONL files, whichever scenario it belongs to."""
    path = Path(path)
    if not path.exists():
        raise ValueError(f"{path}: no such file")
    first = _first_record(path)
    for name in scenario_names():
        spec = get_scenario(name)
        if spec.detect_paper is not None and spec.import_paper is not None and spec.detect_paper(first):
            records: list[ScenarioRecord] = spec.import_paper(str(path))
            return records
    raise ValueError(f"{path}:1: not a file of the paper's published data sets (no importer recognises it)")


def import_paper_files(paths: list[Path]) -> list[ScenarioRecord]:
    """Convert several paper files; ids must stay unique across them."""
    records: list[ScenarioRecord] = []
    seen: set[str] = set()
    for path in paths:
        for record in import_paper_file(path):
            if record.id in seen:
                raise ValueError(f"{path}: record id {record.id!r} appears in more than one input")
            seen.add(record.id)
            records.append(record)
    return records
