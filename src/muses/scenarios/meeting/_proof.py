"""Per-instance proof that a generated meeting needs elicitation (partial) and not (full).

The generator calls ``check_instance`` on every record it emits and refuses to emit one that
fails; the tests call it on every split and on 2-30 users. The properties, stated over the
scripted users' rules (``MeetingRecord.volunteered`` and ``_users``):

Partial disclosure
- **openings**: no slot every required user can attend is volunteered by every required user in
  round 0 (what users say unasked never identifies a feasible slot);
- **no skip**: every feasible slot is a backup of a stubborn required user, who accepts it only
  after being asked for alternatives. So an agent that never asks for availability or
  alternatives (finalizing, proposing, polling and re-proposing as it likes) gets no feasible
  slot accepted by every required user: its headline success is 0 on every partial instance. A
  poll reveals preferred slots only, so it cannot identify such a slot either;
- **gate**: every feasible slot is a backup of the gate, a stubborn required user: whatever slot
  an agent picks, it must ask the gate for alternatives;
- **level**: the roles that define the difficulty level hold (``Level`` in ``_model``);
- **decoys**: every decoy looks exactly like the winning slot to every user but the gate, who
  cannot make it.

Full disclosure
- **openings**: some feasible slot is volunteered by every required user (everyone states all
  their times), so the paired full variant is solvable from the openings.
"""

from __future__ import annotations

from muses.scenarios.meeting._model import MeetingRecord, UserConstraints


def volunteered_feasible(record: MeetingRecord) -> list[str]:
    """Feasible slots that every required user states unasked in round 0."""
    said = {u: set(record.volunteered(u)) for u in record.required}
    return [s for s in record.feasible_slots() if all(s in said[u] for u in record.required)]


def accepts_unasked(me: UserConstraints, slot: str, disclosure: str) -> bool:
    """Whether a user accepts a proposed slot before anyone asked them for alternatives."""
    if slot in me.preferred:
        return True
    return slot in me.secondary and (disclosure == "full" or not me.stubborn)


def confirmable_unasked(record: MeetingRecord) -> list[str]:
    """Feasible slots every required user would accept without a request for alternatives."""
    return [
        s for s in record.feasible_slots()
        if all(accepts_unasked(record.of(u), s, record.disclosure) for u in record.required)
    ]


def _level_problems(record: MeetingRecord) -> list[str]:
    """The roles the record's difficulty level promises."""
    gate = record.of(record.gate) if record.gate else None
    if gate is None or not (gate.required and gate.stubborn and record.winning_slot in gate.secondary):
        return ["the gate must be a stubborn required user with the winning slot as a backup"]
    problems = [f"the gate prefers feasible {s}: it need not be moved" for s in record.feasible_slots() if s not in gate.secondary]
    if (record.difficulty == "passive") == gate.proactive:
        problems.append("the gate must be passive exactly at the passive level")
    if record.difficulty == "backup":
        silent = [u for u in record.required if u != gate.user and record.winning_slot not in record.volunteered(u)]
        problems += [f"backup level: {u} does not volunteer the winning slot" for u in silent]
    if record.difficulty == "persuade":
        problems += _persuade_problems(record, gate)
    return problems


def _persuade_problems(record: MeetingRecord, gate: UserConstraints) -> list[str]:
    lure, blocker = record.lure_slot, record.of(record.blocker) if record.blocker else None
    if lure is None or blocker is None or lure not in gate.preferred:
        return ["persuade level: the gate must prefer a lure and a blocker must exist"]
    problems = []
    if not blocker.required or blocker.proactive or blocker.can_attend(lure):
        problems.append("persuade level: the blocker must be a passive required user who cannot make the lure")
    for user in record.required:
        me = record.of(user)
        if me.proactive and lure not in record.volunteered(user):
            problems.append(f"persuade level: proactive required {user} does not volunteer the lure")
        if user != blocker.user and not me.can_attend(lure):
            problems.append(f"persuade level: {user} cannot make the lure (only the blocker may block it)")
    return problems


def _decoy_problems(record: MeetingRecord) -> list[str]:
    problems = []
    for decoy in record.decoy_slots:
        for me in record.constraints:
            same = me.utility(decoy) == me.utility(record.winning_slot)
            if (me.user == record.gate and me.can_attend(decoy)) or (me.user != record.gate and not same):
                problems.append(f"decoy {decoy} differs from the winning slot for {me.user}")
    return problems


def check_instance(record: MeetingRecord) -> list[str]:
    """Every way a generated record breaks its promised properties (empty: it holds them all)."""
    identified = volunteered_feasible(record)
    if record.disclosure == "full":
        return [] if identified else ["full disclosure: the openings identify no feasible slot"]
    problems = [f"partial disclosure: the openings identify feasible {s}" for s in identified]
    problems += [f"partial disclosure: {s} is accepted by every required user unasked" for s in confirmable_unasked(record)]
    if record.winning_slot not in record.feasible_slots():
        problems.append("the winning slot is not feasible")
    return problems + _level_problems(record) + _decoy_problems(record)
