"""Verifiable constraints on one shared deliverable, their conflicts, and an oracle composer.

Users of the execution scenario ask for IFEval-style constraints on a single report or
announcement. This module is the scenario's vocabulary for that:

* ``FAMILIES``: generators of single constraints with our own, varied wording, so the scenario
  can draw aligned sets that real IFEval checkers verify.
* ``CONFLICT_PAIRS`` / ``conflicts``: pairs no text can satisfy together *under the real
  checkers* (proved by tests), which is what a conflict episode needs: a "conflict" the checker
  lets a clever text satisfy would score a model for ignoring a user it did not have to ignore.
* ``compose_satisfying_text``: a deterministic oracle writer proving that a correct deliverable
  exists and passes every checker, i.e. that an aligned set is really satisfiable.

Word pools are disjoint from all composer text (tests check it), because IFEval's keyword
checkers match substrings: a stray "budgets" would count as the keyword "budget".
"""

from __future__ import annotations

import dataclasses
import json
import random
from collections.abc import Callable, Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict

from muses.scenarios.execution._checkers import check_constraint

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
    return _make(_WORDS, {"num_words": rng.choice(choices), "relation": LESS}, rng,
                 "Keep the whole thing under {num_words} words.", "Please stay below {num_words} words in total.",
                 "It has to be shorter than {num_words} words.")


def word_minimum(rng: random.Random, choices: Sequence[int] = (50, 80, 100, 150)) -> Constraint:
    """At least N words."""
    return _make(_WORDS, {"num_words": rng.choice(choices), "relation": AT_LEAST}, rng,
                 "Make it at least {num_words} words long.", "I need a minimum of {num_words} words.",
                 "Write no fewer than {num_words} words.")


def sentence_limit(rng: random.Random, choices: Sequence[int] = (10, 12, 15, 20)) -> Constraint:
    """Fewer than N sentences."""
    return _make(_SENTENCES, {"num_sentences": rng.choice(choices), "relation": LESS}, rng,
                 "Use fewer than {num_sentences} sentences.", "Keep it below {num_sentences} sentences overall.")


def sentence_minimum(rng: random.Random, choices: Sequence[int] = (3, 5, 8)) -> Constraint:
    """At least N sentences."""
    return _make(_SENTENCES, {"num_sentences": rng.choice(choices), "relation": AT_LEAST}, rng,
                 "Write at least {num_sentences} sentences.", "I want {num_sentences} sentences or more.")


def no_commas(rng: random.Random) -> Constraint:
    """No comma anywhere."""
    return _make("punctuation:no_comma", {}, rng,
                 "Don't use any commas.", "Avoid commas completely.", "Not a single comma, please.")


def comma_minimum(rng: random.Random, choices: Sequence[int] = (3, 4, 5)) -> Constraint:
    """At least N commas: IFEval's keyword counter matches the pattern ',' anywhere."""
    return _make(_FREQ, {"keyword": ",", "frequency": rng.choice(choices), "relation": AT_LEAST}, rng,
                 "Use at least {frequency} commas.", "Include no fewer than {frequency} commas.")


def all_lowercase(rng: random.Random) -> Constraint:
    """English, lowercase only."""
    return _make(_LOWER, {}, rng, "Write everything in lowercase English, no capital letters at all.",
                 "All lowercase please, and in English.")


def all_capitals(rng: random.Random) -> Constraint:
    """English, capitals only."""
    return _make(_UPPER, {}, rng, "Write the entire thing in English using only capital letters.",
                 "Everything in upper case, in English.")


def capital_words_minimum(rng: random.Random, choices: Sequence[int] = (2, 3, 4)) -> Constraint:
    """At least N all-caps words."""
    return _make(_CAPS_FREQ, {"capital_frequency": rng.choice(choices), "capital_relation": AT_LEAST}, rng,
                 "Put at least {capital_frequency} words in ALL CAPS for emphasis.",
                 "Emphasise with all-caps words, {capital_frequency} of them at minimum.")


def capital_words_limit(rng: random.Random, choices: Sequence[int] = (8, 10, 12)) -> Constraint:
    """Fewer than N all-caps words."""
    return _make(_CAPS_FREQ, {"capital_frequency": rng.choice(choices), "capital_relation": LESS}, rng,
                 "Use fewer than {capital_frequency} all-caps words.",
                 "Go easy on shouting: under {capital_frequency} words in all caps.")


def include_keywords(rng: random.Random) -> Constraint:
    """Mention one or two given words."""
    words = sorted(rng.sample(KEYWORD_POOL, rng.choice((1, 2))))
    return _make("keywords:existence", {"keywords": words}, rng,
                 "Make sure to mention {keywords}.", "The text must include {keywords}.")


