"""Datagen (b): free-form multi-user conversations from seed scenarios, as an Inspect task.

Each sample is one planned conversation: per agent turn, one to three participants speak (in
turn, each seeing the conversation so far), then the teacher answers. Users are the ``user``
model role and the teacher is the task's model, so concurrency across conversations, retries,
rate limits and logs are Inspect's. Empty user turns are dropped; an empty or unaddressed
teacher reply ends the conversation and only the complete exchanges before it are kept.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from inspect_ai import Task
from inspect_ai.dataset import MemoryDataset, Sample
from inspect_ai.model import (
    ChatMessage,
    ChatMessageAssistant,
    ChatMessageSystem,
    ChatMessageUser,
    ModelOutput,
    get_model,
)
from inspect_ai.solver import Generate, Solver, TaskState, solver
from pydantic import BaseModel, Field, model_validator

from muses.logschema import EpisodeStore
from muses.protocol import Template, Transcript, parse_agent_output
from muses.scenarios._seeding import content_id, derive_rng
from muses.training._conversation import Turn, benchmark_chat, exchanges_from_transcript
from muses.training._freeform_prompts import agent_system_prompt, clean_user_text, user_chat
from muses.training._seeds import Seed

FREEFORM_KEY = "muses_freeform"
"""Store key with the conversation's stop reason (and the rejected teacher reply, if any)."""

LENGTHS: tuple[tuple[str, float, int, int], ...] = (("single", 0.2, 1, 1), ("short", 0.4, 2, 5), ("medium", 0.4, 6, 10))
"""The paper's turn distribution: (kind, probability, min agent turns, max agent turns)."""


class FreeformDatagenConfig(BaseModel):
    """Everything `muses datagen freeform` needs."""

    out: Path
    teacher: str = Field(description="Inspect model string of the teacher (the agent side).")
    user_model: str | None = Field(default=None, description="Model for simulated users (default: the teacher).")
    seeds_file: Path | None = Field(default=None, description="Seed JSON file (default: the shipped seeds).")
    categories: list[str] | None = None
    per_seed: int = Field(default=1, ge=1, description="Conversations per seed.")
    seed: int = Field(default=0, description="Randomness of conversation plans (lengths and speakers).")
    max_turns: int = Field(default=10, ge=1, description="Cap on agent turns per conversation.")
    template: Template = Field(default="xml", description="How the teacher sees user turns.")
    log_dir: Path = Path("logs/datagen")
    batch_size: int = Field(default=100, ge=1)
    max_connections: int | None = None

    @model_validator(mode="after")
    def _llm_participants(self) -> FreeformDatagenConfig:
        builtins = [m for m in (self.teacher, self.users) if m.startswith("muses/")]
        if builtins:
            raise ValueError(
                f"free-form conversations need LLM participants; {builtins[0]} plays only benchmark scenarios "
                "(use `muses datagen episodes` for built-in participants)"
            )
        return self

    @property
    def users(self) -> str:
        """The user model actually used."""
        return self.user_model or self.teacher


def plan_conversation(seed: Seed, index: int, rng_seed: int, max_turns: int) -> list[list[str]]:
    """Who speaks before each agent turn: a length from the paper's mix, 1-3 speakers per turn.

    Drawn per conversation (the paper drew one length per seed and type, so every conversation
    of a seed had the same length).
    """
    rng = derive_rng("freeform", seed.id, rng_seed, index)
    kind, _, low, high = rng.choices(LENGTHS, weights=[w for _, w, _, _ in LENGTHS])[0]
    turns = min(rng.randint(low, high), max_turns)
    names = [p.id for p in seed.participants]
    if kind == "single":
        return [[rng.choice(names)]]
    return [rng.sample(names, rng.randint(1, min(3, len(names)))) for _ in range(turns)]


