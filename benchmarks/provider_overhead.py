"""CPU cost per model call: muses-http vs Inspect's stock openai-api, on the 0 ms stub.

Why: benchmark runs are CPU-bound on one event loop (see
/work/shared/measurements/inspect-speed.md), so client CPU per call decides wall time.
The stub runs as a separate process so its CPU is not counted; the client process's
CPU (`time.process_time()`, all threads) is divided by the number of calls.

Three layers per provider:
  api    ModelAPI.generate() only: the provider's own cost (request build, HTTP, parse).
  model  Model.generate() outside an eval: adds Inspect's retry/event wrapper.
  eval   inspect_ai.eval() of an N-sample generate() task in this warm process
         (log_realtime=False; samples are still logged).

Usage: .venv/bin/python benchmarks/provider_overhead.py [--calls 500] [--repeats 3]
"""

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from inspect_ai import Task, eval, task
from inspect_ai.dataset import Sample
from inspect_ai.model import ChatMessageUser, GenerateConfig, Model, get_model
from inspect_ai.solver import generate

import muses.providers._http  # noqa: F401  (registers muses-http)

PROVIDERS = {"muses-http": "muses-http/m", "openai-api": "openai-api/stub/m"}


@dataclass
class Result:
    provider: str
    layer: str
    calls: int
    cpu_ms_per_call: float
    wall_s: float


def start_stub() -> tuple[subprocess.Popen[str], str]:
    """Run the stub in its own process; its first stdout line is the base URL."""
    cmd = [sys.executable, "-m", "muses.testing.stub_server", "--latency-ms", "0", "--port", "0"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    return proc, proc.stdout.readline().strip()


def stub_requests(base_url: str) -> int:
    root = base_url.removesuffix("/v1")
    with urllib.request.urlopen(f"{root}/stats", timeout=5) as response:
        return int(json.load(response)["requests"])


def measure(run: Callable[[], None], calls: int) -> tuple[float, float]:
    cpu0, wall0 = time.process_time(), time.perf_counter()
    run()
    return (time.process_time() - cpu0) * 1000 / calls, time.perf_counter() - wall0


async def bounded(calls: int, concurrency: int, one: Callable[[int], Awaitable[object]]) -> None:
    semaphore = asyncio.Semaphore(concurrency)

    async def guarded(i: int) -> None:
        async with semaphore:
            await one(i)

    await asyncio.gather(*(guarded(i) for i in range(calls)))


def api_layer(model: Model, calls: int, concurrency: int) -> None:
    config = GenerateConfig()

    async def one(i: int) -> object:
        return await model.api.generate([ChatMessageUser(content=f"q{i}")], [], "auto", config)

    asyncio.run(bounded(calls, concurrency, one))


def model_layer(model: Model, calls: int, concurrency: int) -> None:
    async def one(i: int) -> object:
        return await model.generate(f"q{i}")

    asyncio.run(bounded(calls, concurrency, one))


def eval_layer(model: Model, calls: int, concurrency: int, log_dir: str) -> None:
    @task
    def samples() -> Task:
        return Task(dataset=[Sample(input=f"q{i}") for i in range(calls)], solver=generate())

    [log] = eval(
        samples(),
        model=model,
        display="none",
        log_dir=log_dir,
        log_realtime=False,
        max_connections=concurrency,
        max_samples=calls,
    )
    assert log.status == "success", log.error


def bench(
    provider: str, layer: str, model: Model, args: argparse.Namespace, base_url: str, log_dir: str
) -> Result:
    runners: dict[str, Callable[[int], None]] = {
        "api": lambda n: api_layer(model, n, args.concurrency),
        "model": lambda n: model_layer(model, n, args.concurrency),
        "eval": lambda n: eval_layer(model, n, args.concurrency, log_dir),
    }
    runner = runners[layer]
    runner(20)  # warm-up: lazy imports, first session, first eval setup
    cpu, wall = [], []
    for _ in range(args.repeats):
        before = stub_requests(base_url)
        c, w = measure(lambda: runner(args.calls), args.calls)
        assert stub_requests(base_url) - before == args.calls
        cpu.append(c)
        wall.append(w)
    return Result(provider, layer, args.calls, statistics.median(cpu), statistics.median(wall))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--calls", type=int, default=500)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--layers", default="api,model,eval")
    parsed = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix="muses-provider-bench-")
    os.environ.setdefault("XDG_DATA_HOME", os.path.join(scratch, "xdg"))  # keep Inspect traces local
    os.environ.setdefault("INSPECT_TRACE_LEVEL", "warning")
    proc, base_url = start_stub()
    try:
        os.environ.update(MUSES_HTTP_BASE_URL=base_url, STUB_BASE_URL=base_url, STUB_API_KEY="x")
        results = []
        for provider, name in PROVIDERS.items():
            model = get_model(name, memoize=False)
            for layer in parsed.layers.split(","):
                results.append(bench(provider, layer, model, parsed, base_url, os.path.join(scratch, "logs")))
                print(results[-1], file=sys.stderr, flush=True)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    print(f"| provider | layer | calls | CPU ms/call (median of {parsed.repeats}) | wall s |")
    print("|---|---|---|---|---|")
    for r in results:
        print(f"| {r.provider} | {r.layer} | {r.calls} | {r.cpu_ms_per_call:.2f} | {r.wall_s:.2f} |")


if __name__ == "__main__":
    main()
