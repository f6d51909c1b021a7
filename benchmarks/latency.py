"""Wall time of a whole `muses run` against a fixed-latency stub, next to its lower bound.

Why: users run thousands of episodes against remote APIs and local GPU servers, where the
model's latency, not our CPU, should decide the wall time. This starts the OpenAI-compatible
stub (127.0.0.1, its own process so its CPU is not counted) with plausible replies for every
scenario (``muses.testing.replies``: agents answer in their format, simulated users with a
sentence), runs a data file through a chosen provider with LLM users on the same stub (so every
call is an HTTP call), and compares the wall time with

    bound = max(requests x latency / concurrency, longest chain of dependent calls x latency)

where the chain is read from the logs (per episode: agent calls plus runs of concurrent user
calls). CPU ms per call = CPU of the `muses run` process tree / requests (start-up included).
With --shards N the concurrency is the total (`muses run` gives each process ceil(C / N)).

Usage:
  python benchmarks/latency.py --data FILE.jsonl [--provider muses-http|openai-api]
      [--latency-ms 100] [--concurrency 64] [--shards N] [--keep DIR] [-- extra muses run args]
The last line is `wall=<s> requests=<n> bound=<s> ratio=<x> cpu_ms_per_call=<x>`.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import _logstats

PROVIDERS = {
    "muses-http": ("muses-http/agent", "muses-http/user"),
    "openai-api": ("openai-api/stub/agent", "openai-api/stub/user"),
}
REPLY = "muses.testing.replies:plausible_reply"


def start_stub(latency_ms: float) -> tuple[subprocess.Popen[str], str]:
    """The stub in its own process; its first stdout line is the base URL."""
    cmd = [sys.executable, "-m", "muses.testing.stub_server", "--latency-ms", str(latency_ms), "--reply", REPLY]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    return proc, proc.stdout.readline().strip()


def stub_stats(base_url: str) -> dict[str, float]:
    with urllib.request.urlopen(base_url.removesuffix("/v1") + "/stats", timeout=10) as response:
        stats: dict[str, float] = json.load(response)
    return stats


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def muses_command(args: argparse.Namespace, out: Path) -> list[str]:
    agent, user = PROVIDERS[args.provider]
    cmd = [
        str(Path(sys.executable).parent / "muses"), "run", "--data", str(args.data),
        "--model", agent, "--user-model", user, "--max-connections", str(args.concurrency),
        "--out", str(out), "--no-report",
    ]
    if args.shards > 1:
        cmd += ["--shards", str(args.shards)]
    return cmd + args.extra


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--provider", choices=sorted(PROVIDERS), default="muses-http")
    parser.add_argument("--latency-ms", type=float, default=100.0)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--shards", type=int, default=1)
    parser.add_argument("--keep", type=Path, default=None, help="Keep the run directory here.")
    parser.add_argument("extra", nargs="*", help="Extra `muses run` arguments (after --).")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="muses-latency-"))
    out = args.keep or scratch / "run"
    if out.exists():
        shutil.rmtree(out)
    stub, base_url = start_stub(args.latency_ms)
    env = dict(os.environ, MUSES_HTTP_BASE_URL=base_url, STUB_BASE_URL=base_url, STUB_API_KEY="stub")
    env.setdefault("XDG_DATA_HOME", str(scratch / "xdg"))  # keep Inspect's traces out of $HOME
    try:
        cpu0, wall0 = children_cpu(), time.perf_counter()
        run = subprocess.run(muses_command(args, out), env=env, capture_output=True, text=True)
        wall, cpu = time.perf_counter() - wall0, children_cpu() - cpu0
        stats = stub_stats(base_url)
    finally:
        stub.terminate()
        stub.wait(timeout=10)
    if run.returncode != 0:
        sys.exit(f"muses run failed ({run.returncode}):\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}")
    episodes = _logstats.episodes(out / "logs")
    chain = _logstats.longest_chain(episodes)
    latency = args.latency_ms / 1000
    requests = int(stats["requests"])
    bound = max(requests * latency / args.concurrency, chain * latency)
    cpu_ms = cpu * 1000 / max(requests, 1)
    print(run.stdout.strip())
    print(f"\ndata {args.data} | provider {args.provider} | latency {args.latency_ms:g} ms | "
          f"concurrency {args.concurrency} | shards {args.shards} | episodes {len(episodes)}")
    print(f"wall {wall:.2f} s, active span {stats['active_span_s']:.2f} s (first request to last response; "
          f"start-up + tail {wall - stats['active_span_s']:.2f} s), CPU {cpu:.2f} s")
    print(f"requests {requests}, prompt tokens {int(stats['prompt_tokens'])}, "
          f"completion tokens {int(stats['completion_tokens'])}, failures {int(stats['failures'])}")
    print(f"in flight: peak {int(stats['peak_in_flight'])}, mean {stats['mean_in_flight']:.1f}")
    print(f"longest chain {chain} calls -> {chain * latency:.2f} s; "
          f"requests x latency / concurrency = {requests * latency / args.concurrency:.2f} s")
    print(f"wall={wall:.2f} requests={requests} bound={bound:.2f} ratio={wall / bound if bound else 0:.2f} "
          f"cpu_ms_per_call={cpu_ms:.2f}")
    if args.keep is None:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
