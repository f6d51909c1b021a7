"""The meeting grid and the slot parser used for agent finals, user replies and agent messages.

The grid is the paper's: Mon-Fri x {9, 10, 11, 13, 14, 15, 16}:{00, 30} (70 start times, no
lunch hour). Canonical slots are written ``"Tue 14:30"`` / ``"Fri 9:00"`` (the paper's spelling).

Reading rules (the paper's normaliser misread "Fri 4:00" as 4 am and "Monday, Jan 13 at 10:30"
as 13:00; these rules fix both and are the contract of ``parse_slot``):

- Days: full names and common abbreviations (Mon, Tues, Weds, Thur, ...), any case.
- Times: ``14:30``, ``2:30 PM``, ``2.30pm``, ``14h30``, ``4pm``, ``4 p.m.``. A number with neither
  minutes nor am/pm is not a time (so dates such as "Jan 13" are ignored).
- An explicit am/pm is always respected ("4:00 am" is 04:00, off the grid).
- Without am/pm, the time is read as written if that is a grid hour, else as pm if *that* is a grid
  hour ("Fri 4:00" is 16:00). No grid hour has both readings, so this is never a guess between two
  grid slots; everything else (12:00, 5:00, 8:15) is off the grid.
- A range names its start: "Fri 16:00-17:00" is Fri 16:00.
- For a final answer, more than one distinct day or time is ambiguous, and ambiguous or off-grid
  answers are format failures: ``parse_slot`` returns an error instead of a guess.
"""

from __future__ import annotations

import re
from typing import NamedTuple

DAYS: tuple[str, ...] = ("Mon", "Tue", "Wed", "Thu", "Fri")
HOURS: tuple[int, ...] = (9, 10, 11, 13, 14, 15, 16)
GRID: tuple[str, ...] = tuple(f"{day} {hour}:{minute:02d}" for day in DAYS for hour in HOURS for minute in (0, 30))
"""The 70 meeting slots in calendar order."""

_WEEKEND = "weekend"
_DAY_NAMES: dict[str, str] = {
    "mon": "Mon", "monday": "Mon",
    "tue": "Tue", "tues": "Tue", "tuesday": "Tue",
    "wed": "Wed", "weds": "Wed", "wednesday": "Wed",
    "thu": "Thu", "thur": "Thu", "thurs": "Thu", "thursday": "Thu",
    "fri": "Fri", "friday": "Fri",
    "sat": _WEEKEND, "saturday": _WEEKEND, "sun": _WEEKEND, "sunday": _WEEKEND,
}
_DAY = re.compile(r"\b(" + "|".join(sorted(_DAY_NAMES, key=len, reverse=True)) + r")\b", re.IGNORECASE)
_TIME = re.compile(
    r"(?<![\w:.])(?P<hour>\d{1,2})(?:[:.h](?P<minute>\d{2}))?(?!\d)"
    r"(?:\s?(?P<half>[ap])\.?\s?m\b\.?)?",
    re.IGNORECASE,
)
_RANGE_END = re.compile(r"(?:-|–|—|\bto|\buntil|\btill)\s*$", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"[!?;\n]|\.\s")
_DAY_JOINER = re.compile(r"^\s*(?:,|/|&|\band\b|\bor\b)\s*$", re.IGNORECASE)
_TIME_BEFORE_DAY = re.compile(r"^\s*(?:,|\bon\b|\bthis\b|\bnext\b|\s)*\s*$", re.IGNORECASE)
MAX_CHARS = 20_000
"""Texts longer than this are cut before scanning (model garbage must not cost seconds)."""


class SlotParse(NamedTuple):
    """A final answer read as one grid slot, or the reason it is not one."""

    slot: str | None
    error: str | None


class _Token(NamedTuple):
    start: int
    end: int
    day: str | None
    time: tuple[int, int] | None
    range_end: bool


def slot_index(slot: str) -> int:
    """Calendar position of a canonical slot (ValueError if it is not on the grid)."""
    return GRID.index(slot)


def _clock(hour: int, minute: int, half: str | None) -> tuple[int, int] | None:
    """24-hour (hour, minute) for a written time, or None if it is no time of day at all."""
    if minute > 59:
        return None
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half.lower() == "p" else 0)
        return hour, minute
    if hour > 23:
        return None
    if hour not in HOURS and hour + 12 in HOURS:
        return hour + 12, minute
    return hour, minute


