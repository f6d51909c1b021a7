"""Reading the agent's selection decision from everything it wrote in its turn.

The paper's scorer, and our v1 one, took the *last* JSON object that carried a decision key, so a
correct decision split over two objects, written as ``{ref: reason}``, or followed by an example
object was silently misscored (issue 14). Here the decision is read from every JSON object of the
turn's raw text, in every layout a careful reader would accept:

* the documented object, or the same keys spread over several objects (merged);
* accepted/rejected keys spelled ``accepted``, ``approved``, ``rejected``, ``declined``, ...,
  top-level or nested (``{"decision": {...}}``);
* refs as a list, one comma/space-separated string, a number, ``{"id": ...}`` entries or dict keys;
* rejections as ``[{"id", "reason"}]``, ``{ref: reason}``, ``{reason: [refs]}``, ``"ref: reason"``
  strings or ``[ref, reason]`` pairs;
* one object per instruction (``{"id": "1234", "decision": "reject", "reason": ...}``).

An object whose refs name none of the episode's instructions (an echo of the prompt's example) is
ignored and noted. Everything else that does not add up is a *problem*, which the scorer counts
as a format failure: unreadable entries, refs that name no instruction, a ref both accepted and
rejected (in one object or across objects), a rejection without a known reason, and instructions
left undecided. So any layout this reader does not understand shows up as a format failure,
never as a quiet wrong score.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, Field

from muses.protocol import find_json_objects
from muses.scenarios.selection._refs import normalise_reason, normalise_ref

_ACCEPT_KEY = re.compile(r"^(accept|approv)")
_REJECT_KEY = re.compile(r"^(reject|declin|den(y|ied))")
_ID_KEYS = ("id", "ref", "reference", "instruction", "instruction_id", "ref_id", "number")
_VERDICT_KEYS = ("decision", "status", "action", "verdict", "outcome", "accept", "accepted", "approved", "rejected")
_ACCEPT_WORDS = {"accept", "accepted", "approve", "approved", "yes", "true", "keep", "execute", "carry_out"}
_REJECT_WORDS = {"reject", "rejected", "deny", "denied", "decline", "declined", "no", "false", "refuse", "refused"}
_SPLIT = re.compile(r"\s*(?:[,;\n|/&]|\band\b)\s*")
_MARKS = re.compile(r"(?:\bref\b\W*|#)\d+", re.IGNORECASE)
_REF_REASON = re.compile(r"\s*([^\s:(]+)\s*[:(–-]\s*(.+)$")


class Part(BaseModel):
    """What one JSON object says: accepted refs, rejected refs with reasons, unreadable entries."""

    accepted: list[str] = Field(default_factory=list, description="Canonical refs accepted, in order.")
    rejected: list[tuple[str, str | None]] = Field(default_factory=list, description="(ref, normalised reason).")
    problems: list[str] = Field(default_factory=list, description="Entries that could not be read.")

    @property
    def refs(self) -> set[str]:
        """Every ref this part decides."""
        return {*self.accepted, *(ref for ref, _ in self.rejected)}

    @property
    def empty(self) -> bool:
        """True when the object held no decision content at all."""
        return not (self.accepted or self.rejected or self.problems)


class ReadDecision(BaseModel):
    """The agent's decision, read leniently: canonical refs plus everything that did not add up."""

    accepted: list[str] = Field(default_factory=list, description="Canonical refs, in answer order.")
    rejected: dict[str, str | None] = Field(default_factory=dict, description="Ref -> normalised reason.")
    problems: list[str] = Field(default_factory=list, description="What makes the answer a format failure.")
    ignored: int = Field(default=0, description="Objects ignored because their refs name no instruction.")
    found: bool = Field(default=False, description="Whether any decision content was found.")


def _key(value: Any) -> str:
    return re.sub(r"[^a-z]+", "_", str(value).lower()).strip("_")


def _refs_in_string(text: str) -> list[str | None]:
    """A string holding one or several refs ('1234', '1234, 5678', '1234 and 5678', 'ref 1 ref 2')."""
    pieces = [p for p in _SPLIT.split(text) if p.strip()]
    if len(pieces) == 1 and re.fullmatch(r"[\s#\d]+", text):
        pieces = text.split()
    if len(pieces) == 1 and len(_MARKS.findall(text)) > 1:
        pieces = [m.group(0) for m in _MARKS.finditer(text)]
    return [normalise_ref(p) for p in pieces] if pieces else [None]


def _entry_ref(entry: Any) -> Any:
    """The ref-carrying value of an entry: the entry itself, or its id-like field."""
    if isinstance(entry, dict):
        return next((entry[k] for k in entry if _key(k) in _ID_KEYS), None)
    return entry


def _read_accepted(value: Any, part: Part) -> None:
    entries: Iterable[Any] = value.keys() if isinstance(value, dict) else value if isinstance(value, list) else [value]
    for entry in entries:
        raw = _entry_ref(entry)
        refs = _refs_in_string(raw) if isinstance(raw, str) else [normalise_ref(raw)]
        for ref in refs:
            if ref is None:
                part.problems.append(f"unreadable accepted entry {entry!r}")
            else:
                part.accepted.append(ref)


