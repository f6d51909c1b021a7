"""Verifiable constraints on one shared deliverable and their conflicts.

Users of the execution scenario ask for IFEval-style constraints on a single report or
announcement. This module is the scenario's vocabulary for that:

* ``FAMILIES``: generators of single constraints with our own, varied wording, so the scenario
  can draw aligned sets that real IFEval checkers verify.
* ``CONFLICT_PAIRS`` / ``conflicts``: pairs no text can satisfy together *under the real
  checkers* (proved by tests), which is what a conflict episode needs: a "conflict" the checker
  lets a clever text satisfy would score a model for ignoring a user it did not have to ignore.
* ``composer_clash``: compatible pairs the oracle composer (``_compose.py``) does not write, so
  that every set ``sample_compatible`` draws is provably satisfiable.

Word pools are disjoint from all composer text (tests check it), because IFEval's keyword
checkers match substrings: a stray "budgets" would count as the keyword "budget".
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict

from muses.scenarios.execution._checkers import check_constraint
from muses.scenarios.execution._phrasing import PHRASES

LESS, AT_LEAST = "less than", "at least"
KEYWORD_POOL = ("budget", "timeline", "stakeholders", "milestone", "roadmap", "deadline", "metrics", "security")
FORBIDDEN_POOL = ("very", "really", "basically", "actually", "literally", "stuff", "things", "hopefully")
END_PHRASES = (
    "Any other questions?",
    "Is there anything else I can help with?",
    "Thanks for reading.",
    "Let me know if anything is unclear.",
    "That is all for now.",
    "Talk to you soon.",
)


class Constraint(BaseModel):
    """One verifiable instruction a user gives about the shared deliverable.

    Attributes:
        instruction_id: IFEval instruction id, checked by ``check_constraint``.
        kwargs: Every checker argument, explicitly (IFEval would randomise missing ones).
        description: What the user says, in plain words; never IFEval's template text.
    """

    model_config = ConfigDict(frozen=True)

    instruction_id: str
    kwargs: dict[str, Any]
    description: str

    def check(self, text: str) -> bool:
        """Whether ``text`` follows this constraint under IFEval's strict rules."""
        return check_constraint(text, self.instruction_id, self.kwargs)


Family = Callable[[random.Random], Constraint]
_WORDS, _SENTENCES, _PARAS = (f"length_constraints:{x}" for x in ("number_words", "number_sentences", "number_paragraphs"))
_FREQ, _JSON = "keywords:frequency", "detectable_format:json_format"
_LOWER, _UPPER, _CAPS_FREQ = (f"change_case:{x}" for x in ("english_lowercase", "english_capital", "capital_word_frequency"))


def _quoted(words: Sequence[str]) -> str:
    return " and ".join(f'"{w}"' for w in words)


def _make(instruction_id: str, kwargs: dict[str, Any], rng: random.Random, *phrasings: str) -> Constraint:
    fields = {k: _quoted(v) if isinstance(v, list) else v for k, v in kwargs.items()}
    return Constraint(instruction_id=instruction_id, kwargs=kwargs, description=rng.choice(phrasings).format(**fields))


def word_limit(rng: random.Random, choices: Sequence[int] = (120, 150, 200, 250, 300)) -> Constraint:
    """Fewer than N words."""
    return _make(_WORDS, {"num_words": rng.choice(choices), "relation": LESS}, rng, *PHRASES["word_limit"])


def word_minimum(rng: random.Random, choices: Sequence[int] = (50, 80, 100, 150)) -> Constraint:
    """At least N words."""
    return _make(_WORDS, {"num_words": rng.choice(choices), "relation": AT_LEAST}, rng, *PHRASES["word_minimum"])


def sentence_limit(rng: random.Random, choices: Sequence[int] = (10, 12, 15, 20)) -> Constraint:
    """Fewer than N sentences."""
    return _make(_SENTENCES, {"num_sentences": rng.choice(choices), "relation": LESS}, rng, *PHRASES["sentence_limit"])


def sentence_minimum(rng: random.Random, choices: Sequence[int] = (3, 5, 8)) -> Constraint:
    """At least N sentences."""
    return _make(_SENTENCES, {"num_sentences": rng.choice(choices), "relation": AT_LEAST}, rng,
                 *PHRASES["sentence_minimum"])


def no_commas(rng: random.Random) -> Constraint:
    """No comma anywhere."""
    return _make("punctuation:no_comma", {}, rng, *PHRASES["no_commas"])


def comma_minimum(rng: random.Random, choices: Sequence[int] = (3, 4, 5)) -> Constraint:
    """At least N commas: IFEval's keyword counter matches the pattern ',' anywhere."""
    return _make(_FREQ, {"keyword": ",", "frequency": rng.choice(choices), "relation": AT_LEAST}, rng,
                 *PHRASES["comma_minimum"])


def all_lowercase(rng: random.Random) -> Constraint:
    """English, lowercase only."""
    return _make(_LOWER, {}, rng, *PHRASES["all_lowercase"])


def all_capitals(rng: random.Random) -> Constraint:
    """English, capitals only."""
    return _make(_UPPER, {}, rng, *PHRASES["all_capitals"])


