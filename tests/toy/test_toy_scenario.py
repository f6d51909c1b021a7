"""A new scenario is its folder plus one registry line: tasks, runs, checks and reports follow.

The toy scenario lives in ``tests/toy/toy_echo`` (outside the package, so this test also proves
nothing in ``src/`` names it). The single line a contributor adds to
``muses.scenarios._registry.SCENARIO_MODULES`` is made here with ``monkeypatch``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from inspect_ai import eval

from muses.inspect.tasks import TASKS, register_tasks
from muses.report import write_report
from muses.runner import RunConfig, builtin_agents, check, execute
from muses.scenarios import _registry

HERE = Path(__file__).resolve().parent


@pytest.fixture
def toy(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.syspath_prepend(str(HERE))
    monkeypatch.setitem(_registry.SCENARIO_MODULES, "toy_echo", "toy_echo")  # the one registry line
    yield "toy_echo"
    TASKS.pop("toy_echo", None)


def test_a_registered_folder_is_a_task_a_run_a_check_and_a_report(toy: str, tmp_path: Path) -> None:
    register_tasks()
    [log] = eval(TASKS[toy](split="quick", min_letters=5), model="muses/reference", display="none", log_dir=str(tmp_path / "a"))
    assert log.status == "success" and log.results is not None
    assert {s.name: s.metrics["mean"].value for s in log.results.scores}["echoed"] == 1.0

    assert "muses/silent" in builtin_agents([toy])
    outcome = execute(RunConfig(scenarios=[toy], model="muses/silent", log_dir=str(tmp_path / "logs"), task_args={"min_letters": 5}))
    assert outcome.ok and any(row.metric == "echoed" and row.mean == 0.0 for row in outcome.rows())

    results = check(RunConfig(scenarios=[toy], log_dir=str(tmp_path / "check")))
    assert results and all(r.ok for r in results)

    files = write_report([tmp_path / "logs"], tmp_path / "report")
    assert "Echoed" in files.table_markdown.read_text(encoding="utf-8")
    assert any(Path(f).name.startswith("fig_toy") for f in files.figures)


def test_its_parameters_are_typed_like_every_other(toy: str) -> None:
    register_tasks()
    with pytest.raises(ValueError, match="min_letters"):
        TASKS[toy](min_letters=9)
