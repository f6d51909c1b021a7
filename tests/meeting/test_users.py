"""Scripted users answer like people: openings, polls, stubbornness, passivity; the LLM prompt says the same."""

from __future__ import annotations

from muses.protocol import Principal, Transcript
from muses.scenarios._base import UserObservation
from muses.scenarios.meeting import MeetingEnvironment, MeetingRecord, UserConstraints, generate
from muses.scenarios.meeting._speech import availability, stances
from muses.scenarios.meeting._users import private_context, scripted_user

STUBBORN = UserConstraints(user="Ana", required=True, preferred=["Mon 9:00", "Tue 10:00"], secondary=["Fri 13:00"], stubborn=True, proactive=True)
FLEXIBLE = UserConstraints(user="Ben", required=False, preferred=["Mon 9:00"], secondary=["Wed 11:00"], stubborn=False, proactive=False)
POLL = "Which of these could work for you: Mon 9:00, Tue 10:00, Wed 11:00, Thu 14:00, Fri 13:00?"


def _obs(me: UserConstraints, *agent_says: str, disclosure: str = "partial") -> UserObservation:
    transcript = Transcript(principals=[Principal(id=me.user, role="PM", authority=3)])
    for round_, text in enumerate(agent_says):
        transcript.add_agent_message(round_, [me.user], text)
    private = {"topic": "budget review", "disclosure": disclosure, "constraints": me.model_dump(mode="json")}
    return UserObservation(
        scenario="meeting", sample_id="s1", user_id=me.user, round=len(agent_says), private=private, view=transcript.view_as(me.user)
    )


def test_openings_follow_disclosure_stubbornness_and_passivity() -> None:
    assert availability(scripted_user(_obs(STUBBORN))) == {"Mon 9:00": "preferred", "Tue 10:00": "preferred"}
    flexible = scripted_user(_obs(FLEXIBLE.model_copy(update={"proactive": True})))
    assert availability(flexible) == {"Mon 9:00": "preferred", "Wed 11:00": "secondary"}
    assert scripted_user(_obs(FLEXIBLE)) == "", "a passive user stays quiet until addressed"
    full = scripted_user(_obs(STUBBORN, disclosure="full"))
    assert availability(full) == {"Mon 9:00": "preferred", "Tue 10:00": "preferred", "Fri 13:00": "secondary"}
    assert stances(full) == {} and stances(flexible) == {}


def test_a_poll_gets_preferred_slots_only_and_no_stance() -> None:
    for me in (STUBBORN, FLEXIBLE):
        answer = scripted_user(_obs(me, POLL))
        assert availability(answer) == dict.fromkeys(me.preferred, "preferred") and stances(answer) == {}, answer
    with_backups = scripted_user(_obs(STUBBORN, POLL.replace("?", ", including backup options?")))
    assert availability(with_backups)["Fri 13:00"] == "secondary" and stances(with_backups) == {}


def test_stubborn_users_name_and_accept_backups_only_once_asked_for_alternatives() -> None:
    assert "Fri 13:00" not in availability(scripted_user(_obs(STUBBORN, "When are you available this week?")))
    reluctant = scripted_user(_obs(STUBBORN, "I propose Fri 13:00. Do you accept?"))
    assert stances(reluctant) == {"Fri 13:00": "decline"} and "rather not" in reluctant
    assert availability(reluctant)["Mon 9:00"] == "preferred", "the reluctant answer repeats the preferred times"
    asked = scripted_user(_obs(STUBBORN, "Do you have any backup options?"))
    assert availability(asked)["Fri 13:00"] == "secondary"
    later = scripted_user(_obs(STUBBORN, "Could you be flexible this week?", "I propose Fri 13:00. Do you accept?"))
    assert stances(later) == {"Fri 13:00": "accept"}, "asked for alternatives earlier: now open to backups"
    same = scripted_user(_obs(STUBBORN, "Would you be willing to do Fri 13:00 instead?"))
    assert stances(same) == {"Fri 13:00": "accept"}
    assert stances(scripted_user(_obs(STUBBORN, "I propose Fri 13:00. No alternatives needed."))) == {"Fri 13:00": "decline"}


def test_flexible_users_mention_and_accept_backups_when_asked() -> None:
    assert availability(scripted_user(_obs(FLEXIBLE, "When are you available this week?"))) == {"Mon 9:00": "preferred", "Wed 11:00": "secondary"}
    assert stances(scripted_user(_obs(FLEXIBLE, "Does Wed 11:00 work for you?"))) == {"Wed 11:00": "accept"}


def test_every_few_named_slots_get_a_truthful_explicit_answer() -> None:
    one = scripted_user(_obs(STUBBORN, "I propose Mon 9:00. Do you accept?"))
    assert stances(one) == {"Mon 9:00": "accept"}
    assert stances(scripted_user(_obs(STUBBORN, "I propose Wed 9:00."))) == {"Wed 9:00": "decline"}
    several = scripted_user(_obs(STUBBORN, "Could we do Mon 9:00, Fri 13:00 or Thu 15:00?"))
    assert stances(several) == {"Mon 9:00": "accept", "Fri 13:00": "decline", "Thu 15:00": "decline"}
    open_ = scripted_user(_obs(STUBBORN, "Any backups?", "Could we do Mon 9:00, Fri 13:00 or Thu 15:00?"))
    assert stances(open_) == {"Mon 9:00": "accept", "Fri 13:00": "accept", "Thu 15:00": "decline"}


def test_silent_without_news_and_passive_users_answer_when_addressed() -> None:
    assert scripted_user(_obs(STUBBORN, "Thanks, noted.")) == ""
    assert availability(scripted_user(_obs(FLEXIBLE, "Are you free on Monday?"))) == {"Mon 9:00": "preferred", "Wed 11:00": "secondary"}


def test_llm_prompt_states_the_same_rules() -> None:
    record: MeetingRecord = generate("quick", users=(4, 4), difficulty="passive", disclosure="partial")[0]
    env = MeetingEnvironment(record, 10)
    for user in record.users:
        prompt = env.user_system_prompt(user.id)
        me = record.of(user.id)
        assert all(slot in prompt for slot in me.preferred + me.secondary)
        assert ("REQUIRED" if me.required else "OPTIONAL") in prompt
        assert "I accept <Day HH:MM>" in prompt and "4 or more" in prompt and "only those among your preferred" in prompt
        if not me.proactive:
            assert "Say nothing until the assistant writes to you" in prompt
        if me.stubborn:
            assert "until the assistant asks you for alternatives" in prompt
        for leak in ("key", "authorized", "access", "secret", "task completed"):
            assert leak not in prompt.lower(), (leak, prompt)
        assert private_context(record, user.id)["constraints"]["user"] == user.id
    full = MeetingEnvironment(generate("quick", users=(4, 4), difficulty="passive", disclosure="full")[0], 10)
    assert all("list your preferred times and your backup times" in full.user_system_prompt(u.id) for u in record.users)
    system = env.system_prompt("xml")
    assert all(u in system for u in record.required) and "REQUIRED" in system
    assert "preferred" not in str(env.agent_context()).lower()
