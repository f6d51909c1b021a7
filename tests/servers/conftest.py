"""Helpers for runs against the stub server through the `muses run` command line.

Model names carry the stub's port: Inspect memoizes models by name (and by a base URL passed as
an argument, not one read from the environment), so a user-role model named like one of an
earlier test would reuse a client of a stub that has stopped.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from inspect_ai.log import EvalLog, EvalSample, list_eval_logs, read_eval_log
from typer.testing import CliRunner

from muses.cli import app
from muses.testing.stub_server import StubServer


def run_cli(stub: StubServer, out: Path, *args: str, users: bool = False, env: dict[str, str] | None = None) -> Result:
    """`muses run ... --model muses-http/a<port>` (and LLM users `muses-http/u<port>` if ``users``)."""
    command = ["run", *args, "--model", f"muses-http/a{stub.port}", "--out", str(out), "--no-report"]
    if users:
        command += ["--user-model", f"muses-http/u{stub.port}"]
    variables = {**os.environ, "MUSES_HTTP_BASE_URL": stub.base_url, **(env or {})}
    variables.pop("CI", None)
    return CliRunner().invoke(app, command, env=variables)


def logs(out: Path) -> list[EvalLog]:
    """Every log of a run directory, with samples."""
    return [read_eval_log(info) for info in list_eval_logs(str(out / "logs"))]


def samples(out: Path) -> list[EvalSample]:
    return [sample for log in logs(out) for sample in log.samples or []]


def requests_by_role(stub: StubServer) -> dict[str, list[dict[str, Any]]]:
    """Recorded request bodies split into agent and user calls (by model name prefix)."""
    split: dict[str, list[dict[str, Any]]] = {"agent": [], "user": []}
    for body in stub.recorded:
        split["user" if str(body.get("model", "")).startswith("u") else "agent"].append(body)
    return split


class Helpers:
    """The helpers above, handed to tests as the ``srv`` fixture (test modules cannot import conftest)."""

    run_cli = staticmethod(run_cli)
    logs = staticmethod(logs)
    samples = staticmethod(samples)
    requests_by_role = staticmethod(requests_by_role)


@pytest.fixture
def srv() -> type[Helpers]:
    return Helpers
