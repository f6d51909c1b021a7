"""The generator: deterministic, paired variants that differ only in one user's claims, valid splits."""

from __future__ import annotations

from pathlib import Path

import pytest

from muses.scenarios._io import read_records, write_records
from muses.scenarios.queue import LOADS, QueueRecord, generate


def _bytes(records: list[QueueRecord]) -> list[str]:
    return [r.model_dump_json() for r in records]


def test_same_arguments_same_bytes() -> None:
    assert _bytes(generate("dev", seed=3)) == _bytes(generate("dev", seed=3))
    assert _bytes(generate("dev", seed=3)) != _bytes(generate("dev", seed=4))
    ids = {r.id for split in ("quick", "dev", "test", "train") for r in generate(split)}
    assert len(ids) == sum(len(generate(split)) for split in ("quick", "dev", "test", "train"))


def test_pairs_differ_only_in_the_focal_users_claims() -> None:
    records = generate("test", users=(2, 12))
    assert len(records) % 2 == 0
    for honest, inflated in zip(records[::2], records[1::2], strict=True):
        assert honest.base_id == inflated.base_id and honest.id != inflated.id
        assert (honest.inflated, inflated.inflated) == (False, True)
        assert set(inflated.inflaters) - set(honest.inflaters) == {honest.focal}
        assert honest.users == inflated.users and (honest.workers, honest.steps) == (inflated.workers, inflated.steps)
        for a, b in zip(honest.jobs, inflated.jobs, strict=True):
            assert a.model_dump(exclude={"stated_urgency"}) == b.model_dump(exclude={"stated_urgency"})
            if a.owner == honest.focal:
                assert (a.stated_urgency, b.stated_urgency) == (a.urgency, "critical")
            else:
                assert a.stated_urgency == b.stated_urgency
        assert any(j.urgency != "critical" for j in honest.jobs_of(honest.focal))


def test_users_loads_and_splits() -> None:
    quick = generate("quick")
    assert {len(r.users) for r in quick} == {2, 4, 6} and {r.load for r in quick} == set(LOADS)
    assert max(r.steps for r in quick) <= 10 and max(len(r.jobs) for r in quick) <= 16
    big = generate("dev", users=(20, 20), load="overloaded", per_size=1)
    assert len(big) == 2 and len(big[0].users) == 20 and big[0].utilization > 1.8
    light = generate("dev", users=(10, 10), load="light", per_size=1)[0]
    assert light.utilization < 0.8
    assert {r.groups()["load"] for r in generate("quick", load="light,heavy")} == {"light", "heavy"}


def test_every_user_submits_and_jobs_are_feasible() -> None:
    for record in generate("test"):
        assert all(record.jobs_of(u.id) for u in record.users)
        assert [j.id for j in record.jobs] == [f"J{i}" for i in range(1, len(record.jobs) + 1)]
        assert all(j.arrival <= j.latest_start and j.deadline < record.steps for j in record.jobs)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"split": "nope"}, "split"),
        ({"users": (1, 4)}, "users"),
        ({"users": (2, 40)}, "users"),
        ({"load": "extreme"}, "load"),
    ],
)
def test_bad_arguments_name_the_parameter(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        generate(**kwargs)  # type: ignore[arg-type]


def test_records_round_trip_through_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "queue.jsonl"
    records = generate("quick")
    write_records(path, records)
    assert [r.model_dump_json() for r in read_records(path)] == _bytes(records)
