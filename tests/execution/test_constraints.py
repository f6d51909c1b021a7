"""Constraint catalogue, conflict pairs and the oracle composer, all against the real checkers."""

from __future__ import annotations

import json
import random
import re

import pytest

from muses.scenarios.execution import _compose as w
from muses.scenarios.execution import _constraints as m
from muses.scenarios.execution._checkers import build_checker, check_constraint
from muses.scenarios.execution._compose import compose_satisfying_text
from muses.scenarios.execution._constraints import (
    CONFLICT_PAIRS,
    FAMILIES,
    Constraint,
    conflicts,
    sample_compatible,
)

pytestmark = pytest.mark.filterwarnings("ignore")
TOPIC = "the office move"



HANDWRITTEN = [
    "", ".", "ok", "Hello, world.", "the team will move offices next week.", "THE TEAM WILL MOVE OFFICES NEXT WEEK.",
    "Any other questions?", "Thanks for reading.", '{"report": "We move on Monday."}', "* a\n* b\n* c",
    "One.\n***\nTwo.\n***\nThree.", "<<Move>>\n\nWe move. P.S. bring boxes.", '"Quoted, text, here, yes, indeed."',
    "budget budget budget, timeline, roadmap, and URGENT ACTION NOTE.",
    " ".join(["word"] * 400), ". ".join(["Sentence here"] * 30) + ".",
]


@pytest.fixture(scope="module")
def samples() -> list[str]:
    """Varied texts: handwritten edge cases plus composed texts for every family and mix."""
    rng = random.Random(7)
    texts = list(HANDWRITTEN)
    texts += [compose_satisfying_text(TOPIC, [make(rng)]) for make in FAMILIES.values() for _ in range(2)]
    texts += [compose_satisfying_text(TOPIC, sample_compatible(rng, 5)) for _ in range(20)]
    return texts


def test_same_seed_same_constraints() -> None:
    def draw(seed: int) -> list[object]:
        rng = random.Random(seed)
        return [sample_compatible(rng, 6), [make(rng) for make in FAMILIES.values()],
                [pair(rng) for pair in CONFLICT_PAIRS.values()]]

    assert draw(11) == draw(11)
    assert draw(11) != draw(12)


@pytest.mark.parametrize("name", sorted(FAMILIES))
def test_family_builds_real_checkers_with_our_own_varied_wording(name: str) -> None:
    rng = random.Random(name)
    drawn = [FAMILIES[name](rng) for _ in range(30)]
    for c in drawn:
        ifeval_text = build_checker(c.instruction_id, c.kwargs).build_description(**c.kwargs)
        assert c.description and c.description != ifeval_text
    assert len({c.description for c in drawn}) >= 2


def test_catalogue_covers_the_required_ids() -> None:
    rng = random.Random(0)
    ids = {make(rng).instruction_id for make in FAMILIES.values()}
    required = {
        "length_constraints:number_words", "punctuation:no_comma", "change_case:english_lowercase",
        "change_case:english_capital", "keywords:existence", "keywords:forbidden_words", "keywords:frequency",
        "detectable_format:number_bullet_lists", "detectable_format:title", "detectable_content:postscript",
        "startend:end_checker", "detectable_format:number_highlighted_sections",
        "length_constraints:number_paragraphs", "detectable_format:json_format",
        "length_constraints:number_sentences", "change_case:capital_word_frequency", "startend:quotation",
    }
    assert ids == required


def test_word_pools_never_occur_in_composer_text() -> None:
    fixed = " ".join([*w._CLAUSES, *w._BULLETS, *w._HIGHLIGHTS, *w._CAPS, *w._COMMA_PARTS, *w._VERBS,
                      *m.END_PHRASES, "Update on", "Please reply here with any corrections.",
                      "We will", "The focus areas are", "Flags for this update are", "report"]).lower()
    assert not [w for w in m.KEYWORD_POOL if w in fixed]  # keyword checkers match substrings
    assert not [w for w in m.FORBIDDEN_POOL if re.search(rf"\b{w}\b", fixed)]
    assert "," not in fixed.replace(", ".join(w._COMMA_PARTS).lower(), "")
    assert not set(m.KEYWORD_POOL) & set(m.FORBIDDEN_POOL)
    phrases = [p.lower() for p in m.END_PHRASES]
    assert not [(a, b) for a in phrases for b in phrases if a != b and a.endswith(b)]


