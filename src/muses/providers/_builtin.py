"""The `muses/` model provider: built-in agents and scripted users as Inspect models.

``--model muses/reference`` makes an honest non-LLM agent the model under test and
``--model-role user=muses/scripted`` (the default) plays the users, so the whole benchmark runs
offline and deterministically while the solver, logging and scoring are exactly those of a real
model run. Each call resolves the handle on the last message to a live episode and asks the
environment for the observation this participant may see; only the oracle is handed the record
(ground truth included) that the live environment holds.
"""

from __future__ import annotations

from typing import Any

from inspect_ai.model import (
    ChatMessage,
    GenerateConfig,
    ModelAPI,
    ModelOutput,
    ModelUsage,
    modelapi,
)
from inspect_ai.tool import ToolChoice, ToolInfo

from muses.episode import HANDLE_KEY, LIVE
from muses.scenarios import ORACLE, SCRIPTED_USER, all_participants, get_scenario, supports


class ParticipantError(ValueError):
    """A built-in participant was asked to do something it cannot do."""


@modelapi(name="muses")
class MusesParticipants(ModelAPI):
    """Dispatch model calls to built-in policies by participant name (``muses/<name>``)."""

    def __init__(
        self,
        model_name: str,
        base_url: str | None = None,
        api_key: str | None = None,
        config: GenerateConfig | None = None,
        **model_args: Any,
    ) -> None:
        super().__init__(model_name, base_url, api_key, [], config or GenerateConfig())
        known = all_participants()
        if model_name not in known:
            raise ParticipantError(
                f"unknown built-in participant 'muses/{model_name}'; known: "
                + ", ".join(f"muses/{name}" for name in sorted(known))
            )

    def max_connections(self) -> int:
        """In-process policies need no connection limit."""
        return 10_000

    def connection_key(self) -> str:
        return f"muses/{self.model_name}"

    async def generate(
        self,
        input: list[ChatMessage],
        tools: list[ToolInfo],
        tool_choice: ToolChoice,
        config: GenerateConfig,
    ) -> ModelOutput:
        text = self.respond(input)
        output = ModelOutput.from_content(model=f"muses/{self.model_name}", content=text)
        output.usage = ModelUsage(input_tokens=0, output_tokens=0, total_tokens=0)
        return output

    def respond(self, input: list[ChatMessage]) -> str:
        """The participant's reply for the episode the last message belongs to."""
        handle = (input[-1].metadata or {}).get(HANDLE_KEY) if input else None
        if not isinstance(handle, dict) or "episode" not in handle:
            raise ParticipantError(
                f"muses/{self.model_name} only plays Muses scenarios (tasks muses/<scenario>); "
                "it received a chat without a Muses episode handle"
            )
        try:
            env = LIVE.get(handle["episode"])
        except KeyError:
            raise ParticipantError("the Muses episode for this call is not running in this process") from None
        spec = get_scenario(env.record.scenario)
        round_ = int(handle["round"])
        if handle["role"] == "user":
            if self.model_name != SCRIPTED_USER:
                raise ParticipantError(f"muses/{self.model_name} is an agent; use muses/scripted for the user role")
            return spec.scripted_user(env.user_observation(str(handle["user"]), round_))
        if not supports(self.model_name, spec.name):
            raise ParticipantError(f"muses/{self.model_name} does not play the agent in {spec.name}")
        observation = env.agent_observation(round_)
        if self.model_name == ORACLE and spec.oracle is not None:
            return spec.oracle(observation, env.record)
        return spec.agents[self.model_name](observation)
