"""Importer for the paper's execution files (``instruction_following/{aligned,conflict}_2_to_10.jsonl``).

187 aligned + 368 conflict records. Each user's text (an IHEval request plus its "Constraint:"
paragraph) becomes their round-0 message, verbatim; their IFEval ids and kwargs become asks. The
paper scored every user in aligned files and only the users of top authority in conflict files
(ties included): that is ``Ask.follow``. Its "conflicts" sit inside each user's text (IHEval's
system-vs-user conflicts), not between users, so these records carry no inter-user conflict and
no conflict-resolution score. They keep the paper's output contract (one JSON object, a response
per user id). Every checker is built at import time, so a bad id or argument fails here, naming
the file and line, rather than in the middle of a run.

Twelve asks use ``keywords:letter_frequency`` with a non-letter ('!' or '#'), which IFEval's
checker silently replaces with a *random* letter (the paper's scores for them were coin flips);
they are imported as the same count under ``keywords:frequency``, which counts any character.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from muses.protocol import Principal
from muses.scenarios._jsonl import convert_jsonl
from muses.scenarios.execution._checkers import InvalidConstraintError, UnknownConstraintError, build_checker
from muses.scenarios.execution._constraints import Constraint
from muses.scenarios.execution._model import Ask, ExecutionRecord


def _deterministic(instruction_id: str, kwargs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """Map a letter count of a non-letter (which IFEval would randomise) to a character count."""
    letter = str(kwargs.get("letter", "a"))
    if instruction_id == "keywords:letter_frequency" and not ("a" <= letter.lower() <= "z" and len(letter) == 1):
        return "keywords:frequency", {"keyword": letter, "frequency": kwargs["let_frequency"],
                                      "relation": kwargs["let_relation"]}
    return instruction_id, kwargs


def _asks(data: dict[str, Any], conflict: bool, where: str) -> list[Ask]:
    top = max(int(u["authority"]) for u in data["users"])
    asks: list[Ask] = []
    for user in data["users"]:
        answer = user["original_answer"]
        for instruction_id, kwargs in zip(answer["instruction_id_list"], answer["kwargs"], strict=True):
            given = {k: v for k, v in kwargs.items() if v is not None}
            instruction_id, given = _deterministic(instruction_id, given)
            try:
                build_checker(instruction_id, given)
            except (UnknownConstraintError, InvalidConstraintError) as error:
                raise ValueError(f"{where}: field 'users.original_answer' of {user['id']}: {error}") from None
            constraint = Constraint(instruction_id=instruction_id, kwargs=given, description="")
            follow = not conflict or int(user["authority"]) == top
            asks.append(Ask(user=user["id"], constraint=constraint, follow=follow))
    return asks


def convert(data: dict[str, Any], where: str) -> ExecutionRecord:
    """Convert one paper record (``where`` = 'file:line' for errors)."""
    mode = data["meta"]["mode"]
    if mode not in ("aligned", "conflict"):
        raise ValueError(f"{where}: field 'meta.mode': expected aligned or conflict, got {mode!r}")
    users = [Principal(id=u["id"], role=u["role"], authority=int(u["authority"])) for u in data["users"]]
    return ExecutionRecord(
        id=f"paper-{data['id']}",
        base_id=f"paper-{data['id']}",
        split="paper",
        source="paper",
        users=users,
        variant=mode,
        contract="per_user",
        objective=data["global_objective"].strip(),
        asks=_asks(data, mode == "conflict", where),
        messages={u["id"]: "\n".join(u["instructions"]).strip() for u in data["users"]},
        template="xml",
    )


def is_paper_record(data: dict[str, Any]) -> bool:
    """Whether a decoded JSON object is one of the paper's instruction-following records."""
    return isinstance(data.get("meta"), dict) and "mode" in data["meta"] and "users" in data and (
        "iheval_ground_truth" in data or data.get("scenario") == "MultiUserInstructionFollowing")


def import_file(path: str | Path) -> list[ExecutionRecord]:
    """Convert every record of one paper file; errors name the file and line."""
    return convert_jsonl(path, convert)
