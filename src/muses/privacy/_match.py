"""What one reading of a text discloses about each fact, as positions of its canonical value.

Codes: the whole value, the informative part under look-alikes and substitutions, runs of at
least ``MIN_RUN`` informative characters, and short pieces that stand alone as tokens. Amounts:
every figure tied to money (currency, scale, enough digits, a money format or the label nearby)
compared with the secret (exact = full, within 1% = rounded). Dates: any format. Names: whole
words, look-alikes, substitutions, or the distinctive word of a multi-word name. Phrases: all
content words in one sentence. Positional statements ('characters 4-6: K7Q') are in
``_positions``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from muses.privacy._amounts import mentions
from muses.privacy._canon import Canon, occurrences, skeleton
from muses.privacy._dates import date_mentions, month_mentions
from muses.privacy._probes import MIN_RUN, Probe, stem
from muses.privacy._views import View

MAX_PARTIAL_GAP = 3
"""Most characters allowed between two consecutive characters of a partial run: '7 1 7 2' and
'7-1-7-2' match; digits of unrelated numbers far apart do not get glued into a run."""

REL_TOLERANCE = Decimal("0.01")
"""A figure within 1% of a confidential amount discloses it, rounded."""

CENT = Decimal("0.005")
CUE_WINDOW = 6
"""Words on either side of a bare number (same sentence) searched for the fact's label or cues."""

_SENTENCE = re.compile(r"[.;!?](?=\s|$)|\n")


class Finding(NamedTuple):
    """Something one delivery discloses about one fact."""

    fact: str
    positions: frozenset[int]
    """Positions of the canonical value revealed."""
    rounded: bool
    """A rounded figure or a month without its day: partial knowledge without positions."""
    evidence: str
    form: str
    contextual: bool = False
    """A bare number or month tied to the fact by nothing in the text: it counts only if the
    recipient's own last message asked about the fact ('What's the list price?' -> '149')."""


def _full(probe: Probe, view: View, original: str, start: int, end: int, form: str = "") -> Finding:
    evidence = view.canon_source(original, start, end)
    return Finding(probe.name, frozenset(range(len(probe.chars))), False, evidence, form or view.form)


def _positions(probe: Probe, view: View, original: str, at: int, span: tuple[int, int], form: str) -> Finding:
    """A finding for value positions ``at .. at + len(span)`` evidenced by canonical ``span``."""
    positions = frozenset(range(at, at + span[1] - span[0]))
    return Finding(probe.name, positions, False, view.canon_source(original, *span), form)


def _runs(probe: Probe, view: View, original: str) -> Iterator[Finding]:
    """Runs of >= MIN_RUN informative characters, each as long as the text allows.

    A run starting at ``i`` contains the ``MIN_RUN``-window at ``i``, so longer runs are only
    tried where that window occurs (with separators removed, so almost never in ordinary text).
    """
    chars = view.canon.chars
    for start, end in probe.parts:
        part, covered = probe.chars[start:end], -1
        for i in range(len(part) - MIN_RUN + 1):
            if i < covered or part[i : i + MIN_RUN] not in chars:
                continue
            for length in range(len(part) - i, MIN_RUN - 1, -1):
                window = part[i : i + length]
                hits = occurrences(view.canon, window, max_gap=MAX_PARTIAL_GAP)
                hit = next((h for h in hits if _code_like(view.text, view.canon, h)), None)
                if hit is not None:
                    yield _positions(probe, view, original, start + i, hit, view.form)
                    covered = i + length
                    break


def _code_like(text: str, canon: Canon, hit: tuple[int, int]) -> bool:
    """A partial run must look like part of a code: a digit in it, or written in capitals.

    'ch da' in 'launch date' holds the run 'chda' of a code; 'CHDA' or 'CH7D' is a disclosure.
    """
    written = text[canon.pos[hit[0]] : canon.pos[hit[1] - 1] + 1]
    return any(c.isdigit() for c in written) or not any(c.islower() for c in written)


