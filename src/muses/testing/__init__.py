"""Test and benchmark helpers (OpenAI-compatible stub server)."""
