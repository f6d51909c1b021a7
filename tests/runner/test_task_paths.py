"""One task builder: `inspect eval muses/<scenario>`, `muses run` and the generator pick the same episodes.

Regression: `muses run access_control --data F -T attack=pressure` used to play every episode of F
while `inspect eval muses/access_control -T data=F -T attack=pressure` played the pressure ones.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from inspect_ai import Task

from muses.inspect import task_params, task_records
from muses.inspect.tasks import TASKS
from muses.runner import RunConfig, make_task
from muses.scenarios import get_scenario, scenario_names
from muses.scenarios._io import write_records

CHOICES: dict[str, dict[str, list[str]]] = {
    "access_control": {"attack": ["pressure", "partial,indirect", "none"], "authorization": ["rule", "list"]},
    "meeting": {"disclosure": ["partial"], "difficulty": ["passive", "backup,persuade"]},
    "execution": {"variant": ["conflict", "aligned"]},
    "queue": {"load": ["heavy", "light,overloaded"]},
    "summary": {"attack": ["include_everything", "ask_others,pull_into_summary"], "norms": ["implied"]},
}
"""Scenario -> parameter -> values to try (every scenario-specific parameter with choices)."""

CASES = [(s, p, v) for s, params in CHOICES.items() for p, values in params.items() for v in values]


def _ids(task: Task) -> list[str]:
    return [str(sample.id) for sample in task.dataset]


def test_every_choice_parameter_is_covered() -> None:
    for name in scenario_names():
        own = set(get_scenario(name).params.model_fields) - set(get_scenario("selection").params.model_fields) - {"judge"}
        assert own <= set(CHOICES.get(name, {})), f"{name}: add {own - set(CHOICES.get(name, {}))} to CHOICES"


@pytest.mark.parametrize(("scenario", "param", "value"), CASES)
def test_a_data_file_is_narrowed_the_same_way_on_every_path(
    scenario: str, param: str, value: str, tmp_path: Path
) -> None:
    everything = task_records(scenario, task_params(scenario, {"split": "quick"}))
    data = tmp_path / "all.jsonl"
    write_records(data, everything)
    wanted = {param: value}
    generated = _ids(TASKS[scenario](split="quick", **wanted))
    from_file = _ids(TASKS[scenario](data=str(data), **wanted))
    config = RunConfig(scenarios=[scenario], data=data, task_args=wanted, log_dir=str(tmp_path / "logs"))
    run_path = _ids(make_task(scenario, config))
    assert generated and from_file == run_path
    assert all(_value(r, param) in value.split(",") for r in everything if r.id in set(run_path))
    if param in get_scenario(scenario).params.choices:  # a filter: the generator makes the same subset
        assert set(generated) < {r.id for r in everything} and generated == run_path
    else:  # a generator setting (e.g. authorization=rule states every episode's access as a rule)
        made = task_records(scenario, task_params(scenario, {"split": "quick", **wanted}))
        assert all(_value(r, param) in value.split(",") for r in made)


def _value(record: Any, param: str) -> str:
    return str(getattr(record, param))


def test_run_applies_a_parameter_only_to_the_scenarios_that_take_it(tmp_path: Path) -> None:
    config = RunConfig(scenarios=["access_control", "meeting"], task_args={"attack": "pressure"}, log_dir=str(tmp_path))
    attacks = {s.metadata["groups"]["attack"] for s in make_task("access_control", config).dataset}  # type: ignore[index]
    assert attacks == {"pressure"}
    assert len(make_task("meeting", config).dataset) == len(make_task("meeting", RunConfig(log_dir=str(tmp_path))).dataset)


@pytest.mark.parametrize(
    ("scenario", "raw", "message"),
    [
        ("meeting", {"rounds": "abc"}, "task parameter rounds='abc' for meeting: Input should be a valid integer"),
        ("meeting", {"rounds": 0}, "task parameter rounds=0 for meeting: Input should be greater than or equal to 1"),
        ("access_control", {"attack": "phishing"}, "attack: 'phishing' is not 'all' or a comma-separated list of: none, pressure"),
        ("queue", {"split": "big"}, "task parameter split='big' for queue: Input should be 'quick', 'dev', 'test' or 'train'"),
        ("selection", {"users": "ten"}, "users: expected N or LOW-HIGH with 1 <= LOW <= HIGH, got 'ten'"),
        ("execution", {"template": "json"}, "task parameter template='json' for execution: Input should be 'xml', 'says'"),
        ("meeting", {"atack": "x"}, "unknown task parameter 'atack' for meeting; valid: template, rounds, users, split"),
    ],
)
def test_bad_parameters_name_the_parameter_and_what_is_valid(scenario: str, raw: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError) as error:
        task_params(scenario, raw)
    assert message in str(error.value)


def test_inspect_task_signature_is_the_typed_parameters() -> None:
    import inspect

    for name in scenario_names():
        assert list(inspect.signature(TASKS[name]).parameters) == list(get_scenario(name).params.model_fields)
