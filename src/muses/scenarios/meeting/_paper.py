"""Importer for the paper's two meeting files (216 records: 2-10 users x 3 difficulties x 4 x 2 modes).

Kept: users, roles, who is required (``is_essential``), preferred and secondary slots,
stubbornness, the proactive set, the disclosure mode, the difficulty and the constructed winning
slot. Slots are canonicalised ("Fri 9:00"); a slot listed as both preferred and secondary (36
users) stays preferred only. Authority comes from the job level in the persona text. The paper's
evaluator rendered every user turn as ``[Name]: ...``, so imported records default to the
``bracket`` template. The paired full/partial records share users and calendars, hence a
``base_id``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from muses.protocol import AUTHORITY_BY_LEVEL, Principal
from muses.scenarios._jsonl import convert_jsonl
from muses.scenarios._seeding import content_id
from muses.scenarios.meeting._model import MeetingRecord, UserConstraints
from muses.scenarios.meeting._slots import parse_slot

PAPER_SCENARIO = "MeetingScheduling_Complex"
_TOPIC = "team meeting"
"""The paper's agent goal is just 'Schedule a meeting for the following participants'."""


def _slot(text: str, where: str) -> str:
    slot, error = parse_slot(text)
    if slot is None:
        raise ValueError(f"{where}: field 'users[].preferred_slots/secondary_slots': {error}")
    return slot


def _principal(user: dict[str, Any]) -> Principal:
    persona = re.sub(r"</?\w+_persona>", "", user.get("xml_persona_entry", "")).strip()
    level = next((lvl for lvl in AUTHORITY_BY_LEVEL if f" {lvl} " in f" {persona} "), "Mid-level")
    return Principal(id=user["id"], role=user["role"], authority=AUTHORITY_BY_LEVEL[level], persona=persona)


def _constraints(user: dict[str, Any], proactive: set[str], where: str) -> UserConstraints:
    preferred = list(dict.fromkeys(_slot(s, where) for s in user["preferred_slots"]))
    secondary = [s for s in dict.fromkeys(_slot(s, where) for s in user["secondary_slots"]) if s not in preferred]
    return UserConstraints(
        user=user["id"],
        required=bool(user["is_essential"]),
        preferred=preferred,
        secondary=secondary,
        stubborn=bool(user["is_stubborn"]),
        proactive=user["id"] in proactive,
    )


def convert(data: dict[str, Any], where: str) -> MeetingRecord:
    """Convert one paper record (``where`` = 'file:line' for errors)."""
    params = data["params"]
    proactive = set(params["proactive_users"])
    users = [_principal(u) for u in data["users"]]
    constraints = [_constraints(u, proactive, where) for u in data["users"]]
    shared = {
        "difficulty": data["difficulty"],
        "constraints": [c.model_dump(mode="json", exclude={"proactive"}) for c in constraints],
        "winning": params["optimal_solution"],
    }
    return MeetingRecord(
        id=f"paper-{data['id']}",
        base_id=content_id("paper-mtb", shared),
        split="paper",
        source="paper",
        users=users,
        topic=_TOPIC,
        disclosure=data["disclosure_mode"],
        difficulty=data["difficulty"],
        constraints=constraints,
        winning_slot=_slot(params["optimal_solution"], where),
        template="bracket",
    )


def is_paper_record(data: dict[str, Any]) -> bool:
    """Whether a decoded JSON object is one of the paper's meeting records."""
    return data.get("scenario") == PAPER_SCENARIO or ("disclosure_mode" in data and "params" in data)


def import_file(path: str | Path) -> list[MeetingRecord]:
    """Convert every record of one paper file; errors name the file and line."""
    return convert_jsonl(path, convert)
