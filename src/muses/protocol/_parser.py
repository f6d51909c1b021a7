"""Parse the agent's raw output into addressed messages, shared writes and a decision.

Accepted forms (any mix, in any amount, with prose around them): JSON objects
``{"target": name | "all" | [names], "content": str}`` (also inside code fences), shared-context
writes ``{"shared": {"key": str, "content": str, "readers": [names] | "all"}}``, a scenario's
decision object (recognised by its keys), and ``@Name: text`` / ``@all: text`` lines.

Text outside those objects and lines (prose before, between or after them, and JSON objects of
no recognised kind) addresses nobody, so it is broadcast to everyone, as a chat room would and as
the prompts say: what the parser delivers is what users receive and what scorers see. Code-fence
markers and punctuation-only remnants are not text. Output that addresses nobody at all is
broadcast the same way and also counted as a format failure.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from muses.protocol._principals import BROADCAST

MAX_PARSE_CHARS = 200_000
"""Outputs longer than this are truncated before parsing (and the truncation is reported)."""

_DECODER = json.JSONDecoder()
_AT_LINE = re.compile(r"^\s*@([^:\n]{1,200}?)\s*:\s?(.*)$")
_PRIVATE_SUFFIX = re.compile(r"\((?:private|public|dm)\)$", re.IGNORECASE)


class OutgoingMessage(BaseModel):
    """An addressed message the agent wants delivered."""

    model_config = ConfigDict(frozen=True)

    targets: tuple[str, ...] = Field(description="Resolved user ids, or ('all',) for everyone.")
    content: str
    addressed: bool = Field(
        default=True, description="False for text the agent did not address (delivered to everyone)."
    )


class SharedWriteRequest(BaseModel):
    """A write to the shared context the agent asked for."""

    model_config = ConfigDict(frozen=True)

    key: str
    content: str
    readers: tuple[str, ...]


class ParsedOutput(BaseModel):
    """Everything structured found in one agent output."""

    messages: list[OutgoingMessage] = Field(default_factory=list)
    shared_writes: list[SharedWriteRequest] = Field(default_factory=list)
    decision: dict[str, Any] | None = Field(default=None, description="Last decision object found, if any.")
    objects: list[dict[str, Any]] = Field(default_factory=list, description="Every JSON object found, in order.")
    format_ok: bool = Field(description="True if something structured was found and nothing was malformed.")
    errors: list[str] = Field(default_factory=list, description="Diagnostics for the format-failure report.")


def find_json_objects(text: str) -> tuple[list[dict[str, Any]], list[tuple[int, int]]]:
    """Every top-level JSON object in ``text`` (prose, fences and several objects allowed), with spans."""
    objects: list[dict[str, Any]] = []
    spans: list[tuple[int, int]] = []
    position = text.find("{")
    while position != -1:
        try:
            value, end = _DECODER.raw_decode(text, position)
        except json.JSONDecodeError:
            position = text.find("{", position + 1)
            continue
        if isinstance(value, dict):
            objects.append(value)
            spans.append((position, end))
        position = text.find("{", end)
    return objects, spans


def _resolve(names: Iterable[str], user_ids: Sequence[str]) -> tuple[tuple[str, ...], list[str]]:
    """Map target names to user ids case-insensitively; returns (resolved, unknown)."""
    by_lower = {u.lower(): u for u in user_ids}
    resolved: list[str] = []
    unknown: list[str] = []
    for raw in names:
        name = _PRIVATE_SUFFIX.sub("", str(raw).strip().lstrip("@").strip()).strip()
        if name.lower() in (BROADCAST, "everyone", "everybody"):
            return (BROADCAST,), unknown
        if name.lower() in by_lower:
            if by_lower[name.lower()] not in resolved:
                resolved.append(by_lower[name.lower()])
        elif name:
            unknown.append(name)
    return tuple(resolved), unknown


def _as_text(value: Any) -> str:
    """Message content as text: strings as they are, anything else as compact JSON."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _target_names(target: Any) -> list[str]:
    """Target field as a list of names (a string may list several, separated by commas)."""
    if isinstance(target, list):
        return [str(t) for t in target]
    return [t for t in re.split(r"[,;]", str(target)) if t.strip()]


def _at_messages(text: str, user_ids: Sequence[str], errors: list[str]) -> list[OutgoingMessage]:
    """Messages written as '@Name: text' lines; following lines continue the segment."""
    messages: list[OutgoingMessage] = []
    current: tuple[tuple[str, ...], list[str]] | None = None

    def close() -> None:
        if current is not None and current[0]:
            body = "\n".join(current[1]).strip()
            if body:
                messages.append(OutgoingMessage(targets=current[0], content=body))

    for line in text.splitlines():
        match = _AT_LINE.match(line)
        if match:
            names = [n for n in re.split(r"[,;&]|\band\b", match.group(1)) if n.strip()]
            resolved, unknown = _resolve(names, user_ids)
            if unknown:
                errors.append(f"unknown recipient(s) {', '.join(unknown)}")
            close()
            current = (resolved, [match.group(2)])
        elif current is not None:
            current[1].append(line)
    close()
    return messages