def conversation_id(seed: Seed, index: int, config: FreeformDatagenConfig) -> str:
    """Deterministic id of one planned conversation (the resume key)."""
    payload = {
        "seed": seed.model_dump(mode="json"),
        "index": index,
        "rng": config.seed,
        "max_turns": config.max_turns,
        "teacher": config.teacher,
        "users": config.users,
        "template": config.template,
    }
    return content_id("ff", payload)


def _inspect_chat(chat: list[tuple[str, str, str | None]] | list[tuple[str, str]]) -> list[ChatMessage]:
    messages: list[ChatMessage] = []
    for role, content, *rest in chat:
        metadata = {"speaker": rest[0]} if rest and rest[0] else None
        if role == "system":
            messages.append(ChatMessageSystem(content=content))
        elif role == "user":
            messages.append(ChatMessageUser(content=content, metadata=metadata))
        else:
            messages.append(ChatMessageAssistant(content=content))
    return messages


@solver
def freeform_conversation(user_model: str, template: Template = "xml") -> Solver:
    """Play one planned conversation: users (role `user`) then the teacher (the task's model).

    Args:
        user_model: Model for the `user` role when none is bound.
        template: How user turns are rendered for the teacher.
    """

    async def solve(state: TaskState, generate: Generate) -> TaskState:
        seed = Seed.model_validate(state.metadata["seed"])
        plan: list[list[str]] = state.metadata["plan"]
        teacher = get_model()
        users = get_model(role="user", default=user_model)
        transcript = Transcript(principals=seed.principals())
        system = agent_system_prompt(seed, template)
        info: dict[str, Any] = {"stop": "completed"}
        chat: list[ChatMessage] = []
        for round, speakers in enumerate(plan):
            for name in speakers:
                output = await users.generate(_inspect_chat(user_chat(seed, transcript, name)))
                text = clean_user_text(output.completion, name)
                if text:
                    transcript.add_user_message(round, name, text, public=True)
            inputs = [Turn(speaker=m.sender, content=m.content) for m in transcript.user_messages(round)]
            if not inputs:
                info["stop"] = f"round {round}: every user turn was empty"
                break
            chat = _inspect_chat(benchmark_chat(system, exchanges_from_transcript(transcript), template, inputs))
            output = await teacher.generate(chat)
            raw = output.completion
            parsed = parse_agent_output(raw, transcript.user_ids)
            if not raw.strip() or not parsed.format_ok:
                info.update(stop=f"round {round}: teacher reply {'empty' if not raw.strip() else 'not addressed'}", raw=raw)
                break
            transcript.add_agent_turn(round, raw, True)
            for message in parsed.messages:
                transcript.add_agent_message(round, message.targets, message.content)
            chat.append(ChatMessageAssistant(content=raw))
        state.store_as(EpisodeStore).transcript = transcript.to_jsonable()
        state.store.set(FREEFORM_KEY, info)
        state.messages = chat or state.messages
        turns = transcript.agent_turns()
        state.output = ModelOutput.from_content(model=str(teacher), content=turns[-1].raw if turns else "")
        return state

    return solve


def freeform_task(seeds: list[Seed], config: FreeformDatagenConfig, skip: set[str] | None = None) -> Task:
    """The Inspect task of planned conversations (those whose ids are in ``skip`` left out)."""
    samples = []
    for seed in seeds:
        for index in range(config.per_seed):
            sample_id = conversation_id(seed, index, config)
            if skip and sample_id in skip:
                continue
            plan = plan_conversation(seed, index, config.seed, config.max_turns)
            samples.append(
                Sample(
                    id=sample_id,
                    input=f"free-form conversation {index} of seed {seed.id}",
                    metadata={"seed": seed.model_dump(mode="json"), "plan": plan, "index": index, "category": seed.category},
                )
            )
    return Task(
        dataset=MemoryDataset(samples, name="muses_freeform"),
        solver=freeform_conversation(config.users, config.template),
        name="muses_freeform",
        metadata={"template": config.template, "rng_seed": config.seed},
    )
