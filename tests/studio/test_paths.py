from pathlib import Path

import platformdirs
import pytest

from studio.errors import StoreProblem
from studio.paths import data_home


def test_slatebook_home_wins_and_is_created(tmp_path, monkeypatch):
    home = tmp_path / "a" / "b"
    monkeypatch.setenv("SLATEBOOK_HOME", str(home))
    assert data_home() == home and home.is_dir()


def test_without_the_variable_the_user_data_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("SLATEBOOK_HOME", raising=False)
    calls = []

    def fake_user_data_dir(appname, appauthor=None):
        calls.append(appname)
        return str(tmp_path / "user-data" / appname)

    monkeypatch.setattr(platformdirs, "user_data_dir", fake_user_data_dir)
    assert data_home() == tmp_path / "user-data" / "slatebook"
    assert calls == ["slatebook"] and data_home().is_dir()


def test_a_folder_that_cannot_be_made_is_a_store_problem(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("SLATEBOOK_HOME", str(blocker / "home"))
    with pytest.raises(StoreProblem) as err:
        data_home()
    assert "SLATEBOOK_HOME" in err.value.hint


def test_tilde_is_expanded(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("SLATEBOOK_HOME", "~/sb")
    assert data_home() == Path(tmp_path) / "sb"
