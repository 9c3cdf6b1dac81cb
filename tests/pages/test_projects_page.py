"""The Projects page: list, create, open, rename, delete, export and import bundles."""

from __future__ import annotations

import pytest
from apptest_kit import TWO_ROOMS, catalog, go, texts

from pipelines.sample import SAMPLE_PROJECT
from pipelines.script.service import import_script


@pytest.fixture
def projects(app):
    return go(app, "projects")


def _listed(at):
    return at.dataframe[0].value


def _picker(at):
    return at.sidebar.selectbox(key="state.project_picker").value


def _create(at, name, upload=None):
    at.text_input(key="projects.new_name_field").input(name)
    if upload:
        at.file_uploader(key="projects.new_script").upload(*upload)
    at.button(key="FormSubmitter:projects.new-Create project").click().run()
    assert not at.exception, at.exception
    return at


def test_lists_projects_with_scene_counts(projects):
    table = _listed(projects)
    assert table["Project"].tolist() == [SAMPLE_PROJECT]
    scenes = len(catalog().open(SAMPLE_PROJECT).get_script().active_scenes)
    assert table["Scenes"].tolist() == [scenes]
    assert "Last updated" in table.columns


def test_create_a_project_opens_it_on_the_script_page(projects):
    _create(projects, "Harbour Lights")
    assert catalog().exists("Harbour Lights")
    assert _picker(projects) == "Harbour Lights"
    assert projects.title[0].value == "Script"
    assert any("Created Harbour Lights" in t for t in texts(projects.success))


def test_create_with_a_screenplay_names_it_from_the_title(projects):
    _create(projects, "", upload=("two_rooms.fountain", TWO_ROOMS, "text/plain"))
    assert _picker(projects) == "Two Rooms"
    assert len(catalog().open("Two Rooms").get_script().scenes) == 2
    assert len(projects.data_editor[0].value) == 2


def test_create_with_a_bad_screenplay_leaves_no_project(projects):
    _create(projects, "Broken", upload=("empty.fountain", b"", "text/plain"))
    assert projects.error and projects.info
    assert not catalog().exists("Broken")
    assert projects.title[0].value == "Projects"


def test_create_refuses_a_taken_name_and_no_name(projects):
    _create(projects, SAMPLE_PROJECT.upper())
    assert any("already a project" in t for t in texts(projects.error))
    _create(projects, "")
    assert any("needs a name" in t for t in texts(projects.error))
    assert [p.name for p in catalog().list_projects()] == [SAMPLE_PROJECT]


def test_open_switches_the_project(projects):
    import_script(catalog().create("Two Rooms"), TWO_ROOMS, "two_rooms.fountain")
    projects.run()
    projects.selectbox(key="projects.chosen").set_value("Two Rooms").run()
    projects.button(key="projects.open").click().run()
    assert projects.title[0].value == "Script"
    assert _picker(projects) == "Two Rooms"


def test_rename_keeps_the_project_open_under_its_new_name(projects):
    projects.text_input(key="projects.rename_to").input("Night Ferry").run()
    projects.button(key="projects.rename").click().run()
    assert not projects.exception
    assert _listed(projects)["Project"].tolist() == ["Night Ferry"]
    assert _picker(projects) == "Night Ferry"
    assert any("Renamed" in t for t in texts(projects.success))


def test_delete_asks_first_and_moves_to_the_trash(projects, home):
    catalog().create("Scratch")
    projects.run()
    projects.selectbox(key="projects.chosen").set_value("Scratch").run()
    assert projects.button(key="projects.delete").disabled
    projects.checkbox(key="projects.delete_sure").check().run()
    projects.button(key="projects.delete").click().run()
    assert not projects.exception
    assert not catalog().exists("Scratch")
    assert any(p.name.startswith("scratch") for p in catalog().trash.iterdir())
    assert "Scratch" not in _listed(projects)["Project"].tolist()


def test_deleting_the_open_project_falls_back(projects):
    import_script(catalog().create("Two Rooms"), TWO_ROOMS, "two_rooms.fountain")
    projects.run()
    projects.selectbox(key="projects.chosen").set_value("Two Rooms").run()
    projects.button(key="projects.open").click().run()
    go(projects, "projects")
    projects.checkbox(key="projects.delete_sure").check().run()
    projects.button(key="projects.delete").click().run()
    assert not projects.exception
    assert _picker(projects) == SAMPLE_PROJECT


def _export(at) -> bytes:
    at.button(key="projects.prepare_bundle").click().run()
    assert not at.exception
    download = at.get("download_button")[0]
    assert download.label.endswith(".slatebook")
    return at.session_state[f"projects.bundle.{at.selectbox(key='projects.chosen').value}"]


def test_export_then_import_a_bundle(projects):
    data = _export(projects)
    assert data[:2] == b"PK"  # a zip
    projects.file_uploader(key="projects.bundle_upload").upload("night.slatebook", data, "application/zip").run()
    projects.text_input(key="projects.bundle_name").input("Night Ferry copy").run()
    projects.button(key="projects.import_bundle").click().run()
    assert not projects.exception
    assert _picker(projects) == "Night Ferry copy"
    original = catalog().open(SAMPLE_PROJECT).get_script()
    copy = catalog().open("Night Ferry copy").get_script()
    assert [s.heading for s in copy.scenes] == [s.heading for s in original.scenes]


def test_a_bad_bundle_shows_the_stores_message(projects):
    projects.file_uploader(key="projects.bundle_upload").upload("junk.slatebook", b"not a zip", "application/zip").run()
    projects.button(key="projects.import_bundle").click().run()
    assert not projects.exception
    assert projects.error and projects.info
    assert [p.name for p in catalog().list_projects()] == [SAMPLE_PROJECT]


def test_a_damaged_project_is_listed_with_its_problem_and_opens_as_an_error(projects):
    from studio.store.sqlite_repo import DB_FILE

    catalog().create("Damaged")
    folder = next(p.folder for p in catalog().list_projects() if p.name == "Damaged")
    (folder / DB_FILE).write_bytes(b"this is not a database" * 100)
    projects.run()
    table = _listed(projects)
    assert "Problem" in table.columns
    assert table.set_index("Project").loc["damaged", "Problem"]
    projects.sidebar.selectbox(key="state.project_picker").set_value("damaged").run()
    go(projects, "script")
    assert not projects.exception
    assert projects.error
