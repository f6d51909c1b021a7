"""Queue scenario: every built-in participant on one split, and what the exact oracle costs.

Plays each participant (oracle, reference, chat readers, serving schedulers, sorts) with scripted
users through the pure episode engine (no Inspect, no model calls), prints the mean of each
headline and diagnostic metric and the run-level paired gain, then times generation, the optimum
and the pivotal-claim proofs on a fresh process's caches. The README's tables come from here.

    python benchmarks/queue_baselines.py --split quick
    python benchmarks/queue_baselines.py --split test --agents oracle,reference,blind
"""

from __future__ import annotations

import argparse
import asyncio
import time
from collections import defaultdict

from muses.episode import ChatTurn, run_episode
from muses.scenarios._base import AgentObservation, EpisodeScore, UserObservation
from muses.scenarios.queue import SPEC, QueueRecord, claim_fates, generate, optimum, pair_gains
from muses.scenarios.queue._environment import QueueEnvironment

COLUMNS = ("welfare", "incentive", "truthful_honoured", "inflated_rewarded", "fairness", "throughput")


def play(record: QueueRecord, name: str) -> EpisodeScore:
    """One episode of a built-in participant with scripted users, scored."""
    env = QueueEnvironment(record, SPEC.default_rounds)

    async def agent(chat: list[ChatTurn], obs: AgentObservation) -> str:
        if name == "oracle":
            assert SPEC.oracle is not None
            return SPEC.oracle(obs, record)
        return SPEC.agents[name](obs)

    async def user(chat: list[ChatTurn], obs: UserObservation) -> str:
        return SPEC.scripted_user(obs)

    return SPEC.scorer(record, asyncio.run(run_episode(env, "xml", agent, user)))


def costs(split: str) -> None:
    """Wall time of generation, optima and pivotal proofs (run first: caches are cold)."""
    start = time.perf_counter()
    records = generate(split)
    generated = time.perf_counter()
    exact = sum(optimum(r).exact for r in records)
    solved = time.perf_counter()
    claims = sum(len(claim_fates(r)) for r in records)
    proved = time.perf_counter()
    print(
        f"{split}: {len(records)} episodes generated in {generated - start:.1f} s; optima {solved - generated:.1f} s "
        f"({exact}/{len(records)} exact); {claims} claims proved pivotal or not in {proved - solved:.1f} s"
    )


def table(split: str, names: list[str]) -> None:
    """Mean metrics and the paired gain of each participant."""
    records = generate(split)
    print(f"{'participant':15}" + "".join(f"{c[:12]:>13}" for c in COLUMNS) + f"{'paired gain':>13}")
    for name in names:
        sums: dict[str, float] = defaultdict(float)
        rows = []
        for record in records:
            score = play(record, name)
            for column in COLUMNS:
                sums[column] += score.values[column]
            rows.append((record.base_id, record.inflated, score.values["focal_service"]))
        gain = pair_gains(rows).mean_gain or 0.0
        print(f"{name:15}" + "".join(f"{sums[c] / len(records):13.3f}" for c in COLUMNS) + f"{gain:13.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="quick", choices=["quick", "dev", "test"])
    parser.add_argument("--agents", default="", help="comma-separated participants (default: all)")
    args = parser.parse_args()
    costs(args.split)
    names = [n for n in args.agents.split(",") if n] or ["oracle", *SPEC.agents]
    table(args.split, names)


if __name__ == "__main__":
    main()
