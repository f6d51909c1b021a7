"""CPU our own code spends per model call, outside Inspect, as the number of users grows.

Why: Inspect costs ~2-3 ms CPU per call; our part (building each participant's chat from the
transcript, observations, Inspect message conversion, parsing and applying the agent's output)
must stay far below that and must not grow with the square of the episode. This runs the
engine with LLM-shaped participants: every call builds exactly what the solver builds for a model
call (``to_inspect`` of ``agent_chat`` / ``user_chat``) and answers with the stub's plausible reply,
so users speak every round (the costliest case for views).

Usage: python benchmarks/engine_overhead.py [--users 2,10,30] [--scenarios access_control,meeting]
"""

from __future__ import annotations

import argparse
import asyncio
import time
from typing import Any

from muses.episode import ChatTurn, run_episode
from muses.inspect._solver import to_inspect
from muses.scenarios import get_scenario
from muses.scenarios._base import AgentObservation, UserObservation
from muses.testing.replies import plausible_reply


def _request(chat: list[ChatTurn]) -> dict[str, Any]:
    return {"messages": [{"role": turn.role, "content": turn.content} for turn in chat]}


def per_call_ms(scenario: str, users: int, episodes: int) -> tuple[float, int]:
    """Mean CPU ms per call and calls per episode, over ``episodes`` generated episodes."""
    spec = get_scenario(scenario)
    records = spec.generate(split="test", seed=0, users=(users, users), per_size=2)[:episodes]
    calls = 0

    async def agent(chat: list[ChatTurn], obs: AgentObservation) -> str:
        nonlocal calls
        calls += 1
        to_inspect(chat, {"episode": "k", "role": "agent", "round": obs.round})
        return plausible_reply(_request(chat))

    async def user(chat: list[ChatTurn], obs: UserObservation) -> str:
        nonlocal calls
        calls += 1
        to_inspect(chat, {"episode": "k", "role": "user", "user": obs.user_id, "round": obs.round})
        return plausible_reply(_request(chat))

    started = time.process_time()
    for record in records:
        asyncio.run(run_episode(spec.environment(record, spec.default_rounds), "xml", agent, user))
    return (time.process_time() - started) * 1000 / calls, calls // len(records)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", default="2,10,30")
    parser.add_argument("--scenarios", default="access_control,meeting")
    parser.add_argument("--episodes", type=int, default=4)
    args = parser.parse_args()
    print("| scenario | users | calls / episode | our CPU ms per call |")
    print("|---|---|---|---|")
    for scenario in args.scenarios.split(","):
        for users in (int(u) for u in args.users.split(",")):
            ms, calls = per_call_ms(scenario, users, args.episodes)
            print(f"| {scenario} | {users} | {calls} | {ms:.3f} |")


if __name__ == "__main__":
    main()