@pytest.mark.parametrize("name", sorted(CONFLICT_PAIRS))
def test_conflict_pairs_are_exclusive_and_each_side_is_satisfiable(name: str, samples: list[str]) -> None:
    rng = random.Random(name)
    for _ in range(4):
        a, b = CONFLICT_PAIRS[name](rng)
        assert conflicts(a, b) and conflicts(b, a)
        text_a, text_b = compose_satisfying_text(TOPIC, [a]), compose_satisfying_text(TOPIC, [b])
        assert a.check(text_a) and b.check(text_b)
        for text in [*samples, text_a, text_b]:
            assert not (a.check(text) and b.check(text)), (a.kwargs, b.kwargs, text)
        with pytest.raises(ValueError, match="conflicting"):
            compose_satisfying_text(TOPIC, [a, b])


def _c(instruction_id: str, **kwargs: object) -> Constraint:
    return Constraint(instruction_id=instruction_id, kwargs=kwargs, description="test")


def test_semantic_conflicts_the_checkers_accept_are_not_conflict_pairs() -> None:
    """Why "JSON vs bullets" and "forbid X vs mention X" are not in CONFLICT_PAIRS."""
    json_list = '{"points": [\n-1,\n-2\n]}'
    json_c, bullets = _c("detectable_format:json_format"), _c("detectable_format:number_bullet_lists", num_bullets=2)
    assert json_c.check(json_list) and bullets.check(json_list) and not conflicts(json_c, bullets)
    forbid, mention = _c("keywords:forbidden_words", forbidden_words=["budget"]), _c("keywords:existence", keywords=["budget"])
    assert forbid.check("We cut the budgets.") and mention.check("We cut the budgets.")
    assert not conflicts(forbid, mention)
    with pytest.raises(ValueError, match="does not combine"):
        compose_satisfying_text(TOPIC, [forbid, mention])


def test_conflict_predicate_edges() -> None:
    less = _c("length_constraints:number_words", num_words=100, relation="less than")
    assert conflicts(less, _c("length_constraints:number_words", num_words=100, relation="at least"))
    assert not conflicts(less, _c("length_constraints:number_words", num_words=99, relation="at least"))
    end = _c("startend:end_checker", end_phrase="Any other questions?")
    assert not conflicts(end, _c("startend:end_checker", end_phrase="any OTHER questions?"))
    assert not conflicts(end, _c("startend:end_checker", end_phrase="Do you have any other questions?"))
    freq = _c("keywords:frequency", keyword="budget", frequency=3, relation="at least")
    assert not conflicts(freq, _c("keywords:frequency", keyword="timeline", frequency=2, relation="less than"))


@pytest.mark.parametrize("seed", range(120))
def test_composer_satisfies_random_compatible_sets(seed: int) -> None:
    rng = random.Random(seed)
    constraints = sample_compatible(rng, rng.randint(1, 8))
    assert not [(a, b) for a in constraints for b in constraints if conflicts(a, b)]
    text = compose_satisfying_text(TOPIC, constraints)
    assert [c.description for c in constraints if not c.check(text)] == []
    assert TOPIC in text.lower() and text == compose_satisfying_text(TOPIC, constraints)


def test_composer_writes_a_readable_deliverable() -> None:
    text = compose_satisfying_text(TOPIC, [_c("detectable_format:title"), _c("detectable_format:number_bullet_lists", num_bullets=3),
                                           _c("length_constraints:number_words", num_words=80, relation="at least")])
    assert text.startswith("<<Update on the office move>>") and text.count("\n* ") == 3
    report = json.loads(compose_satisfying_text(TOPIC, [_c("detectable_format:json_format")]))["report"]
    assert TOPIC in report


def test_composer_rejects_what_it_cannot_write() -> None:
    with pytest.raises(ValueError, match="does not write"):
        compose_satisfying_text(TOPIC, [_c("language:response_language", language="en")])
    with pytest.raises(ValueError, match="does not combine"):
        compose_satisfying_text(TOPIC, [_c("detectable_format:json_format"), _c("startend:quotation")])
    with pytest.raises(ValueError, match="blank"):
        compose_satisfying_text(" ", [])
    with pytest.raises(ValueError, match="could not compose"):  # the topic itself breaks the rule
        compose_satisfying_text("budget, cuts", [_c("punctuation:no_comma")])


def test_empty_deliverable_scores_nothing_but_a_trivial_one_passes_negative_constraints() -> None:
    rng = random.Random(3)
    constraints = [c for _ in range(20) for c in sample_compatible(rng, 6)]
    assert not any(check_constraint("", c.instruction_id, c.kwargs) for c in constraints)
    trivial = {c.instruction_id for c in constraints if c.check("ok")}
    assert trivial and trivial <= {
        "length_constraints:number_words", "length_constraints:number_sentences", "keywords:frequency",
        "keywords:forbidden_words", "punctuation:no_comma", "change_case:capital_word_frequency",
        "length_constraints:number_paragraphs", "change_case:english_lowercase",
    }
