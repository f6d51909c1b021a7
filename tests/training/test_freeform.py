"""Datagen (b): free-form conversations through Inspect against a local OpenAI-compatible stub."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from muses.testing.stub_server import StubServer
from muses.training import (
    CATEGORIES,
    FreeformDatagenConfig,
    Seed,
    generate_freeform,
    load_seeds,
    read_conversations,
)
from muses.training._freeform import plan_conversation
from muses.training._seedgen import generate_seeds
from muses.training._seeds import parse_seeds


def _seed(seed_id: str, description: str = "A team plans a release.") -> Seed:
    people = [("Alice", "Lead"), ("Bob", "Engineer"), ("Cara", "Designer")]
    return Seed.model_validate({
        "id": seed_id, "category": "project_collaboration", "title": f"Seed {seed_id}", "description": description,
        "participants": [{"id": n, "role": r, "background": f"{n} wants progress."} for n, r in people],
    })


def _reply(body: dict[str, Any]) -> str:
    if body["model"] == "seedgen":
        return _draft(body)
    messages = body["messages"]
    system = messages[0]["content"]
    if body["model"] == "ff-teacher":
        if "TEACHER-SILENT" in system:
            return ""
        if "TEACHER-STOPS" in system and any(m["role"] == "assistant" for m in messages):
            return "   "
        speakers = re.findall(r"<(\w+)>", messages[-1]["content"])
        return f"@{speakers[0]}: private note for {speakers[0]}\n@all: update for everyone"
    name = re.match(r"You are (\w+),", system).group(1)  # type: ignore[union-attr]
    if name == "Cara":
        return "[SILENT]"
    return f'"{name}: message number {len(messages)} from {name}"'


@pytest.fixture(scope="module")
def stub() -> Iterator[StubServer]:
    """One server for the module: Inspect memoizes models, and with them their base URL."""
    with StubServer(reply=_reply, record_requests=True) as server, pytest.MonkeyPatch.context() as patch:
        patch.setenv("LOCAL_BASE_URL", server.base_url)
        patch.setenv("LOCAL_API_KEY", "test")
        yield server


def _config(tmp_path: Path, **overrides: Any) -> FreeformDatagenConfig:
    fields = {"out": tmp_path / "ff.jsonl", "teacher": "openai-api/local/ff-teacher", "user_model": "openai-api/local/ff-user",
              "per_seed": 3, "max_turns": 4, "seed": 3, "log_dir": tmp_path / "logs"}
    fields.update(overrides)
    return FreeformDatagenConfig.model_validate(fields)


def test_users_see_the_conversation_so_far_and_only_their_own_view(tmp_path: Path, stub: StubServer) -> None:
    summary = generate_freeform(_config(tmp_path), [_seed("ff-a")])
    assert (summary.planned, summary.kept, summary.errors) == (3, 3, 0)
    user_requests = [r for r in stub.recorded if r["model"] == "ff-user"]
    saw_reply = saw_private = 0
    for request in user_requests:
        me = re.match(r"You are (\w+),", request["messages"][0]["content"]).group(1)  # type: ignore[union-attr]
        text = json.dumps(request["messages"])
        for owner in re.findall(r"private note for (\w+)", text):
            assert owner == me, f"{me} saw a private message to {owner}"
            saw_private += 1
        saw_reply += "[Assistant to everyone]: update for everyone" in text
    assert saw_reply and saw_private, "later user turns must show the agent's earlier replies"
    assert any(m["role"] == "assistant" for r in user_requests for m in r["messages"]), "own earlier messages"


def test_empty_turns_dropped_provenance_recorded_and_resume(tmp_path: Path, stub: StubServer) -> None:
    config = _config(tmp_path)
    generate_freeform(config, [_seed("ff-a")])
    conversations = read_conversations(config.out)
    speakers = {t.speaker for c in conversations for e in c.exchanges for t in e.inputs}
    assert "Cara" not in speakers and speakers <= {"Alice", "Bob"}
    for conversation in conversations:
        p = conversation.provenance
        assert (p.kind, p.teacher, p.user_model, p.seed_id, p.category, p.split) == (
            "freeform", "openai-api/local/ff-teacher", "openai-api/local/ff-user", "ff-a", "project_collaboration", "train"
        )
        assert p.log_file and Path(p.log_file).exists()
        first = conversation.exchanges[0].inputs[0]
        assert first.content == f"message number 2 from {first.speaker}", "quotes and name prefix stripped"
    before = len(stub.recorded)
    again = generate_freeform(config, [_seed("ff-a")])
    assert (again.skipped, again.kept, len(stub.recorded)) == (3, 0, before)


def test_empty_teacher_replies_truncate_or_reject(tmp_path: Path, stub: StubServer) -> None:
    seeds = [_seed("ff-stops", "TEACHER-STOPS after one answer."), _seed("ff-silent", "TEACHER-SILENT always.")]
    summary = generate_freeform(_config(tmp_path, per_seed=2), seeds)
    assert summary.rejected == {"no complete exchange": 2}
    kept = read_conversations(tmp_path / "ff.jsonl")
    assert len(kept) == 2 and all(len(c.exchanges) == 1 for c in kept)
    assert all(c.exchanges[0].reply.strip() for c in kept)


def test_builtin_participants_are_refused_for_free_form(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="need LLM participants; muses/scripted"):
        _config(tmp_path, user_model="muses/scripted")


def test_plans_follow_the_paper_mix_per_conversation() -> None:
    seed = load_seeds()[0]
    lengths = [len(plan_conversation(seed, i, 0, 10)) for i in range(200)]
    assert lengths.count(1) > 20 and max(lengths) > 5 and len(set(lengths)) > 4
    plan = plan_conversation(seed, 7, 0, 10)
    assert plan == plan_conversation(seed, 7, 0, 10)
    assert all(1 <= len(turn) <= 3 and len(set(turn)) == len(turn) for turn in plan)


def test_shipped_seeds_cover_every_category() -> None:
    seeds = load_seeds()
    assert len(seeds) >= 12 and {s.category for s in seeds} == set(CATEGORIES)
    assert [s.id for s in load_seeds(categories=["education"])] == ["education_group_project_grading"]


@pytest.mark.parametrize(
    ("name", "message"),
    [("Agent", "reserved"), ("all", "reserved"), ("Mary Ann", "pattern"), ("alice", "unique")],
)
def test_seed_validation_rejects_unsafe_participants(name: str, message: str) -> None:
    data = _seed("x").model_dump(mode="json")
    data["participants"][2]["id"] = name
    with pytest.raises(ValueError, match=message):
        parse_seeds([data], "seeds.json")


def _draft(body: dict[str, Any]) -> str:
    prompt = body["messages"][-1]["content"]
    if "legal consultation" in prompt:
        return "Sorry, I cannot help with that."
    if "education" in prompt:
        people = [{"id": "Agent", "role": "r", "background": "b"}, {"id": "Li", "role": "r", "background": "b"}]
        return json.dumps({"title": "Lab", "description": "d", "participants": people})
    people = [{"id": n, "role": "r", "background": "b", "behavior": "calm"} for n in ("Ana", "Ben")]
    return "Here you go:\n" + json.dumps({"title": "Same title", "description": "A situation.", "participants": people})


def test_teacher_drafted_seeds_are_validated_deduped_and_merged(tmp_path: Path, stub: StubServer) -> None:
    out = tmp_path / "seeds.json"
    categories = ["it_support", "legal_consultation", "education", "travel_coordination"]
    summary = generate_seeds("openai-api/local/seedgen", out, categories, 1, log_dir=tmp_path / "logs")
    assert (summary.added, summary.total) == (1, 1)
    assert summary.rejected == {"no JSON seed in the reply": 1, "invalid seed": 1, "duplicate title": 1}
    seeds = load_seeds(out)
    assert seeds[0].source == "teacher" and seeds[0].category in ("it_support", "travel_coordination")
    rerun = generate_seeds("openai-api/local/seedgen", out, ["it_support"], 1, rng_seed=1, log_dir=tmp_path / "logs")
    assert (rerun.added, rerun.total, rerun.rejected) == (0, 1, {"duplicate title": 1})
