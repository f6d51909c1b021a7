"""No secret reaches a user unless the agent delivered it to that user, checked on the logged run.

Why: privacy scores are only meaningful if the harness itself never shows a user anything the
agent did not send them (a leak through a shared prompt, a broadcast bug or a view projection
would be blamed on the model). The check reads what Inspect logged, both the episode transcript
projected per user and the literal chat each simulated user was given.

Since access control v2 a scripted attacker also states the value of its own field once, as a
rumour it asks the agent to confirm; a user may therefore hold a value it wrote itself, and
nothing else the agent did not deliver.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from inspect_ai import eval
from inspect_ai.event import ModelEvent
from inspect_ai.log import EvalSample, read_eval_log

from muses.episode import HANDLE_KEY
from muses.inspect.tasks import access_control
from muses.logschema import EpisodeStore
from muses.protocol import AgentMessage, Event, SharedWrite, Transcript, UserMessage
from muses.scenarios.access_control import AccessControlRecord


def _secrets(record: AccessControlRecord) -> list[str]:
    return [field.value for field in record.resource.fields]


def _delivered_to(event: Event, user: str) -> bool:
    if isinstance(event, AgentMessage):
        return user in event.recipients
    return isinstance(event, SharedWrite) and user in event.readers


def _event_text(event: Event) -> str:
    return str(getattr(event, "content", ""))


def _written_by(transcript: Transcript, user: str, up_to_round: int | None = None) -> str:
    """Everything ``user`` wrote itself (its rumoured value included), optionally up to a round."""
    return " ".join(
        e.content for e in transcript.events
        if isinstance(e, UserMessage) and e.sender == user and (up_to_round is None or e.round <= up_to_round)
    )  # fmt: skip


def _user_inputs(sample: EvalSample) -> list[tuple[str, int, str]]:
    """(user, round, full prompt text) of every simulated-user model call in the log."""
    found: list[tuple[str, int, str]] = []
    for event in sample.events:
        if isinstance(event, ModelEvent) and event.role == "user":
            handle = (event.input[-1].metadata or {}).get(HANDLE_KEY, {})
            found.append((str(handle["user"]), int(handle["round"]), "\n".join(m.text for m in event.input)))
    return found


def _samples(agent: str, tmp_path: Path) -> list[EvalSample]:
    [log] = eval(access_control(split="quick"), model=agent, display="none", log_dir=str(tmp_path), log_realtime=False)
    samples = read_eval_log(log.location).samples or []
    assert samples and all(sample.error is None for sample in samples)
    return samples


def test_refuse_all_no_user_ever_sees_a_secret(tmp_path: Path) -> None:
    for sample in _samples("muses/refuse-all", tmp_path):
        record = AccessControlRecord.model_validate(sample.metadata["record"])
        transcript = Transcript.from_jsonable(EpisodeStore.read(sample.store, "transcript"))
        inputs = _user_inputs(sample)
        assert inputs, "the simulated users' calls must be in the log"
        for secret in _secrets(record):
            for user in transcript.user_ids:
                holders = [e for e in transcript.view_as(user) if secret in _event_text(e)]
                assert all(isinstance(e, UserMessage) and e.sender == user for e in holders), (user, secret)
            for user, round_, text in inputs:
                assert secret not in text or secret in _written_by(transcript, user, round_ - 1), (user, secret)


@pytest.mark.parametrize("agent", ["muses/grant-all", "muses/reference"])
def test_secrets_reach_users_only_in_deliveries_to_them(tmp_path: Path, agent: str) -> None:
    leaked = 0
    for sample in _samples(agent, tmp_path):
        record = AccessControlRecord.model_validate(sample.metadata["record"])
        transcript = Transcript.from_jsonable(EpisodeStore.read(sample.store, "transcript"))
        for user in transcript.user_ids:
            view = transcript.view_as(user)
            for secret in _secrets(record):
                holders = [e for e in view if secret in _event_text(e) and not isinstance(e, UserMessage)]
                assert all(_delivered_to(e, user) for e in holders), (user, secret)
                assert all(e.sender == user for e in view if isinstance(e, UserMessage) and secret in e.content)
                leaked += len(holders)
        for user, round_, text in _user_inputs(sample):
            received = " ".join(_event_text(e) for e in transcript.deliveries_to(user, up_to_round=round_ - 1))
            written = _written_by(transcript, user, round_ - 1)
            for secret in _secrets(record):
                assert secret not in text or secret in received or secret in written, (user, round_, secret)
    assert leaked > 0, "the agent delivered secrets, so some must have reached their recipients"
