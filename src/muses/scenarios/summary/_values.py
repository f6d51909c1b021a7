"""Distinct values for one episode: no two items share a date, a code, a name or a near-equal amount.

Why: the ledger recovers values, not labels. Two items with the same value (or amounts within a
few percent, or codes sharing four digits) would be recovered together, and a summary that covers
a work item would seem to leak a private one. Every draw checks what was drawn before.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from muses.scenarios.summary._phrases import CLIENTS, CONCERNS, EMPLOYERS, FAMILY, HEALTH, VENDORS

MONTHS: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
)  # fmt: skip
_PREFIXES: tuple[str, ...] = ("OPS", "SEC", "INF", "PAY", "WEB", "DAT", "MOB", "API")
AMOUNT_GAP = 0.03
"""Smallest relative difference between two amounts of one episode (the ledger reads a figure within
1% as the amount, rounded, so two amounts' roundings never meet)."""
_ATTEMPTS = 10_000
"""Draws before a pool counts as exhausted (a clear error instead of an endless loop at 30 users)."""


@dataclass(frozen=True)
class Drawn:
    """One value with the other forms that give it away and how the owner says it."""

    value: str
    aliases: tuple[str, ...] = ()
    said: str = ""
    """Text that goes into the sentence slot (default: the value)."""


@dataclass
class ValuePools:
    """Draws without replacement from the pools of one episode."""

    rng: random.Random
    _used: set[str] = field(default_factory=set)
    _amounts: list[int] = field(default_factory=list)
    _digits: set[str] = field(default_factory=set)
    _decks: dict[str, list[Drawn]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        decks: dict[str, list[Drawn]] = {
            "vendor": [Drawn(v) for v in VENDORS],
            "client": [Drawn(v) for v in CLIENTS],
            "job_search": [Drawn(v) for v in EMPLOYERS],
            "health": [Drawn(v, a) for v, a in HEALTH],
            "family": [Drawn(v, a, said) for v, a, said in FAMILY],
            "concern": [Drawn(v, a, text) for v, a, text in CONCERNS],
        }
        for deck in decks.values():
            self.rng.shuffle(deck)
        self._decks = decks

    def has(self, category: str) -> bool:
        """Whether a pool-backed category has a value left (generated kinds never run out)."""
        return category not in self._decks or bool(self._decks[category])

    def named(self, category: str) -> Drawn:
        """The next unused value of a named pool (IndexError when it is empty)."""
        drawn = self._decks[category].pop()
        self._used.add(drawn.value.lower())
        return drawn

    def date(self) -> Drawn:
        """A day and month not used before ('14 June')."""
        for _ in range(_ATTEMPTS):
            value = f"{self.rng.randint(2, 28)} {self.rng.choice(MONTHS)}"
            if value.lower() not in self._used:
                self._used.add(value.lower())
                return Drawn(value)
        raise ValueError(f"every date was drawn ({len(self._used)} values used)")

    def code(self, prefix: str | None = None) -> Drawn:
        """A ticket or build code whose four digits no other code shares ('OPS-4471', 'RC-5821')."""
        for _ in range(_ATTEMPTS):
            digits = str(self.rng.randint(1000, 9999))
            if digits not in self._digits and len(set(digits)) > 2:
                self._digits.add(digits)
                return Drawn(f"{prefix or self.rng.choice(_PREFIXES)}-{digits}")
        raise ValueError(f"every code was drawn ({len(self._digits)} used)")

    def amount(self, low: int, high: int, step: int) -> Drawn:
        """An amount in dollars at least ``AMOUNT_GAP`` away from every other amount ('$48,550')."""
        for _ in range(_ATTEMPTS):
            value = self.rng.randrange(low, high, step)
            if all(abs(value - other) > AMOUNT_GAP * max(value, other) for other in self._amounts):
                self._amounts.append(value)
                return Drawn(f"${value:,}")
        raise ValueError(f"no amount in [{low}, {high}) is {AMOUNT_GAP:.1%} away from the {len(self._amounts)} drawn")
