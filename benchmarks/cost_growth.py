"""How model calls and prompt tokens per episode grow with the number of users.

Why: cost is what limits how many users a benchmark run can afford; it grows faster than the
user count because every user is called every round they act and the agent's prompt carries
every user's messages. This plays real episodes in the pure engine (built-in agent, scripted
users deciding what is said, so episodes take their normal course) and counts, for every call,
the exact chat an LLM in that seat would be sent (``agent_chat`` / ``user_chat``; a silent user
is still a call). Tokens are estimated as ceil(chars / 4) per message, the stub server's rule.

Usage: python benchmarks/cost_growth.py [--users 2,5,10,20,30] [--scenarios access_control,meeting]
       [--per-size 2] [--agent reference]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
from dataclasses import dataclass, field
from typing import Any

from muses.episode import ChatTurn, run_episode
from muses.scenarios import ORACLE, AgentObservation, UserObservation, get_scenario
from muses.testing.stub_server import estimate_tokens


@dataclass
class Cost:
    """Calls and prompt tokens of one episode, by seat."""

    calls: dict[str, int] = field(default_factory=lambda: {"agent": 0, "user": 0})
    tokens: dict[str, int] = field(default_factory=lambda: {"agent": 0, "user": 0})
    rounds: int = 0

    def add(self, seat: str, chat: list[ChatTurn]) -> None:
        self.calls[seat] += 1
        self.tokens[seat] += sum(estimate_tokens(turn.content) for turn in chat)


def episode_cost(record: Any, agent: str) -> Cost:
    """Play one episode with built-in participants, counting what LLMs in each seat would be sent."""
    spec = get_scenario(record.scenario)
    env = spec.environment(record, spec.default_rounds)
    cost = Cost()

    async def agent_call(chat: list[ChatTurn], obs: AgentObservation) -> str:
        cost.add("agent", chat)
        if agent == ORACLE and spec.oracle is not None:
            return spec.oracle(obs, record)
        return spec.agents[agent](obs)

    async def user_call(chat: list[ChatTurn], obs: UserObservation) -> str:
        cost.add("user", chat)
        return spec.scripted_user(obs)

    transcript = asyncio.run(run_episode(env, "xml", agent_call, user_call))
    cost.rounds = transcript.last_round + 1
    return cost


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", default="2,5,10,20,30")
    parser.add_argument("--scenarios", default="access_control,meeting")
    parser.add_argument("--per-size", type=int, default=2)
    parser.add_argument("--agent", default="reference")
    args = parser.parse_args()
    print("| scenario | users | episodes | rounds | agent calls | user calls | calls | agent prompt tokens "
          "| user prompt tokens | prompt tokens | tokens / user |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for scenario in args.scenarios.split(","):
        spec = get_scenario(scenario)
        for users in (int(u) for u in args.users.split(",")):
            records = spec.generate(split="test", seed=0, users=(users, users), per_size=args.per_size)
            costs = [episode_cost(record, args.agent) for record in records]

            def mean(values: list[float]) -> float:
                return statistics.fmean(values)

            agent_calls = mean([c.calls["agent"] for c in costs])
            user_calls = mean([c.calls["user"] for c in costs])
            agent_tokens = mean([c.tokens["agent"] for c in costs])
            user_tokens = mean([c.tokens["user"] for c in costs])
            total = agent_tokens + user_tokens
            print(f"| {scenario} | {users} | {len(costs)} | {mean([c.rounds for c in costs]):.1f} | {agent_calls:.1f} "
                  f"| {user_calls:.1f} | {agent_calls + user_calls:.1f} | {agent_tokens:,.0f} | {user_tokens:,.0f} "
                  f"| {total:,.0f} | {total / users:,.0f} |", flush=True)


if __name__ == "__main__":
    main()
