"""Stance reading over phrase families: acceptances accept, negations decline, hedges and
questions take no stance, and nothing ambiguous ever reads as acceptance."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from muses.scenarios.meeting._stance import read_stances, stances

SLOT = "Tue 14:30"
SPELLINGS = ("Tue 14:30", "Tuesday 2:30 PM", "tue 2.30pm", "Tuesday at 14:30", "Tue 2:30pm", "TUESDAY 14:30")
PREFIXES = ("", "Hi! ", "Thanks for organising. ", "Hello team. ", "Sorry for the delay. ")
SUFFIXES = ("", ".", "!", ". Thanks!", "! See you all.", ". Let me know if you need anything else.")

ACCEPT = (
    "I accept {s}", "{s} works for me", "{s} suits me", "Count me in for {s}", "I'm free at {s}", "{s} it is",
    "{s} is fine with me", "Yes, {s} works", "I can make {s}", "I'll be there at {s}", "{s} is perfect",
    "Let's do {s}", "No problem, {s} works", "I can do {s}", "{s} is good for me", "I'm available at {s}",
    "Sure, {s}", "{s} sounds good", "I agree to {s}", "Happy with {s}", "{s} is ok for me", "I confirm {s}",
    "I don't mind {s}", "{s} is not a problem for me", "Absolutely, {s}",
)
DECLINE = (
    "I'm not okay with {s}", "{s} is not fine for me", "I never agreed to {s}", "I can't make {s}",
    "{s} doesn't work for me", "I don't accept {s}", "{s} won't work for me", "I'm not available at {s}",
    "I'm busy at {s}", "{s} is no good for me", "{s} doesn't suit me", "I cannot do {s}", "I'd rather not do {s}",
    "I decline {s}", "I don't think {s} works", "{s} is not okay", "I can’t make {s}", "I have a conflict at {s}",
    "Go ahead without me at {s}", "{s} isn't good for me",
)
AMBIGUOUS = (
    "Not sure {s} works for me", "{s} might work", "{s} probably works", "Maybe {s}", "I think {s} works",
    "{s} should be fine", "{s} could work if the room is free", "Let me check my calendar for {s}",
    "Possibly {s}", "{s} works, but let me double-check my calendar", "I accept {s} if nobody else objects",
    "I'll get back to you about {s}", "I guess {s} is okay", "{s} is tentatively fine", "Hopefully {s} works",
    "I'm not sure yet about {s}", "{s} works, I think",
)
QUESTIONS = (
    "{s}?", "Does {s} work for everyone?", "Is {s} okay?", "Would {s} work for you?", "Can we do {s}?",
    "{s}? Great question, let me look at my calendar first.", "Why {s}?", "What about {s}?",
)


def _say(template: str, spelling: str, prefix: str, suffix: str) -> str:
    return prefix + template.format(s=spelling) + suffix


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(ACCEPT), st.sampled_from(SPELLINGS), st.sampled_from(PREFIXES), st.sampled_from(SUFFIXES))
def test_accepting_phrasings_accept(template: str, spelling: str, prefix: str, suffix: str) -> None:
    text = _say(template, spelling, prefix, suffix)
    assert stances(text) == {SLOT: "accept"}, text


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(DECLINE), st.sampled_from(SPELLINGS), st.sampled_from(PREFIXES), st.sampled_from(SUFFIXES))
def test_negated_and_refusing_phrasings_decline(template: str, spelling: str, prefix: str, suffix: str) -> None:
    text = _say(template, spelling, prefix, suffix)
    assert stances(text) == {SLOT: "decline"}, text


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(AMBIGUOUS + QUESTIONS), st.sampled_from(SPELLINGS), st.sampled_from(PREFIXES),
    st.sampled_from(SUFFIXES), st.sampled_from([None, SLOT]),
)
def test_hedges_and_questions_take_no_stance(template: str, spelling: str, prefix: str, suffix: str, context: str | None) -> None:
    text = _say(template, spelling, prefix, suffix)
    assert stances(text, context) == {}, text


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(ACCEPT), st.sampled_from(DECLINE), st.sampled_from(("but", "however", "though")))
def test_mixed_messages_split_at_contrast(accept: str, decline: str, joiner: str) -> None:
    text = f"{accept.format(s='Mon 9:00')}, {joiner} {decline.format(s=SLOT)}."
    assert stances(text) == {"Mon 9:00": "accept", SLOT: "decline"}, text


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(ACCEPT), st.sampled_from(("Let me double-check my calendar first.", "I'll get back to you.", "Not sure yet, though.")))
def test_a_later_deferral_withdraws_the_acceptance(accept: str, deferral: str) -> None:
    text = f"{accept.format(s=SLOT)}. {deferral}"
    assert stances(text) == {} and read_stances(text)[SLOT] == "unsure", text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Yes, that works.", {SLOT: "accept"}),
        ("Sounds good to me!", {SLOT: "accept"}),
        ("Count me in.", {SLOT: "accept"}),
        ("No, sorry.", {SLOT: "decline"}),
        ("That won't work for me.", {SLOT: "decline"}),
        ("Probably fine.", {}),
        ("Let me check.", {}),
        ("Thanks for organising!", {}),
        ("Great question.", {}),
        ("Feel free to go ahead.", {}),
    ],
)
def test_bare_replies_apply_to_the_slot_just_asked_about(text: str, expected: dict[str, str]) -> None:
    assert stances(text, context=SLOT) == expected
    if "go ahead" not in text:
        assert stances(text) == {}, "without a context slot a bare reply takes no stance"


def test_the_issues_misreadings() -> None:
    wrongly_accepted = [
        "Not sure Tue 14:30 works for me", "I'm not okay with Tue 14:30", "Tue 14:30 is not fine for me",
        "I never agreed to Tue 14:30", "Tue 14:30? Great question, let me look at my calendar first.",
    ]
    for text in wrongly_accepted:
        assert stances(text).get(SLOT) != "accept", text
    missed = ["Tue 14:30 suits me", "Count me in for Tue 14:30", "I'm free at Tue 14:30", "Tuesday 2:30pm it is"]
    for text in missed:
        assert stances(text) == {SLOT: "accept"}, text