def avoid_words(rng: random.Random) -> Constraint:
    """Never use given words."""
    words = sorted(rng.sample(FORBIDDEN_POOL, rng.choice((1, 2, 3))))
    return _make("keywords:forbidden_words", {"forbidden_words": words}, rng,
                 "Do not use the words {forbidden_words}.", "Leave out {forbidden_words} entirely.")


def keyword_repeat(rng: random.Random, choices: Sequence[int] = (2, 3, 4)) -> Constraint:
    """Use a word at least N times."""
    kwargs = {"keyword": rng.choice(KEYWORD_POOL), "frequency": rng.choice(choices), "relation": AT_LEAST}
    return _make(_FREQ, kwargs, rng, 'Use the word "{keyword}" at least {frequency} times.',
                 'Say "{keyword}" {frequency} or more times.')


def keyword_limit(rng: random.Random, choices: Sequence[int] = (2, 3)) -> Constraint:
    """Use a word fewer than N times."""
    kwargs = {"keyword": rng.choice(KEYWORD_POOL), "frequency": rng.choice(choices), "relation": LESS}
    return _make(_FREQ, kwargs, rng, 'Mention "{keyword}" fewer than {frequency} times.',
                 'Don\'t overuse "{keyword}": under {frequency} mentions.')


def bullet_points(rng: random.Random, choices: Sequence[int] = (2, 3, 4, 5)) -> Constraint:
    """Exactly N markdown bullets."""
    return _make("detectable_format:number_bullet_lists", {"num_bullets": rng.choice(choices)}, rng,
                 "Include exactly {num_bullets} bullet points written as markdown '* ' items.",
                 "I need precisely {num_bullets} bullets (markdown lines starting with '* ').")


def title(rng: random.Random) -> Constraint:
    """A <<title>>."""
    return _make("detectable_format:title", {}, rng, "Give it a title in double angle brackets, like <<Team Update>>.",
                 "Put a title wrapped in << and >> at the top.")


def postscript(rng: random.Random) -> Constraint:
    """A postscript starting with a marker."""
    return _make("detectable_content:postscript", {"postscript_marker": rng.choice(("P.S.", "P.P.S"))}, rng,
                 'Add a postscript at the end that starts with "{postscript_marker}".',
                 'Finish with a short note beginning "{postscript_marker}".')


def end_phrase(rng: random.Random, choices: Sequence[str] = END_PHRASES) -> Constraint:
    """End with an exact phrase."""
    return _make("startend:end_checker", {"end_phrase": rng.choice(choices)}, rng,
                 'End with exactly "{end_phrase}" and nothing after it.',
                 'The very last words must be "{end_phrase}"')


def highlights(rng: random.Random, choices: Sequence[int] = (1, 2, 3)) -> Constraint:
    """At least N *highlighted* sections."""
    return _make("detectable_format:number_highlighted_sections", {"num_highlights": rng.choice(choices)}, rng,
                 "Highlight at least {num_highlights} phrases with markdown, like *this*.",
                 "Mark {num_highlights} or more key phrases in *asterisks*.")


def paragraphs(rng: random.Random, choices: Sequence[int] = (1, 2, 3, 4)) -> Constraint:
    """Exactly N paragraphs separated by ***."""
    n = rng.choice(choices)
    if n == 1:
        return _make(_PARAS, {"num_paragraphs": 1}, rng, "Keep it to one single paragraph, no *** dividers.",
                     "One paragraph only, please.")
    return _make(_PARAS, {"num_paragraphs": n}, rng,
                 "Use exactly {num_paragraphs} paragraphs, separated by a line with three asterisks (***).",
                 "Structure it as {num_paragraphs} paragraphs with *** between them.")


def json_output(rng: random.Random) -> Constraint:
    """The whole output is JSON."""
    return _make(_JSON, {}, rng, "Deliver it as valid JSON and nothing else.",
                 "The entire output has to be a JSON document.")


def quotation(rng: random.Random) -> Constraint:
    """Wrapped in double quotes."""
    return _make("startend:quotation", {}, rng, "Wrap the entire text in double quotation marks.",
                 'Put the whole thing inside "double quotes".')


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


def _composer_clash(a: Constraint, b: Constraint) -> bool:
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


