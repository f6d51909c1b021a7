"""Built-in participants (reference agents, oracle, baselines, scripted users) as the `muses/` provider."""

from muses.participants._names import agent_names, all_participants, supports

__all__ = ["agent_names", "all_participants", "supports"]
