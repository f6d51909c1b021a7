"""The Inspect solver that runs one multi-user episode with the agent and user model roles."""

from __future__ import annotations

from collections import Counter
from typing import Any

from inspect_ai.model import (
    ChatMessage,
    ChatMessageAssistant,
    ChatMessageSystem,
    ChatMessageUser,
    GenerateConfig,
    Model,
    ModelOutput,
    get_model,
)
from inspect_ai.model._generate_config import active_generate_config
from inspect_ai.solver import Generate, Solver, TaskState, solver
from tenacity import RetryError

from muses.episode import HANDLE_KEY, LIVE, ChatTurn, agent_chat, run_episode
from muses.episode._breaker import CallBreaker
from muses.episode._counts import COUNTS
from muses.episode._engine import Issue
from muses.episode._generation import Generation, read_generation
from muses.logschema import EpisodeStore, SampleMetadata, TurnIssue
from muses.protocol import Template
from muses.scenarios import AgentObservation, UserObservation, get_scenario
from muses.scenarios._base import GenerationLimits

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


def _model_key(model: Model) -> str:
    base_url = getattr(model.api, "base_url", None)
    return f"{model} at {base_url}" if base_url else str(model)


async def _generate(
    model: Model, messages: list[ChatMessage], who: str, config: GenerateConfig, breaker: CallBreaker
) -> Generation:
    """``model.generate`` read as a ``Generation``; a final failure names the caller and the cause.

    Inspect gives up with tenacity's ``RetryError``, whose text ("RetryError(<Future ...>)") hides
    the cause; the sample's error in the log should say what the server said.
    """
    key = _model_key(model)
    breaker.check(key)
    try:
        output = await model.generate(messages, config=config)
    except RetryError as error:
        cause = error.last_attempt.exception()
        attempts = error.last_attempt.attempt_number
        message = f"{who} ({model}) failed after {attempts} attempt(s): {cause}"
        breaker.failure(key, message)
        raise ModelCallError(message) from cause
    except Exception as error:
        breaker.failure(key, f"{who} ({model}): {error}")
        raise
    breaker.success(key)
    return read_generation(output.completion, stop_reason(output, config.max_tokens))


def stop_reason(output: ModelOutput, limit: int | None) -> str:
    """The output's stop reason, or 'max_tokens' when a provider that reports none (Inspect's
    ``hf/``) produced exactly as many tokens as it was allowed: the reply was cut."""
    if output.stop_reason != "unknown" or limit is None or output.usage is None:
        return output.stop_reason
    return "max_tokens" if output.usage.output_tokens >= limit else output.stop_reason


def role_config(model: Model, default: int, agent: bool) -> GenerateConfig:
    """The role's ``max_tokens``: the run's setting for it, else the scenario's default.

    Always set on the call, so the solver knows the limit a reply may have been cut at.
    The agent's own setting comes from the eval (`-E max_tokens`, `--max-tokens`) or its model;
    a simulated user's from the model bound to the role (`--user-max-tokens`, `-U`), since Inspect
    does not pass the eval's generation settings to other roles.
    """
    explicit = active_generate_config().max_tokens if agent else None
    explicit = model.config.max_tokens if explicit is None else explicit
    return GenerateConfig(max_tokens=explicit if explicit is not None else default)


def _agent_caller(model: Model, key: str, config: GenerateConfig, breaker: CallBreaker) -> Any:
    async def call(chat: list[ChatTurn], obs: AgentObservation) -> Generation:
        handle = {"episode": key, "role": "agent", "round": obs.round}
        return await _generate(model, to_inspect(chat, handle), f"agent call in round {obs.round}", config, breaker)

    return call


def _user_caller(model: Model, key: str, config: GenerateConfig, breaker: CallBreaker) -> Any:
    async def call(chat: list[ChatTurn], obs: UserObservation) -> Generation:
        handle = {"episode": key, "role": "user", "user": obs.user_id, "round": obs.round}
        who = f"user {obs.user_id} in round {obs.round}"
        return await _generate(model, to_inspect(chat, handle), who, config, breaker)

    return call


def _record_issues(state: TaskState, store: EpisodeStore, issues: list[Issue]) -> None:
    """Issues in the store (details) and their counts in the sample's metadata (read by tables)."""
    store.turn_issues = [TurnIssue.model_validate(issue.model_dump()).model_dump() for issue in issues]
    counts = Counter(f"{issue.role.split(':')[0]}:{issue.kind}" for issue in issues)
    state.metadata["turn_issues"] = dict(sorted(counts.items()))


@solver
def multi_user_episode(rounds: int | None = None) -> Solver:
    """Play one episode: users (role `user`) and the agent under test (the task's model).

    The user-turn template (xml, says, colon, bracket, native) comes from the sample's metadata.

    Args:
        rounds: Maximum number of rounds (default: the scenario's).

    One ``CallBreaker`` per solver (so per task and run): once a model's first calls have all
    failed, the task's other episodes fail at once with that cause instead of retrying each.
    """
    breaker = CallBreaker()

    async def solve(state: TaskState, generate: Generate) -> TaskState:
        meta = state.metadata_as(SampleMetadata)
        template: Template = meta.template  # type: ignore[assignment]
        spec = get_scenario(meta.scenario)
        record = spec.record_model.model_validate(meta.record)
        env = spec.environment(record, rounds or spec.default_rounds)
        key = f"{state.sample_id}#{state.epoch}#{id(env)}"
        agent = get_model()
        users = get_model(role="user", default=DEFAULT_USER_MODEL)
        limits: GenerationLimits = spec.generation
        agent_call = _agent_caller(agent, key, role_config(agent, limits.agent_max_tokens, agent=True), breaker)
        user_call = _user_caller(users, key, role_config(users, limits.user_max_tokens, agent=False), breaker)
        store = state.store_as(EpisodeStore)
        issues: list[Issue] = []
        failure: BaseException | None = None
        with LIVE.open(key, env):
            try:
                await run_episode(env, template, agent_call, user_call, issues)
            except BaseException as error:
                failure = error
                raise
            finally:
                store.transcript = env.transcript.to_jsonable()
                _record_issues(state, store, issues)
                COUNTS.finish(meta.scenario, failure)
        final_round = max(env.transcript.last_round, 0)
        state.messages = to_inspect(agent_chat(env, template, final_round), {})
        turns = env.transcript.agent_turns()
        state.output = ModelOutput.from_content(model=str(agent), content=turns[-1].raw if turns else "")
        return state

    return solve
