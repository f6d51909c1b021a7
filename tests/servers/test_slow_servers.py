"""Issue 18 item 2: finite retries, a time limit per call, and servers that serve one request at a time.

A run against a slow or one-at-a-time server finishes with default settings; a server that fails
every call ends the run within seconds with the cause; an unreachable one stops it before it starts.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from muses.runner._config import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT
from muses.testing.replies import plausible_reply
from muses.testing.stub_server import StubServer


def test_cli_defaults_are_the_run_configs() -> None:
    from muses.cli import MAX_RETRIES, TIMEOUT_S

    assert (MAX_RETRIES, TIMEOUT_S) == (DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT) == (3, 600)


def test_a_one_slot_server_is_detected_and_never_sent_two_requests(tmp_path: Path, srv: Any) -> None:
    with StubServer(reply=plausible_reply, serial=True, ms_per_token=0.5, props={"total_slots": 1}) as stub:
        result = srv.run_cli(stub, tmp_path, "access_control", "meeting", "--limit", "3", "-T", "rounds=3", users=True)
        peak = stub.stats().peak_in_flight
    assert result.exit_code == 0, result.output
    assert f"note: the server at {stub.base_url} computes 1 request(s) at a time (llama.cpp /props): 1 connection(s)" in result.output
    assert peak == 1
    assert all(log.status == "success" and log.results and log.results.completed_samples == 3 for log in srv.logs(tmp_path))


def test_a_server_that_says_nothing_gets_a_few_connections_and_finishes(tmp_path: Path, srv: Any) -> None:
    with StubServer(reply=plausible_reply, serial=True, latency_ms=20) as stub:
        result = srv.run_cli(stub, tmp_path, "meeting", "--limit", "6", "-T", "rounds=3", users=True)
        peak = stub.stats().peak_in_flight
    assert result.exit_code == 0, result.output
    assert "does not say how many requests it computes at once: 4 connection(s) (--max-connections N to change)" in result.output
    assert peak <= 4
    assert all(log.results and log.results.completed_samples == 6 for log in srv.logs(tmp_path))


def test_a_call_that_hangs_ends_at_the_time_limit_with_its_cause(tmp_path: Path, srv: Any) -> None:
    with StubServer(reply=plausible_reply, hang_first_n=10**6, hang_s=60) as stub:
        started = time.monotonic()
        result = srv.run_cli(stub, tmp_path, "access_control", "--limit", "1", "--timeout", "1", "--max-retries", "1", "-M", "retry_wait=0.01")
        elapsed = time.monotonic() - started
    assert result.exit_code == 1, result.output
    assert elapsed < 30
    assert "error: 1 of 1 episodes failed; first error: ModelCallError: agent call in round 0" in result.output
    assert "no response within 1 s" in result.output


def test_a_server_that_fails_every_call_ends_the_run_quickly(tmp_path: Path, srv: Any) -> None:
    """Default retries; the breaker stops calling after the first failures instead of retrying each episode."""
    with StubServer(fail_first_n=10**6, fail_status=500, fail_message="CUDA out of memory") as stub:
        started = time.monotonic()
        result = srv.run_cli(stub, tmp_path, "access_control", "--limit", "12", "-M", "retry_wait=0.01")
        elapsed, requests = time.monotonic() - started, stub.stats().requests
    assert result.exit_code == 1, result.output
    assert elapsed < 60
    assert requests <= 8 * (DEFAULT_MAX_RETRIES + 1)  # at most two waves of four connections, then no more calls
    assert "error: 12 of 12 episodes failed; first error:" in result.output and "CUDA out of memory" in result.output


def test_an_unreachable_server_stops_the_run_before_it_starts(tmp_path: Path, srv: Any) -> None:
    with StubServer() as stub:
        url = stub.base_url
    with StubServer() as other:  # a running stub for the helper; the URL points at the stopped one
        started = time.monotonic()
        result = srv.run_cli(other, tmp_path, "meeting", env={"MUSES_HTTP_BASE_URL": url})
    assert result.exit_code == 2 and time.monotonic() - started < 20
    line = result.output.strip().splitlines()[-1]
    assert line.startswith(f"error: cannot reach the server of muses-http/a{other.port} at {url} (ConnectError")
    assert line.endswith("): start it, or fix its URL")
