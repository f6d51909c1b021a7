"""The llama.cpp server process, its per-request log, and the prefix-reuse numbers built from both.

Why from the server's log: only the server knows how many prompt tokens it actually evaluated.
llama-cpp-python (``--verbose``) prints ``Llama.generate: N prefix-match hit, remaining M prompt
tokens to eval`` when it reuses the first N tokens of its KV cache, ``full prompt already
cached`` when it reuses all of them, nothing when it evaluates the whole prompt; uvicorn prints
one access line per finished request. Requests are served one at a time, so the k-th access
line belongs to the k-th call Inspect saw complete.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from inspect_ai.event import ModelEvent
from inspect_ai.log import list_eval_logs, read_eval_log
from pydantic import BaseModel

_PREFIX = re.compile(r"Llama\.generate: (\d+) prefix-match hit, remaining (\d+) prompt tokens to eval")
_FULL = "Llama.generate: full prompt already cached"
_DONE = re.compile(r'"POST /v1/chat/completions HTTP/1\.1" (\d+)')
_TICK = os.sysconf("SC_CLK_TCK")


class Server:
    """The server as a child process: started, waited for, stopped (always) on exit."""

    def __init__(self, command: Sequence[str], log: Path, port: int) -> None:
        self.command, self.log, self.base_url = list(command), log, f"http://127.0.0.1:{port}/v1"
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Server:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        self._sink = open(self.log, "wb")
        self.process = subprocess.Popen(self.command, stdout=self._sink, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"llama.cpp server exited {self.process.returncode}; see {self.log}")
            try:
                with urllib.request.urlopen(self.base_url + "/models", timeout=2):
                    return self
            except OSError:
                time.sleep(0.5)
        raise TimeoutError(f"llama.cpp server did not answer within 180 s; see {self.log}")

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._sink.close()

    def cpu_seconds(self) -> float:
        """User + system CPU of the server process (all its threads) so far."""
        assert self.process is not None
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _TICK


class Served(BaseModel):
    """One finished request as the server saw it."""

    status: int
    reused: int | None = None
    evaluated: int | None = None
    full: bool = False


class Call(BaseModel):
    """One model call as Inspect logged it."""

    role: str
    round: int
    prompt_tokens: int
    completion_tokens: int


def server_requests(log_text: str) -> list[Served]:
    """The server's finished chat requests, in order, with what its prefix cache reused."""
    served: list[Served] = []
    pending = Served(status=0)
    for line in log_text.splitlines():
        if (hit := _PREFIX.search(line)) is not None:
            pending = Served(status=0, reused=int(hit.group(1)), evaluated=int(hit.group(2)))
        elif _FULL in line:
            pending = Served(status=0, full=True)
        elif (done := _DONE.search(line)) is not None:
            served.append(pending.model_copy(update={"status": int(done.group(1))}))
            pending = Served(status=0)
    return served


def _handle(event: ModelEvent) -> dict[str, Any]:
    """The episode handle the solver attaches to the last input message (role, round, user)."""
    metadata = event.input[-1].metadata or {} if event.input else {}
    return next((v for v in metadata.values() if isinstance(v, dict) and "round" in v), {})


def logged_calls(log_dir: Path) -> list[Call]:
    """Every model call of the run, ordered by completion time."""
    events: list[ModelEvent] = []
    for info in list_eval_logs(str(log_dir)):
        for sample in read_eval_log(info).samples or []:
            events += [e for e in sample.events if isinstance(e, ModelEvent)]
    events.sort(key=lambda e: e.completed or e.timestamp)
    calls = []
    for event in events:
        handle, usage = _handle(event), event.output.usage
        calls.append(Call(role=event.role or "agent", round=int(handle.get("round", -1)),
                          prompt_tokens=usage.input_tokens if usage else 0,
                          completion_tokens=usage.output_tokens if usage else 0))
    return calls


def _reused(call: Call, served: Served) -> int:
    if served.full:
        return call.prompt_tokens
    return served.reused or 0


def summarize(calls: list[Call], served: list[Served]) -> dict[str, Any]:
    """Totals, and the share of prompt tokens served from cache overall, by round and by role."""
    ok = [s for s in served if s.status == 200]
    matched = len(calls) == len(ok)
    checked = sum(1 for c, s in zip(calls, ok, strict=False) if s.reused is not None)
    agree = sum(1 for c, s in zip(calls, ok, strict=False)
                if s.reused is not None and s.reused + (s.evaluated or 0) == c.prompt_tokens)
    groups: dict[str, list[tuple[int, int]]] = {}
    for call, request in zip(calls, ok, strict=False):
        pair = (_reused(call, request), call.prompt_tokens)
        for key in ("all", f"round {call.round}", f"role {call.role}"):
            groups.setdefault(key, []).append(pair)
    reuse = {k: round(sum(r for r, _ in v) / max(1, sum(p for _, p in v)), 3) for k, v in sorted(groups.items())}
    return {"requests": len(calls), "server_requests": len(served), "failed": len(served) - len(ok),
            "matched": matched, "length_checked": checked, "length_agree": agree,
            "prompt_tokens": sum(c.prompt_tokens for c in calls),
            "completion_tokens": sum(c.completion_tokens for c in calls), "reuse": reuse}


def markdown(runs: list[dict[str, Any]], mark: str) -> str:
    """Two tables: cost per run, and prefix-cache reuse per run (overall, per round, per role)."""
    head = ["| provider | server cache | requests | prompt tok | completion tok | wall s | completion tok/s | "
            "prompt+completion tok/s | client CPU ms/call | server CPU ms/call |", "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in runs:
        wall, n = r["client"]["wall_s"], max(1, r["requests"])
        total = r["prompt_tokens"] + r["completion_tokens"]
        head.append(f"| {r['provider']} | {r['mode']} | {r['requests']} | {r['prompt_tokens']} | {r['completion_tokens']} | "
                    f"{wall} | {r['completion_tokens'] / wall:.1f} | {total / wall:.0f} | "
                    f"{r['client']['cpu_s'] * 1000 / n:.0f} | {r['server_cpu_s'] * 1000 / n:.0f} |")
    keys = sorted({k for r in runs for k in r["reuse"]}, key=lambda k: (k != "all", k))
    reuse = ["| provider | server cache | " + " | ".join(keys) + " | calls matched to server log |",
             "|---|---|" + "---:|" * (len(keys) + 1)]
    for r in runs:
        cells = " | ".join(f"{r['reuse'].get(k, float('nan')):.1%}" for k in keys)
        check = f"{'all' if r['matched'] else 'NOT all'} ({r['length_agree']}/{r['length_checked']} lengths agree)"
        reuse.append(f"| {r['provider']} | {r['mode']} | {cells} | {check} |")
    return "\n\n".join([f"<!-- {mark}:start -->", "\n".join(head), "Share of prompt tokens served from the "
                        "server's cache:", "\n".join(reuse), f"<!-- {mark}:end -->"])

