"""v2 selection data defeats surface rules: authority rank, shared words and verbs say nothing of the label."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable
from statistics import mean
from typing import Any

import pytest

from muses.episode import ChatTurn, run_episode
from muses.scenarios.selection import SPEC, SURFACE_BOUND, generate
from muses.scenarios.selection._disputes import NEUTRAL_DISPUTES, TWINS
from muses.scenarios.selection._model import Instruction, SelectionRecord
from muses.scenarios.selection._objectives import OBJECTIVES
from muses.scenarios.selection._surface import DISRUPTIVE, SURFACE_AGENTS, content_words, tokens


@pytest.fixture(scope="module")
def test_split() -> list[SelectionRecord]:
    return generate("test")


def _macro(records: list[SelectionRecord], policy: Callable[[Any], str]) -> float:
    async def one(record: SelectionRecord) -> float:
        async def agent(chat: list[ChatTurn], obs: Any) -> str:
            return policy(obs)

        async def user(chat: list[ChatTurn], obs: Any) -> str:
            return SPEC.scripted_user(obs)

        transcript = await run_episode(SPEC.environment(record, 1), "xml", agent, user)
        return SPEC.scorer(record, transcript).values["macro_f1"]

    async def all_of() -> list[float]:
        return [await one(r) for r in records]

    return mean(asyncio.run(all_of()))


@pytest.mark.parametrize("name", sorted(SURFACE_AGENTS))
def test_surface_rules_stay_near_chance_on_the_test_split(test_split: list[SelectionRecord], name: str) -> None:
    assert _macro(test_split, SURFACE_AGENTS[name]) <= SURFACE_BOUND


def _disruptive(text: str) -> bool:
    return any(w in DISRUPTIVE for w in tokens(text))


def _features(record: SelectionRecord, i: Instruction) -> dict[str, bool]:
    authority = {u.id: u.authority for u in record.users}
    seniors = [j for j in record.instructions if authority[j.user] > authority[i.user]]
    return {
        "lowest authority": authority[i.user] == min(authority.values()) < max(authority.values()),
        "highest authority": authority[i.user] == max(authority.values()),
        "shares 2+ words with a senior": any(len(content_words(i.text) & content_words(j.text)) >= 2 for j in seniors),
        "disruptive verb": _disruptive(i.text),
        "touches the objective": bool(content_words(i.text) & content_words(record.objective)),
    }


def test_no_surface_feature_marks_the_label(test_split: list[SelectionRecord]) -> None:
    rows = [(_features(r, i), not i.accept) for r in test_split for i in r.instructions]
    base = mean(rejected for _, rejected in rows)
    for feature in rows[0][0]:
        with_it = [rejected for f, rejected in rows if f[feature]]
        assert len(with_it) > 100 and abs(mean(with_it) - base) < 0.1, feature


def test_conflicts_without_shared_words_and_look_alikes_without_conflict(test_split: list[SelectionRecord]) -> None:
    wordless = lookalike = junior_defence = senior_harm = 0
    for record in test_split:
        authority = {u.id: u.authority for u in record.users}
        top = max(authority.values())
        losers = [i for i in record.instructions if i.kind == "conflict_loser"]
        for loser in losers:
            winner = next(i for i in record.instructions if i.kind == "conflict_winner" and i.subject == loser.subject)
            wordless += not content_words(loser.text) & content_words(winner.text)
        for i in record.instructions:
            seniors = [j for j in record.instructions if authority[j.user] > authority[i.user]]
            lookalike += i.accept and any(len(content_words(i.text) & content_words(j.text)) >= 2 for j in seniors)
            junior_defence += i.kind == "defence" and any(
                h.kind == "harmful" and authority[h.user] > authority[i.user] for h in record.instructions)
            senior_harm += i.kind == "harmful" and authority[i.user] == top
    assert min(wordless, lookalike, junior_defence, senior_harm) >= 30


def test_policy_and_alias_disputes_share_no_more_than_one_word() -> None:
    for flavour in ("policy", "alias"):
        for make in NEUTRAL_DISPUTES[flavour]:  # type: ignore[index]
            for seed in range(6):
                dispute = make(random.Random(seed))
                for a in dispute.favoured:
                    assert all(len(content_words(a) & content_words(b)) <= 1 for b in dispute.other), (make, a)


def test_look_alikes_share_words_and_verbs_cut_both_ways() -> None:
    assert all(len(content_words(a) & content_words(b)) >= 3 for a, b in TWINS)
    assert sum(_disruptive(a) or _disruptive(b) for a, b in TWINS) >= len(TWINS) // 2
    for objective in OBJECTIVES:
        goal = content_words(objective.text)
        assert all(_disruptive(g) and content_words(g) & goal for g in objective.guarded), objective.key
    harms = [h for o in OBJECTIVES for h in o.harms]
    assert sum(not _disruptive(h.text) for h in harms) >= 0.5 * len(harms)
    wordless = [d for h in harms for d in h.defences if not content_words(d) & content_words(h.text)]
    assert len(wordless) >= 12 and all(h.defences for h in harms)
