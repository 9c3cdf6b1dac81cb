"""The app shell: first start, navigation, the project picker, a light start-up."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from apptest_kit import TWO_ROOMS, catalog, go, pick_project, texts

from pipelines.sample import SAMPLE_PROJECT
from pipelines.script.service import import_script

ROOT = Path(__file__).resolve().parents[2]


def test_first_start_opens_the_sample_on_the_script_page(app):
    assert [p.name for p in catalog().list_projects()] == [SAMPLE_PROJECT]
    picker = app.sidebar.selectbox(key="state.project_picker")
    assert picker.value == SAMPLE_PROJECT and picker.options == [SAMPLE_PROJECT]
    assert app.title[0].value == "Script"
    assert len(app.data_editor) == 1


def test_a_second_run_keeps_the_shell(app):
    app.run()
    assert app.sidebar.selectbox(key="state.project_picker").value == SAMPLE_PROJECT
    assert app.title[0].value == "Script"


def test_every_page_opens(app):
    for page, title in (("projects", "Projects"), ("settings", "Settings"), ("script", "Script")):
        go(app, page)
        assert app.title[0].value == title
        assert app.sidebar.selectbox(key="state.project_picker").value == SAMPLE_PROJECT


def test_steps_that_need_scenes_point_a_blank_project_to_the_script_page(app):
    catalog().create("Blank")
    pick_project(app, "Blank")
    for page in ("breakdown", "moodboard", "storyboard", "schedule"):
        go(app, page)
        assert not app.exception, (page, app.exception)
        assert any("has no screenplay yet" in t for t in texts(app.info)), page
        links = app.get("page_link")
        assert links and "Script page" in links[0].proto.label, page


def test_the_picker_switches_project_and_remembers_it(app):
    import_script(catalog().create("Two Rooms"), TWO_ROOMS, "two_rooms.fountain")
    pick_project(app, "Two Rooms")
    assert app.subheader[0].value == "Two Rooms"
    assert len(app.data_editor[0].value) == 2
    go(app, "settings")
    go(app, "script")
    assert app.sidebar.selectbox(key="state.project_picker").value == "Two Rooms"
    assert len(app.data_editor[0].value) == 2


def test_a_project_deleted_elsewhere_falls_back_without_a_traceback(app):
    import_script(catalog().create("Two Rooms"), TWO_ROOMS, "two_rooms.fountain")
    pick_project(app, "Two Rooms")
    catalog().delete("Two Rooms")
    app.run()
    assert not app.exception
    assert app.sidebar.selectbox(key="state.project_picker").value == SAMPLE_PROJECT


def test_an_unusable_data_folder_is_explained(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("SLATEBOOK_HOME", str(blocker / "home"))
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=30).run()
    assert not at.exception
    assert any("data folder" in t for t in texts(at.error))
    assert any("SLATEBOOK_HOME" in t for t in texts(at.info))


HEAVY = ("torch", "diffusers", "transformers", "pdfplumber", "pypdf", "pypdfium2", "ortools", "anthropic", "reportlab")

_PROBE = """
import json, sys
from streamlit.testing.v1 import AppTest
at = AppTest.from_file(sys.argv[1], default_timeout=60).run()
assert not at.exception, at.exception
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in sys.argv[2:])))
"""


def test_start_up_does_not_load_heavy_libraries(home):
    # A fresh interpreter: this test process may have loaded them for other tests.
    # The first start imports the sample, so the Fountain reader may load; PDF,
    # model and solver libraries must wait until a page needs them.
    out = subprocess.run(
        [sys.executable, "-c", _PROBE, str(ROOT / "streamlit_app.py"), *HEAVY],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []
