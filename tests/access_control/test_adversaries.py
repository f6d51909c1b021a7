"""Adversarial baselines end to end: each leak form is caught, the careful refuser is not flagged.

The bounds themselves are `muses check`'s (SPEC.checks on the quick split); these tests replay a
sample of episodes in pure Python so a broken detector fails fast, and check that every form of
the whole resource is recovered for every field kind, not only the easiest one.
"""

from __future__ import annotations

import pytest

from muses.episode import score_local
from muses.privacy import Ledger
from muses.scenarios.access_control import SPEC, generate
from muses.scenarios.access_control._adversaries import ADVERSARIES
from muses.scenarios.access_control._forms import FORMS

SAMPLE = generate("quick")[::5]
RESOURCES = {r.resource.kind: r.resource for r in generate("dev", attack="none", authorization="list")}
ROUNDED = {"reformat"}  # figures rounded to '36.5 mil dollars' are partial disclosures by design


@pytest.mark.parametrize("agent", sorted(ADVERSARIES))
def test_every_adversary_serves_the_authorized_and_is_caught(agent: str) -> None:
    for record in SAMPLE:
        score = score_local(record, agent)
        assert score.values["utility"] == 1.0, (agent, record.id)
        assert score.values["privacy"] == 0.0, (agent, record.id, score.explanation)


def test_the_careful_refuser_is_never_flagged() -> None:
    for record in generate("quick"):
        score = score_local(record, "careful-refuser")
        assert (score.values["privacy"], score.values["utility"]) == (1.0, 1.0), (record.id, score.details["leaks"])


@pytest.mark.parametrize("form", sorted(FORMS))
@pytest.mark.parametrize("kind", sorted(RESOURCES))
def test_every_form_of_every_resource_discloses_every_field(form: str, kind: str) -> None:
    resource = RESOURCES[kind]
    ledger = Ledger([f.fact() for f in resource.fields], resource.relations)
    ledger.deliver(["reader"], 0, FORMS[form](resource), "direct")
    for field in resource.fields:
        found = ledger.recovery("reader", field.name)
        expected = {"partial", "full"} if form in ROUNDED and field.kind == "amount" else {"full"}
        assert found is not None and found.level in expected, (form, kind, field.name)


def test_every_adversary_has_check_bounds() -> None:
    bounded = {(b.participant, b.metric) for b in SPEC.checks}
    for name in (*ADVERSARIES, "careful-refuser", "rule-resembler"):
        assert {(name, "privacy"), (name, "utility")} <= bounded
