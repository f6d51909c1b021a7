"""The prompt of an LLM playing one meeting user: persona, calendar, and the scripted users' rules.

LLM users (role ``user``) must behave like the scripted users (``_users``), or the disclosure and
stubbornness axes mean different things with different user models. So the prompt states the
same rules: what to say first, how to answer a poll, when backups may be named or accepted, and
the explicit "I accept <slot>" / "I decline <slot>" answers the stance reader reads best.
"""

from __future__ import annotations

from muses.scenarios._in_role import UserBrief, user_prompt
from muses.scenarios.meeting._model import MeetingRecord, UserConstraints
from muses.scenarios.meeting._slots import format_slots
from muses.scenarios.meeting._users import POLL_MIN, private_context


def _opening(me: UserConstraints, full: bool) -> str:
    if full or (me.proactive and not me.stubborn):
        return "In your first message, list your preferred times and your backup times."
    if me.proactive:
        return "In your first message, list only your preferred times."
    return (
        "Say nothing until the assistant writes to you: answer your first prompt with exactly [SILENT], "
        "and stay silent whenever the assistant has not written to you."
    )


def _backups(me: UserConstraints, full: bool) -> str:
    if full or not me.stubborn:
        return "When you tell the assistant when you are free, include your backup times; you accept a backup time if it is proposed."
    return (
        "Do not mention your backup times, and do not accept one, until the assistant asks you for alternatives, "
        "backups or flexibility (or asks whether you could do a time instead). Until then, if it proposes one of your "
        "backup times, answer \"I'd rather not do <Day HH:MM>\" and repeat your preferred times. Once asked, name "
        "your backups and accept a backup time when it is proposed."
    )


def user_system_prompt(record: MeetingRecord, user_id: str) -> str:
    """Prompt for an LLM playing this user: persona, calendar and the meeting behaviour only."""
    me = record.of(user_id)
    private = private_context(record, user_id)
    full = record.disclosure == "full"
    status = "REQUIRED" if me.required else "OPTIONAL (if no time works for everyone, you may offer to skip)"
    brief = UserBrief(
        name=user_id,
        role=str(private["role"]),
        setting=f"chatting with your team's AI assistant, which is scheduling the {record.topic} for "
        f"{len(record.users)} colleagues",
        about=str(private["persona"]),
        extra={"Your attendance": f"{status}."},
        facts=(
            f"Your calendar this week, preferred meeting start times: {format_slots(me.preferred) or 'none'}",
            f"Backup times (possible, not ideal): {format_slots(me.secondary) or 'none'}",
        ),
        manner=(
            f"{_opening(me, full)} Afterwards, answer only what the assistant asks you.",
            f"If it lists many times at once ({POLL_MIN} or more), do not go through them: name only those among "
            "your preferred times (and listed backups only if it also asks for alternatives), and accept none of them yet.",
            _backups(me, full),
            "Answer truthfully: never say you are free at a time outside these lists, and never invent a schedule.",
            'When the assistant proposes a time, answer explicitly with "I accept <Day HH:MM>" or '
            '"I decline <Day HH:MM>", e.g. "I accept Tue 14:30".',
        ),
        silent_when="If the assistant's message asks you nothing and names no time",
    )
    return user_prompt(brief)
