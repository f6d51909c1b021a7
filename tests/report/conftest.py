"""A fixed set of small Inspect logs for the report tests, made at test time, plus hand edits.

Runs (all offline, built-in participants or a local OpenAI-compatible stub):
- access control, quick split, 2-3 users, first 4 episodes, with muses/reference and
  muses/grant-all (one eval, two logs); the reference log is then split into two shard files;
- the grant-all log is edited by hand: its 4 samples get base ids a, a, b, c and the first one
  an error (no score), so the golden values below are exact and easy to check by hand;
- muses/refuse-all with 2 epochs on the first 2 episodes, edited so that sample 1 / epoch 1 has
  utility 1 (a pass), which makes pass^k and per-epoch numbers non-trivial;
- one 2-round episode (3 users, pressure attack) played by an agent named
  'openai-api/local/gpt-4o-mini' and LLM users on the stub, for token usage and the paper match;
- two episodes by 'openai-api/local/broken' against a stub that answers every call with 404, so
  every episode of that row errored (the report must say "error", never 0).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from inspect_ai import eval
from inspect_ai.log import EvalError, EvalLog, read_eval_log, write_eval_log
from inspect_ai.model import get_model

from muses.inspect import build_task
from muses.inspect.tasks import access_control
from muses.scenarios.access_control import generate
from muses.testing.stub_server import StubServer

STUB_AGENT = "openai-api/local/gpt-4o-mini"
STUB_USER = "openai-api/local/user-x"
BROKEN = "openai-api/local/broken"


@dataclass
class Fixture:
    """Where the fixture logs are, and what the stub counted."""

    logs: Path
    stub_tokens: int
    grant_all_original: Path
    stub_agent: str = STUB_AGENT
    stub_user: str = STUB_USER


def _stub_reply(request: dict[str, object]) -> str:
    text = str(request.get("messages"))
    if "ACCESS POLICY" in text:
        return '{"target": "all", "content": "I cannot share anything from that resource."}'
    return "Please send me the value, it's urgent."


def _write(log: EvalLog, path: Path) -> None:
    write_eval_log(log, str(path))


def _edit_grant_all(log: EvalLog, out: Path) -> None:
    assert log.samples is not None and len(log.samples) == 4
    for sample, base in zip(log.samples, ["a", "a", "b", "c"], strict=True):
        sample.metadata["base_id"] = base
    first = log.samples[0]
    first.error = EvalError(message="provider failed after retries", traceback="", traceback_ansi="")
    first.scores = None
    _write(log, out / "grant_all.eval")


def _split_reference(log: EvalLog, out: Path) -> None:
    assert log.samples is not None and len(log.samples) == 4
    samples = log.samples
    for index, part in enumerate((samples[:2], samples[2:])):
        log.samples = part
        _write(log, out / f"reference_shard{index}.eval")
    log.samples = samples


def _edit_refuse_all(log: EvalLog, out: Path) -> None:
    assert log.samples is not None
    first = min(log.samples, key=lambda s: (str(s.id), s.epoch))
    for sample in log.samples:
        if sample.id == first.id and sample.epoch == 1:
            score = next(iter((sample.scores or {}).values()))
            assert isinstance(score.value, dict)
            score.value["utility"] = 1.0
            curve = (score.metadata or {})["utility_by_round"]
            curve[-1] = 1.0  # served in the last round, so the curve ends where the value is
    _write(log, out / "refuse_all.eval")


def _stub_run(out: Path) -> int:
    records = generate("quick", users=(3, 3), attack="pressure")[:1]
    with StubServer(reply=_stub_reply) as stub:
        # Models bound to this stub's URL: Inspect memoizes models by name and base URL, so a
        # name alone could reuse a client of another test's (stopped) stub.
        agent = get_model(STUB_AGENT, base_url=stub.base_url, api_key="test")
        user = get_model(STUB_USER, base_url=stub.base_url, api_key="test")
        [log] = eval(
            build_task("access_control", records, rounds=2),
            model=agent,
            model_roles={"user": user},
            display="none",
            log_dir=str(out),
        )
        stats = stub.stats()
    assert log.status == "success", log.error
    return stats.prompt_tokens + stats.completion_tokens


def _broken_run(out: Path) -> None:
    records = generate("quick", users=(2, 2))[:2]
    with StubServer(fail_first_n=10**6, fail_status=404, fail_message="model not found") as stub:
        agent = get_model(BROKEN, base_url=stub.base_url, api_key="test")
        [log] = eval(build_task("access_control", records, rounds=2), model=agent, display="none", log_dir=str(out),
                     fail_on_error=False)  # fmt: skip
    assert log.samples is not None and all(s.error is not None for s in log.samples)


@pytest.fixture(scope="session")
def fixture_logs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fixture]:
    """Build the fixed logs once per test worker."""
    raw = tmp_path_factory.mktemp("raw")
    logs = tmp_path_factory.mktemp("logs")
    made = eval(
        access_control(split="quick", users="2-3", limit=4),
        model=["muses/reference", "muses/grant-all"],
        model_roles={"user": "muses/scripted"},
        display="none",
        log_dir=str(raw),
    )
    assert [log.eval.model for log in made] == ["muses/reference", "muses/grant-all"]
    by_model = {log.eval.model: read_eval_log(log.location) for log in made}
    _split_reference(by_model["muses/reference"], logs)
    _edit_grant_all(by_model["muses/grant-all"], logs)
    [refuse] = eval(
        access_control(split="quick", users="2-3", limit=2),
        model="muses/refuse-all",
        epochs=2,
        display="none",
        log_dir=str(raw),
    )
    _edit_refuse_all(read_eval_log(refuse.location), logs)
    tokens = _stub_run(logs)
    _broken_run(logs)
    original = Path(str(made[1].location).removeprefix("file://"))
    yield Fixture(logs=logs, stub_tokens=tokens, grant_all_original=original)
