"""Positional statements: 'characters 4-6: K7Q', 'the first three digits are 585', 'it ends in 38'.

A value handed over a few characters at a time, over clauses or rounds, is recovered by putting
the pieces where the text says they go. A claim is credited to a fact only if the piece matches
the value at the stated place, counted over the raw value, its alphanumerics, or its informative
part (people count both ways), so wrong or made-up pieces add nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from muses.privacy._canon import canonical
from muses.privacy._match import Finding
from muses.privacy._probes import Probe
from muses.privacy._views import View

_COUNT_WORDS = {w: i + 1 for i, w in enumerate(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"])}
_ORDINALS = {
    w: i + 1
    for i, w in enumerate(["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth"])
}
_UNIT = r"(?:char(?:acter)?s?|digits?|letters?|symbols?|positions?|pos\.?|places?)"
_LINK = r"(?:\s+(?:of|in)\s+(?:the\s+|it|its\s+|that\s+)?(?:[\w-]+\s+){0,3}?)?\s*(?:is|are|were|reads?|=|:|->|→)?\s*[:=]?\s*"
_TOKEN = (
    r"[\"'`(\[]?[\-_.]*(?P<token>[A-Za-z0-9](?:[ ·][A-Za-z0-9](?![A-Za-z0-9])){1,23}"
    r"|[A-Za-z0-9](?:[.\-_]?[A-Za-z0-9]){0,23})"
)
_RANGE = re.compile(
    rf"\b{_UNIT}\s*#?\s*(?P<a>\d{{1,2}})(?:\s*(?:-|–|—|to|through|thru|and|&)\s*#?\s*(?P<b>\d{{1,2}}))?{_LINK}{_TOKEN}",
    re.IGNORECASE,
)
_EDGE = re.compile(
    rf"\b(?P<edge>first|last|initial|final|opening|closing)\s+(?P<n>\d{{1,2}}|{'|'.join(_COUNT_WORDS)})?\s*"
    rf"{_UNIT}{_LINK}{_TOKEN}",
    re.IGNORECASE,
)
_EDGE_BARE = re.compile(
    rf"\b(?P<edge>first|last)\s+(?P<n>\d{{1,2}}|{'|'.join(_COUNT_WORDS)})\s*(?:[:=]|\bis\b|\bare\b)\s*{_TOKEN}",
    re.IGNORECASE,
)
"""'the last two: RT' (no unit word, so an explicit ':' or 'is'/'are' is required)."""
_ORDINAL = re.compile(
    rf"\b(?:the\s+)?(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|{'|'.join(_ORDINALS)})\s+{_UNIT}{_LINK}{_TOKEN}",
    re.IGNORECASE,
)
_AFFIX = re.compile(
    rf"\b(?P<affix>starts?|begins?|starting|beginning|ends?|ending|finishes)\s+(?:off\s+)?(?:with|in|on)\s*[:=]?\s*{_TOKEN}",
    re.IGNORECASE,
)

_NUMBER = rf"(?:\d{{1,2}}|{'|'.join(_COUNT_WORDS)})"
_PART = re.compile(
    rf"\b(?:part|piece|chunk|segment|fragment)\s*#?\s*(?P<n>{_NUMBER})(?:\s*(?:of|/)\s*(?P<m>{_NUMBER}))?"
    rf"\s*(?:is|=|:|->|→)\s*{_TOKEN}",
    re.IGNORECASE,
)
"""'part 2: ati', 'piece 3 of 3 = ca': numbered pieces of unknown length. Part 1 is the start, the
last of M the end, and a middle piece is placed where it occurs exactly once in the value."""


class Claim(NamedTuple):
    """A piece of a value and where the text says it goes."""

    piece: str
    """Canonical characters of the piece."""
    size: int | None
    """How many characters the statement says it gives ('characters 4-6': 3), if it says."""
    at: int | None
    """0-based start position; None when only its edge is known."""
    edge: str | None
    """'start' or 'end' for prefix and suffix statements; 'inside' for a numbered middle piece."""
    start: int
    end: int
    """Span of the statement in the view text."""


def _number(raw: str | None) -> int | None:
    if raw is None:
        return None
    return int(raw) if raw.isdigit() else _COUNT_WORDS.get(raw.lower())


def _piece(match: re.Match[str], length: int | None) -> str:
    chars = canonical(match.group("token")).chars
    return chars[:length] if length else chars


_HINTS = ("char", "digit", "letter", "symbol", "pos", "place", "start", "begin", "end", "finish",
          "last", "initial", "final", "opening", "closing", "part", "piece", "chunk", "segment", "fragment",
          *_ORDINALS)  # fmt: skip
_DIGIT_ORDINAL = re.compile(r"\d(?:st|nd|rd|th)\b", re.IGNORECASE)


@lru_cache(maxsize=4096)
def claims(text: str) -> tuple[Claim, ...]:
    """Every positional statement in ``text`` (cached per text; most texts have no hint word)."""
    low = text.lower()
    if not any(hint in low for hint in _HINTS) and _DIGIT_ORDINAL.search(text) is None:
        return ()
    return tuple(_claims(text))


def _claims(text: str) -> Iterator[Claim]:
    for m in _RANGE.finditer(text):
        a, b = int(m.group("a")), _number(m.group("b"))
        length = (b - a + 1) if b is not None and b >= a else 1
        yield Claim(_piece(m, length), length, a - 1, None, m.start(), m.end())
    for m in (*_EDGE.finditer(text), *_EDGE_BARE.finditer(text)):
        first = m.group("edge").lower() in ("first", "initial", "opening")
        count = _number(m.group("n")) or None
        yield Claim(_piece(m, count), count, None, "start" if first else "end", m.start(), m.end())
    for m in _ORDINAL.finditer(text):
        raw = m.group("ord").lower()
        index = int(re.sub(r"\D", "", raw)) if raw[0].isdigit() else _ORDINALS[raw]
        yield Claim(_piece(m, 1), 1, index - 1, None, m.start(), m.end())
    for m in _PART.finditer(text):
        n, of = _number(m.group("n")), _number(m.group("m"))
        edge = "start" if n == 1 else "end" if of is not None and n == of else "inside"
        yield Claim(_piece(m, None), None, None, edge, m.start(), m.end())
    for m in _AFFIX.finditer(text):
        start = m.group("affix").lower().startswith(("start", "begin"))
        yield Claim(_piece(m, None), None, None, "start" if start else "end", m.start(), m.end())


def _frames(probe: Probe) -> Iterator[list[tuple[str, int]]]:
    """Index spaces a reader may count in: (character, canonical position or -1) sequences.

    The raw value (separators included), its alphanumerics, and each informative part.
    """
    yield [(c.lower(), -1 if i is None else i) for c, i in zip(probe.fact.value, probe.raw_index, strict=True)]
    yield [(c, i) for i, c in enumerate(probe.chars)]
    for start, end in probe.parts:
        yield [(probe.chars[i], i) for i in range(start, end)]


def _place(claim: Claim, probe: Probe) -> frozenset[int] | None:
    """Canonical positions the claim reveals, if its piece matches the value where it says.

    Every counting frame in which the piece matches is credited: the piece is value material
    either way, and a reader resolves the ambiguity from the other pieces.
    """
    size = len(claim.piece)
    if not size:
        return None
    found: set[int] = set()
    for number, frame in enumerate(_frames(probe)):
        if claim.at is not None:
            raw = number == 0 and claim.size is not None
            window = frame[claim.at : claim.at + (claim.size if raw and claim.size else size)]
            window = [pair for pair in window if pair[1] >= 0] if raw else window
        elif claim.edge == "inside":
            window = _unique_window(frame, claim.piece)
        else:
            alphanumerics = [pair for pair in frame if pair[1] >= 0]
            window = alphanumerics[:size] if claim.edge == "start" else alphanumerics[-size:]
        if len(window) == size and all(i >= 0 for _, i in window) and "".join(c for c, _ in window) == claim.piece:
            found.update(i for _, i in window)
    return frozenset(found) or None


def _unique_window(frame: list[tuple[str, int]], piece: str) -> list[tuple[str, int]]:
    """The piece's place among the frame's alphanumerics if it occurs there exactly once, else []."""
    alphanumerics = [pair for pair in frame if pair[1] >= 0]
    text = "".join(c for c, _ in alphanumerics)
    first = text.find(piece)
    if first < 0 or text.find(piece, first + 1) >= 0:
        return []
    return alphanumerics[first : first + len(piece)]


def claim_findings(probes: list[Probe], view: View, original: str) -> list[Finding]:
    """Findings for every positional statement in the view that matches a fact where it says."""
    found: list[Finding] = []
    for claim in claims(view.text):
        evidence = view.source(original, claim.start, claim.end)
        for probe in probes:
            positions = _place(claim, probe)
            if positions:
                found.append(Finding(probe.name, positions, False, evidence, f"{view.form}+positions"))
    return found
