"""Every command of the README's "Run your own model" block runs, against the bundled stub server.

Each line's environment variables and arguments are taken from the README as written; only the
server address is replaced by the stub's, and a small scenario and limit are added so the test is
quick. The hosted-API line gets OPENAI_BASE_URL pointing at the stub (it must never leave the
machine). The dry run is run as written, with the stub in its own process.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from muses.cli import app
from muses.testing.replies import plausible_reply
from muses.testing.stub_server import StubServer

README = Path(__file__).resolve().parents[2] / "README.md"
ADDRESS = re.compile(r"http://127\.0\.0\.1:\d+/v1")


def _blocks() -> list[str]:
    section = README.read_text(encoding="utf-8").split("### Run your own model", 1)[1].split("\n### ", 1)[0]
    return re.findall(r"```sh\n(.*?)```", section, re.DOTALL)


def _commands() -> list[tuple[dict[str, str], list[str]]]:
    found = []
    for line in _blocks()[0].splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        words = shlex.split(line.split("  #")[0])
        start = words.index("muses")
        env = dict(word.split("=", 1) for word in words[:start])
        found.append((env, words[start + 1 :]))
    return found


def test_the_block_covers_every_kind_of_server() -> None:
    text = _blocks()[0]
    for provider in ("vllm/", "muses-http/", "sglang/", "ollama/", "openai-api/local/", "openai/", "--user-model"):
        assert provider in text
    assert len(_commands()) == 8


@pytest.fixture(scope="module")
def stub() -> Iterator[StubServer]:
    """One stub for every command: Inspect keeps a model named by its string (with its URL) for the
    whole process, so two commands naming the same model must find the same server."""
    with StubServer(reply=plausible_reply) as server:
        yield server


@pytest.mark.parametrize(("env", "args"), _commands(), ids=lambda value: " ".join(value) if isinstance(value, list) else "")
def test_each_readme_command_runs_against_the_stub(env: dict[str, str], args: list[str], tmp_path: Path, stub: StubServer) -> None:
    variables = {key: ADDRESS.sub(stub.base_url, value) for key, value in env.items()}
    if "OPENAI_API_KEY" in variables:
        variables["OPENAI_BASE_URL"] = stub.base_url
    full = [*args, "meeting", "--limit", "1", "-T", "rounds=2", "--out", str(tmp_path), "--no-report"]
    before = stub.stats().requests
    result = CliRunner().invoke(app, full, env={**os.environ, **variables})
    assert stub.stats().requests > before
    assert result.exit_code == 0, result.output
    assert "meeting" in result.output and "success" in result.output


def test_the_dry_run_works_as_written(tmp_path: Path) -> None:
    lines = [line for line in _blocks()[1].splitlines() if line.strip()]
    server = shlex.split(lines[0].rstrip("&"))
    assert server[:3] == ["python", "-m", "muses.testing.stub_server"]
    server[server.index("--port") + 1] = "0"  # a free port here; the README's is fixed so the next line can name it
    process = subprocess.Popen([sys.executable, *server[1:]], stdout=subprocess.PIPE, text=True)
    try:
        url = (process.stdout.readline() if process.stdout else "").strip()
        words = shlex.split(ADDRESS.sub(url, lines[1]))
        env = dict(word.split("=", 1) for word in words[: words.index("muses")])
        args = words[words.index("muses") + 1 :]
        args[args.index("--out") + 1] = str(tmp_path)
        result = CliRunner().invoke(app, [*args, "--no-report"], env={**os.environ, **env})
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert result.exit_code == 0, result.output
    assert "meeting  muses-http/stub  success" in result.output
