"""The one task builder: typed parameters -> records -> an Inspect ``Task``.

Every entry point goes through here: the `muses/<scenario>` tasks of `inspect eval`, `muses run`
(which may take one slice of the records), `muses check` and training datagen. So a parameter
such as ``attack`` narrows the episodes the same way whether they come from the generator or from
a data file, on every path.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from inspect_ai import Task
from inspect_ai.dataset import MemoryDataset, Sample

from muses.inspect._scorer import judge_scorer, scenario_scorer
from muses.inspect._solver import multi_user_episode
from muses.logschema import SampleMetadata
from muses.scenarios import ScenarioRecord, TaskParams, get_scenario, parse_task_params
from muses.scenarios._io import read_records


def effective_template(record: ScenarioRecord, template: str | None) -> str:
    """The template a sample uses: the task's if given, else the record's own, else xml."""
    return template or getattr(record, "template", None) or "xml"


def record_groups(record: ScenarioRecord) -> dict[str, Any]:
    """Break-down keys a record offers (attack, difficulty, ...), via its ``groups()`` if defined."""
    groups = getattr(record, "groups", None)
    return dict(groups()) if callable(groups) else {}


def sample_metadata(record: ScenarioRecord, template: str | None) -> SampleMetadata:
    """The logged metadata of one episode (the log contract, ``muses.logschema``)."""
    used = effective_template(record, template)
    groups = {"template": used, "users": len(record.users), **record_groups(record)}
    return SampleMetadata(
        scenario=record.scenario,
        base_id=record.base_id,
        template=used,
        users=len(record.users),
        version=record.version,
        source=record.source,
        groups=groups,
        record=record.model_dump(mode="json"),
    )


def sample_for(record: ScenarioRecord, template: str | None) -> Sample:
    """One Inspect sample per record; the full record rides in sample metadata (not in messages)."""
    return Sample(
        id=record.id,
        input=f"{record.scenario} episode {record.id} with {len(record.users)} users",
        metadata=sample_metadata(record, template).model_dump(mode="json"),
    )


def task_params(scenario: str, raw: dict[str, Any]) -> TaskParams:
    """Raw `-T` values -> the scenario's typed parameters (ValueError naming what is wrong)."""
    return parse_task_params(get_scenario(scenario).params, raw, scenario)


def task_records(scenario: str, params: TaskParams) -> list[ScenarioRecord]:
    """The episodes a task plays: from the data file or the seeded generator, narrowed by the
    scenario's own parameters, then cut to ``limit``."""
    spec = get_scenario(scenario)
    if params.data:
        records = [r for r in read_records(params.data) if r.scenario == scenario]
    else:
        records = spec.generate(split=params.split, seed=params.seed, **params.generator_args())
    records = params.select(records)
    return records if params.limit is None else records[: params.limit]


def build_task(
    scenario: str,
    records: list[ScenarioRecord],
    params: TaskParams | None = None,
    *,
    judge: bool | None = None,
    **overrides: Any,
) -> Task:
    """The Inspect task for given records of one scenario.

    Args:
        scenario: Scenario name.
        records: The episodes (already selected and limited).
        params: The task's parameters (template and rounds are read from it; default: defaults).
        judge: Add the scenario's LLM-judged metrics (default: the ``judge`` parameter, if any).
        **overrides: Parameters to set on top of ``params`` (validated like `-T` values),
            e.g. ``build_task("meeting", records, rounds=3)``.
    """
    spec = get_scenario(scenario)
    if params is None or overrides:
        params = task_params(scenario, {**(params.given() if params else {}), **overrides})
    wrong = [r.id for r in records if r.scenario != scenario]
    if wrong:
        raise ValueError(f"records {wrong[:3]} belong to another scenario than {scenario!r}")
    use_judge = bool(getattr(params, "judge", False)) if judge is None else judge
    scorers = [scenario_scorer(spec), judge_scorer(spec)] if use_judge else scenario_scorer(spec)
    return Task(
        dataset=MemoryDataset([sample_for(r, params.template) for r in records], name=scenario),
        solver=multi_user_episode(rounds=params.rounds),
        scorer=scorers,
        name=scenario,
        version=spec.version,
        metadata={
            "scenario": scenario,
            "scenario_version": spec.version,
            "template": params.template or "per-record",
            "params": params.given(),
        },
    )


def scenario_task(scenario: str, raw: dict[str, Any], slicer: Callable[[list[Any]], list[Any]] | None = None) -> Task:
    """Parse raw parameters, pick the records (optionally one slice of them) and build the task."""
    params = task_params(scenario, raw)
    records = task_records(scenario, params)
    return build_task(scenario, slicer(records) if slicer else records, params)
