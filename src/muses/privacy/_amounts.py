"""Amounts mentioned in text, with their scale and what ties them to money.

"$80M", "80 million", "80,000,000.00", "80.000.000 EUR", "8,00,00,000", "80'000'000", "1.21e+08 USD",
"1.21 x 10^8", "121.0 mil dollars", "eighty million": confidential figures leak reformatted or
rounded as often as verbatim, so every mention is read with its magnitude. Each mention also
says whether it carries a currency or a scale and how many digits it has, because a bare '19'
in "19 days" must not count as the list price $19.00 (the matcher decides; see ``Mention.tied``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import NamedTuple

from muses.privacy._canon import Canon, fold, span
from muses.privacy._numwords import word_numbers

_SCALES: dict[str, int] = {
    "k": 10**3, "thousand": 10**3, "grand": 10**3, "thou": 10**3,
    "m": 10**6, "mm": 10**6, "mn": 10**6, "mln": 10**6, "mio": 10**6, "million": 10**6, "mil": 10**6, "mill": 10**6,
    "b": 10**9, "bn": 10**9, "bln": 10**9, "bil": 10**9, "billion": 10**9, "milliard": 10**9,
    "tn": 10**12, "trillion": 10**12, "lakh": 10**5, "lac": 10**5, "crore": 10**7, "cr": 10**7,
}  # fmt: skip
_SEP = "[ \u00a0\u202f\u2009]"
_CODES = "US|USD|EUR|GBP|CAD|AUD|JPY|CHF|INR"
_CURRENCY_WORDS = r"dollars?|bucks|usd|euros?|eur|pounds?|gbp|yen|jpy|cad|aud|chf|inr|rupees?|francs?"
_NUMERAL = (
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?"  # 80,000,000.00
    r"|\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?"  # 8,00,00,000 (Indian grouping)
    r"|\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?|\d{1,3}(?:\.\d{3})+,\d{1,2}"  # 80.000.000 / 1.234,56
    r"|\d{1,3}(?:['\u2019_]\d{3})+(?:\.\d+)?"  # 80'000'000 / 80_000_000
    rf"|\d{{1,3}}(?:{_SEP}\d{{3}})+(?:\.\d+)?"  # 80 000 000
    r"|\d+(?:\.\d+)?|\.\d+"
)
_AMOUNT_RE = re.compile(
    rf"(?<![\w.,:/])(?P<cur>(?:(?:{_CODES})\s?)?[$€£¥₹]\s?|(?:{_CODES})\s?)?"
    rf"(?P<num>{_NUMERAL})(?![\d:/])"
    r"(?:(?P<exp>\s?[eE]\s?[+-]?\d{1,2}|\s?(?:x|×|\*)\s?10\s?(?:\^|\*\*)\s?[+-]?\d{1,2})(?!\d))?"
    r"(?:(?P<word>\s*(?:thousand|million|billion|trillion|milliard|grand|thou|mln|bln|bil|mill|mil|mio|mn|bn|tn|lakh|lac|crore|cr)s?\.?)(?!\w)"
    r"|(?P<letter>\s?(?:mm|k|m|b))(?!\w))?"
    rf"(?P<after>\s*(?:{_CURRENCY_WORDS})\b)?",
    re.IGNORECASE,
)
_UNIT_AFTER = re.compile(
    r"\s*(?:%|percent|per ?cent|days?|weeks?|months?|years?|yrs?|hours?|hrs?|minutes?|mins?|seconds?|secs?"
    r"|people|persons?|users?|members?|employees?|times|attempts?|items?|steps?|rounds?|pages?|words?"
    r"|characters?|chars?|digits?|am|pm|a\.m\.|p\.m\.|o'clock)\b",
    re.IGNORECASE,
)


_ANY_DIGIT = re.compile(r"\d")


class Mention(NamedTuple):
    """One amount mentioned in a text (positions are in the text that was searched)."""

    value: Decimal
    start: int
    end: int
    currency: bool
    """A currency sign, code or word is attached ('$19', '19 dollars')."""
    scaled: bool
    """A scale word, suffix or exponent fixes the magnitude ('80M', '1.2e8', 'eighty million')."""
    digits: int
    """Digits written in the numeral (8 for '80000000', 2 for '19')."""
    cents: bool
    """Written with exactly two decimals ('19.00'): a money format."""
    unit: bool
    """Followed by a non-money unit ('19 days', '19%', '19 people')."""

    @property
    def tied(self) -> bool:
        """Whether the mention reads as an amount by itself, without the field's label nearby."""
        if self.currency or self.scaled:
            return True
        return not self.unit and (self.digits >= 4 or self.cents)


def _nfkc_map(text: str) -> Canon:
    """Folded text (per character, case kept) with the original position of every character."""
    if text.isascii():
        return Canon(text, tuple(range(len(text))))
    chars: list[str] = []
    index: list[int] = []
    for pos, ch in enumerate(text):
        for c in fold(ch, casefold=False):
            chars.append(c)
            index.append(pos)
    return Canon("".join(chars), tuple(index))


def _parse_number(raw: str) -> Decimal | None:
    """Decimal value of a matched numeral (US, European, Indian, Swiss and spaced groupings)."""
    s = re.sub(rf"{_SEP}|['\u2019_]", "", raw)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", s) and (s.count(".") >= 2 or "," in s):
        s = s.replace(".", "").replace(",", ".")
    else:
        s = s.replace(",", "")
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


