"""AppTest fixtures: the whole app, started on an empty data folder of its own."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv("SLATEBOOK_HOME", str(folder))
    return folder


@pytest.fixture
def app(home) -> AppTest:
    """The app after its first run: the sample project open on the Script page."""
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=30)
    at.run()
    assert not at.exception, at.exception
    return at
