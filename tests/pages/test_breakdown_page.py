"""The Breakdown page: run the offline engine, read a scene with its highlights, review its elements.

Most tests start from a copy of one data folder in which the sample's first
scenes were broken down offline once (the engine's embedding model loads once
per test session), so each test opens the page on real engine output.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from apptest_kit import catalog, finish_job, go, pick_project, texts
from streamlit.testing.v1 import AppTest

from pipelines.breakdown.approvals import add_element
from pipelines.breakdown.service import run_breakdown
from pipelines.sample import SAMPLE_PROJECT, create_sample_project
from studio.models import ReviewState
from studio.settings import AppSettings, load_settings, save_settings
from studio.store.catalog import ProjectCatalog
from support.claude_kit import SCRIPT

ROOT = Path(__file__).resolve().parents[2]
REVIEWER = "Ana Reyes"


@pytest.fixture(scope="module")
def broken_down(tmp_path_factory) -> Path:
    """A data folder holding the sample with its first three scenes broken down offline."""
    home = tmp_path_factory.mktemp("breakdown_home")
    repo = create_sample_project(ProjectCatalog(home / "projects"))
    scenes = repo.get_script().active_scenes[:3]
    job = run_breakdown(repo, engine="offline", scene_ids=[s.id for s in scenes])
    assert job.status.value == "done", job.error
    return home


def _open(home: Path, monkeypatch, tmp_path, *, reviewer: str = REVIEWER) -> AppTest:
    folder = tmp_path / "home"
    shutil.copytree(home, folder)
    monkeypatch.setenv("SLATEBOOK_HOME", str(folder))
    save_settings(AppSettings(user_name=reviewer))
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return go(at, "breakdown")


@pytest.fixture
def page(broken_down, monkeypatch, tmp_path) -> AppTest:
    return _open(broken_down, monkeypatch, tmp_path)


def _repo():
    return catalog().open(SAMPLE_PROJECT)


def _scene(index=0):
    return _repo().get_script().active_scenes[index]


def _elements(scene_id=None):
    return _repo().list_elements(scene_id or _scene().id)


def _tables(at):
    return {e.key.split(".")[3]: e for e in at.data_editor if e.key and e.key.startswith("breakdown_review.table.")}


def _edit(at, key, row, **cells):
    at.session_state[key] = {"edited_rows": {row: cells}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception, at.exception
    return at


def _no_errors(at):
    assert not at.exception, at.exception
    assert not at.error, texts(at.error)


def test_a_project_without_a_script_points_to_the_script_page(app):
    catalog().create("Blank")
    pick_project(app, "Blank")
    go(app, "breakdown")
    assert any("no screenplay yet" in t for t in texts(app.info))
    links = app.get("page_link")
    assert links and "Script page" in links[0].proto.label
    assert not app.data_editor


def test_the_run_panel_offers_offline_and_says_why_claude_is_off(page):
    radio = page.radio(key="breakdown_run.engine")
    assert radio.value == "offline" and radio.disabled
    assert any("Claude is off: no Anthropic API key is set" in t for t in texts(page.caption))
    assert page.text_input(key="breakdown_run.model").disabled
    assert page.checkbox(key="breakdown_run.batch").disabled and page.checkbox(key="breakdown_run.review").disabled


def test_claude_is_offered_with_a_key_and_the_cost_is_estimated(broken_down, monkeypatch, tmp_path):
    monkeypatch.setenv("ANTHROPIC_API_KEY", "fake-test-key-for-the-page")
    at = _open(broken_down, monkeypatch, tmp_path)
    at.radio(key="breakdown_run.engine").set_value("claude").run()
    _no_errors(at)
    metrics = {m.label: m.value for m in at.metric}
    assert int(metrics["Calls"].replace(",", "")) == len(_repo().get_script().active_scenes)
    assert metrics["Cost (est.)"].startswith("$")
    at.checkbox(key="breakdown_run.review").check().run()
    assert int({m.label: m.value for m in at.metric}["Calls"].replace(",", "")) == 2 * len(_repo().get_script().active_scenes)
    # The key is used, never shown in the page.
    shown = texts(at.markdown) + texts(at.caption) + [str(w.value) for w in at.text_input] + [str(m.help) for m in at.metric]
    assert not any("fake-test-key-for-the-page" in t for t in shown)


def test_run_the_offline_engine_from_the_page(app, tmp_path):
    script = tmp_path / "low_tide.fountain"
    script.write_text(SCRIPT, encoding="utf-8")
    from pipelines.script.service import import_to_project

    import_to_project(catalog(), script.read_bytes(), script.name, "Low Tide")
    save_settings(AppSettings(user_name=REVIEWER))
    pick_project(app, "Low Tide")
    go(app, "breakdown")
    assert any("not broken down" in t for t in texts(app.caption))
    app.button(key="breakdown_run.run").click().run()
    _no_errors(app)
    finish_job(app, "Low Tide", "breakdown", timeout=120)
    _no_errors(app)
    repo = catalog().open("Low Tide")
    assert any(t.startswith("Last run: Broke down 4 scenes") for t in texts(app.caption))
    assert repo.list_elements() and _tables(app)
    assert "cast" in _tables(app)
    assert repo.list_characters(), "the run saves the cast list"


def test_the_scene_text_is_highlighted_with_a_legend(page):
    html = "".join(m.value for m in page.markdown)
    assert "<mark class='bd-mark" in html and "bd-legend" in html
    assert "Cast Members" in html
    assert any(t.startswith(f"Scene {_scene().number}: {len(_elements())} elements") for t in texts(page.caption))


def test_tables_are_grouped_by_category_with_the_engines_findings(page):
    tables = _tables(page)
    stored = _elements()
    assert sum(len(t.value) for t in tables.values()) == len([e for e in stored])
    cast = tables["cast"].value
    assert list(cast.columns) == ["Select", "Element", "Qty", "Review", "Verified", "Evidence", "Category", "Source", "Confidence", "Suggested by / doubt"]
    assert set(cast["Category"]) == {"Cast Members"} and set(cast["Source"]) == {"offline"}
    assert set(cast["Review"]) <= {"to review", "unverified"}


def test_tick_and_accept_one_element(page):
    table = _tables(page)["cast"]
    name = table.value.iloc[0]["Element"]
    _edit(page, table.key, 0, Select=True)
    page.button(key="breakdown_review.accept_selected").click().run()
    _no_errors(page)
    assert "Accepted 1 element(s)." in texts(page.success)
    element = next(e for e in _elements() if e.category == "cast" and e.name == name)
    assert (element.review, element.reviewed_by) == (ReviewState.ACCEPTED, REVIEWER) and element.reviewed_at
    assert _tables(page)["cast"].value.iloc[0]["Review"] == f"accepted by {REVIEWER}"


def test_tick_and_reject(page):
    table = _tables(page)["props"]
    names = list(table.value["Element"][:2])
    page.session_state[table.key] = {"edited_rows": {0: {"Select": True}, 1: {"Select": True}}, "added_rows": [], "deleted_rows": []}
    page.run()
    page.button(key="breakdown_review.reject_selected").click().run()
    _no_errors(page)
    rejected = {e.name for e in _elements() if e.review == ReviewState.REJECTED}
    assert rejected == set(names)


def test_bulk_accept_takes_verified_ones_and_leaves_unverified(page):
    scene = _scene()
    add_element(_repo(), scene.id, category="props", name="harpoon", evidence="a rusty harpoon", reviewer=REVIEWER)
    page.run()
    page.button(key="breakdown_review.bulk.props").click().run()
    _no_errors(page)
    props = [e for e in _elements() if e.category == "props"]
    assert any("1 unverified left to accept one by one" in t for t in texts(page.success))
    assert {e.review for e in props if e.verified} == {ReviewState.ACCEPTED}
    assert [e.name for e in props if e.review == ReviewState.UNVERIFIED] == ["harpoon"]


def test_editing_a_row_rechecks_evidence_and_accepts(page):
    table = _tables(page)["props"]
    old = table.value.iloc[0]["Element"]
    _edit(page, table.key, 0, Element="lobster creels (x6)", Qty=6)
    _no_errors(page)
    element = next(e for e in _elements() if e.name == "lobster creels (x6)")
    assert (element.quantity, element.review, element.reviewed_by, element.category) == (6, ReviewState.ACCEPTED, REVIEWER, "props")
    assert old not in {e.name for e in _elements() if e.category == "props"}
    # Moving it to another category and giving evidence that is not in the scene.
    table = _tables(page)["props"]
    row = list(table.value["Element"]).index("lobster creels (x6)")
    _edit(page, table.key, row, Category="Set Dressing", Evidence="no such words here")
    element = next(e for e in _elements() if e.name == "lobster creels (x6)")
    assert (element.category, element.verified, element.review) == ("set_dressing", False, ReviewState.ACCEPTED)
    assert any("unverified" in t for t in texts(page.success))


def test_add_an_element_with_and_without_evidence(page):
    page.selectbox(key="breakdown_review.add.category").set_value("vehicles")
    page.text_input(key="breakdown_review.add.name").input("bus")
    page.text_input(key="breakdown_review.add.evidence").input("A bus wheezes onto the quay")
    page.button(key="FormSubmitter:breakdown_review.add.form-Add element").click().run()
    _no_errors(page)
    bus = next(e for e in _elements() if e.name == "bus" and e.source == "user")
    assert (bus.category, bus.verified, bus.review, bus.reviewed_by) == ("vehicles", True, ReviewState.ACCEPTED, REVIEWER)
    assert page.text_input(key="breakdown_review.add.name").value == ""

    page.text_input(key="breakdown_review.add.name").input("harpoon")
    page.text_input(key="breakdown_review.add.evidence").input("a rusty harpoon")
    page.button(key="FormSubmitter:breakdown_review.add.form-Add element").click().run()
    _no_errors(page)
    harpoon = next(e for e in _elements() if e.name == "harpoon")
    assert (harpoon.verified, harpoon.review) == (False, ReviewState.UNVERIFIED)
    assert any("unverified" in t for t in texts(page.warning))


def test_a_bad_add_is_explained_and_keeps_what_was_typed(page):
    page.text_input(key="breakdown_review.add.name").input("   ")
    page.text_input(key="breakdown_review.add.evidence").input("A bus wheezes")
    page.button(key="FormSubmitter:breakdown_review.add.form-Add element").click().run()
    assert not page.exception
    assert any("needs a name" in t for t in texts(page.error))
    assert page.text_input(key="breakdown_review.add.evidence").value == "A bus wheezes"


def test_filters(page):
    add_element(_repo(), _scene().id, category="props", name="harpoon", evidence="a rusty harpoon", reviewer=REVIEWER)
    page.run()
    page.toggle(key="breakdown_review.filter.unverified").set_value(True).run()
    _no_errors(page)
    assert list(_tables(page)) == ["props"] and list(_tables(page)["props"].value["Element"]) == ["harpoon"]
    page.toggle(key="breakdown_review.filter.unverified").set_value(False)
    page.multiselect(key="breakdown_review.filter.categories").set_value(["cast", "vehicles"]).run()
    assert set(_tables(page)) == {"cast", "vehicles"}
    page.multiselect(key="breakdown_review.filter.categories").set_value([])
    page.multiselect(key="breakdown_review.filter.states").set_value([ReviewState.ACCEPTED]).run()
    assert not _tables(page) and "No element matches these filters." in texts(page.info)
    page.multiselect(key="breakdown_review.filter.states").set_value([])
    page.toggle(key="breakdown_review.filter.suggestions").set_value(True).run()
    assert not _tables(page)  # the offline engine has no review pass, so no suggestions


def test_another_scene(page):
    page.selectbox(key="breakdown_scenes.scene").set_value(_scene(1).id).run()
    _no_errors(page)
    assert any(t.startswith(f"Scene {_scene(1).number}:") for t in texts(page.caption))
    last = _repo().get_script().active_scenes[-1]
    page.selectbox(key="breakdown_scenes.scene").set_value(last.id).run()
    assert any(t == f"Scene {last.number}: not broken down · 0 of 30 scenes fully reviewed" for t in texts(page.caption))


def test_downloads_make_sheets_and_element_lists(broken_down, monkeypatch, tmp_path):
    from streamlit.runtime.media_file_manager import MediaFileManager

    # The files are made on click (deferred); keep each button's maker to call it here.
    made: dict[str, tuple] = {}
    original = MediaFileManager.add_deferred

    def keep(self, data_callable, mimetype, coordinates, file_name=None, **kw):
        made[file_name] = (data_callable, mimetype)
        return original(self, data_callable, mimetype, coordinates, file_name, **kw)

    monkeypatch.setattr(MediaFileManager, "add_deferred", keep)
    page = _open(broken_down, monkeypatch, tmp_path)
    scene = _scene()
    assert {b.label for b in page.get("download_button")} == {
        "Breakdown sheets (PDF)",
        f"Sheet for scene {scene.number} (PDF)",
        "Elements (CSV)",
        "Elements (XLSX)",
    }
    slug = "night-ferry-sample"
    assert set(made) == {
        f"{slug}-breakdown-sheets.pdf",
        f"{slug}-breakdown-sheets-scene-{scene.number}.pdf",
        f"{slug}-breakdown-elements.csv",
        f"{slug}-breakdown-elements.xlsx",
    }
    import pypdfium2

    all_sheets = made[f"{slug}-breakdown-sheets.pdf"][0]()
    assert len(pypdfium2.PdfDocument(all_sheets)) == len(_repo().get_script().active_scenes)
    one = pypdfium2.PdfDocument(made[f"{slug}-breakdown-sheets-scene-{scene.number}.pdf"][0]())
    assert len(one) == 1 and "not yet approved" not in one[0].get_textpage().get_text_range()
    csv_rows = made[f"{slug}-breakdown-elements.csv"][0]().decode("utf-8-sig").splitlines()
    assert len(csv_rows) == 1 + len(_repo().list_elements())
    assert made[f"{slug}-breakdown-elements.xlsx"][0]()[:2] == b"PK"

    # A draft sheet lists pending elements, marked, under its own file name.
    made.clear()
    page.toggle(key="breakdown_downloads.include_pending").set_value(True).run()
    _no_errors(page)
    draft = pypdfium2.PdfDocument(made[f"{slug}-breakdown-sheets-draft-scene-{scene.number}.pdf"][0]())
    assert "not yet approved" in draft[0].get_textpage().get_text_range()


def test_the_reviewer_is_asked_for_when_settings_have_no_name(broken_down, monkeypatch, tmp_path):
    at = _open(broken_down, monkeypatch, tmp_path, reviewer="")
    table = _tables(at)["cast"]
    _edit(at, table.key, 0, Select=True)
    at.button(key="breakdown_review.accept_selected").click().run()
    assert any("reviewer's name" in t for t in texts(at.error))
    assert {e.review for e in _elements() if e.category == "cast"} <= {ReviewState.PROPOSED, ReviewState.UNVERIFIED}
    at.text_input(key="breakdown_review.reviewer").input("Ben Ode")
    at.button(key="FormSubmitter:breakdown_review.reviewer.form-Save name").click().run()
    _no_errors(at)
    assert load_settings().user_name == "Ben Ode"
    assert any("Reviewing as **Ben Ode**" in t for t in texts(at.caption))


def test_categories_rename_hide_and_add(page):
    key = next(e.key for e in page.data_editor if e.key.startswith("breakdown_categories.table."))
    rows = list(page.data_editor(key=key).value["Category"])
    props, camera = rows.index("Props"), rows.index("Camera")
    page.session_state[key] = {"edited_rows": {props: {"Category": "Hand Props"}, camera: {"Hidden": True}}, "added_rows": [], "deleted_rows": []}
    page.run()
    _no_errors(page)
    settings = _repo().get_project().settings
    by_key = {c.key: c for c in settings.categories}
    assert by_key["props"].name == "Hand Props" and by_key["camera"].hidden
    assert "Hand Props" in "".join(m.value for m in page.markdown)
    page.text_input(key="breakdown_categories.add.name").input("Marine Unit")
    page.button(key="FormSubmitter:breakdown_categories.add.form-Add category").click().run()
    _no_errors(page)
    assert "marine_unit" in {c.key for c in _repo().get_project().settings.categories}
    page.text_input(key="breakdown_categories.add.name").input("hand props")
    page.button(key="FormSubmitter:breakdown_categories.add.form-Add category").click().run()
    assert any("called" in t for t in texts(page.error))


def test_cast_list_rates_and_alias_merges(page):
    repo = _repo()
    cast = repo.list_characters()
    assert cast and [c.id_number for c in cast] == list(range(1, len(cast) + 1))
    key = next(e.key for e in page.data_editor if e.key.startswith("breakdown_cast.table."))
    table = page.data_editor(key=key).value
    assert list(table["#"]) == [c.id_number for c in cast]
    page.session_state[key] = {"edited_rows": {0: {"Daily rate": 950.0}}, "added_rows": [], "deleted_rows": []}
    page.run()
    _no_errors(page)
    assert _repo().list_characters()[0].daily_rate == 950.0
    extras = next(d.value for d in page.dataframe if "Background" in d.value.columns)
    townsfolk = extras[extras["Background"].str.casefold() == "townsfolk"].iloc[0]
    assert (townsfolk["Scene numbers"], townsfolk["Most in a scene"]) == ("1", 12)


ALIASES = b"""INT. LAB - DAY

DR. ANA REYES checks the tank.

DR. ANA REYES
Ready?

INT. HALL - NIGHT

ANA
Ben?
"""


def test_an_alias_suggestion_is_merged_on_confirmation(app):
    from pipelines.script.service import import_to_project

    import_to_project(catalog(), ALIASES, "lab.fountain", "Lab")
    pick_project(app, "Lab")
    go(app, "breakdown")
    assert "**ANA** may be **DR. ANA REYES**" in texts(app.markdown)
    assert catalog().open("Lab").list_characters() == []  # a suggestion changes nothing by itself
    app.button(key="breakdown_cast.merge.0").click().run()
    _no_errors(app)
    cast = catalog().open("Lab").list_characters()
    assert [(c.id_number, c.name, c.aliases, len(c.scene_ids)) for c in cast] == [(1, "DR. ANA REYES", ["ANA"], 2)]
    assert "Merged ANA into DR. ANA REYES." in texts(app.success)