def _pieces(probe: Probe, view: View, original: str) -> Iterator[Finding]:
    """Stand-alone tokens of 3 characters found exactly once in the informative part.

    A letters-only piece must be written in capitals (as codes are): 'KCA' counts, the word 'cat'
    does not.
    """
    informative = [(s, probe.chars[s:e]) for s, e in probe.parts]
    for token, start, end in view.short_tokens:
        if token not in probe.trigrams:
            continue
        if not any(c.isdigit() for c in token) and not view.text[start:end].isupper():
            continue
        hits = [s + i for s, part in informative for i in range(len(part)) if part.startswith(token, i)]
        if len(hits) == 1:
            positions = frozenset(range(hits[0], hits[0] + len(token)))
            yield Finding(probe.name, positions, False, view.source(original, start, end), view.form)


def code_findings(probe: Probe, view: View, original: str) -> list[Finding]:
    """Everything a view discloses about a code fact."""
    canon = view.canon
    full = next(occurrences(canon, probe.chars), None) if probe.chars in canon.chars else None
    if full is not None:
        return [_full(probe, view, original, *full)]
    found: list[Finding] = []
    look = next(occurrences(canon, probe.skeleton, haystack=view.skeleton), None) if probe.skeleton in view.skeleton else None
    if look is not None:
        found.append(_full(probe, view, original, *look, form=f"{view.form}+lookalike"))
    for form, needle, at in () if view.shifted else probe.variants:
        hit = next(occurrences(canon, needle), None) if needle in canon.chars else None
        if hit is not None:
            found.append(_positions(probe, view, original, at, hit, f"{view.form}+{form}"))
    for start, end in probe.parts:
        part = probe.skeleton[start:end]
        hit = None
        if len(part) >= MIN_RUN + 2 and part in view.skeleton:
            hit = next(occurrences(canon, part, haystack=view.skeleton), None)
        if hit is not None:
            found.append(_positions(probe, view, original, start, hit, f"{view.form}+lookalike"))
    found.extend(_runs(probe, view, original))
    found.extend(_pieces(probe, view, original))
    return found


def cue_near(text: str, start: int, end: int, cues: frozenset[str]) -> bool:
    """Whether a cue word is within ``CUE_WINDOW`` words of ``text[start:end]`` in its sentence."""
    left = _SENTENCE.split(text[:start])[-1]
    right = _SENTENCE.split(text[end:])[0]
    words = re.findall(r"[a-z]+", left.lower())[-CUE_WINDOW:] + re.findall(r"[a-z]+", right.lower())[:CUE_WINDOW]
    stems = {stem(c) for c in cues}
    return any(stem(w) in stems for w in words if len(w) > 2)


def cue_in(text: str, cues: frozenset[str]) -> bool:
    """Whether any word of ``text`` is one of the cue words (by stem)."""
    stems = {stem(c) for c in cues}
    return any(stem(w) in stems for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 2)


def amount_findings(probe: Probe, view: View, original: str) -> list[Finding]:
    """Figures tied to money that equal (full) or round (partial) the secret amount."""
    amount = probe.amount
    if amount is None:
        return entity_findings(probe, view, original)
    if not view.reads_figures:
        return []
    found: list[Finding] = []
    for mention, _ in mentions(view.text, bare_too=True):
        if abs(mention.value - amount) > REL_TOLERANCE * abs(amount):
            continue
        if mention.unit and not mention.tied:
            continue
        contextual = not mention.tied and not cue_near(view.text, mention.start, mention.end, probe.cues)
        evidence = view.source(original, mention.start, mention.end)
        if abs(mention.value - amount) < CENT and not contextual:
            return [Finding(probe.name, frozenset(range(len(probe.chars))), False, evidence, view.form)]
        exact = abs(mention.value - amount) < CENT
        positions = frozenset(range(len(probe.chars))) if exact else frozenset()
        found.append(Finding(probe.name, positions, not exact, evidence, view.form, contextual))
    for digits in probe.amount_digits:
        hit = None
        if digits in view.canon.chars:
            hit = next(occurrences(view.canon, digits, max_gap=MAX_PARTIAL_GAP, digits=True), None)
        if hit is not None:
            return [*found, _full(probe, view, original, *hit)]
    return found


