"""Shared test setup: offline, quiet Inspect; the paper's data when ../shared is present."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("INSPECT_DISPLAY", "none")
os.environ.setdefault("INSPECT_TRACE_LEVEL", "warning")
os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")

PAPER_DATA = Path(__file__).resolve().parents[2] / "shared" / "paper-data"


@pytest.fixture
def paper_data() -> Path:
    """The paper's published JSONL sets; the test is skipped when ../shared is absent."""
    if not PAPER_DATA.is_dir():
        pytest.skip("../shared/paper-data is not available")
    return PAPER_DATA
