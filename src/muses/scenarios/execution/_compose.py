"""The oracle composer: a deterministic writer of deliverables that pass given constraints.

``compose_satisfying_text`` proves that a correct deliverable exists for a set of constraints and
that the real IFEval checkers accept it: the execution scenario's oracle uses it, and the
generator uses it to refuse any episode whose should-follow constraints it cannot satisfy. It
writes from fixed clauses that hold no word of the constraint pools (tests check it) and returns
a text only after every constraint's checker has passed on it.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence

from muses.scenarios.execution._checkers import check_constraint
from muses.scenarios.execution._constraints import AT_LEAST, LESS, Constraint, composer_clash, conflicts

_WORDS, _SENTENCES, _PARAS = (f"length_constraints:{x}" for x in ("number_words", "number_sentences", "number_paragraphs"))
_FREQ, _JSON = "keywords:frequency", "detectable_format:json_format"
_LOWER, _UPPER, _CAPS_FREQ = (f"change_case:{x}" for x in ("english_lowercase", "english_capital", "capital_word_frequency"))

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
            if composer_clash(a, b):
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
