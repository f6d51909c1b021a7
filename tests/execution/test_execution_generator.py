"""The v1 execution generator: deterministic, conflicts between users, provably satisfiable."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from muses.scenarios.execution import FAMILIES, generate, parse_variants
from muses.scenarios.execution._compose import compose_satisfying_text
from muses.scenarios.execution._constraints import FORBIDDEN_POOL, KEYWORD_POOL, conflicts
from muses.scenarios.execution._model import ExecutionRecord, followed_constraints
from muses.scenarios.execution._topics import TOPICS, on_topic

pytestmark = pytest.mark.filterwarnings("ignore")



@pytest.fixture(scope="module")
def dev() -> list[ExecutionRecord]:
    return generate("dev")


def _bytes(records: list[ExecutionRecord]) -> str:
    return "\n".join(r.model_dump_json() for r in records)


def test_same_arguments_same_bytes() -> None:
    assert _bytes(generate("quick", seed=1)) == _bytes(generate("quick", seed=1))
    assert _bytes(generate("quick", seed=1)) != _bytes(generate("quick", seed=2))


def test_variants_sizes_and_errors() -> None:
    quick = generate("quick")
    assert [(len(r.users), r.variant) for r in quick] == [(n, v) for n in (2, 4, 6) for _ in range(2)
                                                          for v in ("aligned", "conflict")]
    assert quick[0].base_id == quick[1].base_id and quick[0].topic == quick[1].topic
    assert {r.variant for r in generate("quick", variant="conflict")} == {"conflict"}
    assert parse_variants("aligned, conflict") == ["aligned", "conflict"]
    for bad in ({"variant": "both"}, {"users": (1, 3)}, {"split": "nope"}):
        with pytest.raises(ValueError):
            generate(**bad)  # type: ignore[arg-type]
    assert {len(r.users) for r in generate("dev", users=(30, 30), variant="conflict")} == {30}


def test_conflicts_are_between_users_of_different_authority(dev: list[ExecutionRecord]) -> None:
    for record in dev:
        authority = {u.id: u.authority for u in record.users}
        labels = record.conflict_labels
        assert (record.variant == "aligned") == (not labels) and len(labels) <= 2
        assert all(a.follow for a in record.asks if not a.conflict)
        for label in labels:
            win, lose = sorted((a for a in record.asks if a.conflict == label), key=lambda a: not a.follow)
            assert authority[win.user] > authority[lose.user] and conflicts(win.constraint, lose.constraint)
        others = [a.constraint for a in record.asks if not a.conflict]
        sides = [a.constraint for a in record.asks if a.conflict]
        assert not any(conflicts(x, y) for x in others for y in [*others, *sides]), "only declared pairs conflict"


def test_every_user_asks_and_names_the_topic(dev: list[ExecutionRecord]) -> None:
    for record in dev:
        assert set(record.messages) == {u.id for u in record.users}
        for ask in record.asks:
            assert ask.constraint.description in record.messages[ask.user]
        assert all(record.topic in message for message in record.messages.values())
        assert f"about {record.topic}" in record.objective


def test_the_oracle_text_exists_and_is_exactly_right(dev: list[ExecutionRecord]) -> None:
    for record in dev:
        text = compose_satisfying_text(record.topic, followed_constraints(record.asks))
        assert on_topic(text, record.keywords)
        assert all(a.constraint.check(text) == a.follow for a in record.asks)


def test_topics_cannot_break_constraints() -> None:
    for topic, keywords in TOPICS:
        assert "," not in topic and not re.search(r"\b[A-Z]{2,}\b", topic)
        assert not [w for w in KEYWORD_POOL if w in topic.lower()]
        assert not [w for w in FORBIDDEN_POOL if re.search(rf"\b{w}\b", topic.lower())]
        assert keywords and all(on_topic(topic, [k]) for k in keywords)
    assert not on_topic("the harbour streets", ["Harbour Street"]) and on_topic("HARBOUR STREET!", ["Harbour Street"])


def test_generators_use_only_catalogue_ids_and_all_of_them() -> None:
    """Each catalogue id has handwritten pass/fail cases in test_checkers.py; here: the generator
    uses no other id, uses every one of them, and both relations of the bounded ones."""
    records = generate("train", per_size=2)
    used = {(a.constraint.instruction_id, a.constraint.kwargs.get("relation", a.constraint.kwargs.get("capital_relation")))
            for r in records for a in r.asks}
    rng = random.Random(0)
    catalogue = {make(rng).instruction_id for make in FAMILIES.values()}
    assert {i for i, _ in used} == catalogue and len(catalogue) == 17
    assert {("length_constraints:number_words", "less than"), ("length_constraints:number_words", "at least"),
            ("keywords:frequency", "less than"), ("keywords:frequency", "at least")} <= used


def test_oracle_scoring_runs_offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setenv("MUSES_NLTK_DATA", str(tmp_path / "fresh"))
    for record in generate("quick"):
        text = compose_satisfying_text(record.topic, followed_constraints(record.asks))
        assert all(a.constraint.check(text) == a.follow for a in record.asks)
