"""The engine's guard on what a simulated user says: in role, in the user's world, of a person's length.

Why here and not in each scenario: an LLM playing a user can copy its prompt's design words
("red-team exercise") or directions ("Write only your next chat message") into the chat, adopt a
persona of its own ("I'm Alex, a Marketing Specialist") or write pages. The agent under test
reads whatever reaches the chat, so one guard on every user reply of every scenario decides what
gets through. Each change is reported (kind and what was dropped) so it is counted, not hidden.

Rules, sentence by sentence (lines are kept, so one-instruction-per-line messages survive):
1. reasoning blocks (``<think>...</think>``) and the silence marker are removed;
2. a sentence with a design phrase (``muses.scenarios._in_role``) is dropped, unless the user's
   own content (listed or quoted lines of its prompt: data, e.g. a paper message) says it with the
   same next word; "attack" words only when the prompt does not use them with the same neighbour
   (a field label such as "Attacker source IP");
3. a sentence that copies a direction of the prompt is dropped: six or more consecutive words
   including "you"/"your", or a sentence of six or more words made entirely of the prompt's
   direction lines (persona, behaviour), outside the prompt's listed, quoted and "example" text;
4. a sentence introducing the speaker under a name that is neither theirs nor a colleague's is
   dropped;
5. the rest is cut to the scenario's length at a line end (else a sentence end).
Scripted users pass unchanged (a test checks every split).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from muses.episode._generation import strip_reasoning
from muses.scenarios._in_role import CONTEXTUAL_PATTERN, DESIGN_PATTERN

SILENCE = re.compile(r"\[\s*silent\s*\]", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")
_WORD = re.compile(r"[a-z0-9']+")
_SECOND_PERSON = frozenset({"you", "your", "yours", "yourself", "you're", "you'll"})
_ECHO_RUN = 6
_COPY_RUN = 6
_QUOTED = re.compile(r'"[^"]*"')
_INTRO = re.compile(
    r"\b(?:(?i:i'm|i am|my name is)\s+([A-Z][a-z]+)\b(?=\s*(?:,|\.|!|$|\s+(?:a|an|the|from|here)\b))"
    r"|(?i:this is)\s+([A-Z][a-z]+)(?=\s+(?:from|here|speaking)\b))"
)
_NOT_NAMES = frozenset({"Sorry", "Just", "Still", "Really", "Not", "Here", "Happy", "Glad", "Afraid", "Urgent", "Critical"})


@dataclass
class Guarded:
    """A user reply after the guard: the text that reaches the chat and what was changed."""

    text: str
    changes: list[tuple[str, str]] = field(default_factory=list)
    """(kind, detail) per change: 'out_of_role' (dropped sentence) or 'too_long' (cut)."""


@dataclass(frozen=True)
class PromptShape:
    """What the guard needs from a user's prompt: its direction runs and its contextual bigrams."""

    directions: frozenset[tuple[str, ...]]
    direction_grams: frozenset[tuple[str, ...]]
    """Every run of ``_COPY_RUN`` words of the prompt's direction lines (persona and behaviour included)."""
    contextual: frozenset[tuple[str, str]]
    content: str
    """The prompt's listed and quoted lines, lower-cased: what the user is meant to say."""


@lru_cache(maxsize=512)
def prompt_shape(prompt: str) -> PromptShape:
    """Direction word runs (second-person, outside listed or quoted content) and 'attack'-word bigrams."""
    runs: set[tuple[str, ...]] = set()
    grams: set[tuple[str, ...]] = set()
    content: list[str] = []
    quoted = False
    for line in prompt.splitlines():
        if line.strip() == '"""':
            quoted = not quoted
            continue
        if quoted or line.lstrip().startswith("- "):
            content.append(line.lower())
            continue
        content.extend(span.lower() for span in _QUOTED.findall(line))  # examples of what to say
        line = _QUOTED.sub(" ", line)
        words = _WORD.findall(line.lower())
        grams.update(tuple(words[i : i + _COPY_RUN]) for i in range(len(words) - _COPY_RUN + 1))
        for start in range(len(words) - _ECHO_RUN + 1):
            run = tuple(words[start : start + _ECHO_RUN])
            if _SECOND_PERSON & set(run):
                runs.add(run)
    return PromptShape(frozenset(runs), frozenset(grams), frozenset(_contextual_bigrams(prompt)), "\n".join(content))