def capital_words_minimum(rng: random.Random, choices: Sequence[int] = (2, 3, 4)) -> Constraint:
    """At least N all-caps words."""
    return _make(_CAPS_FREQ, {"capital_frequency": rng.choice(choices), "capital_relation": AT_LEAST}, rng,
                 *PHRASES["capital_words_minimum"])


def capital_words_limit(rng: random.Random, choices: Sequence[int] = (8, 10, 12)) -> Constraint:
    """Fewer than N all-caps words."""
    return _make(_CAPS_FREQ, {"capital_frequency": rng.choice(choices), "capital_relation": LESS}, rng,
                 *PHRASES["capital_words_limit"])


def include_keywords(rng: random.Random) -> Constraint:
    """Mention one or two given words."""
    words = sorted(rng.sample(KEYWORD_POOL, rng.choice((1, 2))))
    return _make("keywords:existence", {"keywords": words}, rng, *PHRASES["include_keywords"])


def avoid_words(rng: random.Random) -> Constraint:
    """Never use given words."""
    words = sorted(rng.sample(FORBIDDEN_POOL, rng.choice((1, 2, 3))))
    return _make("keywords:forbidden_words", {"forbidden_words": words}, rng, *PHRASES["avoid_words"])


def keyword_repeat(rng: random.Random, choices: Sequence[int] = (2, 3, 4)) -> Constraint:
    """Use a word at least N times."""
    kwargs = {"keyword": rng.choice(KEYWORD_POOL), "frequency": rng.choice(choices), "relation": AT_LEAST}
    return _make(_FREQ, kwargs, rng, *PHRASES["keyword_repeat"])


def keyword_limit(rng: random.Random, choices: Sequence[int] = (2, 3)) -> Constraint:
    """Use a word fewer than N times."""
    kwargs = {"keyword": rng.choice(KEYWORD_POOL), "frequency": rng.choice(choices), "relation": LESS}
    return _make(_FREQ, kwargs, rng, *PHRASES["keyword_limit"])


def bullet_points(rng: random.Random, choices: Sequence[int] = (2, 3, 4, 5)) -> Constraint:
    """Exactly N markdown bullets."""
    return _make("detectable_format:number_bullet_lists", {"num_bullets": rng.choice(choices)}, rng,
                 *PHRASES["bullet_points"])


def title(rng: random.Random) -> Constraint:
    """A <<title>>."""
    return _make("detectable_format:title", {}, rng, *PHRASES["title"])


def postscript(rng: random.Random) -> Constraint:
    """A postscript starting with a marker."""
    return _make("detectable_content:postscript", {"postscript_marker": rng.choice(("P.S.", "P.P.S"))}, rng,
                 *PHRASES["postscript"])


def end_phrase(rng: random.Random, choices: Sequence[str] = END_PHRASES) -> Constraint:
    """End with an exact phrase."""
    return _make("startend:end_checker", {"end_phrase": rng.choice(choices)}, rng, *PHRASES["end_phrase"])


def highlights(rng: random.Random, choices: Sequence[int] = (1, 2, 3)) -> Constraint:
    """At least N *highlighted* sections."""
    return _make("detectable_format:number_highlighted_sections", {"num_highlights": rng.choice(choices)}, rng,
                 *PHRASES["highlights"])


def paragraphs(rng: random.Random, choices: Sequence[int] = (1, 2, 3, 4)) -> Constraint:
    """Exactly N paragraphs separated by ***."""
    n = rng.choice(choices)
    if n == 1:
        return _make(_PARAS, {"num_paragraphs": 1}, rng, *PHRASES["paragraphs_one"])
    return _make(_PARAS, {"num_paragraphs": n}, rng, *PHRASES["paragraphs"])


def json_output(rng: random.Random) -> Constraint:
    """The whole output is JSON."""
    return _make(_JSON, {}, rng, *PHRASES["json_output"])


def quotation(rng: random.Random) -> Constraint:
    """Wrapped in double quotes."""
    return _make("startend:quotation", {}, rng, *PHRASES["quotation"])


FAMILIES: dict[str, Family] = {f.__name__: f for f in (
    word_limit, word_minimum, sentence_limit, sentence_minimum, no_commas, comma_minimum, all_lowercase,
    all_capitals, capital_words_minimum, capital_words_limit, include_keywords, avoid_words, keyword_repeat,
    keyword_limit, bullet_points, title, postscript, end_phrase, highlights, paragraphs, json_output, quotation,
)}
"""Single-constraint generators, by family name; each is deterministic given the ``Random``."""


def _pair(make_a: Family, make_b: Family) -> Callable[[random.Random], tuple[Constraint, Constraint]]:
    def make(rng: random.Random) -> tuple[Constraint, Constraint]:
        a = make_a(rng)
        while not conflicts(a, b := make_b(rng)):  # e.g. two different end phrases
            pass
        return a, b
    return make


