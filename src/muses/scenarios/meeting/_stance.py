"""Reading a user's stance on meeting slots: accept, decline, unsure, or nothing.

Agreement (and so the headline success) is decided here, so the reading errs on the side of "no
stance": only an explicit, unhedged acceptance accepts. The rules, applied clause by clause:

- A clause is a sentence, or a part of one cut at "but", "however", "though", "rather than",
  "instead of", ", not ..." and at a comma that opens a question ("..., does that work?").
- A clause that asks ("Tue 14:30?", "Does Tue 14:30 work for everyone?") takes no stance.
- Idioms that look negative but agree ("no problem", "not a problem", "can't wait", "no
  objection", "why not") count as acceptance cues; "great question", "make sure" and "feel free"
  are neutral.
- An explicit refusal ("can't make", "not available", "busy", "rather not", "without me") or an
  acceptance cue with a negation shortly before it in the same comma-free stretch ("not okay",
  "is not fine", "never agreed", "don't think ... works") declines.
- A hedge or deferral ("not sure", "maybe", "probably", "I think", "if", "let me check my
  calendar", "get back to you") makes the clause *unsure*: it cancels any acceptance of the same
  slots in the same message and, if it names no slot, every acceptance made earlier in it.
- Otherwise an acceptance cue accepts: "I accept", "works for me", "suits me", "count me in",
  "I'm free at", "I'm available", "... it is", "let's do", "sounds good", "yes", "fine", ...
- A bare negation ("No.", "Not Wed 9:00") declines.

The stance applies to the slots the clause names; a clause that names none applies to the one
slot the agent had just put to this user (``context``), if there was exactly one.
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

from muses.scenarios.meeting._slots import MAX_CHARS, find_mentions

Stance = Literal["accept", "decline"]
Polarity = Literal["accept", "decline", "unsure"]
Reading = Literal["accept", "decline", "unsure", "defer"]

_BREAK = re.compile(
    r"(?P<q>\?+)|[!;\n]+|\.(?=\s|$)|\b(?:but|however|although|though|whereas|except|rather than|instead of)\b"
    r"|,\s*(?=(?:not|no|does|do|did|is|are|can|could|would|will|shall|should|what|how|when|which|who|why)\b)",
    re.IGNORECASE,
)
_NEUTRAL = re.compile(
    r"\b(?:great|good|interesting) question\b|\bmake sure\b|\bfeel free\b|\bfree to\b|\bno (?:rush|hurry)\b",
    re.IGNORECASE,
)
_AGREEING_IDIOMS = re.compile(
    r"\b(?:no problem|not a problem|no problems|no objections?|not against|no issues?|no worries|no conflicts?|"
    r"why not|can'?t wait|don'?t mind|do not mind|wouldn'?t miss it)\b",
    re.IGNORECASE,
)
_DEFERRAL = re.compile(
    r"\b(?:not sure|not certain|not 100%|unsure|uncertain|no idea|hard to say|"
    r"let me (?:check|look|see|confirm|think|get back)|(?:need|have) to (?:check|look|confirm|think)|"
    r"get back to you|check my (?:calendar|schedule)|double-?check|will confirm|i'?ll confirm|to be confirmed|tbc)\b",
    re.IGNORECASE,
)
_QUALIFIER = re.compile(
    r"\b(?:maybe|perhaps|possibly|probably|might|may be able|could be|i think|i guess|i believe|i suppose|tentative(?:ly)?|"
    r"hopefully|in principle|in theory|should (?:work|be fine|be ok(?:ay)?|be possible)|could work|may work|depends|"
    r"if|unless|not yet|would have to|i'?d have to|pending|not ideal|less than ideal|not my first choice)\b",
    re.IGNORECASE,
)
_DECLINE = re.compile(
    r"\b(?:can'?t|cannot|can not|couldn'?t|unable|not able|won'?t be able|unavailable|not available|"
    r"not free|busy|conflicts?|clash(?:es)?|out of (?:the )?office|impossible|not possible|declin\w*|"
    r"reject\w*|rather not|prefer not|pass on|no good|no way|without me|don'?t think|do not think|"
    r"(?:i'?m|i am|i'?ll be|i will be) (?:away|booked|travell?ing|off)|already booked)\b",
    re.IGNORECASE,
)
_ACCEPT = re.compile(
    r"\b(?:accept\w*|works|work for (?:me|us)|would work|will work|fine|ok|okay|yes|yep|yeah|yup|sure|agreed?|"
    r"confirm\w*|can do|can make|can attend|can join|can come|can be there|i'?ll be there|will be there|"
    r"will attend|i'?ll attend|i'?ll join|sounds (?:good|great|fine|perfect)|perfect|great|happy with|happy to|"
    r"good for me|fine by me|fine with me|suits?|count me in|i'?m in|i am in|i'?m free|i am free|"
    r"free (?:at|on|then)|i'?m available|i am available|available (?:at|on|then)|"
    r"let'?s (?:do|go with|book|take|lock)|lock it in|book it|deal|see you (?:then|there)|absolutely|"
    r"definitely|of course|certainly|doable|(?:is|looks|sounds) good|i'?m good with|good (?:with|by) me|"
    r"let'?s go for|make it work|ACCEPTCUE)\b"
    r"|\bit is(?: then)?[\s.,!]*$|(?<!\bat )(?<!\bto )\bwork[\s.,!]*$",
    re.IGNORECASE,
)
_NEGATION = re.compile(r"\b(?:not|never|no|nope|hardly|nor|neither)\b|n't\b", re.IGNORECASE)
_NEGATION_REACH = 4
"""How many words before an acceptance cue a negation still negates it ("not really okay")."""


class Clause(NamedTuple):
    """A span of a message and whether it asks something."""

    start: int
    end: int
    question: bool


def clauses(text: str) -> list[Clause]:
    """The clauses of a message, in order (empty ones dropped)."""
    found: list[Clause] = []
    start = 0
    for match in _BREAK.finditer(text):
        found.append(Clause(start, match.start(), bool(match.group("q"))))
        start = match.end()
    found.append(Clause(start, len(text), False))
    return [c for c in found if text[c.start : c.end].strip()]


def _normalized(clause: str) -> str:
    """Curly quotes straightened; neutral phrases dropped; agreeing idioms, deferrals and
    qualifiers replaced by markers, so that the negations inside them negate nothing."""
    text = clause.replace("\u2019", "'").replace("\u2018", "'")
    text = _NEUTRAL.sub(" ", text)
    text = _AGREEING_IDIOMS.sub(" ACCEPTCUE ", text)
    text = _DEFERRAL.sub(" DEFERCUE ", text)
    return _QUALIFIER.sub(" QUALCUE ", text)


def _negated(text: str, cue_start: int) -> bool:
    """Whether a negation precedes the acceptance cue closely, with no comma in between."""
    before = text[:cue_start].rsplit(",", 1)[-1]
    words = before.split()[-_NEGATION_REACH:]
    return bool(_NEGATION.search(" ".join(words)))


def polarity(clause: str, question: bool = False) -> Reading | None:
    """The stance one clause takes; None if it takes none.

    'defer' is a deferral ("let me check"); 'unsure' a qualified acceptance ("probably fine")
    or a qualified mention of a slot. Both are no stance; a deferral also withdraws the
    acceptances the same message made before it.
    """
    if question:
        return None
    text = _normalized(clause)
    accepts = [m for m in _ACCEPT.finditer(text) if m.group(0) != "ACCEPTCUE"]
    if _DECLINE.search(text) or any(_negated(text, m.start()) for m in accepts):
        return "decline"
    if "DEFERCUE" in text:
        return "defer"
    cue = _ACCEPT.search(text) is not None
    if "QUALCUE" in text:
        return "unsure" if cue or find_mentions(clause) else None
    if cue:
        return "accept"
    return "decline" if _NEGATION.search(text) else None


def read_stances(text: str, context: str | None = None) -> dict[str, Polarity]:
    """Slot -> the stance a message takes on it, 'unsure' included (later clauses win)."""
    text = text[:MAX_CHARS]
    mentions = find_mentions(text)
    found: dict[str, Polarity] = {}
    for clause in clauses(text):
        reading = polarity(text[clause.start : clause.end], clause.question)
        if reading is None:
            continue
        slots = [m.slot for m in mentions if clause.start <= m.start < clause.end]
        if not slots and reading == "defer" and context is None:
            slots = [s for s, v in found.items() if v == "accept"]
        stance: Polarity = "unsure" if reading == "defer" else reading
        for slot in slots or ([context] if context else []):
            found[slot] = stance
    return found


def stances(text: str, context: str | None = None) -> dict[str, Stance]:
    """Slot -> the explicit stance (accept or decline) a message takes on it.

    Args:
        text: A user's message.
        context: The one slot the agent had just asked this user about, if exactly one.
    """
    return {slot: stance for slot, stance in read_stances(text, context).items() if stance != "unsure"}
