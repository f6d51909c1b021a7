"""Training conversations: one structured form, rendered into every chat variant on export.

Datagen stores what happened (who said what each round and the agent's raw reply), not one
rendering of it, so one run yields the native variant (speaker in the message's ``name`` field)
and every serialized variant (xml, says, colon) byte-identical to what the benchmark sends an
agent under that template. The same renderer builds the teacher's prompts, so the data a model
is trained on is exactly the chat its teacher answered.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any, Literal, cast, get_args

from pydantic import BaseModel, ConfigDict, Field

from muses.protocol import (
    AGENT_ID,
    TEMPLATES,
    AgentTurn,
    EnvironmentMessage,
    Template,
    Transcript,
    UserMessage,
    UserTurn,
    render_round,
)

Variant = Literal["native", "xml", "says", "colon"]
VARIANTS: tuple[str, ...] = get_args(Variant)
"""Chat variants in an exported dataset: ``native`` (``name`` field) and three serializations."""

ENVIRONMENT_SPEAKER = "environment"
"""Speaker of environment notices the agent receives (as in the benchmark's agent chat)."""


class Turn(BaseModel):
    """One input the agent received: a user's message or an environment notice."""

    model_config = ConfigDict(frozen=True)

    speaker: str = Field(min_length=1)
    content: str


class Exchange(BaseModel):
    """One round: the inputs the agent saw, then its raw reply (never empty)."""

    model_config = ConfigDict(frozen=True)

    inputs: list[Turn]
    reply: str = Field(min_length=1)


class Provenance(BaseModel):
    """Where a conversation came from, so every training example can be traced to its log."""

    kind: Literal["episode", "freeform"]
    teacher: str = Field(description="Inspect model string of the agent side.")
    user_model: str = Field(description="Inspect model string of the simulated users.")
    scenario: str = Field(description="Benchmark scenario name, or 'freeform'.")
    split: str = Field(description="Generator split; always 'train' for benchmark episodes.")
    seed_id: str = Field(description="Scenario record id (episodes) or seed scenario id (freeform).")
    category: str | None = Field(default=None, description="Seed category for free-form conversations.")
    template: str = Field(description="User-turn template the teacher saw.")
    log_file: str | None = Field(default=None, description="Inspect log the conversation was read from.")
    scores: dict[str, float] = Field(default_factory=dict, description="Episode scores (episodes only).")


class Conversation(BaseModel):
    """A multi-user conversation ready for export."""

    id: str = Field(min_length=1, description="Deterministic id (known before the run: resume key).")
    content_hash: str = Field(description="Hash of system prompt and exchanges (dedupe key).")
    users: list[str] = Field(description="Every participant's name, in roster order.")
    system: dict[str, str] = Field(description="System prompt per template (it names the template).")
    exchanges: list[Exchange] = Field(min_length=1)
    provenance: Provenance


def content_hash(system: str, exchanges: list[Exchange]) -> str:
    """Stable hash of what a model would learn from: the native system prompt and the exchanges."""
    payload = {"system": system, "exchanges": [e.model_dump(mode="json") for e in exchanges]}
    blob = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()[:32]


def system_prompts(prompt: Callable[[Template], str]) -> dict[str, str]:
    """The system prompt under every template (each names its own user-turn format)."""
    return {template: prompt(cast(Template, template)) for template in TEMPLATES}


def make_conversation(
    id: str, users: list[str], system: dict[str, str], exchanges: list[Exchange], provenance: Provenance
) -> Conversation:
    """Build a conversation, hashing its content; needs a system prompt for every variant."""
    missing = [v for v in VARIANTS if v not in system]
    if missing:
        raise ValueError(f"conversation {id}: no system prompt for variants {missing}")
    return Conversation(
        id=id,
        content_hash=content_hash(system["native"], exchanges),
        users=users,
        system=system,
        exchanges=exchanges,
        provenance=provenance,
    )


def exchanges_from_transcript(transcript: Transcript) -> list[Exchange]:
    """The agent's rounds from a logged transcript: its inputs and non-empty raw replies.

    Inputs are the round's user messages and the environment notices addressed to the agent, in
    event order, exactly as the benchmark's agent chat shows them. The conversation ends before
    the first round without a usable reply (none, or an empty one): trailing inputs nobody
    answered, and an empty turn with everything after it, never reach the training data.
    """
    exchanges: list[Exchange] = []
    for round in range(transcript.last_round + 1):
        inputs: list[Turn] = []
        reply: str | None = None
        for event in transcript.events:
            if event.round != round:
                continue
            if isinstance(event, UserMessage):
                inputs.append(Turn(speaker=event.sender, content=event.content))
            elif isinstance(event, EnvironmentMessage) and AGENT_ID in event.recipients:
                inputs.append(Turn(speaker=ENVIRONMENT_SPEAKER, content=event.content))
            elif isinstance(event, AgentTurn):
                reply = event.raw
        if reply is None or not reply.strip():
            break
        exchanges.append(Exchange(inputs=inputs, reply=reply))
    return exchanges


def benchmark_chat(
    system: str, exchanges: list[Exchange], template: Template, pending: list[Turn] | None = None
) -> list[tuple[str, str, str | None]]:
    """(role, content, speaker) triples exactly as the benchmark renders an agent's chat.

    Mirrors ``muses.scenarios.agent_chat``: each round's inputs through ``render_round`` (one
    message per turn under ``native``, with the speaker alongside), then the raw reply.
    ``pending`` appends a round that still awaits the reply (the teacher's current prompt).
    """
    chat: list[tuple[str, str, str | None]] = [("system", system, None)]
    rounds: list[tuple[list[Turn], str | None]] = [(e.inputs, e.reply) for e in exchanges]
    if pending is not None:
        rounds.append((pending, None))
    for inputs, reply in rounds:
        turns = [UserTurn(speaker=t.speaker, content=t.content) for t in inputs]
        texts = render_round(template, turns)
        if template == "native" and turns:
            chat.extend(("user", text, turn.speaker) for turn, text in zip(turns, texts, strict=True))
        else:
            chat.extend(("user", text, None) for text in texts)
        if reply is not None:
            chat.append(("assistant", reply, None))
    return chat


def sft_messages(conversation: Conversation, variant: Variant) -> list[dict[str, Any]]:
    """Chat messages of one variant, each with ``role``, ``content`` and ``name``.

    Every variant's contents are the benchmark's rendering for that template, so the system
    prompt's description of the format holds. ``native`` additionally carries each user turn's
    speaker in ``name`` (the chat template prints it in the role header, where message text
    cannot forge it); serialized variants leave ``name`` empty. Every message has all three
    keys so the Arrow schema of an exported dataset is uniform.
    """
    if variant not in VARIANTS:
        raise ValueError(f"variant: {variant!r} is not one of {', '.join(VARIANTS)}")
    chat = benchmark_chat(conversation.system[variant], conversation.exchanges, variant)
    return [{"role": role, "content": content, "name": speaker} for role, content, speaker in chat]
