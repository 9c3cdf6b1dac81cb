from pathlib import Path

import pytest

from shared_data import CORPUS


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """No test may read or write the real data folder or use a real key."""
    monkeypatch.setenv("SLATEBOOK_HOME", str(tmp_path_factory.mktemp("slatebook_home")))
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"the shared screenplay corpus is not at {CORPUS} (set SLATEBOOK_SHARED)")
    return CORPUS
