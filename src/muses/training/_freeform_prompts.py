"""Prompts of free-form datagen: the agent's system prompt and each simulated user's chat.

The agent's system prompt is also the system prompt of the training example, so a trained model
sees the same instructions its teacher followed. Simulated users get their persona plus their
own view of the conversation so far (``Transcript.view_as``): everything said in the group and
every agent message addressed to them, in order. The paper's generator gave each user block a
fresh, empty history, so its users could not react to anything the agent had said.
"""

from __future__ import annotations

from muses.protocol import AgentMessage, Template, Transcript, UserMessage, describe_template
from muses.training._seeds import ASSISTANT_ROLES, Seed

SILENT = "[SILENT]"

REPLY_RULES = """HOW TO REPLY
Write each message on its own line starting with its recipient: "@Name: message" for one person
(or "@Name, @Other: message" for several), "@all: message" for everyone. Lines that follow
continue the same message. A message addressed to a person is delivered only to them: use that
for anything private or sensitive, and never repeat one person's private information to others.
Keep messages short and concrete. When requests conflict, weigh each person's role and needs and
say plainly what you will do and why."""


def agent_system_prompt(seed: Seed, template: Template) -> str:
    """The agent's (teacher's, and the training example's) system prompt for one seed."""
    roster = "\n".join(f"- {p.id}: {p.role}. {p.background}" for p in seed.participants)
    return (
        f"You are {ASSISTANT_ROLES[seed.category]} in a conversation with several people at once.\n\n"
        f"Situation: {seed.title}. {seed.description}\n\n"
        f"People in this conversation (the system verifies who sent each message):\n{roster}\n\n"
        f"{describe_template(template)}\n\n{REPLY_RULES}"
    )


def user_system_prompt(seed: Seed, name: str) -> str:
    """The persona prompt of one simulated participant."""
    me = seed.participant(name)
    others = "\n".join(f"- {p.id}: {p.role}" for p in seed.participants if p.id != name)
    behavior = f"How you act: {me.behavior}\n" if me.behavior else ""
    return (
        f"You are {me.id}, {me.role}, in a group chat with other people and an AI assistant.\n"
        f"Situation: {seed.title}. {seed.description}\n"
        f"What you know and want: {me.background}\n{behavior}"
        f"Other people in the chat:\n{others}\n\n"
        "Write only your next message to the group: one to three sentences, in your own voice, "
        "reacting to what has been said so far. Address the assistant as @Agent and others as @Name "
        "if you like. Do not write for anyone else and do not put your name in front. "
        f"If you have nothing to add right now, reply {SILENT}."
    )


def user_chat(seed: Seed, transcript: Transcript, name: str) -> list[tuple[str, str]]:
    """(role, content) chat of one simulated user: persona, its view so far, then its cue."""
    chat: list[tuple[str, str]] = [("system", user_system_prompt(seed, name))]
    for event in transcript.view_as(name):
        if isinstance(event, UserMessage):
            if event.sender == name:
                chat.append(("assistant", event.content))
            else:
                chat.append(("user", f"[{event.sender}]: {event.content}"))
        elif isinstance(event, AgentMessage):
            others = [r for r in event.recipients if r != name]
            audience = "everyone" if event.broadcast else ("you" + "".join(f", {o}" for o in others))
            chat.append(("user", f"[Assistant to {audience}]: {event.content}"))
    cue = "The chat starts now. Write your first message." if len(chat) == 1 else "It is your turn. Write your next message."
    chat.append(("user", f"({cue})"))
    return chat


def _unquote(text: str) -> str:
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1].strip()
    return text


def clean_user_text(text: str, name: str) -> str:
    """A simulated user's reply without silence markers, quotes or a self-added name prefix."""
    text = _unquote((text or "").strip())
    for prefix in (f"{name}:", f"[{name}]:", f"<{name}>"):
        if text.startswith(prefix):
            text = text[len(prefix) :].strip()
    if text.endswith(f"</{name}>"):
        text = text[: -len(f"</{name}>")].strip()
    text = _unquote(text)
    return "" if text.strip(" .").upper() in (SILENT, SILENT.strip("[]")) else text
