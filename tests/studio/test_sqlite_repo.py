import sqlite3

import pytest

from studio.errors import StoreProblem
from studio.models import Element, Frame, Job, Project, Scene, Shot
from studio.store import sqlite_repo
from studio.store.sqlite_repo import SQLiteProjectRepository

from store_builders import make_script, populated_data


@pytest.fixture
def repo(tmp_path):
    store = SQLiteProjectRepository(tmp_path / "p")
    store.save_project(Project(name="P"))
    return store


def raw(repo):
    return sqlite3.connect(repo.db_path)


def test_wal_foreign_keys_and_busy_timeout(repo):
    assert raw(repo).execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with repo._connect() as con:
        assert con.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert con.execute("PRAGMA busy_timeout").fetchone()[0] == sqlite_repo.BUSY_TIMEOUT_MS


def test_rows_have_key_columns_and_a_json_payload(repo):
    script = make_script(2)
    repo.save_script(script)
    rows = raw(repo).execute("SELECT id, script_id, ordinal, json_extract(data, '$.number') FROM scenes ORDER BY ordinal").fetchall()
    assert rows == [(s.id, script.id, s.ordinal, s.number) for s in script.scenes]


def test_deleting_a_scene_row_cascades_to_its_work(repo):
    script = make_script(2)
    repo.save_script(script)
    s1, s2 = script.scenes
    shot = Shot(scene_id=s1.id, index=1)
    repo.save_elements([Element(scene_id=s1.id, category="props", name="cup"), Element(scene_id=s2.id, category="props", name="gun")])
    repo.save_shots([shot])
    repo.save_frames([Frame(shot_id=shot.id, file="a" * 64, width=1, height=1, backend="sketch")])
    con = raw(repo)
    con.execute("PRAGMA foreign_keys=ON")
    con.execute("DELETE FROM scenes WHERE id = ?", (s1.id,))
    con.commit()
    assert [e.name for e in repo.list_elements()] == ["gun"]
    assert repo.list_shots() == [] and repo.list_frames() == []


def test_the_database_refuses_orphans_even_without_the_code(repo):
    con = raw(repo)
    con.execute("PRAGMA foreign_keys=ON")
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("INSERT INTO elements (id, scene_id, data) VALUES ('e', 'missing', '{}')")


def test_a_save_script_that_fails_midway_leaves_the_previous_draft(repo, monkeypatch):
    first = make_script(3)
    repo.save_script(first)
    before = repo.export_data()
    calls = {"n": 0}
    real = sqlite_repo._upsert_scene

    def fail_on_third(con, scene, script_id):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("disk unplugged")
        real(con, scene, script_id)

    monkeypatch.setattr(sqlite_repo, "_upsert_scene", fail_on_third)
    second = make_script(4).model_copy(update={"revision": 2})  # new scenes: the old ones would be deleted
    with pytest.raises(RuntimeError):
        repo.save_script(second)
    assert calls["n"] == 3
    assert repo.export_data() == before


def test_a_replace_that_fails_midway_leaves_everything(repo, monkeypatch):
    repo.save_script(make_script(2))
    before = repo.export_data()

    def boom(con, job):
        raise RuntimeError("killed")

    monkeypatch.setattr(sqlite_repo, "_upsert_job", boom)
    with pytest.raises(RuntimeError):
        repo.replace_data(populated_data())
    assert repo.export_data() == before


def test_data_persists_across_instances(repo):
    script = make_script(2)
    repo.save_script(script)
    again = SQLiteProjectRepository(repo.folder)
    assert again.get_script() == repo.get_script()
    assert again.get_project() == repo.get_project()


def test_a_folder_without_a_project_says_so(tmp_path):
    store = SQLiteProjectRepository(tmp_path / "empty")
    with pytest.raises(StoreProblem, match="holds no project"):
        store.get_project()
    with pytest.raises(StoreProblem, match="holds no project"):
        store.save_job(Job(kind="x"))


def test_a_file_that_is_not_a_database_is_a_store_problem(tmp_path):
    folder = tmp_path / "junk"
    folder.mkdir()
    (folder / "project.sqlite").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreProblem) as err:
        SQLiteProjectRepository(folder)
    assert "damaged" in err.value.problem and err.value.hint


def test_scene_count_leaves_out_omitted_scenes(repo):
    script = make_script(3)
    script.scenes[1].omitted = True
    repo.save_script(script)
    assert repo.scene_count() == 2


def test_save_scene_keeps_ordinal_column_in_step(repo):
    script = make_script(2)
    repo.save_script(script)
    moved: Scene = script.scenes[1].model_copy(update={"ordinal": -5})
    repo.save_scene(moved)
    assert raw(repo).execute("SELECT ordinal FROM scenes WHERE id = ?", (moved.id,)).fetchone()[0] == -5


def test_a_store_busy_past_the_timeout_is_a_store_problem(repo, monkeypatch):
    monkeypatch.setattr(sqlite_repo, "BUSY_TIMEOUT_MS", 50)
    holder = sqlite3.connect(repo.db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreProblem, match="busy"):
            repo.save_project(Project(name="Q"))
    finally:
        holder.execute("ROLLBACK")
    assert repo.get_project().name == "P"
