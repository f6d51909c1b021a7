"""The privacy package is pure and reusable: it imports muses.protocol at most, and its API is curated.

Why: the ledger is shared by access control and privacy-aware summarization (issue 17); a
scenario import inside it would tie every user of the ledger to one scenario.
"""

from __future__ import annotations

import ast
from pathlib import Path

import muses.privacy

PACKAGE = Path(muses.privacy.__file__).parent
ALLOWED_MUSES = ("muses.privacy", "muses.protocol")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_privacy_imports_nothing_but_the_protocol_from_muses() -> None:
    offenders = [
        f"{path.name} imports {name}"
        for path in PACKAGE.glob("*.py")
        for name in _imports(path)
        if (name == "muses" or name.startswith("muses.")) and not name.startswith(ALLOWED_MUSES)
        or name.startswith("inspect_ai")
    ]
    assert not offenders, offenders


def test_the_protocol_does_not_import_privacy() -> None:
    protocol = PACKAGE.parent / "protocol"
    assert not [p.name for p in protocol.glob("*.py") if any(n.startswith("muses.privacy") for n in _imports(p))]


def test_public_names_resolve_and_implementation_modules_are_private() -> None:
    for name in muses.privacy.__all__:
        assert getattr(muses.privacy, name) is not None, name
    assert all(p.name.startswith("_") for p in PACKAGE.glob("*.py"))
