"""Reading availability, requests and stances over a conversation (phrase families: test_stance)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from muses.protocol import Principal, Transcript
from muses.scenarios.meeting._speech import (
    asks_alternatives,
    asks_availability,
    availability,
    stances,
    stances_of,
)


def test_explicit_stances() -> None:
    assert stances("I accept Tue 14:30, it is one of my preferred times.") == {"Tue 14:30": "accept"}
    assert stances("I decline Tue 14:30: I'm not available then.") == {"Tue 14:30": "decline"}
    assert stances("I can make Mon 9:00 and Tue 10:00. I can't make Wed 11:00.") == {
        "Mon 9:00": "accept",
        "Tue 10:00": "accept",
        "Wed 11:00": "decline",
    }
    assert stances("Tue 14:30 works for me, but Wed 9:00 doesn't work.") == {"Tue 14:30": "accept", "Wed 9:00": "decline"}
    assert stances("Sorry, I'm busy on Friday at 4pm.") == {"Fri 16:00": "decline"}
    assert stances("I can do Tue 9:00 but not Tue 10:00") == {"Tue 9:00": "accept", "Tue 10:00": "decline"}


def test_bare_replies_apply_to_the_slot_just_asked_about() -> None:
    assert stances("Yes, that works.", context="Tue 14:30") == {"Tue 14:30": "accept"}
    assert stances("No, sorry.", context="Tue 14:30") == {"Tue 14:30": "decline"}
    assert stances("Yes, that works.") == {}
    assert stances("Thanks for organising!", context="Tue 14:30") == {}


def test_availability_statements_take_no_stance() -> None:
    text = "My preferred times are Mon 9:00 and Tue 10:00. If needed, I could also make Fri 13:00 as a backup."
    assert stances(text) == {}
    assert availability(text) == {"Mon 9:00": "preferred", "Tue 10:00": "preferred", "Fri 13:00": "secondary"}
    assert availability("I accept Fri 13:00 as one of my backup options.") == {"Fri 13:00": "secondary"}
    assert availability("I can't make Fri 13:00.") == {"Fri 13:00": "unavailable"}


def test_requests_must_ask() -> None:
    assert asks_availability("Could you share the times you are available this week?")
    assert asks_availability("When are you free?")
    assert asks_availability("Please send me your availability.")
    assert asks_alternatives("Do you have any backup options?")
    assert asks_alternatives("Could you adjust your schedule?")
    assert asks_alternatives("Would you be willing to do Tue 14:30 instead?")
    assert asks_alternatives("Could you be flexible and accept Tue 14:30?")
    assert not asks_availability("I propose Tue 14:30. Do you accept Tue 14:30?")
    assert not asks_alternatives("I propose Tue 14:30. Do you accept Tue 14:30?")
    assert not asks_alternatives("Let's go with Tue 14:30. No alternatives needed.")
    assert not asks_alternatives("I picked Tue 14:30 as an alternative to Monday.")
    assert not asks_availability("I will check everyone's availability.")


def test_a_later_hedge_withdraws_an_acceptance() -> None:
    transcript = Transcript(principals=[Principal(id="Ana", role="PM", authority=3)])
    transcript.add_agent_message(0, ["Ana"], "Can you do Tue 14:30?")
    transcript.add_user_message(1, "Ana", "Yes, I accept Tue 14:30.")
    assert stances_of(transcript.events, "Ana") == {"Tue 14:30": ("accept", 1)}
    transcript.add_user_message(2, "Ana", "Actually, let me double-check Tue 14:30 first.")
    assert stances_of(transcript.events, "Ana") == {}


def test_latest_stance_wins_and_context_comes_from_the_last_question() -> None:
    transcript = Transcript(principals=[Principal(id="Ana", role="PM", authority=3)])
    transcript.add_agent_message(0, ["Ana"], "Can you do Tue 14:30?")
    transcript.add_user_message(1, "Ana", "Yes.")
    transcript.add_agent_message(1, ["Ana"], "Or Mon 9:00 or Wed 9:00?")
    transcript.add_user_message(2, "Ana", "No.")
    transcript.add_user_message(2, "Ana", "Actually I decline Tue 14:30.")
    assert stances_of(transcript.events, "Ana") == {"Tue 14:30": ("decline", 2)}


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.sampled_from([None, "Tue 14:30"]))
def test_readers_never_raise(text: str, context: str | None) -> None:
    assert set(stances(text, context).values()) <= {"accept", "decline"}
    availability(text)
    asks_alternatives(text)
    asks_availability(text)
