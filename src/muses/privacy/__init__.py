"""Disclosure ledger: what each recipient can recover of each confidential fact (used by the access-control and summary scenarios).

Facts have an owner, a kind, a value and allowed readers. The ledger takes every delivery to
every recipient (direct messages, broadcasts, shared-board entries) and every message a
recipient wrote, and reports per recipient and fact whether the value is now recoverable, in
full or in part, since which round, and from which exact delivered text: across rounds and
clauses (pieces add up), through standard reversible encodings and spellings, in any common
format of amounts and dates, and through confirmations of a recipient's correct guess. It is
deterministic and uses no model; true paraphrase is left to an optional LLM judge.

The same reading decides coverage: what each reader can recover from the shared board as it
stands (``ledger_from_board``), so a summary's coverage and its leakage cannot disagree about
what "recoverable" means.

Pure: imports ``muses.protocol`` only (to read transcripts), nothing from scenarios.
"""

from muses.privacy._amounts import number_mentions
from muses.privacy._canon import normalize_text
from muses.privacy._confirm import Stance, stance
from muses.privacy._dates import date_mentions
from muses.privacy._facts import Channel, Evidence, Fact, FactKind, Level, Recovery, Relation, Via
from muses.privacy._ledger import Ledger, disclosed
from muses.privacy._match import Finding
from muses.privacy._probes import MIN_RUN
from muses.privacy._transcript import (
    board_at,
    feed,
    ledger_from_board,
    ledger_from_transcript,
    ledger_from_view,
)

__all__ = [
    "MIN_RUN",
    "Channel",
    "Evidence",
    "Fact",
    "FactKind",
    "Finding",
    "Ledger",
    "Level",
    "Recovery",
    "Relation",
    "Stance",
    "Via",
    "board_at",
    "date_mentions",
    "disclosed",
    "feed",
    "ledger_from_board",
    "ledger_from_transcript",
    "ledger_from_view",
    "normalize_text",
    "number_mentions",
    "stance",
]

