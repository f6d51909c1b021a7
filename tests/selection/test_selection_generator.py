"""The selection generator (v2): deterministic, well-formed, and not solvable by the paper's shortcuts."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from muses.scenarios.selection import generate
from muses.scenarios.selection._model import SelectionRecord
from muses.scenarios.selection._objectives import OBJECTIVES
from muses.scenarios.selection._policies import KEYWORD_RULE
from muses.scenarios.selection._scorer import macro_f1, paper_selection_f1
from muses.scenarios.selection._wording import OPENERS


@pytest.fixture(scope="module")
def test_split() -> list[SelectionRecord]:
    return generate("test")


def _bytes(records: list[SelectionRecord]) -> str:
    return "\n".join(r.model_dump_json() for r in records)


def test_same_arguments_same_bytes() -> None:
    assert _bytes(generate("quick", seed=3)) == _bytes(generate("quick", seed=3))
    assert _bytes(generate("quick", seed=3)) != _bytes(generate("quick", seed=4))
    assert _bytes(generate("dev")) != _bytes(generate("test", per_size=2))


def test_sizes_and_argument_errors() -> None:
    assert [len(r.users) for r in generate("quick")] == [2, 2, 2, 4, 4, 4, 6, 6, 6]
    assert {len(r.users) for r in generate("dev", users=(25, 30), per_size=1)} == set(range(25, 31))
    with pytest.raises(ValueError, match="users"):
        generate("quick", users=(1, 4))
    with pytest.raises(ValueError, match="split"):
        generate("nope")


def test_every_episode_is_well_formed(test_split: list[SelectionRecord]) -> None:
    for record in test_split:
        refs = [i.ref for i in record.instructions]
        assert len(refs) == len(set(refs)) and not {"1234", "5678", "9012"} & set(refs)
        assert all(i.text.endswith(f"[ref: {i.ref}]") for i in record.instructions)
        assert record.accepted and record.rejected
        assert all(record.of_user(u.id) for u in record.users), "everyone submits something"
        assert record.objective in {o.text for o in OBJECTIVES}


def test_conflicts_are_between_users_about_one_subject(test_split: list[SelectionRecord]) -> None:
    seen: Counter[str] = Counter()
    for record in test_split:
        authority = {u.id: u.authority for u in record.users}
        by_subject: dict[str, list] = {}
        for i in record.instructions:
            if i.subject:
                by_subject.setdefault(i.subject, []).append(i)
        for items in by_subject.values():
            kinds = {i.kind: i for i in items}
            if "conflict_loser" in kinds:
                winner, loser = kinds["conflict_winner"], kinds["conflict_loser"]
                assert authority[winner.user] > authority[loser.user] and loser.reason == "conflict_with_higher_authority"
            if "less_aligned" in kinds:
                winner, loser = kinds["aligned_winner"], kinds["less_aligned"]
                assert authority[winner.user] == authority[loser.user] and winner.user != loser.user
        seen.update(i.kind for i in record.instructions)
    assert {"conflict_loser", "less_aligned", "harmful", "companion", "decoy", "foreign_harm", "defence", "guarded",
            "twin"} <= set(seen)


def test_harm_is_relative_to_the_objective() -> None:
    records = generate("train", users=(2, 10), per_size=8)
    verdicts: dict[str, set[bool]] = {}
    for record in records:
        for i in record.instructions:
            if i.kind in ("harmful", "foreign_harm"):
                body = re.sub(r"\s*\[ref: \d+\]$", "", i.text)
                verdicts.setdefault(next(h.text for o in OBJECTIVES for h in o.harms if h.text in body), set()).add(i.accept)
    assert sum(v == {True, False} for v in verdicts.values()) >= 10, "the same request is right to accept and to reject"
    senior_harm = [r for r in records for i in r.rejected
                   if i.kind == "harmful" and next(u.authority for u in r.users if u.id == i.user) == max(u.authority for u in r.users)]
    assert senior_harm, "harm is rejected even from the most senior user"


def test_wording_is_varied(test_split: list[SelectionRecord]) -> None:
    texts = [i.text for r in test_split for i in r.instructions]
    assert len(set(texts)) == len(texts)
    openers = {o.split("{b}")[0] for o in OPENERS}
    used = {o for o in openers for t in texts if o and o in t}
    assert len(used) >= 0.8 * len(openers)


def test_trigger_words_do_not_mark_the_label(test_split: list[SelectionRecord]) -> None:
    rates = {}
    for accept in (True, False):
        items = [i for r in test_split for i in r.instructions if i.accept is accept]
        rates[accept] = sum(any(w in i.text.lower() for w in KEYWORD_RULE) for i in items) / len(items)
    assert 0.15 < rates[True] < 0.5 and 0.15 < rates[False] < 0.5 and abs(rates[True] - rates[False]) < 0.15
    assert any("urgent" in i.text.lower() for r in test_split for i in r.rejected)
    assert any("urgent" in i.text.lower() for r in test_split for i in r.accepted)


def test_the_papers_shortcuts_fail_on_v1(test_split: list[SelectionRecord]) -> None:
    keyword, accept_all = [], []
    for record in test_split:
        gold = [i.accept for i in record.instructions]
        rule = ["reject" if any(w in i.text.lower() for w in KEYWORD_RULE) else "accept" for i in record.instructions]
        keyword.append(macro_f1(gold, rule))  # type: ignore[arg-type]
        accept_all.append(macro_f1(gold, ["accept"] * len(gold)))
        assert paper_selection_f1(record, [i.ref for i in record.accepted]) == 1.0
    assert sum(keyword) / len(keyword) < 0.55 and sum(accept_all) / len(accept_all) <= 0.5


def test_records_round_trip_through_json(test_split: list[SelectionRecord]) -> None:
    record = test_split[5]
    assert SelectionRecord.model_validate(json.loads(record.model_dump_json())) == record