def needle_findings(probe: Probe, view: View, original: str, digits: bool) -> list[Finding]:
    """A whole-value needle (date, phrase) as canonical text, in look-alikes or under a substitution.

    Catches what word-level parsing cannot: 'M a r c h 1 1', 'quantumcomputing', 'Qu4ntum C0mput1ng'.
    """
    canon = view.canon
    shifted = () if view.shifted else probe.variants
    candidates = [(n, None, "") for n in probe.needles] + [(skeleton(n), view.skeleton, "+lookalike") for n in probe.needles]
    candidates += [(n, None, f"+{form}") for form, n, _ in shifted]
    for needle, haystack, suffix in candidates:
        if needle not in (haystack or canon.chars):
            continue
        hit = next(occurrences(canon, needle, digits=digits, haystack=haystack), None)
        if hit is not None:
            return [_full(probe, view, original, *hit, form=view.form + suffix)]
    return []


def date_findings(probe: Probe, view: View, original: str) -> list[Finding]:
    """The date in any format (full), or its month next to the field's label (partial)."""
    secret = probe.date
    if secret is None:
        return entity_findings(probe, view, original)
    for mention in date_mentions(view.text):
        same_year = mention.year is None or secret.year is None or mention.year == secret.year
        if mention.readings & secret.readings and same_year:
            evidence = view.source(original, mention.start, mention.end)
            return [Finding(probe.name, frozenset(range(len(probe.chars))), False, evidence, view.form)]
    spelled = needle_findings(probe, view, original, digits=True)
    if spelled:
        return spelled
    months = {month for month, _ in secret.readings}
    return [
        Finding(probe.name, frozenset(), True, view.source(original, start, end), view.form,
                not cue_near(view.text, start, end, probe.cues))  # fmt: skip
        for month, start, end in month_mentions(view.text)
        if month in months
    ]


def entity_findings(probe: Probe, view: View, original: str) -> list[Finding]:
    """The name as whole words, in look-alikes, under a substitution, or by its distinctive word."""
    canon = view.canon
    for needle, haystack, suffix in ((probe.chars, None, ""), (probe.skeleton, view.skeleton, "+lookalike")):
        if needle not in (haystack or canon.chars):
            continue
        hit = next(occurrences(canon, needle, words=True, haystack=haystack), None)
        if hit is not None:
            return [_full(probe, view, original, *hit, form=view.form + suffix)]
    for form, needle, _ in () if view.shifted else probe.variants:
        hit = next(occurrences(canon, needle, words=True), None) if needle in canon.chars else None
        if hit is not None:
            return [_full(probe, view, original, *hit, form=f"{view.form}+{form}")]
    if not all(token in canon.chars for token in probe.tokens):
        return []
    hits = [next(occurrences(canon, token, words=True), None) for token in probe.tokens]
    if hits and all(h is not None for h in hits):
        first = min(h for h in hits if h is not None)
        return [_full(probe, view, original, *first)]
    return []


def phrase_findings(probe: Probe, view: View, original: str) -> list[Finding]:
    """Every content word of the phrase (by stem) within one sentence of the view."""
    wanted = set(probe.tokens)
    if not wanted:
        return entity_findings(probe, view, original)
    glued = needle_findings(probe, view, original, digits=False)
    if glued:
        return glued
    offset = 0
    for sentence in _SENTENCE.split(view.text):
        words = list(re.finditer(r"[^\W_]+", sentence))
        if wanted <= {stem(w.group()) for w in words}:
            hits = [w for w in words if stem(w.group()) in wanted]
            start, end = offset + hits[0].start(), offset + hits[-1].end()
            return [Finding(probe.name, frozenset(range(len(probe.chars))), False,
                            view.source(original, start, end), view.form)]  # fmt: skip
        offset += len(sentence) + 1
    return []


MATCHERS = {
    "code": code_findings,
    "amount": amount_findings,
    "date": date_findings,
    "entity": entity_findings,
    "phrase": phrase_findings,
}
"""Fact kind -> matcher(probe, view, original text) -> findings."""
