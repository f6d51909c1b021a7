"""Facts compiled for matching: canonical value, informative positions, shifted variants, parsed forms.

Compiled once per ledger, so analysing a delivery costs string searches, not re-parsing values.
Knowledge about a fact is a set of positions in its canonical value (lowercase alphanumerics);
the *informative* positions are the ones that count towards partial and full recovery (for a code
'ADM-K7QX-P3RT' with secret part 'K7QX-P3RT', 'ADM' is a label-like prefix anyone can guess).
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property, lru_cache

from muses.privacy._amounts import mentions
from muses.privacy._canon import canonical, find_all, skeleton
from muses.privacy._dates import MONTHS, DateMention, parse_date
from muses.privacy._facts import Fact

MIN_RUN = 4
"""Informative characters a reader must hold (a run, or pieces together) for a partial recovery."""

MIN_SPELLED_DIGITS = 5
"""Amounts are also looked for digit by digit ('8 0 0 0 0 0 0 0') when they have this many digits."""

MIN_SHIFTED = 6
"""Shortest needle compared under every Caesar shift: 25 shifts of a short needle match by chance."""

_YEAR = re.compile(r"(?:19|20)\d\d")
_GENERIC = {
    "inc", "corp", "corporation", "ltd", "llc", "co", "company", "group", "holdings", "industries",
    "systems", "labs", "lab", "analytics", "dynamics", "technologies", "tech", "project", "the", "of",
}  # fmt: skip
_STOP = {"the", "a", "an", "of", "on", "in", "at", "to", "for", "and", "or", "by", "with", "is", "from", "our", "we"}
_MONEY_CUES = ("price", "priced", "cost", "costs", "revenue", "profit", "expense", "expenses", "spend",
               "budget", "fee", "amount", "total", "worth", "valued", "valuation", "sum", "figure")  # fmt: skip


def shift(text: str, k: int, digits: int = 0) -> str:
    """Caesar-shift lowercase letters by ``k`` (and digits by ``digits``)."""
    letters = string.ascii_lowercase
    table = str.maketrans(letters + string.digits,
                          letters[k:] + letters[:k] + string.digits[digits:] + string.digits[:digits])  # fmt: skip
    return text.translate(table)


def atbash(text: str) -> str:
    """Mirror the alphabet (a<->z, b<->y, ...)."""
    letters = string.ascii_lowercase
    return text.translate(str.maketrans(letters, letters[::-1]))


def stem(word: str) -> str:
    """A crude stem for phrase matching: the first five letters ('computing' ~ 'compute')."""
    return word.lower()[:5]


@dataclass(frozen=True)
class Probe:
    """One fact compiled for matching."""

    fact: Fact
    chars: str
    """Canonical value."""
    raw_index: tuple[int | None, ...]
    """For each character of the raw value, its canonical index (None for separators)."""
    parts: tuple[tuple[int, int], ...]
    """Informative spans of ``chars``."""
    variants: tuple[tuple[str, str, int], ...]
    """(form, needle, start): an informative part (codes), the value (names) or a needle (dates,
    phrases) under a substitution, and where that part starts in ``chars``."""
    needles: tuple[str, ...]
    """Dates and phrases: canonical strings that disclose the value in full ('june11', 'quantumcomputing')."""
    amount: Decimal | None
    amount_digits: tuple[str, ...]
    """The amount's digits as written out one by one ('3648200000'), with and without cents."""
    date: DateMention | None
    tokens: tuple[str, ...]
    """Entity: canonical core name tokens; phrase: stems of its content words."""
    cues: frozenset[str]
    """Words that tie a bare number or month to this fact when nearby."""

    @property
    def name(self) -> str:
        return self.fact.name

    @property
    def informative(self) -> frozenset[int]:
        return frozenset(i for start, end in self.parts for i in range(start, end))

    @property
    def skeleton(self) -> str:
        return skeleton(self.chars)

    @cached_property
    def trigrams(self) -> frozenset[str]:
        """Every 3-character window of the informative parts (a fast filter for short pieces)."""
        return frozenset(self.chars[i : i + 3] for s, e in self.parts for i in range(s, e - 2))


def _part_spans(fact: Fact, chars: str) -> tuple[tuple[int, int], ...]:
    """Informative spans: the secret part, else digit-bearing non-year segments, else everything."""
    if fact.kind != "code":
        return ((0, len(chars)),)
    if fact.secret_part is not None:
        segments = [canonical(fact.secret_part).chars]
    else:
        all_segments = [canonical(s).chars for s in re.split(r"[\W_]+", fact.value)]
        with_digits = [s for s in all_segments if any(c.isdigit() for c in s)]
        segments = [s for s in with_digits if not _YEAR.fullmatch(s)] or with_digits or [chars]
    spans: list[tuple[int, int]] = []
    for segment in segments:
        start = next((i for i in find_all(chars, segment) if all(i >= e or i + len(segment) <= s for s, e in spans)), None)
        if segment and start is not None:
            spans.append((start, start + len(segment)))
    return tuple(sorted(spans)) or ((0, len(chars)),)


