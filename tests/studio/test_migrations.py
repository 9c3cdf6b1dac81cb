import sqlite3

import pytest

from studio.errors import StoreProblem
from studio.models import Element, Project
from studio.store import migrations
from studio.store.sqlite_repo import SQLiteProjectRepository

from store_builders import make_script


def version(folder):
    return sqlite3.connect(folder / "project.sqlite").execute("PRAGMA user_version").fetchone()[0]


@pytest.fixture
def v1_project(tmp_path):
    """A project written by the schema as it is today (version 1), with some work in it."""
    repo = SQLiteProjectRepository(tmp_path / "p")
    repo.save_project(Project(name="Old"))
    script = make_script(2)
    repo.save_script(script)
    repo.save_elements([Element(scene_id=script.scenes[0].id, category="props", name="kettle")])
    assert version(repo.folder) == 1
    return repo


def test_a_new_database_is_at_the_code_version(tmp_path):
    repo = SQLiteProjectRepository(tmp_path / "p")
    assert version(repo.folder) == len(migrations.MIGRATIONS) == 1


def test_opening_an_older_database_migrates_it_and_keeps_the_data(v1_project, monkeypatch):
    before = v1_project.export_data()

    def v2_scene_colour(con):
        con.execute("ALTER TABLE scenes ADD COLUMN strip_colour TEXT")
        con.execute("UPDATE scenes SET strip_colour = 'white'")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, v2_scene_colour])
    repo = SQLiteProjectRepository(v1_project.folder)
    assert version(repo.folder) == 2
    assert repo.export_data() == before
    colours = sqlite3.connect(repo.db_path).execute("SELECT DISTINCT strip_colour FROM scenes").fetchall()
    assert colours == [("white",)]
    SQLiteProjectRepository(repo.folder)  # already current: nothing runs twice
    assert version(repo.folder) == 2


def test_a_migration_that_fails_leaves_the_old_database(v1_project, monkeypatch):
    before = v1_project.export_data()

    def v2_breaks_halfway(con):
        con.execute("ALTER TABLE scenes ADD COLUMN strip_colour TEXT")
        con.execute("DELETE FROM elements")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, v2_breaks_halfway])
    with pytest.raises(StoreProblem):
        SQLiteProjectRepository(v1_project.folder)
    monkeypatch.undo()
    assert version(v1_project.folder) == 1
    columns = [r[1] for r in sqlite3.connect(v1_project.db_path).execute("PRAGMA table_info(scenes)")]
    assert "strip_colour" not in columns
    assert SQLiteProjectRepository(v1_project.folder).export_data() == before


def test_a_migration_that_breaks_links_is_refused(v1_project, monkeypatch):
    def v2_orphans_elements(con):
        con.execute("UPDATE elements SET scene_id = 'gone'")  # foreign keys are off while migrating

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, v2_orphans_elements])
    with pytest.raises(StoreProblem, match="break links"):
        SQLiteProjectRepository(v1_project.folder)
    assert version(v1_project.folder) == 1


def test_a_database_from_a_newer_slatebook_is_refused(v1_project):
    con = sqlite3.connect(v1_project.db_path)
    con.execute("PRAGMA user_version = 99")
    con.close()
    with pytest.raises(StoreProblem) as err:
        SQLiteProjectRepository(v1_project.folder)
    assert "newer Slatebook" in err.value.problem and "Update" in err.value.hint
    assert version(v1_project.folder) == 99