def sample_compatible(rng: random.Random, k: int, families: Sequence[str] | None = None) -> list[Constraint]:
    """Draw up to ``k`` constraints from distinct families that the composer can satisfy together.

    Args:
        rng: Source of all randomness (same seed, same constraints).
        k: How many constraints to draw.
        families: Family names to draw from; all of ``FAMILIES`` by default.

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
        if not any(conflicts(new, c) or _composer_clash(new, c) for c in chosen):
            chosen.append(new)
    return chosen


# --- Oracle composer -------------------------------------------------------------------------------
# Fixed text, chosen so that it holds no pool word (even as a substring), no comma, no all-caps
# word, no line starting with "*" or "-", and is plainly English for langdetect.
_CLAUSES = (
    "the team has agreed on the next steps for {topic}", "everyone involved will receive a short summary",
    "progress will be shared at each weekly check-in", "open questions should go to the named owners",
    "the first phase starts once the scope is approved", "we expect the work on {topic} to stay on track",
    "each group will confirm its own tasks by the end of the week", "support is available for anyone who needs it",
    "the results will be reviewed together before any change goes live", "we will keep the process simple and open",
    "the approach for {topic} builds on what worked last quarter", "changes will be announced well in advance",
    "every owner will report on progress in the shared channel", "we thank everyone for the careful work so far",
    "the final version will be stored in the shared folder", "the goal is a smooth and well documented outcome",
)
_BULLETS = ("Confirm your availability", "Review the draft document", "Share comments in the channel",
            "Flag blockers early", "Update the task board", "Join the kickoff session")
_HIGHLIGHTS = ("scope", "ownership", "timing", "communication", "follow-up")
_CAPS = ("URGENT", "ACTION", "REQUIRED", "NOTE", "IMPORTANT", "REVIEW", "TODAY", "CONFIRM")
_COMMA_PARTS = ("In short", "the scope is clear", "the owners are known", "the dates are set",
                "the channel is open", "the review is booked", "the team is ready", "the notes are shared")
_VERBS = ("track the {}", "review the {}", "discuss the {}", "confirm the {}", "report on the {}", "revisit the {}")
_CLAUSES_PER_SENTENCE = (2, 1, 3, 5, 8, 12)  # tried in order: medium sentences first
_MAX_BODY_SENTENCES = 60
_VERIFY_ONLY = {"punctuation:no_comma", "keywords:forbidden_words"}


@dataclasses.dataclass
class _Plan:
    """What the constraints ask the text to contain; counts only grow with ``max``."""

    case: str = ""
    json: bool = False
    quote: bool = False
    title: bool = False
    postscript: str = ""
    end: str = ""
    bullets: int = 0
    paragraphs: int = 1
    highlights: int = 0
    commas: int = 0
    caps: int = 0
    mentions: dict[str, int] = dataclasses.field(default_factory=dict)


def _plan(constraints: Sequence[Constraint]) -> _Plan:
    plan = _Plan()
    for c in constraints:
        i, kw = c.instruction_id, c.kwargs
        if i in (_LOWER, _UPPER):
            plan.case = "lower" if i == _LOWER else "upper"
        elif i in (_JSON, "startend:quotation", "detectable_format:title"):
            setattr(plan, {_JSON: "json", "startend:quotation": "quote"}.get(i, "title"), True)
        elif i == "detectable_content:postscript":
            plan.postscript = kw["postscript_marker"]
        elif i == "startend:end_checker":
            plan.end = kw["end_phrase"]
        elif i == "detectable_format:number_bullet_lists":
            plan.bullets = kw["num_bullets"]
        elif i == _PARAS:
            plan.paragraphs = kw["num_paragraphs"]
        elif i == "detectable_format:number_highlighted_sections":
            plan.highlights = max(plan.highlights, kw["num_highlights"])
        elif i == "keywords:existence":
            for word in kw["keywords"]:
                plan.mentions[word] = max(plan.mentions.get(word, 0), 1)
        elif i == _FREQ and kw["relation"] == AT_LEAST:
            if kw["keyword"] == ",":
                plan.commas = max(plan.commas, kw["frequency"])
            else:
                plan.mentions[kw["keyword"]] = max(plan.mentions.get(kw["keyword"], 0), kw["frequency"])
        elif i == _CAPS_FREQ and kw["capital_relation"] == AT_LEAST:
            plan.caps = max(plan.caps, kw["capital_frequency"])
        elif i not in _VERIFY_ONLY | {_WORDS, _SENTENCES, _FREQ, _CAPS_FREQ}:
            raise ValueError(f"the composer does not write {i!r} (supported: the ids of FAMILIES)")
    return plan


def _extras(plan: _Plan, caps: int) -> list[str]:
    """The sentences that carry keywords, highlights, commas and all-caps words."""
    out = [f"We will {' and '.join(_VERBS[j % len(_VERBS)].format(w) for j in range(n))}."
           for w, n in plan.mentions.items()]
    if plan.highlights:
        marked = (f"*{_HIGHLIGHTS[j % len(_HIGHLIGHTS)]}*" for j in range(plan.highlights))
        out.append(f"The focus areas are {' and '.join(marked)}.")
    if plan.commas:
        out.append(", ".join(_COMMA_PARTS[j % len(_COMMA_PARTS)] for j in range(plan.commas + 1)) + ".")
    if caps:
        out.append(f"Flags for this update are {' and '.join(_CAPS[j % len(_CAPS)] for j in range(caps))}.")
    return out


def _render(plan: _Plan, topic: str, body: int, clauses: int, caps: int) -> str:
    def sentence(k: int) -> str:
        text = " and ".join(_CLAUSES[(k * clauses + j) % len(_CLAUSES)] for j in range(clauses))
        return text[0].upper() + text[1:].format(topic=topic) + "."

    sentences = [sentence(0), *_extras(plan, caps), *(sentence(k) for k in range(1, body))]
    heading = f"<<Update on {topic}>>" if plan.title else ""
    ps = f"{plan.postscript} Please reply here with any corrections." if plan.postscript else ""
    case = {"lower": str.lower, "upper": str.upper}.get(plan.case, str)
    if plan.json:  # one string value: no newline escapes, no comma outside the text
        return json.dumps({case("report"): case(" ".join(p for p in (heading, *sentences, ps) if p))})
    n = plan.paragraphs
    paras = [" ".join(sentences[len(sentences) * j // n: len(sentences) * (j + 1) // n]) for j in range(n)]
    paras[0] = "\n\n".join(p for p in (heading, paras[0]) if p)
    if plan.bullets:
        paras[0] += "\n\n" + "\n".join(f"* {_BULLETS[j % len(_BULLETS)]}" for j in range(plan.bullets))
    paras[-1] = "\n\n".join(p for p in (paras[-1], ps, plan.end) if p)
    text = case("\n\n***\n\n".join(paras))
    return f'"{text}"' if plan.quote else text


def _upper_bound(c: Constraint) -> bool:
    """Constraints a longer text can only break: the search stops growing once one fails."""
    relation = c.kwargs.get("relation", c.kwargs.get("capital_relation"))
    return c.instruction_id in _VERIFY_ONLY or relation == LESS


def compose_satisfying_text(topic: str, constraints: Sequence[Constraint]) -> str:
    """Write an on-topic deliverable that passes every given constraint under the real checkers.

    The oracle for the execution scenario: it proves an aligned set is satisfiable and that the
    checkers accept a correct answer. Deterministic: same topic and constraints, same text.

    Args:
        topic: What the report or announcement is about, e.g. "the office move".
        constraints: Mutually compatible constraints from this module's families.

    Returns:
        The deliverable; every constraint's ``check`` is True on it.

    Raises:
        ValueError: Two constraints conflict, a pair is one the composer does not write (see
            ``sample_compatible``), an id is outside the catalogue, or no length works.
    """
    if not topic.strip():
        raise ValueError("the topic must not be blank")
    for j, a in enumerate(constraints):
        for b in constraints[j + 1:]:
            if conflicts(a, b):
                raise ValueError(f"conflicting constraints: {a.description!r} vs {b.description!r}")
            if _composer_clash(a, b):
                raise ValueError(f"the composer does not combine {a.description!r} with {b.description!r}")
    plan = _plan(constraints)
    bounds = [c for c in constraints if _upper_bound(c)]
    growing = [c for c in constraints if c.instruction_id in (_WORDS, _SENTENCES) and c not in bounds]
    fixed = [c for c in constraints if c not in bounds and c not in growing]
    min_body = max(1, plan.paragraphs - len(_extras(plan, 0)))  # the caps sentence may be dropped
    for clauses in _CLAUSES_PER_SENTENCE:
        for body in range(min_body, _MAX_BODY_SENTENCES + 1):
            text = _render(plan, topic, body, clauses, plan.caps)
            for caps in range(plan.caps - 1, -1, -1):  # drop inserted caps words the text already has
                fewer = _render(plan, topic, body, clauses, caps)
                if not check_constraint(fewer, _CAPS_FREQ, {"capital_frequency": plan.caps,
                                                             "capital_relation": AT_LEAST}):
                    break
                text = fewer
            if not all(c.check(text) for c in bounds):
                break
            if all(c.check(text) for c in growing):
                if all(c.check(text) for c in fixed):
                    return text
                break
    raise ValueError(f"could not compose a text for {[c.description for c in constraints]}")
