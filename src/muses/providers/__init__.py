"""Inspect model providers of Muses.

- ``muses/<participant>``: built-in participants (reference agents, oracle, baselines, scripted
  users) answering in-process, so the whole benchmark runs offline and deterministically.
- ``muses-http/<model>``: a thin client for OpenAI-compatible servers (vLLM, SGLang, llama.cpp,
  Ollama) with less CPU per call than Inspect's SDK-based providers.
"""

from muses.providers._builtin import MusesParticipants, ParticipantError
from muses.providers._http import MusesHttpAPI

__all__ = ["MusesHttpAPI", "MusesParticipants", "ParticipantError"]
