"""Numbers written in words: 'eighty million', 'five eight five eight', 'fifty-eight thirty-eight'.

A run of number words is split into consecutive cardinals, each as long as the grammar allows:
'one hundred and twenty-one million' is one number (121,000,000), 'five eight five' three (5, 8,
5), 'nineteen ninety-nine' two (19, 99), 'double five' two fives. Amount detection reads the
cardinals' values; code detection reads their digits in order (the ``words`` view).
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

UNITS: dict[str, int] = {
    "zero": 0, "oh": 0, "nought": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "niner": 9,
}  # fmt: skip
TEENS: dict[str, int] = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALE_WORDS: dict[str, int] = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_REPEAT = {"double": 2, "triple": 3}
_JOINER = re.compile(r"^[\s,-]*(?:and[\s-]+)?$")


class WordNumber(NamedTuple):
    """One cardinal written in words (positions in the searched text)."""

    value: Decimal
    start: int
    end: int
    scaled: bool
    """Contains a scale word ('thousand', 'million', ...)."""
    digits: str
    """What a reader writes down for it in a code: '58' for 'fifty-eight', '55' for 'double five'."""


def _kind(word: str) -> str | None:
    w = word.lower()
    if w in UNITS:
        return "unit"
    if w in TEENS:
        return "teen"
    if w in TENS:
        return "tens"
    if w == "hundred":
        return "hundred"
    if w in SCALE_WORDS or (w.endswith("s") and w[:-1] in SCALE_WORDS):
        return "scale"
    if w in _REPEAT:
        return "repeat"
    if w in ("a", "point"):
        return w
    return None


def _runs(text: str) -> list[list[re.Match[str]]]:
    """Maximal runs of number words separated only by spaces, hyphens, commas or 'and'."""
    runs: list[list[re.Match[str]]] = []
    current: list[re.Match[str]] = []
    for match in _CANDIDATE.finditer(text):
        if current and _JOINER.match(text[current[-1].end() : match.start()]) is not None:
            current.append(match)
            continue
        if current:
            runs.append(current)
        current = [match]
    if current:
        runs.append(current)
    return runs


def _value(word: str) -> int:
    w = word.lower()
    return UNITS.get(w, TEENS.get(w, TENS.get(w, 0)))


def _group(words: list[str], kinds: list[str | None], i: int) -> tuple[int, int]:
    """Parse one group below ten thousand at ``i``: (value, next index); next == i if none."""
    n, value, j = len(words), 0, i
    if j + 1 < n and kinds[j] in ("unit", "teen", "a") and kinds[j + 1] == "hundred":
        value, j = (1 if kinds[j] == "a" else _value(words[j])) * 100, j + 2
    if j < n and kinds[j] in ("unit", "teen"):
        return value + _value(words[j]), j + 1
    if j < n and kinds[j] == "tens":
        value, j = value + _value(words[j]), j + 1
        if j < n and kinds[j] == "unit" and _value(words[j]) > 0:
            value, j = value + _value(words[j]), j + 1
        return value, j
    if j == i and j + 1 < n and kinds[j] == "a" and kinds[j + 1] == "scale":
        return 1, j + 1
    return value, j


def _scale(word: str) -> int:
    w = word.lower()
    return SCALE_WORDS.get(w, SCALE_WORDS.get(w[:-1], 1))


def _fraction(words: list[str], kinds: list[str | None], j: int) -> tuple[str, int]:
    """Digits after 'point' ('point two five' -> '25') and the index after them."""
    digits = ""
    while j < len(words) and kinds[j] == "unit":
        digits, j = digits + str(_value(words[j])), j + 1
    return digits, j


def _cardinal(words: list[str], kinds: list[str | None], i: int) -> tuple[WordNumber | None, int]:
    """The longest cardinal starting at ``i`` (positions left 0), and the index after it."""
    n = len(words)
    if kinds[i] == "repeat" and i + 1 < n and kinds[i + 1] == "unit":
        digit = str(_value(words[i + 1]))
        return WordNumber(Decimal(digit), 0, 0, False, digit * _REPEAT[words[i].lower()]), i + 2
    total, j, scaled, last = Decimal(0), i, False, 0
    while j < n:
        group, k = _group(words, kinds, j)
        if k == j:
            break
        j = k
        if j < n and kinds[j] == "scale" and (not last or _scale(words[j]) < last):
            total, last, scaled, j = total + group * _scale(words[j]), _scale(words[j]), True, j + 1
            continue
        total += group
        break
    if j == i:
        return None, i + 1
    if j + 1 < n and kinds[j] == "point" and kinds[j + 1] == "unit" and not scaled:
        fraction, j = _fraction(words, kinds, j + 1)
        total = Decimal(f"{int(total)}.{fraction}")
        if j < n and kinds[j] == "scale":
            total, scaled, j = total * _scale(words[j]), True, j + 1
    written = format(total.normalize(), "f") if total != int(total) else str(int(total))
    return WordNumber(total, 0, 0, scaled, written), j


_CANDIDATE = re.compile(
    r"(?<![A-Za-z])(?:" + "|".join(sorted({*UNITS, *TEENS, *TENS, *_REPEAT, "hundred", "a", "point"}, key=len, reverse=True))
    + r"|(?:" + "|".join(SCALE_WORDS) + r")s?)(?![A-Za-z])",
    re.IGNORECASE,
)
_GATE = tuple(sorted({*UNITS, *TEENS, *TENS, *_REPEAT, *SCALE_WORDS, "hundred"}))
"""Substrings without which a text holds no number word (a cheap test before the parse)."""


@lru_cache(maxsize=4096)
def word_numbers(text: str) -> tuple[WordNumber, ...]:
    """Every cardinal written in words in ``text``, in order (cached per text)."""
    low = text.lower()
    if not any(word in low for word in _GATE):
        return ()
    found: list[WordNumber] = []
    for run in _runs(text):
        words = [m.group() for m in run]
        kinds = [_kind(w) for w in words]
        i = 0
        while i < len(words):
            number, j = _cardinal(words, kinds, i)
            if number is not None:
                found.append(number._replace(start=run[i].start(), end=run[j - 1].end()))
            i = j
    return tuple(found)
