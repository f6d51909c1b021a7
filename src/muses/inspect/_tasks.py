"""Inspect tasks: one per scenario, built from generated or loaded records."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from inspect_ai import Task
from inspect_ai.dataset import MemoryDataset, Sample

from muses.inspect._scorer import judge_scorer, scenario_scorer
from muses.inspect._solver import multi_user_episode
from muses.protocol import TEMPLATES
from muses.scenarios._base import ScenarioRecord
from muses.scenarios._io import read_records
from muses.scenarios._registry import get_scenario, register_ground_truth


def parse_range(text: str | int, name: str) -> tuple[int, int]:
    """Parse '2-10' or '5' (or an int) into an inclusive range."""
    if isinstance(text, int):
        return text, text
    parts = str(text).split("-")
    try:
        low, high = (int(parts[0]), int(parts[-1])) if len(parts) <= 2 else (None, None)
    except ValueError:
        low = high = None
    if low is None or high is None or low > high:
        raise ValueError(f"{name}: expected N or LOW-HIGH, got {text!r}")
    return low, high


def effective_template(record: ScenarioRecord, template: str | None) -> str:
    """The template a sample uses: the task's if given, else the record's own, else xml."""
    return template or getattr(record, "template", None) or "xml"


def sample_for(record: ScenarioRecord, template: str | None) -> Sample:
    """One Inspect sample per record; the full record rides in sample metadata (not in messages)."""
    template = effective_template(record, template)
    groups = record_groups(record)
    return Sample(
        id=record.id,
        input=f"{record.scenario} episode {record.id} with {len(record.users)} users",
        metadata={
            "scenario": record.scenario,
            "base_id": record.base_id,
            "template": template,
            "users": len(record.users),
            "version": record.version,
            "source": record.source,
            **groups,
            "record": record.model_dump(mode="json"),
        },
    )


def record_groups(record: ScenarioRecord) -> dict[str, Any]:
    """Break-down keys a record offers (attack, difficulty, ...), via its ``groups()`` if defined."""
    groups = getattr(record, "groups", None)
    return dict(groups()) if callable(groups) else {}


def build_task(
    scenario: str,
    records: list[ScenarioRecord],
    template: str | None = None,
    rounds: int | None = None,
    limit: int | None = None,
    judge: bool = False,
) -> Task:
    """Build the Inspect task for a list of records of one scenario.

    Args:
        scenario: Scenario name.
        records: The episodes.
        template: User-turn template for every sample (default: each record's own, else xml).
        rounds: Maximum rounds per episode (default: the scenario's).
        limit: Keep only the first ``limit`` records.
        judge: Add the scenario's LLM-judged metrics (needs the `judge` model role).
    """
    if template is not None and template not in TEMPLATES:
        raise ValueError(f"template: {template!r} is not one of {', '.join(TEMPLATES)}")
    spec = get_scenario(scenario)
    wrong = [r.id for r in records if r.scenario != scenario]
    if wrong:
        raise ValueError(f"records {wrong[:3]} belong to another scenario than {scenario!r}")
    if limit is not None:
        records = records[:limit]
    for record in records:
        register_ground_truth(record)
    return Task(
        dataset=MemoryDataset([sample_for(r, template) for r in records], name=scenario),
        solver=multi_user_episode(rounds=rounds),
        scorer=[scenario_scorer(spec), judge_scorer(spec)] if judge else scenario_scorer(spec),
        name=scenario,
        version=spec.version,
        metadata={"scenario": scenario, "scenario_version": spec.version, "template": template or "per-record"},
    )


def scenario_task(
    scenario: str,
    *,
    data: str | None,
    split: str,
    seed: int,
    users: str | None,
    per_size: int | None,
    limit: int | None,
    template: str | None,
    rounds: int | None = None,
    judge: bool = False,
    select: Callable[[list[Any]], list[Any]] | None = None,
    **params: Any,
) -> Task:
    """The body every `@task` shares: records from a file or the generator, then the task.

    ``params`` go to the generator; ``select`` narrows records read from a data file by the same
    parameters (a file may hold every attack, variant or load).
    """
    sizes = {"per_size": per_size, "users": parse_range(users, "users") if users else None}
    records = records_for(scenario, data, split, seed, **params, **sizes)
    if data and select is not None:
        records = select(records)
    return build_task(scenario, records, template=template, rounds=rounds, limit=limit, judge=judge)


def records_for(scenario: str, data: str | None, split: str, seed: int, **params: Any) -> list[ScenarioRecord]:
    """Records from a data file (any JSONL `muses run` accepts) or from the seeded generator."""
    if data:
        return [r for r in read_records(data) if r.scenario == scenario]
    records: list[ScenarioRecord] = get_scenario(scenario).generate(split=split, seed=seed, **params)
    return records
