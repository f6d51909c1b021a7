"""The interaction cycle of paper §4.1, as one pure async function over an ``Environment``.

Each round: the users asked to act reply concurrently (each sees only its own view), the agent
gets the round's inputs rendered with the chosen template and answers once, its output is parsed
and applied (deliveries to recipients only), then the environment advances. Model calls are
injected as callables, so this module knows nothing about Inspect and can be replayed in tests.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from muses.episode._generation import Generation, as_generation
from muses.episode._in_role import guard_user_text
from muses.protocol import (
    AGENT_ID,
    AgentMessage,
    AgentTurn,
    EnvironmentMessage,
    ParsedOutput,
    SharedWrite,
    Template,
    Transcript,
    UserMessage,
    UserTurn,
    parse_agent_output,
    render_round,
)
from muses.scenarios import AgentObservation, Environment, UserObservation, get_scenario
from muses.scenarios._base import GenerationLimits

SILENT = "[SILENT]"
"""What a simulated user says to stay silent for a round (scripted users may also return '')."""


class ChatTurn(BaseModel):
    """One chat message, provider-neutral: converted to Inspect messages by the solver."""

    model_config = ConfigDict(frozen=True)

    role: Literal["system", "user", "assistant"]
    content: str
    speaker: str | None = None
    """For user turns under the native template: the principal who spoke."""


class Issue(BaseModel):
    """A turn that did not end normally: a failed generation, or a user reply the guard changed."""

    model_config = ConfigDict(frozen=True)

    round: int
    role: str = Field(description="'agent' or 'user:<id>'.")
    kind: str = Field(description="max_tokens, model_length, content_filter, error_text, out_of_role or too_long.")
    detail: str = ""


AgentCall = Callable[[list[ChatTurn], AgentObservation], Awaitable[str | Generation]]
UserCall = Callable[[list[ChatTurn], UserObservation], Awaitable[str | Generation]]
"""Model calls: plain text (built-in participants) or a ``Generation`` (LLMs: stop reason read)."""


def _round_inputs(transcript: Transcript, round: int) -> list[UserTurn]:
    """The user turns of a round plus environment notices the agent received, as agent inputs."""
    turns: list[UserTurn] = []
    for event in transcript.events:
        if event.round != round:
            continue
        if isinstance(event, UserMessage):
            turns.append(UserTurn(speaker=event.sender, content=event.content))
        elif isinstance(event, EnvironmentMessage) and AGENT_ID in event.recipients:
            turns.append(UserTurn(speaker="environment", content=event.content))
    return turns


def agent_chat(env: Environment, template: Template, upto_round: int) -> list[ChatTurn]:
    """The agent's chat: system prompt, then per round the rendered inputs and its raw reply."""
    transcript = env.transcript
    chat = [ChatTurn(role="system", content=env.system_prompt(template))]
    raw_by_round = {turn.round: turn.raw for turn in transcript.agent_turns()}
    for round in range(upto_round + 1):
        turns = _round_inputs(transcript, round)
        if template == "native" and turns:
            chat.extend(
                ChatTurn(role="user", content=text, speaker=turn.speaker)
                for turn, text in zip(turns, render_round(template, turns), strict=True)
            )
        else:
            chat.extend(ChatTurn(role="user", content=text) for text in render_round(template, turns))
        if round in raw_by_round:
            chat.append(ChatTurn(role="assistant", content=raw_by_round[round]))
    return chat


def user_chat(env: Environment, user_id: str) -> list[ChatTurn]:
    """An LLM user's chat: its persona prompt, then its own view (the agent speaks as 'user')."""
    chat = [ChatTurn(role="system", content=env.user_system_prompt(user_id))]
    for event in env.transcript.view_as(user_id):
        if isinstance(event, UserMessage):
            if event.sender == user_id:
                chat.append(ChatTurn(role="assistant", content=event.content))
            else:
                chat.append(ChatTurn(role="user", content=f"[{event.sender}, visible to everyone]: {event.content}"))
        elif isinstance(event, AgentMessage):
            note = " (sent to everyone)" if event.broadcast else ""
            chat.append(ChatTurn(role="user", content=f"[Assistant{note}]: {event.content}"))
        elif isinstance(event, SharedWrite):
            chat.append(ChatTurn(role="user", content=f"[Shared board '{event.key}']: {event.content}"))
        elif isinstance(event, EnvironmentMessage):
            chat.append(ChatTurn(role="user", content=f"[System notice]: {event.content}"))
    if chat[-1].role != "user":
        nudge = (
            "(The conversation starts now. Write your first message to the assistant.)"
            if len(chat) == 1
            else f"(No new reply from the assistant. Write your next message, or {SILENT} to stay quiet.)"
        )
        chat.append(ChatTurn(role="user", content=nudge))
    return chat


