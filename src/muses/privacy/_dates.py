"""Calendar dates mentioned in text, in any common format.

'June 11', '11 June', 'Jun. 11th', 'the eleventh of June', '2027-06-11', '6/11', '11/06/2027',
'11.06.2027': a date leaks as readily in another format as verbatim. Numeric day/month forms are
ambiguous ('6/11' is 11 June in the US and 6 November in Europe), so both readings are kept and
either one matching the secret counts. A month name alone is kept as a weaker mention (the
matcher counts it only when the field's label is nearby).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")),
        start=1,
    )
    for name in names
}  # fmt: skip
_ORDINAL_WORDS = {
    w: i + 1
    for i, w in enumerate(
        ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"]
    )
} | {"thirtieth": 30}
for _unit, _n in (("first", 1), ("second", 2), ("third", 3), ("fourth", 4), ("fifth", 5), ("sixth", 6),
                  ("seventh", 7), ("eighth", 8), ("ninth", 9)):  # fmt: skip
    _ORDINAL_WORDS[f"twenty-{_unit}"] = 20 + _n
    _ORDINAL_WORDS[f"twenty {_unit}"] = 20 + _n
_ORDINAL_WORDS["thirty-first"] = _ORDINAL_WORDS["thirty first"] = 31

_MONTH = r"(?P<{g}>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<{g}>\d{{1,2}}(?:st|nd|rd|th)?|" + "|".join(sorted(_ORDINAL_WORDS, key=len, reverse=True)) + ")"
_YEAR = r"(?:,?\s*(?P<{g}>(?:19|20)\d\d))?"
_NAMED = re.compile(
    r"(?<![\w])(?:"
    + _MONTH.format(g="m1") + r"\s+(?:the\s+)?" + _DAY.format(g="d1") + _YEAR.format(g="y1")
    + r"|(?:the\s+)?" + _DAY.format(g="d2") + r"\s+(?:of\s+|day\s+of\s+)?" + _MONTH.format(g="m2") + _YEAR.format(g="y2")
    + r")(?![\w])",
    re.IGNORECASE,
)  # fmt: skip
_ISO = re.compile(r"(?<![\w.])((?:19|20)\d\d)[-/.](\d{1,2})[-/.](\d{1,2})(?![\w])")
_NUMERIC = re.compile(r"(?<![\w./:])(\d{1,2})([/.-])(\d{1,2})(?:\2((?:19|20)?\d\d))?(?![\w/:]|\.\d)")
_MONTH_ONLY = re.compile(r"(?<![\w])" + _MONTH.format(g="m") + r"(?![\w])", re.IGNORECASE)


class DateMention(NamedTuple):
    """A date in a text: the (month, day) readings it allows, an optional year, and its span."""

    readings: frozenset[tuple[int, int]]
    year: int | None
    start: int
    end: int


def _day(raw: str) -> int:
    raw = raw.lower()
    return _ORDINAL_WORDS.get(raw, 0) or int(re.sub(r"\D", "", raw) or 0)


def _valid(month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= 31


def _named(match: re.Match[str]) -> DateMention | None:
    month = match.group("m1") or match.group("m2")
    day = match.group("d1") or match.group("d2")
    year = match.group("y1") or match.group("y2")
    reading = (MONTHS[month.lower().rstrip(".")], _day(day))
    if not _valid(*reading):
        return None
    return DateMention(frozenset({reading}), int(year) if year else None, match.start(), match.end())


_MONTH_STEMS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DIGIT = re.compile(r"\d")


def _has_month(text: str) -> bool:
    """A cheap test before the month patterns: no month stem, no month name."""
    low = text.lower()
    return any(stem in low for stem in _MONTH_STEMS)


def _named_dates(text: str) -> list[DateMention]:
    """Dates with a month name; an invalid candidate ('0 June') does not swallow a valid one ('June 11'),
    and a day-first date does not hide a month-first one sharing its month ('1 June 11': both read)."""
    found: list[DateMention] = []
    if not _has_month(text):
        return found
    position = 0
    while (match := _NAMED.search(text, position)) is not None:
        mention = _named(match)
        if mention is not None:
            found.append(mention)
        if mention is None:
            position = match.start() + 1
        else:
            position = match.start("m2") if match.group("m2") else match.end()
    return found


def _numeric(match: re.Match[str]) -> DateMention | None:
    first, second, year = int(match.group(1)), int(match.group(3)), match.group(4)
    readings = frozenset(r for r in ((first, second), (second, first)) if _valid(*r))
    if not readings or (match.group(2) == "." and not year):
        return None  # '11.06' alone is more often a number than a date
    full_year = None if not year else int(year) if len(year) == 4 else 2000 + int(year)
    return DateMention(readings, full_year, match.start(), match.end())


@lru_cache(maxsize=4096)
def date_mentions(text: str) -> tuple[DateMention, ...]:
    """Every full date (month and day) in ``text`` (cached per text)."""
    found = list(_named_dates(text))
    if _DIGIT.search(text) is None:
        return tuple(found)
    for iso in _ISO.finditer(text):
        reading = (int(iso.group(2)), int(iso.group(3)))
        if _valid(*reading):
            found.append(DateMention(frozenset({reading}), int(iso.group(1)), iso.start(), iso.end()))
    taken = [(m.start, m.end) for m in found]
    for match in _NUMERIC.finditer(text):
        if any(s <= match.start() < e for s, e in taken):
            continue
        mention = _numeric(match)
        if mention is not None:
            found.append(mention)
    return tuple(sorted(found, key=lambda m: m.start))


@lru_cache(maxsize=4096)
def month_mentions(text: str) -> tuple[tuple[int, int, int], ...]:
    """(month, start, end) of every month name; 'may' counts only capitalised ('May')."""
    out: list[tuple[int, int, int]] = []
    if not _has_month(text):
        return ()
    for match in _MONTH_ONLY.finditer(text):
        word = match.group("m")
        if word.lower() == "may" and not word[0].isupper():
            continue
        out.append((MONTHS[word.lower()], match.start(), match.end()))
    return tuple(out)


def parse_date(value: str) -> DateMention | None:
    """The date a fact's value denotes (its first mention), or None."""
    found = date_mentions(value)
    return found[0] if found else None
