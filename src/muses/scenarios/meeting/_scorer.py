"""Scores of one meeting episode: success, its paper-comparable twin, welfare regret, fairness, cost.

- success (headline): the final slot is one every required user can attend, every required user
  is invited, AND every required user's latest stance on that slot in the transcript is an
  explicit acceptance (read by ``_stance``). A lucky guess or a hallucinated consensus fails.
- paper_success (comparability column, the paper's definition): the first two conditions only.
- success_if_partial: success on partial-disclosure episodes, unscored (NaN, left out of the
  mean) on full ones; ``muses check`` bounds skip-elicitation agents with it.
- agreement: every required user accepted the final slot (whether or not it is feasible).
- attendance (unweighted, as the paper describes it): share of invited users who can attend.
- welfare: sum over invited users of w_i U_i(slot) / the exact optimum W* over the grid's feasible
  slots (U = 1 preferred, 0.5 secondary, 0 otherwise; w_i = priority); 0 when success fails.
- regret: (W* - W(final)) / W* on successful episodes (NaN otherwise): CalBench's cost regret,
  taken only over meetings that happened (``_welfare``).
- burden_gini: how unevenly the final slot's concessions (preferred -> backup, or left out) fall
  on users, normalized Gini in [0, 1] on successful episodes (NaN otherwise; ``_welfare``).
- turns, messages: agent calls and agent messages; turns_if_success and messages_if_success are
  the same on successful episodes (NaN otherwise), so their means are the paper's "turns
  conditioned on success". Per success over a run (CalBench's messages per meeting) is
  mean(turns) / mean(success).
- format_failure_rate: share of agent turns that broke the output format, counting the final turn
  as broken if its slot or attendees could not be read.
"""

from __future__ import annotations

import math
import re
from typing import Any, NamedTuple

from muses.protocol import AgentMessage, Transcript
from muses.scenarios._base import EpisodeScore
from muses.scenarios.meeting._model import MeetingRecord
from muses.scenarios.meeting._slots import parse_slot
from muses.scenarios.meeting._speech import stances_of
from muses.scenarios.meeting._welfare import burden_gini, concessions, regret


class Final(NamedTuple):
    """The agent's final decision as read by the scorer."""

    slot: str | None
    invited: list[str]
    error: str | None
    """Why the decision could not be read (a format failure); None if it was, or if there was none."""
    note: str
    round: int | None


def _invited(raw: Any, user_ids: list[str]) -> tuple[list[str] | None, str | None]:
    """Invited ids from the attendees field; missing or empty means everyone (paper's rule)."""
    if raw is None or raw == [] or raw == "":
        return list(user_ids), None
    if isinstance(raw, str):
        raw = [n for n in re.split(r",|;|\band\b", raw) if n.strip()]
    if not isinstance(raw, list) or not all(isinstance(n, str) for n in raw):
        return None, f"attendees must be a list of names, got {str(raw)[:80]!r}"
    wanted = {n.strip().casefold() for n in raw}
    return [u for u in user_ids if u.casefold() in wanted], None


def read_final(record: MeetingRecord, transcript: Transcript) -> Final:
    """The last decision of the episode, read strictly (never raises)."""
    user_ids = [u.id for u in record.users]
    decisions = transcript.decisions()
    if not decisions:
        return Final(None, [], None, "no final decision", None)
    decision = decisions[-1]
    payload = decision.payload
    if payload.get("goal_achieved") is False or str(payload.get("goal_achieved")).lower() == "false":
        return Final(None, [], None, "the agent reported that no time was found", decision.round)
    if "final_schedule" not in payload:
        return Final(None, [], "decision without final_schedule", "unreadable final decision", decision.round)
    slot, error = parse_slot(payload["final_schedule"])
    invited, attendee_error = _invited(payload.get("attendees"), user_ids)
    error = error or attendee_error
    if error is not None or invited is None:
        return Final(None, [], error, "unreadable final decision", decision.round)
    return Final(slot, invited, None, f"finalized {slot}", decision.round)


def _format_failures(transcript: Transcript, final: Final) -> int:
    turns = transcript.agent_turns()
    failures = sum(not t.format_ok for t in turns)
    if final.error is not None and any(t.format_ok and t.round == final.round for t in turns):
        failures += 1
    return failures


def _explain(final: Final, values: dict[str, float], missing: list[str], unconfirmed: list[str], failures: int) -> str:
    """One paragraph: what was decided and why each headline metric came out as it did."""
    slot = final.slot
    return (
        f"{final.note}{': ' + final.error if final.error else ''}; success {values['success']:.0f} "
        f"(paper definition {values['paper_success']:.0f})"
        f"{'; required users unable or not invited: ' + ', '.join(missing) if slot and missing else ''}"
        f"{'; no explicit acceptance from ' + ', '.join(unconfirmed) if slot and unconfirmed else ''}; "
        f"welfare {values['welfare']:.2f}; {values['turns']:.0f} agent turns, {values['messages']:.0f} messages, "
        f"{failures} broke the format."
    )


def _nan_unless(condition: bool, value: float) -> float:
    """A metric only defined on some episodes: NaN (left out of Inspect's mean) elsewhere."""
    return value if condition else math.nan


def _values(record: MeetingRecord, final: Final, success: bool, paper: bool, agreement: bool, transcript: Transcript) -> dict[str, float]:
    slot, invited = final.slot, set(final.invited)
    turns = float(len(transcript.agent_turns()))
    messages = float(sum(isinstance(e, AgentMessage) for e in transcript.events))
    best = record.optimum()
    return {
        "success": float(success),
        "paper_success": float(paper),
        "success_if_partial": _nan_unless(record.disclosure == "partial", float(success)),
        "agreement": float(agreement),
        "attendance": sum(record.of(u).can_attend(slot) for u in invited) / len(invited) if slot and invited else 0.0,
        "welfare": (record.welfare(slot, invited) / best if best > 0 else 1.0) if success else 0.0,
        "regret": _nan_unless(success, regret(record, slot or "", invited)),
        "burden_gini": _nan_unless(success, burden_gini(record, slot or "", invited)),
        "turns": turns,
        "messages": messages,
        "turns_if_success": _nan_unless(success, turns),
        "messages_if_success": _nan_unless(success, messages),
    }


def score_episode(record: MeetingRecord, transcript: Transcript) -> EpisodeScore:
    """Score one episode from its record and final transcript."""
    final = read_final(record, transcript)
    slot, invited = final.slot, set(final.invited)
    can = {c.user: c.can_attend(slot) for c in record.constraints}
    stance = {u.id: stances_of(transcript.events, u.id).get(slot or "", (None, -1))[0] for u in record.users}
    paper = slot is not None and all(can[u] and u in invited for u in record.required)
    agreement = slot is not None and all(stance[u] == "accept" for u in record.required)
    values = _values(record, final, paper and agreement, paper, agreement, transcript)
    failures = _format_failures(transcript, final)
    values["format_failure_rate"] = failures / values["turns"] if values["turns"] else 1.0
    missing = [u for u in record.required if not (can[u] and u in invited)]
    unconfirmed = [u for u in record.required if stance[u] != "accept"]
    details = {
        "final_slot": slot,
        "final_error": final.error,
        "decision_round": final.round,
        "invited": sorted(invited),
        "can_attend": can,
        "acceptance": stance,
        "feasible_slots": record.feasible_slots(),
        "best_slots": record.best_slots(),
        "optimum_welfare": record.optimum(),
        "concessions": concessions(record, slot, invited) if slot else {},
        "format_failures": failures,
    }
    return EpisodeScore(values=values, details=details, explanation=_explain(final, values, missing, unconfirmed, failures))
