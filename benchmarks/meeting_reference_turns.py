"""Meeting v2: the reference agent on every size from 2 to 30 users, and the baselines beside it.

Why: the generator promises that every instance is solvable by eliciting (the reference must
succeed on all of them, at every size) and that partial disclosure costs turns that full
disclosure does not. This plays generated episodes in the pure engine (the same policies,
scripted users, environment and scorer as an Inspect run) and prints Markdown tables:

1. per user count: episodes, reference success (headline and paper definition), mean turns under
   full and partial disclosure, per partial level, messages per success and welfare regret;
2. with ``--agents``: every listed agent's means by disclosure on the same records.

Usage: python benchmarks/meeting_reference_turns.py [--users 2-30] [--per-size 2] [--seed 0]
       [--agents reference,oracle,propose-openings,poll-everything,guess-and-check] [--data FILE.jsonl]
``--data`` plays the records of a file instead (e.g. the paper's, from ``muses import-paper``).
Exits non-zero if the reference fails any episode.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
from collections import defaultdict
from typing import Any

from muses.episode import score_local
from muses.scenarios._io import read_records
from muses.scenarios.meeting import LEVELS, generate

COLUMNS = ("success", "paper_success", "regret", "burden_gini", "turns", "messages")


def _mean(values: list[float]) -> float:
    kept = [v for v in values if not math.isnan(v)]
    return statistics.mean(kept) if kept else math.nan


def _fmt(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:.2f}"


def _turns(cell: list[tuple[Any, dict[str, float]]], disclosure: str, level: str | None = None) -> str:
    return _fmt(_mean([v["turns"] for r, v in cell if r.disclosure == disclosure and level in (None, r.difficulty)]))


def per_size_table(rows: list[tuple[Any, dict[str, float]]]) -> tuple[str, int]:
    """The reference's results per user count, and how many episodes it failed."""
    by_size: dict[int, list[tuple[Any, dict[str, float]]]] = defaultdict(list)
    for record, values in rows:
        by_size[len(record.users)].append((record, values))
    head = ["users", "episodes", "success", "paper success", "turns full", "turns partial",
            *[f"partial {level}" for level in LEVELS], "messages / success", "regret"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---:|" * len(head)]
    for size, cell in sorted(by_size.items()):
        values = [v for _, v in cell]
        per_success = sum(v["messages"] for v in values) / max(1.0, sum(v["success"] for v in values))
        lines.append("| " + " | ".join([
            str(size), str(len(cell)), _fmt(_mean([v["success"] for v in values])),
            _fmt(_mean([v["paper_success"] for v in values])), _turns(cell, "full"), _turns(cell, "partial"),
            *[_turns(cell, "partial", level) for level in LEVELS], _fmt(per_success), _fmt(_mean([v["regret"] for v in values])),
        ]) + " |")
    failures = sum(v["success"] < 1.0 for _, v in rows)
    return "\n".join(lines), failures


def agents_table(records: list[Any], agents: list[str]) -> str:
    """Each agent's means by disclosure (turns per success = mean turns / mean success)."""
    head = ["agent", "disclosure", *COLUMNS, "turns / success"]
    lines = ["| " + " | ".join(head) + " |", "|---|---|" + "---:|" * (len(head) - 2)]
    for agent in agents:
        scored = [(r, score_local(r, agent, getattr(r, "template", None) or "xml").values) for r in records]
        for disclosure in ("full", "partial"):
            values = [v for r, v in scored if r.disclosure == disclosure]
            means = {k: _mean([v[k] for v in values]) for k in COLUMNS}
            ratio = means["turns"] / means["success"] if means["success"] > 0 else math.nan
            lines.append("| " + " | ".join([agent, disclosure, *(_fmt(means[k]) for k in COLUMNS), _fmt(ratio)]) + " |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", default="2-30")
    parser.add_argument("--per-size", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--agents", default="")
    parser.add_argument("--data", default=None)
    args = parser.parse_args()
    low, _, high = args.users.partition("-")
    if args.data:
        records: list[Any] = read_records(args.data)
        source = args.data
    else:
        records = generate("test", seed=args.seed, users=(int(low), int(high or low)), per_size=args.per_size)
        source = f"split test, seed {args.seed}, {args.per_size} per size and level, both disclosures"
    template = "bracket" if args.data else "xml"
    table, failures = per_size_table([(r, score_local(r, "reference", template).values) for r in records])
    print(f"{len(records)} episodes ({source})\n")
    print(table)
    if args.agents:
        print()
        print(agents_table(records, [a for a in args.agents.split(",") if a]))
    print(f"\nreference failures: {failures}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
