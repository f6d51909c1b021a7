"""Which logging options cost time: the same `muses run` under each option, interleaved.

Why: `muses run` keeps every per-sample transcript (reports are built from logs) and drops what
only costs time; this is the measurement behind those defaults. Each configuration is run once
per round through ``benchmarks/latency.py`` (same stub, same data), rounds interleave the
configurations so drift in machine load hits all of them alike, and the median is reported.

Usage: python benchmarks/logging_options.py --data FILE.jsonl [--rounds 3] [--latency-ms 100]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

CONFIGS: dict[str, tuple[dict[str, str], list[str]]] = {
    "muses default (no realtime buffer, trace level warning)": ({}, []),
    "INSPECT_TRACE_LEVEL=trace (Inspect's default)": ({"INSPECT_TRACE_LEVEL": "trace"}, []),
    "--log-realtime (Inspect's default)": ({}, ["--log-realtime"]),
    "--log-model-api": ({}, ["--log-model-api"]),
    "--log-buffer 1 (flush every sample)": ({}, ["--log-buffer", "1"]),
    "-E log_samples=false (no transcripts: not usable)": ({}, ["-E", "log_samples=false"]),
}


def run(args: argparse.Namespace, env: dict[str, str], extra: list[str]) -> dict[str, float]:
    """One latency.py run; its final key=value line as numbers."""
    script = Path(__file__).with_name("latency.py")
    cmd = [sys.executable, str(script), "--data", str(args.data), "--latency-ms", str(args.latency_ms),
           "--concurrency", str(args.concurrency), "--provider", args.provider, "--", *extra]
    merged = {k: v for k, v in os.environ.items() if k != "INSPECT_TRACE_LEVEL"} | env
    done = subprocess.run(cmd, env=merged, capture_output=True, text=True, check=True)
    last = done.stdout.strip().splitlines()[-1]
    return {key: float(value) for key, value in (pair.split("=") for pair in last.split())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--latency-ms", type=float, default=100.0)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--provider", default="muses-http")
    args = parser.parse_args()
    results: dict[str, list[dict[str, float]]] = {name: [] for name in CONFIGS}
    for round_ in range(args.rounds):
        for name, (env, extra) in CONFIGS.items():
            results[name].append(run(args, env, extra))
            print(f"round {round_ + 1} {name}: {results[name][-1]}", file=sys.stderr, flush=True)
    print(f"| option | wall s (median of {args.rounds}) [min-max] | CPU ms per call (median) |")
    print("|---|---|---|")
    for name, runs in results.items():
        walls = [r["wall"] for r in runs]
        cpu = statistics.median(r["cpu_ms_per_call"] for r in runs)
        print(f"| {name} | {statistics.median(walls):.2f} [{min(walls):.2f}-{max(walls):.2f}] | {cpu:.2f} |")


if __name__ == "__main__":
    main()
