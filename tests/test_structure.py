"""Guard the architecture: layer direction for every folder, no import circles, complete scenarios."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from muses.scenarios import all_participants, get_scenario, scenario_names
from muses.scenarios._registry import SCENARIO_MODULES

SRC = Path(__file__).resolve().parents[1] / "src" / "muses"

ALLOWED: dict[str, set[str]] = {
    "protocol": set(),
    "privacy": {"protocol"},
    "scenarios": {"protocol", "privacy"},
    "episode": {"protocol", "scenarios"},
    "logschema": set(),
    "inspect": {"protocol", "scenarios", "episode", "logschema"},
    "providers": {"protocol", "scenarios", "episode"},
    "report": {"protocol", "scenarios", "logschema", "privacy"},
    "training": {"protocol", "scenarios", "episode", "logschema", "inspect"},
    "runner": {"protocol", "scenarios", "episode", "logschema", "inspect", "providers", "report"},
    "testing": set(),
    "cli": {"protocol", "scenarios", "logschema", "runner", "report", "training"},
    "_registry": {"inspect", "providers"},
}
"""Top-level part of `muses` -> the other parts it may import (the package's own modules always)."""

NO_INSPECT = ("protocol", "privacy", "scenarios", "episode")
"""Parts that must stay pure: no Inspect, so they can be used and tested without it."""


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in SRC.rglob("*.py")}


def _imports(path: Path) -> set[str]:
    """Every module a file imports, anywhere in it (function-local imports included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names if f"{node.module}.{alias.name}" in MODULES)
    return names


def _part(module: str) -> str:
    return module.split(".")[1] if module.count(".") >= 1 else ""


def test_every_part_of_the_package_has_a_layer() -> None:
    parts = {_part(name) for name in MODULES if name != "muses"}
    assert parts <= set(ALLOWED), f"folders without a declared layer: {parts - set(ALLOWED)}"


@pytest.mark.parametrize("part", sorted(ALLOWED))
def test_dependency_direction(part: str) -> None:
    offenders = []
    for name, path in MODULES.items():
        if _part(name) != part:
            continue
        for imported in _imports(path):
            if imported.startswith("inspect_ai") and part in NO_INSPECT:
                offenders.append(f"{name} imports {imported}")
            if not imported.startswith("muses."):
                continue
            target = _part(imported)
            if target != part and target not in ALLOWED[part]:
                offenders.append(f"{name} imports {imported}")
    assert not offenders, offenders


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_circle_anywhere_in_src() -> None:
    graph = {name: {m for m in _imports(path) if m in MODULES and m != name} for name, path in MODULES.items()}
    assert not _cycles(graph)


def test_the_cycle_finder_finds_a_circle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


@pytest.mark.parametrize("name", scenario_names())
def test_every_scenario_is_complete(name: str) -> None:
    spec = get_scenario(name)
    folder = SRC / "scenarios" / SCENARIO_MODULES[name].rsplit(".", 1)[1]
    assert (folder / "README.md").is_file(), f"{name} has no README.md"
    assert spec.name == name and spec.version
    assert spec.checks, f"{name} declares no metric bounds for `muses check`"
    assert spec.columns, f"{name} declares no results-table column"
    assert {c.metric for c in spec.columns} <= set(spec.metrics)
    assert all(c.description for c in spec.columns), f"{name}: every column says what it measures (the legend)"
    assert "reference" in spec.agents or spec.oracle is not None
    records = spec.generate(split="quick", seed=0)
    assert records and all(r.scenario == name for r in records)
    import muses._registry as registry

    assert name in registry.TASKS, f"task muses/{name} is not registered"


def test_builtin_participants_cover_the_scripted_user() -> None:
    assert "scripted" in all_participants()