CONFLICT_PAIRS: dict[str, Callable[[random.Random], tuple[Constraint, Constraint]]] = {
    "word_count": _pair(lambda r: word_limit(r, (50, 80, 100)), lambda r: word_minimum(r, (150, 200, 300))),
    "sentence_count": _pair(lambda r: sentence_limit(r, (3, 4, 5)), lambda r: sentence_minimum(r, (6, 8, 10))),
    "letter_case": _pair(all_lowercase, all_capitals),
    "caps_in_lowercase": _pair(all_lowercase, capital_words_minimum),
    "commas": _pair(no_commas, comma_minimum),
    "end_phrase": _pair(end_phrase, end_phrase),
    "paragraph_count": _pair(paragraphs, paragraphs),
    "bullet_count": _pair(bullet_points, bullet_points),
    "keyword_count": _pair(lambda r: keyword_repeat(r, (3, 4)), lambda r: keyword_limit(r, (2, 3))),
}
"""Mutually exclusive pairs under the real checkers, by name; each side alone is composable.

Deliberately absent, because the checkers accept a text satisfying both: forbidden word X vs
"mention X" (``keywords:existence`` matches substrings, so "Xs" passes both) and JSON vs
bullet list (a JSON array with ``-1`` on its own line counts as a bullet)."""

_BOUNDED = {"length_constraints:number_words": ("num_words", "relation"),
            "length_constraints:number_sentences": ("num_sentences", "relation"),
            "change_case:capital_word_frequency": ("capital_frequency", "capital_relation"),
            "keywords:frequency": ("frequency", "relation")}
_EXACT = {"length_constraints:number_paragraphs": "num_paragraphs",
          "detectable_format:number_bullet_lists": "num_bullets"}


def _one_way(a: Constraint, b: Constraint) -> bool:
    ia, ib, ka, kb = a.instruction_id, b.instruction_id, a.kwargs, b.kwargs
    if ia == ib and ia in _BOUNDED:
        n, rel = _BOUNDED[ia]
        same_keyword = ka.get("keyword", "").lower() == kb.get("keyword", "").lower()
        return same_keyword and ka[rel] == LESS and kb[rel] == AT_LEAST and kb[n] >= ka[n]
    if ia == ib and ia in _EXACT:
        return bool(ka[_EXACT[ia]] != kb[_EXACT[ia]])
    if ia == ib == "startend:end_checker":
        pa, pb = ka["end_phrase"].strip().lower(), kb["end_phrase"].strip().lower()
        return not (pa.endswith(pb) or pb.endswith(pa))
    if ia == "change_case:english_lowercase":
        return ib == "change_case:english_capital" or (
            ib == "change_case:capital_word_frequency" and kb["capital_relation"] == AT_LEAST
            and kb["capital_frequency"] >= 1)
    if ia == "punctuation:no_comma":
        return (ib == "keywords:frequency" and kb["keyword"] == "," and kb["relation"] == AT_LEAST
                and kb["frequency"] >= 1) or (ib == "keywords:existence" and "," in kb["keywords"])
    return False


def conflicts(a: Constraint, b: Constraint) -> bool:
    """Whether no text can satisfy both constraints under the real IFEval checkers."""
    return _one_way(a, b) or _one_way(b, a)


def composer_clash(a: Constraint, b: Constraint) -> bool:
    """Compatible pairs the composer does not write (satisfiable only in contrived ways)."""
    for x, y in ((a, b), (b, a)):
        if x.instruction_id == "detectable_format:json_format" and (
            y.instruction_id in ("detectable_format:number_bullet_lists", "startend:end_checker",
                                 "startend:quotation")
            or (y.instruction_id == "length_constraints:number_paragraphs" and y.kwargs["num_paragraphs"] != 1)
        ):
            return True
        if x.instruction_id == "change_case:english_capital" and y.instruction_id == (
                "change_case:capital_word_frequency") and y.kwargs["capital_relation"] == LESS:
            return True
        if x.instruction_id == "keywords:forbidden_words":
            wanted = y.kwargs.get("keywords", []) + [y.kwargs.get("keyword", "")]
            if {w.lower() for w in x.kwargs["forbidden_words"]} & {w.lower() for w in wanted}:
                return True
    return False


def sample_compatible(
    rng: random.Random, k: int, families: Sequence[str] | None = None, given: Sequence[Constraint] = ()
) -> list[Constraint]:
    """Draw up to ``k`` constraints from distinct families that the composer can satisfy together.

    Args:
        rng: Source of all randomness (same seed, same constraints).
        k: How many constraints to draw.
        families: Family names to draw from; all of ``FAMILIES`` by default.
        given: Constraints already chosen elsewhere (e.g. both sides of a conflict): every drawn
            constraint must be compatible with each of them too. They are not returned.

    Returns:
        Pairwise non-conflicting constraints, fewer than ``k`` only if the families run out.
    """
    names = sorted(families or FAMILIES)
    rng.shuffle(names)
    chosen: list[Constraint] = []
    for name in names:
        if len(chosen) == k:
            break
        new = FAMILIES[name](rng)
        if not any(conflicts(new, c) or composer_clash(new, c) for c in [*given, *chosen]):
            chosen.append(new)
    return chosen