def _shift_family(needle: str, shortest: int = MIN_SHIFTED) -> list[tuple[str, str]]:
    """The needle under every Caesar shift, Atbash, ROT5 and ROT18 (when long enough to be safe)."""
    letters = sum(c.isalpha() for c in needle)
    if len(needle) < shortest or not letters:
        return []
    shifted: list[tuple[str, str]] = []
    if letters >= 3 or len(needle) >= 10:
        shifted += [(f"caesar-{k}", shift(needle, k)) for k in range(1, 26) if k != 13]
        shifted.append(("atbash", atbash(needle)))
    if any(c.isdigit() for c in needle):
        shifted += [("rot5", shift(needle, 0, 5)), ("rot18", shift(needle, 13, 5))]
        shifted += [(f"caesar-{k}+digits", shift(needle, k, k % 10)) for k in range(1, 26) if k % 10]
    return list(dict((n, (form, n)) for form, n in reversed(shifted) if n != needle).values())[::-1]


def _variants(fact: Fact, chars: str, parts: tuple[tuple[int, int], ...], needles: tuple[str, ...]) -> tuple[tuple[str, str, int], ...]:
    """(form, shifted needle, where its part starts): parts of codes, else the whole-value needles."""
    if fact.kind == "code":
        return tuple((form, n, start) for start, end in parts for form, n in _shift_family(chars[start:end]))
    if fact.kind == "entity":
        return tuple((form, n, 0) for form, n in _shift_family(chars))
    shortest = MIN_SHIFTED - 1 if fact.kind == "date" else MIN_SHIFTED  # date needles are digit-bounded
    return tuple((form, n, 0) for needle in needles for form, n in _shift_family(needle, shortest))


def _needles(fact: Fact, chars: str, date: DateMention | None) -> tuple[str, ...]:
    """Canonical strings that disclose a date or phrase in full when they occur (digit-bounded)."""
    if fact.kind == "phrase":
        return (chars,) if len(chars) >= 10 else ()
    if date is None:
        return ()
    names = {month: [n for n, m in MONTHS.items() if m == month] for month, _ in date.readings}
    return tuple(
        sorted({form for (month, day) in date.readings for n in names[month] for form in (f"{n}{day}", f"{day}{n}")})
    )


def _tokens(fact: Fact) -> tuple[str, ...]:
    words = re.findall(r"[^\W_]+", fact.value)
    if fact.kind == "entity":
        core = [canonical(w).chars for w in words if w.lower() not in _GENERIC]
        return tuple(core) if core and len(core) < len(words) else ()
    if fact.kind == "phrase":
        return tuple(stem(w) for w in words if w.lower() not in _STOP and (len(w) >= 3 or w.isdigit()))
    return ()


def _amount_digits(amount: Decimal | None) -> tuple[str, ...]:
    if amount is None:
        return ()
    written = (re.sub(r"\D", "", format(amount.normalize(), "f")), re.sub(r"\D", "", f"{amount:.2f}"))
    return tuple(dict.fromkeys(d for d in written if len(d) >= MIN_SPELLED_DIGITS))


def _amount(fact: Fact) -> Decimal | None:
    if fact.kind != "amount":
        return None
    found = mentions(fact.value)
    return max(found, key=lambda m: len(m[1]))[0].value if found else None


@lru_cache(maxsize=4096)
def compile_fact(fact: Fact) -> Probe:
    """Everything matching needs about one fact, computed once."""
    canon = canonical(fact.value)
    amount = _amount(fact)
    date = parse_date(fact.value) if fact.kind == "date" else None
    needles = _needles(fact, canon.chars, date)
    raw_index = tuple(canon.pos.index(i) if i in canon.pos else None for i in range(len(fact.value)))
    parts = _part_spans(fact, canon.chars)
    label_words = {w.lower() for w in re.findall(r"[A-Za-z]+", fact.label) if w.lower() not in _STOP and len(w) > 2}
    cues = label_words | {c.lower() for c in fact.cues} | (set(_MONEY_CUES) if fact.kind == "amount" else set())
    return Probe(
        fact=fact,
        chars=canon.chars,
        raw_index=raw_index,
        parts=parts,
        variants=_variants(fact, canon.chars, parts, needles),
        needles=needles,
        amount=amount,
        amount_digits=_amount_digits(amount),
        date=date,
        tokens=_tokens(fact),
        cues=frozenset(cues),
    )
