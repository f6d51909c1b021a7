"""Inspect entry point (``[project.entry-points.inspect_ai] muses = "muses._registry"``).

Importing this module registers the `muses/<scenario>` tasks and the `muses/` model provider.
"""

from muses.inspect._http_provider import MusesHttpAPI
from muses.inspect.tasks import access_control, execution, meeting, queue, selection
from muses.participants._provider import MusesParticipants

__all__ = ["MusesHttpAPI", "MusesParticipants", "access_control", "execution", "meeting", "queue", "selection"]
