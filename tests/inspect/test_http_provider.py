"""The muses-http provider and the stub server, exercised over real 127.0.0.1 HTTP.

Why real HTTP: the provider's value is its transport (one aiohttp session per event loop,
retry classification, error surfacing), which mocks would not exercise.
"""

import asyncio
import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from inspect_ai import Task, eval, task
from inspect_ai.dataset import Sample
from inspect_ai.model import (
    ChatMessageTool,
    ChatMessageUser,
    GenerateConfig,
    Model,
    ModelOutput,
    get_model,
)
from inspect_ai.solver import generate

from muses.providers._http import (
    ENV_API_KEY,
    ENV_BASE_URL,
    MusesHttpAPI,
    MusesHttpError,
    build_request,
    classify_retry,
)
from muses.testing.stub_server import StubServer


@pytest.fixture(scope="module")
def server() -> Iterator[StubServer]:
    with StubServer(record_requests=True) as stub:
        yield stub


@pytest.fixture
def stub(server: StubServer) -> StubServer:
    server.reset()
    server.inject()  # clear faults left by a failing test
    return server


def http_model(stub: StubServer, **model_args: Any) -> Model:
    """A fresh (non-memoized) model so per-test args and faults do not leak."""
    return get_model("muses-http/m", base_url=stub.base_url, memoize=False, retry_wait=0.01, **model_args)


def run(model: Model, prompt: str = "hello", config: GenerateConfig | None = None) -> ModelOutput:
    return asyncio.run(model.generate(prompt, config=config or GenerateConfig()))


def test_generate_returns_content_and_usage(stub: StubServer) -> None:
    output = run(http_model(stub), "hello")

    stats = stub.stats()
    assert output.completion == "ok: hello"
    assert output.stop_reason == "stop"
    assert output.usage is not None
    assert output.usage.input_tokens == stats.prompt_tokens > 0
    assert output.usage.output_tokens == stats.completion_tokens > 0
    assert output.usage.total_tokens == stats.prompt_tokens + stats.completion_tokens
    assert stats.requests == 1


def test_config_fields_are_forwarded_and_length_maps_to_max_tokens(stub: StubServer) -> None:
    config = GenerateConfig(
        temperature=0.2,
        top_p=0.9,
        max_tokens=1,
        seed=7,
        stop_seqs=["\n"],
        frequency_penalty=0.1,
        presence_penalty=0.3,
        system_message="be brief",
    )
    output = run(http_model(stub), "a long enough prompt", config)

    sent = stub.recorded[-1]
    assert output.stop_reason == "max_tokens"
    assert {k: sent[k] for k in ("temperature", "top_p", "max_tokens", "seed", "stop")} == {
        "temperature": 0.2,
        "top_p": 0.9,
        "max_tokens": 1,
        "seed": 7,
        "stop": ["\n"],
    }
    assert (sent["frequency_penalty"], sent["presence_penalty"]) == (0.1, 0.3)
    assert sent["model"] == "m"
    assert sent["messages"] == [
        {"role": "system", "content": "be brief"},
        {"role": "user", "content": "a long enough prompt"},
    ]


def test_api_key_and_extra_headers_are_sent(stub: StubServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_API_KEY, raising=False)
    run(http_model(stub, api_key="secret"), config=GenerateConfig(extra_headers={"X-Trace": "t1"}))
    run(http_model(stub))

    with_key, without_key = stub.recorded_headers
    assert with_key["Authorization"] == "Bearer secret"
    assert with_key["X-Trace"] == "t1"
    assert "Authorization" not in without_key


def test_five_concurrent_calls_are_all_in_flight_at_once() -> None:
    with StubServer(latency_ms=300) as slow:
        model = get_model("muses-http/m", base_url=slow.base_url, memoize=False)

        async def five() -> list[ModelOutput]:
            return await asyncio.gather(*(model.generate(f"q{i}") for i in range(5)))

        outputs = asyncio.run(five())
        stats = slow.stats()

    assert sorted(o.completion for o in outputs) == [f"ok: q{i}" for i in range(5)]
    assert stats.requests == 5
    assert stats.peak_in_flight == 5
    assert stats.mean_in_flight > 3


def test_429_is_retried_then_succeeds(stub: StubServer) -> None:
    stub.inject(fail_first_n=1, status=429, message="slow down", retry_after=0)

    output = run(http_model(stub))

    assert output.completion == "ok: hello"
    assert (stub.stats().requests, stub.stats().failures) == (2, 1)


def test_500_is_retried_then_succeeds(stub: StubServer) -> None:
    stub.inject(fail_first_n=2, status=500)

    assert run(http_model(stub)).completion == "ok: hello"
    assert stub.stats().requests == 3


def test_400_is_not_retried_and_surfaces_status_and_message(stub: StubServer) -> None:
    stub.inject(fail_first_n=1, status=400, message="context too long for this model")

    with pytest.raises(MusesHttpError, match=r"HTTP 400 .*context too long for this model") as info:
        run(http_model(stub))

    assert info.value.status_code == 400
    assert stub.stats().requests == 1


