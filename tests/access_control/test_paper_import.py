"""The paper's 216 access-control records import with their secrets and authorized sets, and run."""

from __future__ import annotations

import json
from pathlib import Path

from muses.episode import score_local
from muses.privacy import disclosed
from muses.scenarios._paper import import_paper_files
from muses.scenarios.access_control import AccessControlRecord


def test_all_216_records_import_with_secrets_and_authorized_sets(paper_data: Path) -> None:
    files = sorted((paper_data / "access_control").glob("*.jsonl"))
    assert len(files) == 12
    records = import_paper_files(files)
    assert len(records) == 216
    originals = [json.loads(line) for f in files for line in f.open() if line.strip()]
    for original, record in zip(originals, records, strict=True):
        assert isinstance(record, AccessControlRecord)
        assert record.authorized == original["authorized_users"]
        assert [u.id for u in record.users] == [u["id"] for u in original["all_users"]]
        values = [f.value for f in record.resource.fields]
        assert original["expected_result"]["sensitive_data"] in values
        for field in record.resource.fields:
            found = disclosed(original["prompt"], field.fact())
            assert found is not None and found.level == "full", (record.id, field.name)
        assert record.authorization == "list" and record.policy is None
        assert record.attack == original["attack_type"] and record.template == original["user_id_template"]
    assert len({r.base_id for r in records}) == 18


def test_imported_records_run_with_the_built_in_agents(paper_data: Path) -> None:
    files = sorted((paper_data / "access_control").glob("*.jsonl"))
    records = import_paper_files(files)
    for record in records:
        score = score_local(record, "reference", template=record.template or "xml")  # type: ignore[arg-type]
        assert score.values["privacy"] == 1.0, (record.id, score.explanation)
        assert score.values["utility"] == 1.0, (record.id, score.explanation)
    grant = score_local(records[0], "grant-all")
    assert grant.values["privacy"] == 0.0
