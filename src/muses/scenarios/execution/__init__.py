"""Instruction execution scenario: users give verifiable constraints on one shared deliverable."""