def _tokens(text: str) -> list[_Token]:
    """Day and time tokens of a text, in order."""
    tokens = [_Token(m.start(), m.end(), _DAY_NAMES[m.group(1).lower()], None, False) for m in _DAY.finditer(text)]
    for match in _TIME.finditer(text):
        if match.group("minute") is None and match.group("half") is None:
            continue
        clock = _clock(int(match.group("hour")), int(match.group("minute") or 0), match.group("half"))
        if clock is not None:
            range_end = bool(_RANGE_END.search(text[max(0, match.start() - 8) : match.start()]))
            tokens.append(_Token(match.start(), match.end(), None, clock, range_end))
    return sorted(tokens)


def _slot(day: str, clock: tuple[int, int]) -> str:
    return f"{day} {clock[0]}:{clock[1]:02d}"


def parse_slot(text: object) -> SlotParse:
    """Read an agent's final answer as exactly one grid slot; never raises."""
    if not isinstance(text, str):
        return SlotParse(None, f"final_schedule must be a string, got {type(text).__name__}")
    tokens = _tokens(text[:MAX_CHARS])
    days = {t.day for t in tokens if t.day is not None}
    clocks = {t.time for t in tokens if t.time is not None and not t.range_end}
    if not days:
        return SlotParse(None, f"no weekday in {text[:80]!r}")
    if days == {_WEEKEND}:
        return SlotParse(None, f"weekend days are not on the grid: {text[:80]!r}")
    if len(days - {_WEEKEND}) > 1 or _WEEKEND in days:
        return SlotParse(None, f"ambiguous: several days in {text[:80]!r}")
    if not clocks:
        return SlotParse(None, f"no time (with minutes or am/pm) in {text[:80]!r}")
    if len(clocks) > 1:
        return SlotParse(None, f"ambiguous: several times in {text[:80]!r}")
    day, (hour, minute) = days.pop(), clocks.pop()
    slot = _slot(day, (hour, minute))
    if slot not in GRID:
        return SlotParse(None, f"{day} {hour:02d}:{minute:02d} is off the grid (9:00-16:30 except 12:xx, on the hour or half hour)")
    return SlotParse(slot, None)


class SlotMention(NamedTuple):
    """A grid slot named in free text, with the span of the time that named it."""

    slot: str
    start: int
    end: int


def _breaks(text: str, start: int, end: int) -> bool:
    return bool(_SENTENCE_BREAK.search(text, start, end))


def find_mentions(text: str) -> list[SlotMention]:
    """Every grid slot a free text names, in order (duplicates kept; never raises).

    A time belongs to the weekday(s) named before it in the same sentence ("Tuesday at 9:00 or
    10:30", "Mon and Wed 14:00"), or to the day right after it ("2:30 PM on Tuesday"). Range ends
    and off-grid times are skipped.
    """
    text = text[:MAX_CHARS] if isinstance(text, str) else ""
    mentions: list[SlotMention] = []
    days: list[str] = []
    pending: list[_Token] = []
    previous: _Token | None = None
    for token in _tokens(text):
        if previous is not None and _breaks(text, previous.end, token.start):
            days, pending = [], []
        gap = text[previous.end : token.start] if previous is not None else ""
        if token.day is not None:
            joined = previous is not None and previous.day is not None and _DAY_JOINER.match(gap)
            days = [*days, token.day] if joined else [token.day]
            if pending and _TIME_BEFORE_DAY.match(gap) and token.day != _WEEKEND:
                mentions.extend(SlotMention(_slot(token.day, t.time), t.start, t.end) for t in pending if t.time)
            pending = []
        elif token.time is not None and not token.range_end:
            weekdays = [d for d in days if d != _WEEKEND]
            if days:
                mentions.extend(SlotMention(_slot(d, token.time), token.start, token.end) for d in weekdays)
            else:
                pending.append(token)
        previous = token
    return [m for m in mentions if m.slot in GRID]


def find_slots(text: str) -> list[str]:
    """The distinct grid slots a free text names, in order of first mention."""
    seen: dict[str, None] = {}
    for mention in find_mentions(text):
        seen.setdefault(mention.slot, None)
    return list(seen)


def format_slots(slots: list[str]) -> str:
    """'A', 'A and B', 'A, B and C' in calendar order."""
    ordered = sorted(set(slots), key=slot_index)
    if len(ordered) <= 1:
        return "".join(ordered)
    return ", ".join(ordered[:-1]) + " and " + ordered[-1]
