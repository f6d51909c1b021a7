"""The Inspect solver that runs one multi-user episode with the agent and user model roles."""

from __future__ import annotations

from typing import Any

from inspect_ai.model import (
    ChatMessage,
    ChatMessageAssistant,
    ChatMessageSystem,
    ChatMessageUser,
    Model,
    ModelOutput,
    get_model,
)
from inspect_ai.solver import Generate, Solver, TaskState, solver
from tenacity import RetryError

from muses.episode import HANDLE_KEY, LIVE, ChatTurn, agent_chat, run_episode
from muses.logschema import EpisodeStore, SampleMetadata
from muses.protocol import Template
from muses.scenarios import AgentObservation, UserObservation, get_scenario

DEFAULT_USER_MODEL = "muses/scripted"
"""The `user` role when none is bound: deterministic scripted users (offline)."""


def to_inspect(chat: list[ChatTurn], handle: dict[str, Any]) -> list[ChatMessage]:
    """Convert provider-neutral chat turns to Inspect messages; the handle rides on the last one."""
    messages: list[ChatMessage] = []
    for index, turn in enumerate(chat):
        metadata: dict[str, Any] = {}
        if turn.speaker is not None:
            metadata["speaker"] = turn.speaker
        if index == len(chat) - 1:
            metadata[HANDLE_KEY] = handle
        if turn.role == "system":
            messages.append(ChatMessageSystem(content=turn.content, metadata=metadata or None))
        elif turn.role == "user":
            messages.append(ChatMessageUser(content=turn.content, metadata=metadata or None))
        else:
            messages.append(ChatMessageAssistant(content=turn.content, metadata=metadata or None))
    return messages


class ModelCallError(RuntimeError):
    """A model call that still failed after Inspect's retries, named by role, model and cause."""


async def _generate(model: Model, messages: list[ChatMessage], who: str) -> str:
    """``model.generate`` whose final failure names the caller and the provider's own message.

    Inspect gives up with tenacity's ``RetryError``, whose text ("RetryError(<Future ...>)") hides
    the cause; the sample's error in the log should say what the server said.
    """
    try:
        output = await model.generate(messages)
    except RetryError as error:
        cause = error.last_attempt.exception()
        attempts = error.last_attempt.attempt_number
        raise ModelCallError(f"{who} ({model}) failed after {attempts} attempt(s): {cause}") from cause
    return output.completion


def _agent_caller(model: Model, key: str) -> Any:
    async def call(chat: list[ChatTurn], obs: AgentObservation) -> str:
        handle = {"episode": key, "role": "agent", "round": obs.round}
        return await _generate(model, to_inspect(chat, handle), f"agent call in round {obs.round}")

    return call


def _user_caller(model: Model, key: str) -> Any:
    async def call(chat: list[ChatTurn], obs: UserObservation) -> str:
        handle = {"episode": key, "role": "user", "user": obs.user_id, "round": obs.round}
        return await _generate(model, to_inspect(chat, handle), f"user {obs.user_id} in round {obs.round}")

    return call


@solver
def multi_user_episode(rounds: int | None = None) -> Solver:
    """Play one episode: users (role `user`) and the agent under test (the task's model).

    The user-turn template (xml, says, colon, bracket, native) comes from the sample's metadata.

    Args:
        rounds: Maximum number of rounds (default: the scenario's).
    """

    async def solve(state: TaskState, generate: Generate) -> TaskState:
        meta = state.metadata_as(SampleMetadata)
        template: Template = meta.template  # type: ignore[assignment]
        spec = get_scenario(meta.scenario)
        record = spec.record_model.model_validate(meta.record)
        env = spec.environment(record, rounds or spec.default_rounds)
        key = f"{state.sample_id}#{state.epoch}#{id(env)}"
        agent = get_model()
        users = get_model(role="user", default=DEFAULT_USER_MODEL)
        store = state.store_as(EpisodeStore)
        with LIVE.open(key, env):
            try:
                await run_episode(env, template, _agent_caller(agent, key), _user_caller(users, key))
            finally:
                store.transcript = env.transcript.to_jsonable()
        final_round = max(env.transcript.last_round, 0)
        state.messages = to_inspect(agent_chat(env, template, final_round), {})
        turns = env.transcript.agent_turns()
        state.output = ModelOutput.from_content(model=str(agent), content=turns[-1].raw if turns else "")
        return state

    return solve
