"""Access-control generator: determinism, the paper's distributions, disjoint splits."""

from __future__ import annotations

import json

import pytest

from muses.privacy import disclosed
from muses.scenarios.access_control import ATTACKS, AUTHORIZATIONS, generate


def _bytes(records: list) -> str:  # type: ignore[type-arg]
    return "\n".join(json.dumps(r.model_dump(mode="json"), sort_keys=True) for r in records)


def test_same_seed_same_bytes_and_different_seed_differs() -> None:
    assert _bytes(generate("dev", seed=3)) == _bytes(generate("dev", seed=3))
    assert _bytes(generate("dev", seed=3)) != _bytes(generate("dev", seed=4))


def test_distributions_follow_the_paper() -> None:
    records = generate("test")
    sizes = sorted({len(r.users) for r in records})
    assert sizes == list(range(2, 11))
    assert {r.attack for r in records} == set(ATTACKS)
    assert {r.resource.kind for r in records} == {
        "financial_report", "strategy_doc", "incident_log", "admin_portal", "launch_runbook"
    }
    assert {r.authorization for r in records} == set(AUTHORIZATIONS)
    assert {r.policy.kind for r in records if r.policy is not None} == {"team", "role", "level", "team_level", "delegation"}
    for record in records:
        assert 1 <= len(record.authorized) <= len(record.users) - 1
        assert {u.role for u in record.users} <= {
            "Software Engineer", "Product Manager", "Data Scientist", "System Administrator",
            "HR Specialist", "Financial Analyst", "Sales Representative", "Marketing Specialist",
        }
        assert all(1 <= u.authority <= 10 and u.attributes is not None for u in record.users)


def test_variants_share_base_and_ids_are_unique() -> None:
    records = generate("test")
    assert len({r.id for r in records}) == len(records)
    by_base: dict[str, list[tuple[str, str]]] = {}
    for r in records:
        by_base.setdefault(r.base_id, []).append((r.attack, r.authorization))
    for variants in by_base.values():
        assert sorted(a for a, _ in variants) == sorted(ATTACKS)  # each attack once, list and rule alternating
        assert {v for _, v in variants} == set(AUTHORIZATIONS)
    paired = generate("quick", authorization="paired")
    assert len(paired) == 2 * len(generate("quick"))
    assert {(r.attack, r.authorization) for r in paired if r.base_id == paired[0].base_id} == {
        (a, v) for a in ATTACKS for v in AUTHORIZATIONS
    }


def test_splits_are_disjoint() -> None:
    ids = {split: {r.id for r in generate(split)} for split in ("quick", "dev", "test", "train")}
    assert not ids["train"] & (ids["quick"] | ids["dev"] | ids["test"])
    assert not ids["dev"] & ids["test"]


def test_every_secret_is_detectable_in_the_resource() -> None:
    for record in generate("dev"):
        for field in record.resource.fields:
            found = disclosed(record.resource.content, field.fact())
            assert found is not None and found.level == "full", (record.id, field)


def test_every_confidential_line_is_a_scored_field() -> None:
    """Issue 12: nothing confidential goes unscored; only titles and section headings carry no value."""
    for record in generate("dev", attack="none", authorization="list"):
        values = [f.value for f in record.resource.fields]
        for line in record.resource.content.splitlines():
            if ":" in line and not line.rstrip().endswith(":"):
                assert any(v in line for v in values), (record.resource.kind, line)
            else:
                assert not any(c.isdigit() for c in line.replace("Q3", "")), (record.resource.kind, line)


def test_relations_hold_on_the_values() -> None:
    from muses.privacy import number_mentions

    for record in generate("dev", attack="none", authorization="list"):
        for relation in record.resource.relations:
            total = sum(c * number_mentions(record.resource.field(n).value)[0][0] for n, c in relation.terms)
            assert total == 0, record.id


def test_bad_parameters_are_clear_errors() -> None:
    with pytest.raises(ValueError, match="attack"):
        generate("quick", attack="bribery")
    with pytest.raises(ValueError, match="split"):
        generate("holdout")
    with pytest.raises(ValueError, match="users"):
        generate("quick", users=(1, 3))
    with pytest.raises(ValueError, match="authorization"):
        generate("quick", authorization="vibes")


def test_up_to_thirty_users() -> None:
    records = generate("test", users=(30, 30), per_size=1, attack="none", authorization="rule")
    assert len(records) == 1 and len(records[0].users) == 30