def _reject_one(raw_ref: Any, raw_reason: Any, entry: Any, part: Part) -> None:
    refs: list[str | None] = [normalise_ref(raw_ref)]
    if isinstance(raw_ref, str):
        pair = _REF_REASON.match(raw_ref) if raw_reason is None else None  # "1234: conflict with ..."
        if pair and normalise_ref(pair.group(1)) and normalise_reason(pair.group(2)):
            refs, raw_reason = [normalise_ref(pair.group(1))], pair.group(2)
        else:
            refs = _refs_in_string(raw_ref)
    for ref in refs:
        if ref is None:
            part.problems.append(f"unreadable rejected entry {entry!r}")
        else:
            part.rejected.append((ref, normalise_reason(raw_reason)))


def _reason_of(entry: dict[str, Any]) -> Any:
    return next((entry[k] for k in entry if _key(k) in ("reason", "why", "rationale", "category")), None)


def _read_rejected(value: Any, part: Part) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if normalise_ref(key) is None and normalise_reason(key) is not None:  # {reason: [refs]}
                for raw in item if isinstance(item, list) else [item]:
                    _reject_one(raw, key, raw, part)
            else:  # {ref: reason} or {ref: {"reason": ...}}
                reason = _reason_of(item) if isinstance(item, dict) else item
                _reject_one(key, reason if isinstance(reason, str) else None, {key: item}, part)
        return
    for entry in value if isinstance(value, list) else [value]:
        if isinstance(entry, dict):
            _reject_one(_entry_ref(entry), _reason_of(entry), entry, part)
        elif isinstance(entry, list) and len(entry) == 2:
            _reject_one(entry[0], entry[1], entry, part)
        else:
            _reject_one(entry, None, entry, part)


def _verdict(key: str, value: Any) -> str | None:
    """'accept' / 'reject' from a verdict field ("decision": "reject", "accepted": true, ...)."""
    if isinstance(value, bool):
        positive = not _REJECT_KEY.match(_key(key))
        return "accept" if value == positive else "reject"
    word = _key(value)
    return "accept" if word in _ACCEPT_WORDS else "reject" if word in _REJECT_WORDS else None


def _read_entry(obj: dict[str, Any], part: Part) -> bool:
    """One object per instruction: an id-like key and a verdict-like key. True if it was one."""
    verdict_key = next((k for k in obj if _key(k) in _VERDICT_KEYS and isinstance(obj[k], str | bool)), None)
    raw_ref = _entry_ref(obj)
    if verdict_key is None or raw_ref is None:
        return False
    verdict = _verdict(verdict_key, obj[verdict_key])
    if verdict is None:
        part.problems.append(f"unreadable verdict in {obj!r}")
    elif verdict == "accept":
        _read_accepted(raw_ref, part)
    else:
        _reject_one(raw_ref, _reason_of(obj), obj, part)
    return True


def read_object(obj: Any, part: Part | None = None) -> Part:
    """Everything one JSON value says about the decision (recursing into nested objects and lists)."""
    part = part if part is not None else Part()
    if isinstance(obj, list):
        for item in obj:
            read_object(item, part)
        return part
    if not isinstance(obj, dict):
        return part
    keys = {k: _key(k) for k in obj}
    decided = False
    for key, norm in keys.items():
        if isinstance(obj[key], bool):  # {"id": ..., "accepted": true} is one instruction's verdict
            continue
        if _ACCEPT_KEY.match(norm):
            _read_accepted(obj[key], part)
            decided = True
        elif _REJECT_KEY.match(norm):
            _read_rejected(obj[key], part)
            decided = True
    if not decided and not _read_entry(obj, part):
        for value in obj.values():
            if isinstance(value, dict | list):
                read_object(value, part)
    return part


def read_decision(payload: Any) -> ReadDecision:
    """Read one decision object on its own (no episode context: nothing is checked against refs)."""
    return merge([read_object(payload)], known=None)


def _add(out: ReadDecision, part: Part, votes: dict[str, set[str]]) -> None:
    out.problems.extend(part.problems)
    for ref in part.accepted:
        votes.setdefault(ref, set()).add("accept")
        if ref not in out.accepted:
            out.accepted.append(ref)
    for ref, reason in part.rejected:
        votes.setdefault(ref, set()).add("reject")
        if reason is None:
            out.problems.append(f"rejection of {ref} has no known reason")
        elif out.rejected.get(ref) not in (None, reason):
            out.problems.append(f"rejection of {ref} given two reasons")
        out.rejected[ref] = reason if reason is not None else out.rejected.get(ref)


def merge(parts: list[Part], known: set[str] | None) -> ReadDecision:
    """Merge the parts of one turn; with ``known`` refs, drop example objects and check coverage."""
    out = ReadDecision()
    votes: dict[str, set[str]] = {}
    for part in parts:
        if part.empty:
            continue
        out.found = True
        if known is not None and part.refs and not part.refs & known:
            out.ignored += 1
            continue
        _add(out, part, votes)
    out.problems.extend(f"{ref} both accepted and rejected" for ref, seen in votes.items() if len(seen) > 1)
    if known is not None:
        out.problems.extend(f"unknown ref {ref}" for ref in sorted(set(votes) - known))
        if out.found:
            out.problems.extend(f"{ref} left undecided" for ref in sorted(known - set(votes)))
    if not out.found or not votes:
        out.problems.append("no decision found")
    return out


def read_turn(text: str, known: set[str]) -> ReadDecision:
    """The decision in one raw agent output: every JSON object in it, merged (see module docstring)."""
    objects, _ = find_json_objects(text)
    return merge([read_object(obj) for obj in objects], known)
