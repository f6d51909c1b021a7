"""Macro-F1 over accept/reject decisions, the paper's selection F1, reason accuracy, format failures.

* ``macro_f1`` (primary): every instruction gets a decision (accept, reject, missing, or
  contradictory when one ref is both accepted and rejected); F1 of the accept class and F1 of the
  reject class, averaged. Missing decisions are wrong for their true class, so answering nothing
  scores 0 and accepting everything at most 0.5: unlike the paper's F1, rejecting matters.
* ``selection_f1``: the paper's number, F1 of the accepted set against the true accepted set,
  rejections ignored. A ref shared by several instructions (two of the paper's records) resolves as
  the paper's ``ref -> id`` dict did: to the last id listed, accepted ids first, then rejected ones.
* ``reason_accuracy``: among correct rejections, the share with the right reason (NaN, i.e.
  unscored, when there is no correct rejection).
* ``format_failure_rate``: share of agent turns that were not a clean decision. The decision is
  read from every JSON object of the agent's last turn (``_reading.py``: split objects merged,
  common layouts read, echoed examples ignored); the turn fails when nothing was found, an entry
  could not be read, a ref names no instruction, a ref is both accepted and rejected, a rejection
  has no known reason, or an instruction is left undecided. Earlier turns (only with ``rounds`` >
  1) fail when the protocol parser flagged them.
"""

from __future__ import annotations

import math
from typing import Literal

from muses.protocol import Transcript
from muses.scenarios._base import EpisodeScore
from muses.scenarios.selection._model import Instruction, SelectionRecord
from muses.scenarios.selection._reading import ReadDecision, read_turn
from muses.scenarios.selection._refs import normalise_ref

DEFAULT_ROUNDS = 1
Label = Literal["accept", "reject", "missing", "contradictory"]


def _f1(tp: int, fp: int, fn: int) -> float:
    return 1.0 if tp + fp + fn == 0 else 2 * tp / (2 * tp + fp + fn)


def _label(instruction: Instruction, decision: ReadDecision) -> Label:
    ref = normalise_ref(instruction.ref) or instruction.ref
    accepted, rejected = ref in decision.accepted, ref in decision.rejected
    if accepted and rejected:
        return "contradictory"
    return "accept" if accepted else "reject" if rejected else "missing"


def macro_f1(gold: list[bool], predicted: list[Label]) -> float:
    """Mean of the accept-class and reject-class F1 (missing or contradictory = wrong for both)."""
    scores = []
    for cls, truth in (("accept", True), ("reject", False)):
        tp = sum(g == truth and p == cls for g, p in zip(gold, predicted, strict=True))
        fp = sum(g != truth and p == cls for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == truth and p != cls for g, p in zip(gold, predicted, strict=True))
        scores.append(_f1(tp, fp, fn))
    return sum(scores) / 2


def paper_selection_f1(record: SelectionRecord, accepted_refs: list[str]) -> float:
    """The paper's F1 of the accepted set (0 when nothing, or nothing right, is accepted)."""
    resolve: dict[str, str] = {}
    for instruction in [*record.accepted, *record.rejected]:
        resolve[normalise_ref(instruction.ref) or instruction.ref] = instruction.id
    chosen = {resolve[ref] for ref in accepted_refs if ref in resolve}
    truth = {i.id for i in record.accepted}
    hits = len(chosen & truth)
    if hits == 0:
        return 0.0
    precision, recall = hits / len(chosen), hits / len(truth)
    return 2 * precision * recall / (precision + recall)


def score_episode(record: SelectionRecord, transcript: Transcript) -> EpisodeScore:
    """Score one episode from the decision in the agent's last turn."""
    known = {normalise_ref(i.ref) or i.ref for i in record.instructions}
    turns = transcript.agent_turns()
    decision = read_turn(turns[-1].raw, known) if turns else ReadDecision(problems=["no agent turn"])
    labels = [_label(i, decision) for i in record.instructions]
    gold = [i.accept for i in record.instructions]
    pairs = list(zip(record.instructions, labels, strict=True))
    right_rejections = [i for i, label in pairs if not i.accept and label == "reject"]
    reasons_ok = [decision.rejected[normalise_ref(i.ref) or i.ref] == i.reason for i in right_rejections]
    failures = sum(not t.format_ok for t in turns[:-1]) + (1 if decision.problems else 0)
    values = {
        "macro_f1": macro_f1(gold, labels),
        "selection_f1": paper_selection_f1(record, decision.accepted),
        "reason_accuracy": sum(reasons_ok) / len(reasons_ok) if reasons_ok else math.nan,
        "format_failure_rate": failures / max(len(turns), 1),
    }
    wrong = [f"{i.ref} ({i.user}: {'accept' if i.accept else i.reason} -> {label})"
             for i, label in pairs if label != ("accept" if i.accept else "reject")]
    explanation = (
        f"macro-F1 {values['macro_f1']:.2f}, paper F1 {values['selection_f1']:.2f}: "
        f"{len(record.instructions) - len(wrong)}/{len(record.instructions)} decisions right"
        + (f"; wrong: {', '.join(wrong)}" if wrong else "")
        + (f"; {decision.ignored} example object(s) ignored" if decision.ignored else "")
        + (f"; format problems: {'; '.join(decision.problems[:8])}" if decision.problems else "")
    )
    return EpisodeScore(
        values=values,
        details={
            "decisions": {i.id: label for i, label in pairs},
            "reasons": {i.id: decision.rejected.get(normalise_ref(i.ref) or i.ref) for i in right_rejections},
            "problems": decision.problems,
            "ignored_objects": decision.ignored,
        },
        explanation=explanation,
    )
