import json
import os
import zipfile

import pytest

from studio.errors import ProjectNotFound, StoreProblem
from studio.models import Job
from studio.paths import data_home
from studio.store.catalog import ProjectCatalog
from studio.store.sqlite_repo import SQLiteProjectRepository

from store_builders import make_script


@pytest.fixture
def catalog(tmp_path):
    return ProjectCatalog(tmp_path / "projects")


def test_default_home_is_under_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("SLATEBOOK_HOME", str(tmp_path / "home"))
    assert ProjectCatalog().home == data_home() / "projects" == tmp_path / "home" / "projects"


def test_create_open_and_list(catalog):
    repo = catalog.create("  Night   Ferry ")
    assert isinstance(repo, SQLiteProjectRepository)
    assert repo.get_project().name == "Night Ferry"
    assert repo.folder == catalog.home / "night-ferry"
    repo.save_script(make_script(3))
    [summary] = catalog.list_projects()
    assert (summary.name, summary.slug, summary.folder, summary.scene_count) == ("Night Ferry", "night-ferry", repo.folder, 3)
    assert summary.updated_at == repo.get_project().updated_at
    for key in ("Night Ferry", "night ferry", "night-ferry"):
        assert catalog.open(key).folder == repo.folder
        assert catalog.exists(key)
    assert not catalog.exists("Day Ferry")


def test_names_are_unique_but_slugs_need_not_be(catalog):
    catalog.create("Night Ferry")
    with pytest.raises(StoreProblem, match="already"):
        catalog.create("NIGHT ferry")
    other = catalog.create("Night-Ferry!")
    assert other.folder.name == "night-ferry-2"
    assert {p.name for p in catalog.list_projects()} == {"Night Ferry", "Night-Ferry!"}


@pytest.mark.parametrize("bad", ["", "   ", "x" * 101, "tab\x00null"])
def test_bad_names_are_refused(catalog, bad):
    with pytest.raises(StoreProblem):
        catalog.create(bad)
    assert catalog.list_projects() == []


def test_names_without_latin_letters_still_get_a_folder(catalog):
    assert catalog.create("夜の船").folder.name == "project"
    assert catalog.create("Ça Ira").folder.name == "ca-ira"
    assert catalog.create("CON").folder.name == "con-project"


def test_open_unknown_names_the_projects_there(catalog):
    with pytest.raises(ProjectNotFound) as err:
        catalog.open("Nope")
    assert "no projects yet" in err.value.hint
    catalog.create("Alpha")
    catalog.create("Beta")
    with pytest.raises(ProjectNotFound) as err:
        catalog.open("Gamma")
    assert "Gamma" in err.value.problem and "Alpha, Beta" in err.value.hint


def test_rename_keeps_the_folder_and_checks_the_name(catalog):
    repo = catalog.create("Alpha")
    catalog.create("Beta")
    with pytest.raises(StoreProblem):
        catalog.rename("Alpha", "beta")
    renamed = catalog.rename("Alpha", "Gamma")
    assert renamed.folder == repo.folder and repo.get_project().name == "Gamma"
    assert catalog.exists("Gamma") and not catalog.exists("Alpha")
    catalog.rename("Gamma", "GAMMA")  # its own name in another case is fine
    with pytest.raises(ProjectNotFound):
        catalog.rename("Alpha", "Delta")


def test_delete_moves_to_the_trash(catalog):
    repo = catalog.create("Alpha")
    repo.save_script(make_script(1))
    where = catalog.delete("Alpha")
    assert not catalog.exists("Alpha") and catalog.list_projects() == []
    assert where.parent == catalog.trash and (where / "project.sqlite").is_file()
    assert SQLiteProjectRepository(where).get_script() is not None  # nothing destroyed
    catalog.create("Alpha")  # the name is free again
    with pytest.raises(ProjectNotFound):
        catalog.delete("Nope")


def test_a_damaged_project_is_listed_with_its_problem(catalog):
    catalog.create("Good")
    broken = catalog.home / "broken"
    broken.mkdir()
    (broken / "project.sqlite").write_bytes(b"garbage" * 50)
    (catalog.home / "not-a-project").mkdir()  # no database: not listed
    projects = {p.slug: p for p in catalog.list_projects()}
    assert set(projects) == {"good", "broken"}
    assert projects["broken"].problem and not projects["good"].problem
    with pytest.raises(StoreProblem, match="damaged"):
        catalog.open("broken")


def test_a_failed_create_leaves_nothing_behind(catalog, monkeypatch):
    def no_rename(src, dst):
        raise OSError(13, "Permission denied")

    monkeypatch.setattr(os, "rename", no_rename)
    with pytest.raises(StoreProblem):
        catalog.create("Alpha")
    monkeypatch.undo()
    assert [p.name for p in catalog.home.iterdir()] == []


def test_catalogs_on_the_same_folder_agree(catalog):
    catalog.create("Alpha")
    assert ProjectCatalog(catalog.home).exists("Alpha")


def test_a_slug_never_opens_a_project_named_like_it(catalog, tmp_path):
    catalog.create("Gamma")
    second = catalog.create("Gamma!")  # folder gamma-2
    catalog.create("gamma-2")  # a name that is also the other's folder name
    out = catalog.export_bundle("Gamma!", tmp_path)
    assert out.name == "gamma-2.slatebook"
    assert json.loads(zipfile.ZipFile(out).read("project.json"))["project"]["id"] == second.get_project().id


def test_a_repository_held_after_delete_does_not_bring_the_folder_back(catalog):
    repo = catalog.create("Alpha")
    catalog.delete("Alpha")
    with pytest.raises(StoreProblem):
        repo.put_file(b"late frame", ".png")
    with pytest.raises(StoreProblem):
        repo.save_job(Job(kind="late"))
    assert not repo.folder.exists()