def _contextual_bigrams(text: str) -> Iterable[tuple[str, str]]:
    words = _WORD.findall(text.lower())
    for index, word in enumerate(words):
        if CONTEXTUAL_PATTERN.fullmatch(word):
            yield (word, words[index + 1] if index + 1 < len(words) else "")


def _out_of_role(sentence: str, shape: PromptShape, names: frozenset[str]) -> str | None:
    """Why a sentence is out of role (a short reason), or None if it may be said."""
    for design in DESIGN_PATTERN.finditer(sentence):
        said = sentence[design.start() : design.end() + 24].lower().split()
        if " ".join(said[: len(design.group(0).split()) + 1]) not in shape.content:
            return f"design word {design.group(0)!r}"
    for bigram in _contextual_bigrams(sentence):
        if bigram not in shape.contextual:
            return f"design word {bigram[0]!r}"
    words = _WORD.findall(sentence.lower())
    for start in range(len(words) - _ECHO_RUN + 1):
        if tuple(words[start : start + _ECHO_RUN]) in shape.directions:
            return "copies its instructions"
    said = _WORD.findall(_QUOTED.sub(" ", sentence).lower())  # an example it quotes may be said
    grams = [tuple(said[i : i + _COPY_RUN]) for i in range(len(said) - _COPY_RUN + 1)]
    if grams and all(gram in shape.direction_grams for gram in grams):
        return "copies its instructions"
    intro = _INTRO.search(sentence)
    claimed = intro and (intro.group(1) or intro.group(2))
    if claimed and claimed not in names and claimed not in _NOT_NAMES:
        return f"introduces itself as {claimed!r}"
    return None


def _sentences(line: str) -> list[str]:
    return [part for part in _SENTENCE_END.split(line.strip()) if part]


def _cut(lines: list[list[str]], limit: int) -> tuple[str, bool]:
    """Whole lines while the text fits in ``limit`` characters (a line holds one request and its tag);
    when not even the first line fits, its sentences, and at worst its first sentence clipped at a word."""
    texts = [" ".join(sentences) for sentences in lines]
    whole = "\n".join(texts)
    if len(whole) <= limit:
        return whole, False
    kept: list[str] = []
    for text in texts:
        if len("\n".join([*kept, text])) > limit:
            break
        kept.append(text)
    if kept:
        return "\n".join(kept), True
    sentences: list[str] = []
    for sentence in lines[0]:
        if len(" ".join([*sentences, sentence])) > limit:
            break
        sentences.append(sentence)
    return (" ".join(sentences) if sentences else lines[0][0][:limit].rsplit(" ", 1)[0]), True


def guard_user_text(text: str, prompt: str, names: Iterable[str], limit: int) -> Guarded:
    """Apply the guard to one user reply (``names``: the user's own and colleagues' names)."""
    shape = prompt_shape(prompt)
    known = frozenset(part for name in names for part in (name, *name.split()))
    cleaned = SILENCE.sub(" ", strip_reasoning(text))
    result = Guarded(text="")
    lines: list[list[str]] = []
    for line in cleaned.splitlines():
        kept = []
        for sentence in _sentences(line):
            reason = _out_of_role(sentence, shape, known)
            if reason is None:
                kept.append(sentence)
            else:
                result.changes.append(("out_of_role", f"{reason}: {sentence[:120]}"))
        if kept:
            lines.append(kept)
    result.text, cut = _cut(lines, limit)
    if cut:
        full = len("\n".join(" ".join(sentences) for sentences in lines))
        result.changes.append(("too_long", f"cut to {len(result.text)} of {full} characters"))
    result.text = result.text.strip()
    return result
