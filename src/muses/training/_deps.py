"""The optional training stack (`muses[train]`), imported lazily with one clear error.

Datagen needs only Inspect; export needs ``datasets``; training needs torch, transformers, peft,
trl and accelerate. Importing them at module import time would make `muses --help` slow and
break every command on a machine without the extra, so each entry point calls ``require``.
"""

from __future__ import annotations

import importlib
from types import ModuleType

INSTALL_HINT = "pip install 'muses[train]'  (pin torch in the same command, e.g. pip install torch==2.13.0 'muses[train]')"


class MissingTrainingDependency(ImportError):
    """A package of the `muses[train]` extra is not installed."""


def require(*modules: str) -> list[ModuleType]:
    """Import the named modules or raise MissingTrainingDependency naming them and the fix."""
    loaded: list[ModuleType] = []
    missing: list[str] = []
    for name in modules:
        try:
            loaded.append(importlib.import_module(name))
        except ImportError:
            missing.append(name)
    if missing:
        raise MissingTrainingDependency(f"{', '.join(missing)} not installed; the training pipeline needs: {INSTALL_HINT}")
    return loaded
