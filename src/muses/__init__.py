"""Muses: a framework and benchmark for multi-user LLM agents, built on Inspect AI."""

__version__ = "0.1.0"