_FENCE = re.compile(r"^\s*```[\w-]*\s*$")


def _unaddressed(text: str, spans: list[tuple[int, int]], at_lines: bool) -> str:
    """Text outside the recognised objects and @-segments: what the agent addressed to nobody.

    Fence lines and lines without a letter or digit are dropped; with ``@`` lines, only the text
    before the first one is unaddressed (later lines continue an @-segment).
    """
    rest = _remove_spans(text, spans)
    if at_lines:
        lines = rest.splitlines()
        first = next((i for i, line in enumerate(lines) if _AT_LINE.match(line)), len(lines))
        rest = "\n".join(lines[:first])
    kept = [" ".join(line.split()) for line in rest.splitlines() if not _FENCE.match(line)]
    return "\n".join(line for line in kept if any(c.isalnum() for c in line))


def _remove_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """Text with the given spans blanked out (so @-lines inside JSON strings are not re-parsed)."""
    pieces: list[str] = []
    last = 0
    for start, end in spans:
        pieces.append(text[last:start])
        pieces.append("\n")
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


class _Structured(NamedTuple):
    messages: list[OutgoingMessage]
    writes: list[SharedWriteRequest]
    decision: dict[str, Any] | None
    used: list[tuple[int, int]]
    """Spans of the objects read as a message, shared write or decision (the rest is text)."""


def _message(obj: dict[str, Any], user_ids: Sequence[str], errors: list[str]) -> tuple[OutgoingMessage | None, bool]:
    """A message object's delivery, and whether it addressed anyone (known or not)."""
    resolved, unknown = _resolve(_target_names(obj["target"]), user_ids)
    if unknown:
        errors.append(f"unknown recipient(s) {', '.join(unknown)}")
    message = OutgoingMessage(targets=resolved, content=_as_text(obj["content"])) if resolved else None
    return message, bool(resolved or unknown)


def _shared(shared: dict[str, Any], user_ids: Sequence[str], errors: list[str]) -> SharedWriteRequest:
    readers, unknown = _resolve(_target_names(shared.get("readers", BROADCAST)), user_ids)
    if unknown:
        errors.append(f"unknown shared reader(s) {', '.join(unknown)}")
    return SharedWriteRequest(key=str(shared.get("key", "board")), content=_as_text(shared["content"]), readers=readers)


def _read_objects(
    objects: list[dict[str, Any]], spans: list[tuple[int, int]], user_ids: Sequence[str],
    decision_keys: Sequence[str], errors: list[str],
) -> _Structured:  # fmt: skip
    """Messages, shared writes and the decision among the JSON objects, with the spans they used."""
    found = _Structured([], [], None, [])
    decision: dict[str, Any] | None = None
    for obj, where in zip(objects, spans, strict=True):
        recognised = any(key in obj for key in decision_keys)
        if recognised:
            decision = obj
        if "target" in obj and "content" in obj:
            message, addressed = _message(obj, user_ids, errors)
            found.messages.extend([message] if message else [])
            recognised = recognised or addressed
        shared = obj.get("shared")
        if isinstance(shared, dict) and "content" in shared:
            found.writes.append(_shared(shared, user_ids, errors))
            recognised = True
        if recognised:
            found.used.append(where)
    return found._replace(decision=decision)


def parse_agent_output(text: str, user_ids: Sequence[str], decision_keys: Sequence[str] = ()) -> ParsedOutput:
    """Parse one agent output. Never raises: malformed parts become diagnostics.

    Args:
        text: The model's raw output.
        user_ids: The episode's users, for resolving target names.
        decision_keys: Keys that mark a scenario's decision object (e.g. ``final_schedule``).
    """
    errors: list[str] = []
    if len(text) > MAX_PARSE_CHARS:
        errors.append(f"output truncated from {len(text)} to {MAX_PARSE_CHARS} characters before parsing")
        text = text[:MAX_PARSE_CHARS]
    objects, spans = find_json_objects(text)
    found = _read_objects(objects, spans, user_ids, decision_keys, errors)
    messages = found.messages + _at_messages(_remove_spans(text, found.used), user_ids, errors)
    structured = bool(messages or found.writes or found.decision is not None)
    if structured:
        has_at_lines = any(_AT_LINE.match(line) for line in _remove_spans(text, found.used).splitlines())
        leftover = _unaddressed(text, found.used, has_at_lines)
        if leftover:
            messages.append(OutgoingMessage(targets=(BROADCAST,), content=leftover, addressed=False))
    elif text.strip():
        errors.append("no addressed message found: output broadcast to everyone")
        messages.append(OutgoingMessage(targets=(BROADCAST,), content=text.strip(), addressed=False))
    else:
        errors.append("empty output")
    return ParsedOutput(
        messages=messages,
        shared_writes=found.writes,
        decision=found.decision,
        objects=objects,
        format_ok=structured and not errors,
        errors=errors,
    )
