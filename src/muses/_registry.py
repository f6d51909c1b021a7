"""Inspect entry point (``[project.entry-points.inspect_ai] muses = "muses._registry"``).

Importing this module registers the `muses/<scenario>` tasks (one per registered scenario) and the
`muses/` and `muses-http/` model providers.
"""

from muses.inspect.tasks import TASKS, register_tasks
from muses.providers import MusesHttpAPI, MusesParticipants

__all__ = ["TASKS", "MusesHttpAPI", "MusesParticipants", "register_tasks"]