def test_hung_request_times_out_and_is_retried(stub: StubServer) -> None:
    stub.inject(hang_first_n=1)

    output = run(http_model(stub, request_timeout=0.3))

    assert output.completion == "ok: hello"
    assert stub.stats().requests == 2


def test_session_survives_two_evals_on_separate_event_loops(
    stub: StubServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))

    @task
    def one_sample() -> Task:
        return Task(dataset=[Sample(input="ping")], solver=generate())

    model = get_model("muses-http/m", base_url=stub.base_url, memoize=False)
    for _ in range(2):
        [log] = eval(one_sample(), model=model, display="none", log_dir=str(tmp_path))
        assert log.status == "success", log.error
        assert log.samples is not None
        assert log.samples[0].output.completion == "ok: ping"

    assert stub.stats().requests == 2


def test_sessions_are_per_loop_and_closed_at_loop_shutdown(stub: StubServer) -> None:
    api = MusesHttpAPI("m", base_url=stub.base_url)
    sessions: list[aiohttp.ClientSession] = []

    async def call() -> None:
        await api.generate([ChatMessageUser(content="hi")], [], "auto", GenerateConfig())
        sessions.append(await api._session())

    asyncio.run(call())
    asyncio.run(call())

    assert len(sessions) == 2 and sessions[0] is not sessions[1]
    assert all(s.closed for s in sessions)


def test_stock_openai_api_provider_works_against_the_stub(
    stub: StubServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LOCAL_BASE_URL", stub.base_url)
    monkeypatch.setenv("LOCAL_API_KEY", "x")

    async def ask(prompt: str, **model_args: Any) -> ModelOutput:
        # `async with` closes the SDK's httpx client before the loop ends
        async with get_model("openai-api/local/x", memoize=False, **model_args) as model:
            return await model.generate(prompt)

    plain = asyncio.run(ask("hi"))
    streamed = asyncio.run(ask("there", stream=True))

    assert plain.completion == "ok: hi"
    assert streamed.completion == "ok: there"
    assert streamed.usage is not None and streamed.usage.output_tokens > 0
    assert (stub.stats().requests, stub.stats().stream_requests) == (2, 1)


def test_stub_lists_models_and_rejects_bad_requests(stub: StubServer) -> None:
    with urllib.request.urlopen(f"{stub.base_url}/models", timeout=5) as response:
        models = json.load(response)
    bad = urllib.request.Request(f"{stub.base_url}/chat/completions", data=b"{}", method="POST")
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(bad, timeout=5)

    assert [m["id"] for m in models["data"]] == ["stub"]
    assert info.value.code == 400
    assert "messages" in json.load(info.value)["error"]["message"]


@pytest.mark.parametrize(
    ("error", "retry", "kind"),
    [
        (MusesHttpError("x", status_code=429, retry_after=2.0), True, "rate_limit"),
        (MusesHttpError("x", status_code=503), True, "transient"),
        (MusesHttpError("x", status_code=408), True, "transient"),
        (MusesHttpError("timeout", transient=True), True, "transient"),
        (aiohttp.ServerDisconnectedError(), True, "transient"),
        (TimeoutError(), True, "transient"),
        (MusesHttpError("x", status_code=400), False, None),
        (MusesHttpError("x", status_code=404), False, None),
        (MusesHttpError("bad json", status_code=200), False, None),
        (ValueError("x"), False, None),
    ],
)
def test_retry_classification(error: Exception, retry: bool, kind: str | None) -> None:
    decision = classify_retry(error)

    assert decision.retry is retry
    if retry:
        assert decision.kind == kind


def test_base_url_and_api_key_come_from_args_or_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_BASE_URL, raising=False)
    monkeypatch.delenv(ENV_API_KEY, raising=False)
    with pytest.raises(ValueError, match=ENV_BASE_URL):
        MusesHttpAPI("m")

    monkeypatch.setenv(ENV_BASE_URL, "http://127.0.0.1:9/v1/")
    monkeypatch.setenv(ENV_API_KEY, "from-env")
    from_env = MusesHttpAPI("m")
    explicit = MusesHttpAPI("m", base_url="http://127.0.0.1:8/v1", api_key="from-arg")

    assert (from_env.url, from_env.api_key) == ("http://127.0.0.1:9/v1/chat/completions", "from-env")
    assert (explicit.url, explicit.api_key) == ("http://127.0.0.1:8/v1/chat/completions", "from-arg")
    assert from_env.connection_key() != explicit.connection_key()


def test_tool_messages_are_refused() -> None:
    tool_message = ChatMessageTool(content="42", tool_call_id="c1", function="f")

    with pytest.raises(ValueError, match="tool"):
        build_request("m", [tool_message], GenerateConfig())
