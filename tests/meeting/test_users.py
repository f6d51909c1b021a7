"""Scripted users: truthful answers, disclosure rules, explicit stances; the LLM persona prompt."""

from __future__ import annotations

from muses.protocol import Principal, Transcript
from muses.scenarios._base import UserObservation
from muses.scenarios.meeting import MeetingEnvironment, MeetingRecord, UserConstraints, generate
from muses.scenarios.meeting._speech import availability, stances
from muses.scenarios.meeting._users import private_context, scripted_user

STUBBORN = UserConstraints(user="Ana", required=True, preferred=["Mon 9:00", "Tue 10:00"], secondary=["Fri 13:00"], stubborn=True, proactive=True)
FLEXIBLE = UserConstraints(user="Ben", required=False, preferred=["Mon 9:00"], secondary=["Wed 11:00"], stubborn=False, proactive=False)


def _obs(me: UserConstraints, round: int, agent_says: str | None = None) -> UserObservation:
    transcript = Transcript(principals=[Principal(id=me.user, role="PM", authority=3)])
    if agent_says is not None:
        transcript.add_agent_message(round - 1, [me.user], agent_says)
    private = {"topic": "budget review", "constraints": me.model_dump(mode="json")}
    return UserObservation(scenario="meeting", sample_id="s1", user_id=me.user, round=round, private=private, view=transcript.view_as(me.user))


def test_round_zero_proactive_states_times_passive_only_greets() -> None:
    opening = scripted_user(_obs(STUBBORN, 0))
    assert availability(opening) == {"Mon 9:00": "preferred", "Tue 10:00": "preferred"}
    flexible = scripted_user(_obs(FLEXIBLE.model_copy(update={"proactive": True}), 0))
    assert availability(flexible) == {"Mon 9:00": "preferred", "Wed 11:00": "secondary"}
    greeting = scripted_user(_obs(FLEXIBLE, 0))
    assert greeting and availability(greeting) == {} and stances(greeting) == {}


def test_stubborn_users_reveal_backups_only_when_asked_for_alternatives() -> None:
    asked_times = scripted_user(_obs(STUBBORN, 1, "When are you available this week?"))
    assert "Fri 13:00" not in availability(asked_times)
    asked_backups = scripted_user(_obs(STUBBORN, 1, "Do you have any backup options?"))
    assert availability(asked_backups)["Fri 13:00"] == "secondary"
    flexible = scripted_user(_obs(FLEXIBLE, 1, "When are you available this week?"))
    assert availability(flexible) == {"Mon 9:00": "preferred", "Wed 11:00": "secondary"}


def test_every_named_slot_gets_a_truthful_explicit_answer() -> None:
    one = scripted_user(_obs(STUBBORN, 1, "I propose Fri 13:00. Do you accept?"))
    assert stances(one) == {"Fri 13:00": "accept"} and availability(one) == {"Fri 13:00": "secondary"}
    no = scripted_user(_obs(STUBBORN, 1, "I propose Wed 9:00."))
    assert stances(no) == {"Wed 9:00": "decline"}
    several = scripted_user(_obs(STUBBORN, 1, "Could we do Mon 9:00, Fri 13:00 or Thu 15:00?"))
    assert stances(several) == {"Mon 9:00": "accept", "Fri 13:00": "accept", "Thu 15:00": "decline"}


def test_silent_without_news_and_passive_users_answer_specific_questions() -> None:
    assert scripted_user(_obs(STUBBORN, 2)) == ""
    assert scripted_user(_obs(STUBBORN, 1, "Thanks, noted.")) == ""
    assert availability(scripted_user(_obs(FLEXIBLE, 1, "Are you free on Monday?"))) == {"Mon 9:00": "preferred", "Wed 11:00": "secondary"}
    assert stances(scripted_user(_obs(FLEXIBLE, 1, "Does Wed 11:00 work for you?"))) == {"Wed 11:00": "accept"}


def test_llm_prompt_is_about_the_meeting_only() -> None:
    record: MeetingRecord = generate("quick", users=(4, 4), difficulty="negotiation", disclosure="partial")[0]
    env = MeetingEnvironment(record, 10)
    for user in record.users:
        prompt = env.user_system_prompt(user.id).lower()
        me = record.of(user.id)
        assert all(slot.lower() in prompt for slot in me.preferred + me.secondary)
        assert ("REQUIRED" if me.required else "OPTIONAL") in env.user_system_prompt(user.id)
        assert "i accept <day hh:mm>" in prompt
        for leak in ("key", "authorized", "access", "secret", "task completed"):
            assert leak not in prompt, (leak, prompt)
        assert private_context(record, user.id)["constraints"]["user"] == user.id
    system = env.system_prompt("xml")
    assert all(u in system for u in record.required) and "REQUIRED" in system
    assert "preferred" not in str(env.agent_context()).lower()
