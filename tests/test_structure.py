"""Guard the architecture: dependency direction, registered scenarios, READMEs, public API."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from muses.participants import all_participants
from muses.scenarios import get_scenario, scenario_names
from muses.scenarios._registry import SCENARIO_MODULES

SRC = Path(__file__).resolve().parents[1] / "src" / "muses"

# package -> packages it must never import
FORBIDDEN = {
    "protocol": ("inspect_ai", "muses.scenarios", "muses.inspect", "muses.participants", "muses.report", "muses.training", "muses.cli"),
    "scenarios": ("inspect_ai", "muses.inspect", "muses.participants", "muses.report", "muses.training", "muses.cli"),
    "participants": ("muses.inspect", "muses.report", "muses.training", "muses.cli"),
    "report": ("muses.inspect._run", "muses.inspect._solver", "muses.participants", "muses.training", "muses.cli"),
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_dependency_direction(package: str) -> None:
    offenders = []
    for path in (SRC / package).rglob("*.py"):
        for name in _imports(path):
            if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN[package]):
                offenders.append(f"{path.relative_to(SRC)} imports {name}")
    assert not offenders, offenders


@pytest.mark.parametrize("name", scenario_names())
def test_every_scenario_is_complete(name: str) -> None:
    spec = get_scenario(name)
    folder = SRC / "scenarios" / SCENARIO_MODULES[name].rsplit(".", 1)[1]
    assert (folder / "README.md").is_file(), f"{name} has no README.md"
    assert spec.name == name and spec.version
    assert spec.checks, f"{name} declares no metric bounds for `muses check`"
    assert "reference" in spec.agents or spec.oracle is not None
    records = spec.generate(split="quick", seed=0)
    assert records and all(r.scenario == name for r in records)
    import muses._registry as registry

    assert hasattr(registry, name), f"task muses/{name} is not exported by muses._registry"


def test_builtin_participants_cover_the_scripted_user() -> None:
    assert "scripted" in all_participants()