def _multiplier(match: re.Match[str]) -> tuple[Decimal, int] | None:
    """(multiplier, end) of an accepted scale or exponent, or None.

    Scale words and letters attached to the number ('80M', '3B', '1.2k') always count; a letter
    after a space only with a currency ('$80 m', '80 M USD', but not '80 m' of '80 m long').
    """
    factor, end = Decimal(1), -1
    if match.group("exp"):
        power = int(re.sub(r"[^\d+-]", "", re.split(r"[eE^]|\*\*", match.group("exp"))[-1]))
        factor, end = Decimal(10) ** power, match.end("exp")
    if match.group("word"):
        word = match.group("word").strip().rstrip(".").lower()
        scale = _SCALES.get(word, _SCALES.get(word[:-1], 1))
        return factor * scale, match.end("word")
    letter = match.group("letter")
    if letter and not (letter[0].isspace() and not (match.group("cur") or match.group("after"))):
        return factor * _SCALES[letter.strip().lower()], match.end("letter")
    return (factor, end) if end >= 0 else None


def _digit_amounts(text: str, bare_too: bool) -> Iterator[Mention]:
    """Numerals with their scale; with ``bare_too`` a scaled numeral is also read without it.

    The bare reading keeps a verbatim figure a leak even when a stray scale follows it
    ('$80,000,000.00 k'): its digits were disclosed either way.
    """
    for m in _AMOUNT_RE.finditer(text):
        number = _parse_number(m.group("num"))
        if number is None:
            continue
        scale = _multiplier(m)
        currency = bool(m.group("cur") or m.group("after"))
        digits = sum(c.isdigit() for c in m.group("num"))
        cents = re.search(r"[.,]\d\d$", m.group("num")) is not None
        unit = _UNIT_AFTER.match(text, m.end("num")) is not None or text.startswith(":", m.end("num"))
        end = m.end("after") if m.group("after") else m.end("num")
        cents_after = _DIGIT_CENTS.match(text, end) if m.group("after") and "." not in m.group("num") else None
        if cents_after is not None:
            number, end = number + Decimal(cents_after.group(1)) / 100, cents_after.end()
        if scale is None or bare_too:
            yield Mention(number, m.start(), end, currency, False, digits, cents, unit)
        if scale is not None:
            yield Mention(number * scale[0], m.start(), max(end, scale[1]), currency, True, digits, cents, False)
            rest = _REST.match(text, max(end, scale[1])) if m.group("word") else None
            if rest is not None and scale[0] > 1 and int(rest.group(1)) < scale[0]:
                value = number * scale[0] + int(rest.group(1))
                yield Mention(value, m.start(), rest.end(), currency, True, digits, cents, False)


_REST = re.compile(r"\s*(?:and\s+)?(\d{1,3})(?!\d)(?![,.]\d)(?!\s*(?:thousand|million|billion|k\b))", re.IGNORECASE)
"""The rest after a scale word: '92 thousand 500' is 92,500 (the scaled part alone is also read)."""
_CENTS = re.compile(r"\s*(?:and\s+)?$")
_DIGIT_CENTS = re.compile(r"\s*(?:and\s+)?(\d{1,2})\s*(?:cents?|c)\b", re.IGNORECASE)


def _word_amounts(text: str) -> Iterator[Mention]:
    """Amounts in words: 'eighty million', 'one hundred forty-nine dollars and ninety-five cents'."""
    numbers = word_numbers(text)
    for i, number in enumerate(numbers):
        after = re.match(rf"\s*(?:{_CURRENCY_WORDS})\b", text[number.end :], re.IGNORECASE)
        end = number.end + (after.end() if after else 0)
        value = Decimal(number.value)
        following = numbers[i + 1] if after and i + 1 < len(numbers) else None
        if following is not None and _CENTS.match(text[end : following.start]) and re.match(r"\s*cents?\b", text[following.end :]):
            value += Decimal(following.value) / 100
            end = following.end + re.match(r"\s*cents?", text[following.end :]).end()  # type: ignore[union-attr]
        unit = _UNIT_AFTER.match(text, number.end) is not None
        yield Mention(value, number.start, end, after is not None, number.scaled, 0, False, unit)


@lru_cache(maxsize=4096)
def mentions(text: str, bare_too: bool = False) -> tuple[tuple[Mention, str], ...]:
    """Every amount in ``text`` with its original snippet, in order; positions index into ``text``.

    Cached: every amount fact of a document reads the same mentions of the same text.
    """
    norm = _nfkc_map(text)
    digits = list(_digit_amounts(norm.chars, bare_too)) if _ANY_DIGIT.search(norm.chars) else []
    found = sorted([*digits, *_word_amounts(norm.chars)], key=lambda a: a.start)
    return tuple(
        (m._replace(start=norm.pos[m.start], end=norm.pos[m.end - 1] + 1), span(text, norm, m.start, m.end))
        for m in found
    )


def number_mentions(text: str) -> list[tuple[Decimal, str, bool]]:
    """Every amount mentioned in ``text``: (value, original snippet, reads as an amount by itself)."""
    return [(m.value, snippet, m.tied) for m, snippet in mentions(text)]
