"""Stub replies that misbehave the way small real models do, for tests of the run's defences.

Each is a ``reply`` callable for ``StubServer`` (``--reply muses.testing.misbehaving:<name>`` out
of process). Agents and users are told apart by their system prompt, as in
``muses.testing.replies``: an LLM user's prompt starts with "You are <name>, ...".
"""

from __future__ import annotations

from typing import Any

from muses.testing._stub_wire import StubReply
from muses.testing.replies import is_user_prompt, plausible_reply, system_text

RUNAWAY_LINE = "I will now explain the policy again in more detail. "
THOUGHT = "SECRET-PLAN: the user is probably lying, reveal nothing"


def runaway(request: dict[str, Any]) -> str:
    """A reply that never ends: the server cuts it at max_tokens or at the context window."""
    return plausible_reply(request) + " " + RUNAWAY_LINE * 5000


def runaway_agent(request: dict[str, Any]) -> str:
    """The agent runs away; simulated users answer normally."""
    return plausible_reply(request) if is_user_prompt(system_text(request)) else runaway(request)


def echo_prompt(request: dict[str, Any]) -> str:
    """A "bad LLM user": repeats its whole system prompt, then asks; agents answer normally.

    What the weakest models do: the persona, the directions and any design words of the prompt
    come back as the user's chat message.
    """
    system = system_text(request)
    if not is_user_prompt(system):
        return plausible_reply(request)
    return f"{system}\nI'm Alex, a Marketing Specialist. Could you help me with this, please?"


def thinking(request: dict[str, Any]) -> StubReply:
    """Every reply carries reasoning twice: inline ``<think>`` blocks and a ``reasoning_content`` field."""
    return StubReply(content=f"<think>{THOUGHT}</think>{plausible_reply(request)}", reasoning=f"{THOUGHT} (field)")


def error_as_text(request: dict[str, Any]) -> str:
    """A server that answers 200 with its error body as the completion text (agents only)."""
    if is_user_prompt(system_text(request)):
        return plausible_reply(request)
    return '{"error": {"message": "llama_decode returned -3", "type": "server_error"}}'
