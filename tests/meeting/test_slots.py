"""The slot parser: the formats agents write, the answers that must fail, and that it never raises."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from muses.scenarios.meeting._slots import GRID, find_mentions, find_slots, format_slots, parse_slot


@pytest.mark.parametrize(
    ("text", "slot"),
    [
        ("Tuesday 2:30 PM", "Tue 14:30"),
        ("Tue 14:30", "Tue 14:30"),
        ("tue 2.30pm", "Tue 14:30"),
        ("Fri 4pm", "Fri 16:00"),
        ("Friday at 16:00", "Fri 16:00"),
        ("Friday at 4:00 PM", "Fri 16:00"),
        ("Fri 4:00", "Fri 16:00"),
        ("Fri 9:00", "Fri 9:00"),
        ("Fri 09:00", "Fri 9:00"),
        ("Thursday 3 p.m.", "Thu 15:00"),
        ("Wed 14h30", "Wed 14:30"),
        ("WEDNESDAY 11:30 AM", "Wed 11:30"),
        ("Monday, Jan 13 at 10:30", "Mon 10:30"),
        ("Fri 16:00-17:00", "Fri 16:00"),
        ("Thurs 1:30", "Thu 13:30"),
        ("Tue 14:30 (2:30 PM)", "Tue 14:30"),
        ("[Tue 14:30]", "Tue 14:30"),
    ],
)
def test_accepted_formats(text: str, slot: str) -> None:
    assert parse_slot(text) == (slot, None)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Fri 4:00 am", "off the grid"),
        ("Fri 12:00", "off the grid"),
        ("Fri 12:30 PM", "off the grid"),
        ("Mon 8:00", "off the grid"),
        ("Mon 17:00", "off the grid"),
        ("Mon 9:15", "off the grid"),
        ("Sat 10:00", "weekend"),
        ("Mon or Tue 9:00", "several days"),
        ("Mon 9:00, 10:00", "several times"),
        ("Fri 16", "no time"),
        ("tomorrow at 10:00", "no weekday"),
        ("", "no weekday"),
    ],
)
def test_ambiguous_or_off_grid_answers_fail(text: str, reason: str) -> None:
    slot, error = parse_slot(text)
    assert slot is None and error is not None and reason in error


def test_non_strings_fail_cleanly() -> None:
    for value in (None, 14, ["Tue 14:30"], {"day": "Tue"}):
        slot, error = parse_slot(value)
        assert slot is None and error and "string" in error


def test_grid_has_the_papers_seventy_slots_and_every_spelling_round_trips() -> None:
    assert len(GRID) == 70 and GRID[0] == "Mon 9:00" and GRID[-1] == "Fri 16:30"
    names = {"Mon": "Monday", "Tue": "Tuesday", "Wed": "Wednesday", "Thu": "Thursday", "Fri": "Friday"}
    for slot in GRID:
        day, clock = slot.split()
        hour, minute = map(int, clock.split(":"))
        twelve = f"{hour % 12 or 12}:{minute:02d} {'PM' if hour >= 12 else 'AM'}"
        for text in (slot, slot.lower(), f"{names[day]} at {twelve}", f"{day} {hour:02d}.{minute:02d}"):
            assert parse_slot(text).slot == slot, text


def test_find_slots_in_free_text() -> None:
    assert find_slots("My preferred times are Mon 9:00, Tue 10:30 and Fri 16:00.") == ["Mon 9:00", "Tue 10:30", "Fri 16:00"]
    assert find_slots("Tuesday at 9:00 or 10:30 works") == ["Tue 9:00", "Tue 10:30"]
    assert find_slots("Mon and Wed 14:00") == ["Mon 14:00", "Wed 14:00"]
    assert find_slots("How about 2:30 PM on Tuesday?") == ["Tue 14:30"]
    assert find_slots("Tue 9:00. At 10:00 I have lunch plans") == ["Tue 9:00"]
    assert find_slots("Tue 12:00 or Sat 10:00 or Mon 8:00") == []
    assert find_slots("Meet Mon 13:00-14:00?") == ["Mon 13:00"]


def test_format_slots_sorts_and_joins() -> None:
    assert format_slots(["Fri 9:00", "Mon 9:00", "Mon 9:00"]) == "Mon 9:00 and Fri 9:00"
    assert format_slots(["Tue 9:00", "Mon 9:00", "Wed 9:00"]) == "Mon 9:00, Tue 9:00 and Wed 9:00"
    assert find_slots(format_slots(list(GRID))) == list(GRID)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_parser_never_raises_on_arbitrary_text(text: str) -> None:
    slot, error = parse_slot(text)
    assert (slot is None) != (error is None)
    assert slot is None or slot in GRID
    assert all(m.slot in GRID and 0 <= m.start < m.end <= len(text) for m in find_mentions(text))


_PIECES = st.sampled_from(
    ["Mon", "tuesday", "Fri", "Sat", " ", ", ", " and ", "-", " to ", "4", ":", "30", "pm", "a.m.", ".", "\n", "12", "9:00", "16h"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=25).map("".join))
def test_parser_never_raises_on_slot_like_text(text: str) -> None:
    slot, _ = parse_slot(text)
    assert slot is None or slot in GRID
    assert set(find_slots(text)) <= set(GRID)
