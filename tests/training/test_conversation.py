"""Conversions from transcripts, the variants, the output store and the split guard (no torch)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

from muses.episode import agent_chat, run_episode
from muses.protocol import TEMPLATES, Transcript
from muses.scenarios import get_scenario
from muses.scenarios._base import AgentObservation, UserObservation
from muses.scenarios.access_control import generate
from muses.training import ConversationStore, read_conversations, sft_messages
from muses.training._conversation import (
    Exchange,
    Provenance,
    Turn,
    benchmark_chat,
    exchanges_from_transcript,
    make_conversation,
    system_prompts,
)
from muses.training._splits import SplitOverlapError, check_disjoint, train_records
from muses.training._store import Rejection


def _played_env(rounds: int = 3) -> Any:
    spec = get_scenario("access_control")
    record = generate(split="train", seed=1, users=(3, 3), per_size=1, attack="pressure")[0]
    env = spec.environment(record, rounds)

    async def agent(chat: Any, obs: AgentObservation) -> str:
        return spec.agents["reference"](obs)

    async def user(chat: Any, obs: UserObservation) -> str:
        return spec.scripted_user(obs)

    asyncio.run(run_episode(env, "xml", agent, user))
    return env


def _conversation(cid: str = "c1", reply: str = "@all: ok") -> Any:
    provenance = Provenance(kind="freeform", teacher="t", user_model="u", scenario="freeform", split="train", seed_id="s", template="xml")
    exchanges = [Exchange(inputs=[Turn(speaker="Alice", content="hi"), Turn(speaker="Bob", content="yo")], reply=reply)]
    return make_conversation(cid, ["Alice", "Bob"], system_prompts(lambda t: f"system for {t}"), exchanges, provenance)


@pytest.mark.parametrize("template", TEMPLATES)
def test_conversion_reproduces_the_benchmark_agent_chat_for_every_template(template: Any) -> None:
    env = _played_env()
    exchanges = exchanges_from_transcript(env.transcript)
    assert len(exchanges) == len(env.transcript.agent_turns()) >= 2
    expected = [(t.role, t.content, t.speaker) for t in agent_chat(env, template, env.transcript.last_round)]
    assert benchmark_chat(env.system_prompt(template), exchanges, template) == expected


def test_unanswered_inputs_and_empty_replies_never_reach_the_data() -> None:
    transcript = Transcript(principals=_played_env().record.users)
    alice, bob = transcript.user_ids[:2]
    transcript.add_user_message(0, alice, "round 0")
    transcript.add_agent_turn(0, "@all: hello", True)
    transcript.add_user_message(1, bob, "round 1")
    transcript.add_agent_turn(1, "   ", False)
    transcript.add_user_message(2, alice, "round 2")
    transcript.add_agent_turn(2, "@all: late", True)
    transcript.add_user_message(3, bob, "unanswered")
    exchanges = exchanges_from_transcript(transcript)
    assert [e.reply for e in exchanges] == ["@all: hello"]


def test_variants_native_names_and_serialized_text() -> None:
    conversation = _conversation()
    native = sft_messages(conversation, "native")
    assert [(m["role"], m["name"]) for m in native] == [("system", None), ("user", "Alice"), ("user", "Bob"), ("assistant", None)]
    assert native[1]["content"] == "Alice: hi" and native[0]["content"] == "system for native"
    xml = sft_messages(conversation, "xml")
    assert [m["content"] for m in xml[1:]] == ["<Alice>hi</Alice>\n\n<Bob>yo</Bob>", "@all: ok"]
    assert all(m["name"] is None for m in xml)
    assert sft_messages(conversation, "says")[1]["content"].startswith("Alice says: hi")
    with pytest.raises(ValueError, match="variant"):
        sft_messages(conversation, "bracket")  # type: ignore[arg-type]


def test_store_dedupes_resumes_and_survives_a_torn_line(tmp_path: Path) -> None:
    out = tmp_path / "conversations.jsonl"
    store = ConversationStore(out)
    assert store.append([_conversation("a"), _conversation("b"), _conversation("c", reply="@all: other")]) == (2, 1)
    store.reject([Rejection(id="r1", reason="privacy below 1")])
    with out.open("a") as handle:
        handle.write('{"id": "torn", "content_ha')
    resumed = ConversationStore(out)
    assert resumed.done("a") and resumed.done("c") and resumed.done("r1") and not resumed.done("b")
    assert resumed.append([_conversation("d", reply="@all: new")]) == (1, 0)
    assert [c.id for c in read_conversations(out)] == ["a", "c", "d"]
    assert json.loads((tmp_path / "conversations.jsonl.rejected.jsonl").read_text())["reason"] == "privacy below 1"


def test_bad_lines_are_errors_naming_file_and_line(tmp_path: Path) -> None:
    out = tmp_path / "bad.jsonl"
    out.write_text(_conversation().model_dump_json() + "\n" + '{"id": "x"}\n')
    with pytest.raises(ValueError, match=r"bad.jsonl:2: content_hash"):
        read_conversations(out)
    with pytest.raises(FileNotFoundError, match="missing.jsonl"):
        read_conversations(tmp_path / "missing.jsonl")


def test_train_split_is_disjoint_from_every_eval_split() -> None:
    records = train_records("access_control", [0, 1], {"users": (2, 3), "per_size": 1})
    assert records and {r.split for r in records} == {"train"}


def test_overlap_with_an_eval_split_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = get_scenario("access_control")
    leaky = lambda split, **kw: [r.model_copy(update={"split": "train"}) for r in generate(split="quick", **kw)]  # noqa: E731
    monkeypatch.setattr(spec, "generate", leaky)
    with pytest.raises(SplitOverlapError, match="also appear in the 'quick' split"):
        train_records("access_control", [0], {})


def test_content_overlap_is_refused_even_with_fresh_ids() -> None:
    quick = generate(split="quick", seed=0)
    disguised = [r.model_copy(update={"split": "train", "id": "ac-fresh", "base_id": "acb-fresh"}) for r in quick[:1]]
    with pytest.raises(SplitOverlapError, match="ac-fresh = quick:"):
        check_disjoint("access_control", disguised, [0], {})
    with pytest.raises(SplitOverlapError, match="labelled"):
        check_disjoint("access_control", quick[:1], [0], {})
