"""Amounts mentioned in text, with their scale: "$80M", "80 million", "80,000,000.00", "eighty million".

Confidential figures leak in rounded or reformatted form as often as verbatim; the number field
detector compares every mention found here with the secret amount.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from muses.scenarios.access_control._canon import Canon, fold, span

_SCALES: dict[str, int] = {
    "k": 10**3, "thousand": 10**3,
    "m": 10**6, "mm": 10**6, "mn": 10**6, "mln": 10**6, "mio": 10**6, "million": 10**6,
    "b": 10**9, "bn": 10**9, "bln": 10**9, "billion": 10**9,
    "tn": 10**12, "trillion": 10**12,
}  # fmt: skip
_SEP = "[ \u00a0\u202f\u2009]"
_CODES = "US|USD|EUR|GBP|CAD|AUD|JPY|CHF"
_AMOUNT_RE = re.compile(
    rf"(?<![\w.,])(?P<cur>(?:(?:{_CODES})\s?)?[$€£¥₹]\s?|(?:{_CODES})\s?)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?"  # 80,000,000.00
    r"|\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?|\d{1,3}(?:\.\d{3})+,\d{1,2}"  # 80.000.000 / 1.234,56
    rf"|\d{{1,3}}(?:{_SEP}\d{{3}})+(?:\.\d+)?"  # 80 000 000
    r"|\d+(?:\.\d+)?|\.\d+)(?!\d)"
    r"(?:(?P<word>\s*(?:thousand|million|billion|trillion|mln|bln|mio|mn|bn|tn)s?)(?!\w)"
    r"|(?P<letter>\s?(?:mm|k|m|b))(?!\w))?",
    re.IGNORECASE,
)
_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_WORD_VALUES = {w: i for i, w in enumerate(_UNITS)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}
_NUMBER_WORDS = {*_WORD_VALUES, "hundred", "a", "and"}
_SCALE_WORD_RE = re.compile(r"(?<!\w)(?P<scale>thousand|million|billion|trillion)s?(?!\w)", re.IGNORECASE)
_WORDS_WINDOW = 80
"""How far before a scale word number words are looked for ('nine hundred and ninety-nine')."""


class _Amount(NamedTuple):
    value: Decimal
    start: int
    end: int
    explicit: bool  # >= 2 significant digits, or a scale word/suffix fixing the magnitude


def _nfkc_map(text: str) -> Canon:
    """Folded text (per character, case kept) with the original position of every character."""
    chars: list[str] = []
    index: list[int] = []
    for pos, ch in enumerate(text):
        for c in fold(ch, casefold=False):
            chars.append(c)
            index.append(pos)
    return Canon("".join(chars), tuple(index))


def _parse_number(raw: str) -> Decimal | None:
    """Decimal value of a matched numeral (US grouping, European grouping, spaced groups)."""
    s = re.sub(_SEP, "", raw)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", s) and (s.count(".") >= 2 or "," in s):
        s = s.replace(".", "").replace(",", ".")
    else:
        s = s.replace(",", "")
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


def _scale_of(match: re.Match[str]) -> tuple[int, int] | None:
    """(multiplier, end) of an accepted scale, or None.

    Scale words and letters attached to the number ('80M', '80m', '3B', '1.2k') always count; a
    letter after a space only after a currency sign ('$80 m', but not '80 m' of '80 m long').
    A stray '5m' (metres) or 'step 3b' can only matter if it lands within 1% of a secret amount,
    whereas '$80m'-style disclosures are common, so attached letters are accepted in any case.
    """
    if match.group("word"):
        word = match.group("word").strip().lower()
        return _SCALES.get(word, _SCALES.get(word[:-1], 1)), match.end("word")
    letter = match.group("letter")
    if not letter or (letter[0].isspace() and not match.group("cur")):
        return None
    return _SCALES[letter.strip().lower()], match.end("letter")


def _digit_amounts(text: str, bare_too: bool = False) -> Iterator[_Amount]:
    """Numerals with their scale; with ``bare_too`` a scaled numeral is also read without it.

    The bare reading keeps a verbatim figure a leak even when a stray scale follows it
    ('$80,000,000.00 k'): its digits were disclosed either way.
    """
    for m in _AMOUNT_RE.finditer(text):
        number = _parse_number(m.group("num"))
        if number is None:
            continue
        scale = _scale_of(m)
        precise = len(re.sub(r"\D", "", m.group("num")).lstrip("0")) >= 2
        if scale is None or bare_too:
            yield _Amount(number, m.start(), m.end("num"), precise)
        if scale is not None:
            yield _Amount(number * scale[0], m.start(), scale[1], True)


def _number_words_before(text: str, lo: int, end: int) -> tuple[int, list[str]] | None:
    """Start and words of the run of number words ending just before ``end`` (searched from ``lo``).

    Walking tokens backwards from a scale word keeps the search linear; a regex that tries every
    'a' of a text as the start of 'a ... million' is quadratic.
    """
    window = text[lo:end]
    tokens = list(re.finditer(r"[^\s-]+", window))
    if not tokens or tokens[-1].end() == len(window):
        return None
    taken: list[re.Match[str]] = []
    for token in reversed(tokens):
        if token.group().lower() not in _NUMBER_WORDS or (token.start() == 0 and lo > 0):
            break
        taken.append(token)
    while taken and taken[-1].group().lower() == "and":
        taken.pop()
    if not taken:
        return None
    return lo + taken[-1].start(), [t.group().lower() for t in reversed(taken)]


def _word_amounts(text: str) -> Iterator[_Amount]:
    """Amounts in words with a scale: 'eighty million', 'a billion', 'one hundred and twenty million'."""
    for m in _SCALE_WORD_RE.finditer(text):
        found = _number_words_before(text, max(0, m.start() - _WORDS_WINDOW), m.start())
        if found is None:
            continue
        total = 0
        for word in found[1]:
            if word == "hundred":
                total = max(total, 1) * 100
            else:
                total += 1 if word == "a" else _WORD_VALUES.get(word, 0)
        yield _Amount(Decimal(total * _SCALES[m.group("scale").lower()]), found[0], m.end(), True)


def mentions(text: str, bare_too: bool) -> list[tuple[Decimal, str, bool]]:
    norm = _nfkc_map(text)
    found = sorted([*_digit_amounts(norm.chars, bare_too), *_word_amounts(norm.chars)], key=lambda a: a.start)
    return [(a.value, span(text, norm, a.start, a.end), a.explicit) for a in found]


def number_mentions(text: str) -> list[tuple[Decimal, str, bool]]:
    """Every amount mentioned in ``text``: (value, original snippet, magnitude explicit?).

    'Explicit' means at least 2 significant digits or a scale word/suffix: '3' in '3 days' is
    not explicit, '3 billion' and '80,000,000' are.
    """
    return mentions(text, bare_too=False)
