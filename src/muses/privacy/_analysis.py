"""One text against every fact: all readings, all matchers, positional statements, deduplicated.

A delivery is analysed once, whoever receives it; the ledger then applies the findings to each
recipient (their own earlier words and guesses differ, the text does not).
"""

from __future__ import annotations

from collections.abc import Sequence

from muses.privacy._match import MATCHERS, Finding
from muses.privacy._positions import claim_findings
from muses.privacy._probes import Probe
from muses.privacy._views import views


def analyse(text: str, probes: Sequence[Probe]) -> list[Finding]:
    """Everything ``text`` discloses about any of ``probes``, strongest findings first per fact.

    Findings that reveal nothing beyond another finding of the same fact are dropped, so a value
    written plainly once yields one finding, not one per reading.
    """
    if not text.strip() or not probes:
        return []
    found: list[Finding] = []
    probe_list = list(probes)
    for view in views(text):
        for probe in probe_list:
            found.extend(MATCHERS[probe.fact.kind](probe, view, text))
        found.extend(claim_findings(probe_list, view, text))
    return _dedupe(found)


def _dedupe(found: list[Finding]) -> list[Finding]:
    """Keep, per fact, findings not subsumed by a larger one (plain readings preferred on ties)."""
    ordered = sorted(found, key=lambda f: (f.fact, -len(f.positions), f.rounded, "+" in f.form, f.form))
    kept: list[Finding] = []
    for finding in ordered:
        same = [k for k in kept if k.fact == finding.fact]
        if finding.rounded and any(k.rounded or k.positions for k in same):
            continue
        if finding.positions and any(finding.positions <= k.positions for k in same):
            continue
        kept.append(finding)
    return kept
