"""Episodes per second with built-in participants: pure engine vs a full Inspect run, per scenario.

Why: with in-process participants there is no model latency, so this isolates what the harness
itself costs per episode: the pure engine (``muses.episode._local.play_local``: environment,
observations, parsing, scoring) against Inspect's ``eval()`` of the same episodes in a warm
process (solver, model-call events, logging, scoring). The gap is Inspect's per-call cost; the
engine column is what our own code costs.

Usage: python benchmarks/throughput.py [--split dev] [--agent reference] [--limit N] [--repeats 3]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from typing import Any

from inspect_ai import eval

from muses.episode import play_local
from muses.inspect import build_task
from muses.scenarios import get_scenario, scenario_names
from muses.scenarios._participants import supports


def engine_rate(records: list[Any], agent: str) -> tuple[float, int]:
    """Episodes per second and turns (agent turns + user messages), playing and scoring in the pure engine."""
    calls = 0
    started = time.perf_counter()
    for record in records:
        spec = get_scenario(record.scenario)
        transcript = asyncio.run(play_local(record, agent))
        spec.scorer(record, transcript)
        calls += len(transcript.agent_turns()) + len({(e.round, e.sender) for e in transcript.user_messages()})
    return len(records) / (time.perf_counter() - started), calls


def inspect_rate(scenario: str, records: list[Any], agent: str, log_dir: str) -> float:
    """Episodes per second of one Inspect eval() of the records (logging as `muses run` does)."""
    started = time.perf_counter()
    [log] = eval(
        build_task(scenario, records),
        model=f"muses/{agent}",
        display="none",
        log_dir=log_dir,
        log_realtime=False,
        score_display=False,
    )
    assert log.status == "success", log.error
    return len(records) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default="dev")
    parser.add_argument("--agent", default="reference")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--scenarios", default=",".join(scenario_names()))
    args = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix="muses-throughput-")
    os.environ.setdefault("XDG_DATA_HOME", os.path.join(scratch, "xdg"))
    warm = get_scenario("access_control").generate(split="quick")[:2]
    inspect_rate("access_control", warm, "reference", os.path.join(scratch, "warm"))  # lazy imports, first eval
    print(f"split {args.split}, agent muses/{args.agent} (else muses/oracle), scripted users; median of {args.repeats}")
    print("| scenario | agent | episodes | turns/episode | engine episodes/s | Inspect episodes/s | Inspect / engine |")
    print("|---|---|---|---|---|---|---|")
    for scenario in args.scenarios.split(","):
        agent = args.agent if supports(args.agent, scenario) else "oracle"
        records = get_scenario(scenario).generate(split=args.split, seed=0)[: args.limit]
        engine = [engine_rate(records, agent) for _ in range(args.repeats)]
        rates = [inspect_rate(scenario, records, agent, os.path.join(scratch, scenario)) for _ in range(args.repeats)]
        e_rate, i_rate = statistics.median(r for r, _ in engine), statistics.median(rates)
        turns = engine[0][1] / len(records)
        print(f"| {scenario} | {agent} | {len(records)} | {turns:.1f} | {e_rate:.1f} | {i_rate:.1f} | {i_rate / e_rate:.2f} |")


if __name__ == "__main__":
    main()
