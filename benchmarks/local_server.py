"""A real local model server, `muses run` with default settings: does every scenario finish?

Issue 18's setup (a small model on llama.cpp, LLM agent and LLM users, nothing tuned) hung or
delivered context-overflow messages as speech. This script starts a server command, waits for
its `/v1/models`, runs every scenario with `muses run` and its defaults (limits per role, finite
retries, a call time limit, detected connections), then stops the server and prints (and writes)
the wall time, the exit code, the episodes and errors per scenario, and the turn issues counted
(truncations and overflows recorded, not delivered).

    python benchmarks/local_server.py \\
        --server "/path/python -m llama_cpp.server --model SmolLM2-135M-Instruct.Q4_1.gguf --model_alias smollm2 --port {port}" \\
        --model muses-http/smollm2 --limit 2 --out results/bench/smollm2

The stub server stands in for a real one with `--server "python -m muses.testing.stub_server
--port {port} --reply muses.testing.replies:plausible_reply --serial --ms-per-token 2"`.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_ready(url: str, process: subprocess.Popen[bytes], seconds: float = 120.0) -> None:
    """Poll `GET {url}/models` until it answers 200; RuntimeError if the server exits or never answers."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with code {process.returncode}")
        try:
            if httpx.get(f"{url}/models", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"server at {url} not ready after {seconds:g} s")


def summarize_output(text: str) -> dict[str, object]:
    """Episodes, errors and turn issues per scenario from `muses run`'s table."""
    rows: dict[str, dict[str, object]] = {}
    for line in text.splitlines():
        cells = line.split()
        if len(cells) >= 8 and cells[-3].isdigit() and cells[-2].isdigit() and cells[-1].isdigit():
            rows.setdefault(cells[0], {"episodes": int(cells[-3]), "errors": int(cells[-2]), "issues": int(cells[-1])})
        match = re.match(r"turn issues of (\S+) \S+: (.*) \(failed", line)
        if match and match.group(1) in rows:
            rows[match.group(1)]["kinds"] = match.group(2)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server", required=True, help="server command; {port} is replaced by a free port")
    parser.add_argument("--model", required=True, help="muses-http/<name> the server serves")
    parser.add_argument("--limit", type=int, default=2, help="episodes per scenario")
    parser.add_argument("--out", type=Path, default=Path("results/bench/local_server"))
    parser.add_argument("--scripted-users", action="store_true", help="keep muses/scripted users (default: the model)")
    parser.add_argument("extra", nargs="*", help="more `muses run` arguments (after --)")
    args = parser.parse_args()
    port = free_port()
    url = f"http://127.0.0.1:{port}/v1"
    server = subprocess.Popen(shlex.split(args.server.format(port=port)), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_ready(url, server)
        users = [] if args.scripted_users else ["--user-model", args.model]
        command = [sys.executable, "-m", "muses.cli", "run", "--model", args.model, *users, "--limit", str(args.limit),
                   "--out", str(args.out), "--force", "--display", "none", *args.extra]
        started = time.monotonic()
        run = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "MUSES_HTTP_BASE_URL": url})
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    result = {"command": command, "exit_code": run.returncode, "wall_s": round(elapsed, 1),
              "scenarios": summarize_output(run.stdout), "stderr_tail": run.stderr.strip().splitlines()[-3:]}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "local_server.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(run.stdout)
    print(json.dumps({k: v for k, v in result.items() if k != "command"}, indent=2))


if __name__ == "__main__":
    main()
