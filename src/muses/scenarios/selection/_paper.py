"""Importer for the paper's selection file (``shared_queue/queue_testset_2_20.jsonl``, 304 records).

Users, authorities, objectives and instruction texts are kept verbatim; each instruction's right
decision and reason come from the record's ``expected_output``. Refs are read from the
``[ref: N]`` tags. Two records (``sq_Peggy_Eve_Sybil_484c2bcd``, ``sq_Uma_Alice_Oscar_06053a1b``)
reuse a ref for two instructions; they are kept as published (no answer can reach 1.0 on them)
and the scorer resolves shared refs as the paper's scorer did, which is what makes our baselines
reproduce its numbers (accept-all F1 0.806, keyword rule 0.999).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from muses.protocol import Principal
from muses.scenarios._jsonl import convert_jsonl
from muses.scenarios.selection._model import Instruction, SelectionRecord
from muses.scenarios.selection._refs import normalise_reason

_REF = re.compile(r"\[ref:\s*(\d+)\]")
_PERSONA = re.compile(r"</?\w+_persona>")


def _instructions(data: dict[str, Any], where: str) -> list[Instruction]:
    expected = data["expected_output"]
    accepted = set(expected["accepted_instructions"])
    rejected = {entry["id"]: entry["reason"] for entry in expected["rejected_instructions"]}
    out: list[Instruction] = []
    for user in data["users"]:
        for text in user["instructions"]:
            match = _REF.search(text)
            if match is None:
                raise ValueError(f"{where}: field 'users.instructions': no [ref: N] tag in {text!r}")
            full = f"{user['id']}_task_{match.group(1)}"
            if full not in accepted and full not in rejected:
                raise ValueError(f"{where}: field 'expected_output': no decision for {full}")
            reason = normalise_reason(rejected[full]) if full in rejected else None
            out.append(Instruction(id=full, ref=match.group(1), user=user["id"], text=text.strip(),
                                   accept=full in accepted, reason=reason, kind="paper"))  # type: ignore[arg-type]
    listed = {i.id for i in out}
    missing = sorted((accepted | set(rejected)) - listed)
    if missing:
        raise ValueError(f"{where}: field 'expected_output': ids {missing} match no instruction")
    return out


def convert(data: dict[str, Any], where: str) -> SelectionRecord:
    """Convert one paper record (``where`` = 'file:line' for errors)."""
    users = [
        Principal(id=u["id"], role=u["role"], authority=int(u["authority"]),
                  persona=_PERSONA.sub("", u.get("xml_persona_entry", "")).strip())
        for u in data["users"]
    ]
    return SelectionRecord(
        id=f"paper-{data['id']}",
        base_id=f"paper-{data['id']}",
        split="paper",
        source="paper",
        users=users,
        objective=data["global_objective"].strip(),
        instructions=_instructions(data, where),
        template="xml",
    )


def is_paper_record(data: dict[str, Any]) -> bool:
    """Whether a decoded JSON object is one of the paper's selection (shared-queue) records."""
    expected = data.get("expected_output")
    return isinstance(expected, dict) and "accepted_instructions" in expected and "users" in data


def import_file(path: str | Path) -> list[SelectionRecord]:
    """Convert every record of the paper's queue file; errors name the file and line."""
    return convert_jsonl(path, convert)