def reply_chars(env: Environment) -> int:
    """The longest user message the scenario lets into the chat (its ``GenerationLimits``)."""
    try:
        return get_scenario(env.record.scenario).generation.user_reply_chars
    except ValueError:  # an environment of an unregistered scenario (tests)
        return GenerationLimits().user_reply_chars


def _user_text(env: Environment, user_id: str, reply: str | Generation, round: int, issues: list[Issue]) -> str:
    """What of a user's reply reaches the chat: nothing for a failed generation, else the guarded text."""
    generation = as_generation(reply)
    role = f"user:{user_id}"
    if generation.failed:
        issues.append(Issue(round=round, role=role, kind=str(generation.issue), detail=generation.describe()))
        return ""
    names = [p.id for p in env.transcript.principals]
    guarded = guard_user_text(generation.text, env.user_system_prompt(user_id), names, reply_chars(env))
    issues.extend(Issue(round=round, role=role, kind=kind, detail=detail) for kind, detail in guarded.changes)
    text = guarded.text
    return "" if text.strip(" .").upper() in (SILENT, SILENT.strip("[]")) else text


async def play_users(env: Environment, round: int, user: UserCall, issues: list[Issue] | None = None) -> list[str]:
    """Ask this round's users for input concurrently; record non-empty replies; return who spoke."""
    found = issues if issues is not None else []
    actors = env.users_to_act(round)
    requests = [user(user_chat(env, u), env.user_observation(u, round)) for u in actors]
    replies = await asyncio.gather(*requests)
    spoke: list[str] = []
    for user_id, reply in zip(actors, replies, strict=True):
        text = _user_text(env, user_id, reply, round, found)
        if text:
            env.transcript.add_user_message(round, user_id, text)
            spoke.append(user_id)
    return spoke


async def play_agent(
    env: Environment, round: int, template: Template, agent: AgentCall, issues: list[Issue] | None = None
) -> AgentTurn:
    """One agent call: render, call, parse, record the turn and apply its deliveries.

    A failed generation (truncated, context overflow, error text) is recorded as a format failure
    that delivers nothing; the environment then decides what it means (``on_failed_turn``).
    """
    generation = as_generation(await agent(agent_chat(env, template, round), env.agent_observation(round)))
    if generation.failed:
        kept = generation.raw if generation.issue == "max_tokens" else ""
        turn = env.transcript.add_agent_turn(round, kept, False, (generation.describe(),))
        env.apply_agent_output(round, ParsedOutput(format_ok=False, errors=[generation.describe()]))
        env.on_failed_turn(round, str(generation.issue))
        if issues is not None:
            issues.append(Issue(round=round, role="agent", kind=str(generation.issue), detail=generation.detail))
        return turn
    parsed = parse_agent_output(generation.text, env.transcript.user_ids, env.decision_keys)
    turn = env.transcript.add_agent_turn(round, generation.text, parsed.format_ok, parsed.errors)
    env.apply_agent_output(round, parsed)
    return turn


async def run_episode(
    env: Environment, template: Template, agent: AgentCall, user: UserCall, issues: list[Issue] | None = None
) -> Transcript:
    """Run rounds until the environment says the episode is over; returns the final transcript.

    ``issues`` (if given) collects every turn that did not end normally, in order.
    """
    env.template = template
    for round in range(env.max_rounds):
        spoke = await play_users(env, round, user, issues)
        if not env.continue_after_users(round, spoke):
            break
        await play_agent(env, round, template, agent, issues)
        env.after_round(round)
        if env.done(round):
            break
    return env.transcript
