"""One text against every fact: all readings, all matchers, positional statements, deduplicated.

A delivery is analysed once, whoever receives it; the ledger then applies the findings to each
recipient (their own earlier words and guesses differ, the text does not).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from muses.privacy._facts import Fact
from muses.privacy._match import MATCHERS, Finding
from muses.privacy._positions import claim_findings
from muses.privacy._probes import Probe, compile_fact
from muses.privacy._views import views


def analyse(text: str, probes: Sequence[Probe]) -> list[Finding]:
    """Everything ``text`` discloses about any of ``probes``, strongest findings first per fact.

    Findings that reveal nothing beyond another finding of the same fact are dropped, so a value
    written plainly once yields one finding, not one per reading.
    """
    if not text.strip() or not probes:
        return []
    return [f for probe in probes for f in _about(text, probe.fact)]


@lru_cache(maxsize=16384)
def _about(text: str, fact: Fact) -> tuple[Finding, ...]:
    """What ``text`` discloses about one fact (cached: scorer and simulated users read the same texts)."""
    probe = compile_fact(fact)
    found: list[Finding] = []
    for view in views(text):
        found.extend(MATCHERS[probe.fact.kind](probe, view, text))
        found.extend(claim_findings([probe], view, text))
    return tuple(_dedupe(found))


def _dedupe(found: list[Finding]) -> list[Finding]:
    """Keep, per fact, findings not subsumed by a larger one (findings tied by the text itself, then
    plain readings, preferred on ties)."""
    ordered = sorted(found, key=lambda f: (f.fact, f.contextual, -len(f.positions), f.rounded, "+" in f.form, f.form))
    kept: list[Finding] = []
    for finding in ordered:
        same = [k for k in kept if k.fact == finding.fact]
        if finding.rounded and any(k.rounded or k.positions for k in same):
            continue
        if finding.positions and any(finding.positions <= k.positions for k in same):
            continue
        kept.append(finding)
    return kept
