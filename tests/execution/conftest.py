"""Execution tests share one private NLTK data folder per module, never the user's cache."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True, scope="module")
def _private_nltk_data(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Materialise punkt_tab into a test-owned dir instead of the user's cache."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MUSES_NLTK_DATA", str(tmp_path_factory.mktemp("nltk_data")))
        yield
