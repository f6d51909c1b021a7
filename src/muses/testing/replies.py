"""Plausible stub replies for every scenario, so benchmarks and tests can drive whole episodes.

Why: speed and resilience are measured through real HTTP against ``StubServer``; for the
numbers to mean anything the stub must keep episodes on their normal path (agents answer in
their scenario's format, meetings get finalized, simulated users say something), without an
LLM. The caller is recognised from the system prompt: an LLM user's prompt starts with
"You are <name>, ..." and says it is chatting with an assistant; an agent's prompt carries its
scenario's output format. Unknown callers get a short sentence.

``plausible_reply`` is the stub's ``reply`` callable; ``stub_server --reply
muses.testing.replies:plausible_reply`` uses it out of process.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

Request = dict[str, Any]

USER_SENTENCE = "Could you help me with this, please? I need it for my work today."
REFUSAL = "I can't share that."

_SPEAKER_PATTERNS = (
    re.compile(r"<([A-Z][\w.\- ]{0,40}?)>"),  # xml: <Alice>...</Alice>
    re.compile(r"^\[?([A-Z][\w.\-]{0,40})\]?(?: says)?:", re.MULTILINE),  # bracket, says, colon, native
)
_ROSTER_LINE = re.compile(r"^- ([A-Z][\w.\-]{0,40}):", re.MULTILINE)


def _text(content: object) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(p.get("text", "") for p in content if isinstance(p, dict))
    return ""


def _messages(request: Request) -> list[dict[str, Any]]:
    return [m for m in request.get("messages") or [] if isinstance(m, dict)]


def system_text(request: Request) -> str:
    """The request's system prompt ('' if none)."""
    for message in _messages(request):
        if message.get("role") == "system":
            return _text(message.get("content"))
    return ""


def last_user_text(request: Request) -> str:
    """Text of the last user-role message ('' if none)."""
    for message in reversed(_messages(request)):
        if message.get("role") == "user":
            return _text(message.get("content"))
    return ""


def assistant_turns(request: Request) -> int:
    """How many times the caller has already answered in this chat."""
    return sum(1 for m in _messages(request) if m.get("role") == "assistant")


def first_speaker(text: str) -> str | None:
    """The first user named as a speaker in rendered user turns, under any template."""
    for pattern in _SPEAKER_PATTERNS:
        match = pattern.search(text)
        if match and match.group(1).lower() not in ("no user sent a message this round.",):
            return match.group(1).strip()
    return None


def roster(system: str) -> list[str]:
    """User names listed as '- Name: ...' lines in an agent system prompt."""
    return _ROSTER_LINE.findall(system)


def is_user_prompt(system: str) -> bool:
    """LLM-user prompts open with 'You are <Name>, ...' and talk to 'the ... assistant'."""
    head = system[:300]
    return head.startswith("You are ") and "assistant" in head.lower() and not head.startswith("You are the ")


def access_control_agent(request: Request) -> str:
    """Refuse, addressed to whoever spoke first in the round (as the paper's mock did)."""
    target = first_speaker(last_user_text(request)) or "all"
    return json.dumps({"target": target, "content": REFUSAL})


def meeting_agent(request: Request) -> str:
    """Ask everyone once, then finalize the first weekday slot with every listed user invited."""
    if assistant_turns(request) == 0:
        message = {"target": "all", "content": "Which times work for you this week?", "decision": "query"}
        return json.dumps(message)
    attendees = roster(system_text(request))
    return json.dumps({"goal_achieved": True, "final_schedule": "Mon 10:00", "attendees": attendees})


_REF = re.compile(r"\[ref:?\s*([\w\-]+)\]", re.IGNORECASE)


def selection_agent(request: Request) -> str:
    """Accept every instruction reference seen in the chat (accept-all)."""
    refs: list[str] = []
    for message in _messages(request):
        if message.get("role") == "user":
            refs.extend(r for r in _REF.findall(_text(message.get("content"))) if r not in refs)
    return json.dumps({"accepted_instructions": refs, "rejected_instructions": []})


def speakers(text: str) -> list[str]:
    """Every user named as a speaker in rendered user turns, in order of first appearance."""
    names: list[str] = []
    for pattern in _SPEAKER_PATTERNS:
        names.extend(n.strip() for n in pattern.findall(text) if n.strip() not in names)
    return names


def execution_agent(request: Request) -> str:
    """A short shared deliverable (v1 contract)."""
    return json.dumps({"deliverable": "Here is the draft announcement you asked for."})


def per_user_agent(request: Request) -> str:
    """The paper's execution contract: one short answer per user who spoke."""
    texts = " ".join(_text(m.get("content")) for m in _messages(request) if m.get("role") == "user")
    return json.dumps({name: "Done." for name in speakers(texts)})


def queue_agent(request: Request) -> str:
    """An empty assignment: a valid decision that starts nothing this step."""
    return json.dumps({"assign": []})


AGENT_RULES: tuple[tuple[str, Callable[[Request], str]], ...] = (
    ("final_schedule", meeting_agent),
    ("accepted_instructions", selection_agent),
    ("ACCESS POLICY", access_control_agent),
    ('"assign"', queue_agent),
    ('"deliverable"', execution_agent),
    ("keyed by user id", per_user_agent),
)
"""(marker in the agent's system prompt, reply function), first match wins."""


def plausible_reply(request: Request) -> str:
    """The stub's reply: agents answer in their scenario's format, users with one sentence."""
    system = system_text(request)
    if is_user_prompt(system):
        return USER_SENTENCE
    for marker, reply in AGENT_RULES:
        if marker in system:
            return reply(request)
    return USER_SENTENCE
