"""The Script page: the sample's scene table, imports, revisions, edits and bad files."""

from __future__ import annotations

from apptest_kit import TWO_ROOMS, TWO_ROOMS_REVISED, catalog, pick_project, texts

from pipelines.sample import SAMPLE_PROJECT
from pipelines.script.service import update_scene
from studio.models import format_eighths


def _new_project(at, name="Two Rooms"):
    catalog().create(name)
    return pick_project(at, name)


def _import_from_folder(at, folder, filename):
    at.text_input(key="script_import.folder").input(str(folder)).run()
    at.selectbox(key="script_import.file").set_value(filename).run()
    at.button(key="script_import.file.go").click().run()
    assert not at.exception, at.exception
    return at


def _table(at):
    return at.data_editor[0].value


def test_first_start_shows_the_samples_scene_table(app):
    script = catalog().open(SAMPLE_PROJECT).get_script()
    table = _table(app)
    assert list(table.columns[:9]) == ["Strip", "Scene", "Heading", "I/E", "Set", "D/N", "Time", "Pages", "Cast"]
    assert len(table) == len(script.scenes) > 0
    first, scene = table.iloc[0], script.scenes[0]
    assert (first["Scene"], first["Heading"], first["I/E"], first["Set"], first["D/N"], first["Time"], first["Pages"]) == (
        scene.number,
        scene.heading,
        scene.int_ext.value,
        scene.location,
        scene.day_night,
        scene.time,
        scene.length,
    )
    assert first["Cast"] == ", ".join(scene.characters)
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Scenes"] == str(len(script.active_scenes))
    assert metrics["Script pages"] == f"{script.page_count:.1f}"
    assert metrics["Scene lengths"] == f"{format_eighths(script.total_eighths)} pages"
    assert app.subheader[0].value == script.title


def test_strips_follow_the_stripboard_convention(app):
    for strip, ie, dn in _table(app)[["Strip", "I/E", "D/N"]].itertuples(index=False):
        assert strip == f"{'INT' if ie == 'INT' else 'EXT'}-{dn}"
    kinds = set(_table(app)["Strip"])
    assert {"INT-DAY", "EXT-DAY", "INT-NIGHT", "EXT-NIGHT"} <= kinds


def test_new_project_invites_an_import(app):
    _new_project(app)
    assert not app.data_editor
    assert any("no screenplay yet" in t for t in texts(app.info))


def test_import_from_a_folder_creates_the_draft(app, tmp_path):
    (tmp_path / "two_rooms.fountain").write_bytes(TWO_ROOMS)
    (tmp_path / "notes.docx").write_bytes(b"not a screenplay")
    _new_project(app)
    _import_from_folder(app, tmp_path, "two_rooms.fountain")
    assert any(t.startswith("Imported 2 scenes") for t in texts(app.success))
    table = _table(app)
    assert table["Scene"].tolist() == ["1", "2"]
    assert table["Cast"].tolist() == ["ANA", "BEN"]
    assert table["Strip"].tolist() == ["INT-DAY", "EXT-NIGHT"]


def test_the_folder_lists_only_screenplay_files(app, tmp_path):
    for name in ("b.fdx", "a.fountain", "c.pdf", "d.txt", "e.docx"):
        (tmp_path / name).write_bytes(b"x")
    app.text_input(key="script_import.folder").input(str(tmp_path)).run()
    assert app.selectbox(key="script_import.file").options == ["a.fountain", "b.fdx", "c.pdf", "d.txt"]


def test_a_missing_folder_says_so(app, tmp_path):
    app.text_input(key="script_import.folder").input(str(tmp_path / "nowhere")).run()
    assert any("nowhere" in t for t in texts(app.error))
    assert not app.exception


def test_upload_imports_through_the_same_path(app):
    _new_project(app)
    app.file_uploader[0].upload("two_rooms.fountain", TWO_ROOMS, "text/plain").run()
    app.button(key="script_import.upload.go").click().run()
    assert not app.exception
    assert any(t.startswith("Imported 2 scenes") for t in texts(app.success))
    assert len(_table(app)) == 2
    # The uploader is emptied, so the same file is not imported twice by accident.
    assert all(b.key != "script_import.upload.go" for b in app.button)


def test_revised_draft_keeps_work_and_flags_changes(app, tmp_path):
    _new_project(app)
    (tmp_path / "draft1.fountain").write_bytes(TWO_ROOMS)
    _import_from_folder(app, tmp_path, "draft1.fountain")
    repo = catalog().open("Two Rooms")
    kitchen = repo.get_script().scenes[0]
    update_scene(repo, kitchen.id, notes="practical kettle", story_day="D1")

    (tmp_path / "draft2.fountain").write_bytes(TWO_ROOMS_REVISED)
    _import_from_folder(app, tmp_path, "draft2.fountain")
    summary = texts(app.success)
    assert any("1 unchanged, 1 revised, 1 new, 0 omitted" in t for t in summary), summary
    table = _table(app)
    assert table["Status"].tolist() == ["", "Revised *", ""]
    assert table.loc[0, "Notes"] == "practical kettle" and table.loc[0, "Story day"] == "D1"
    assert repo.get_script().scenes[0].id == kitchen.id


def test_omitted_scenes_are_marked_and_can_be_hidden(app, tmp_path):
    _new_project(app)
    (tmp_path / "full.fountain").write_bytes(TWO_ROOMS_REVISED)
    _import_from_folder(app, tmp_path, "full.fountain")
    (tmp_path / "cut.fountain").write_bytes(TWO_ROOMS)
    _import_from_folder(app, tmp_path, "cut.fountain")
    table = _table(app)
    assert table["Status"].tolist()[-1] == "OMITTED" and table["Strip"].tolist()[-1] == "OMITTED"
    assert {m.label: m.value for m in app.metric}["Omitted"] == "1"
    app.toggle(key="scene_table.show_omitted").set_value(False).run()
    assert "OMITTED" not in _table(app)["Status"].tolist()


def _edit(at, row, **cells):
    key = at.data_editor[0].key
    at.session_state[key] = {"edited_rows": {row: cells}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception, at.exception
    return at


def test_editing_scene_metadata_persists(app):
    _edit(app, 0, **{"Set": "QUAYSIDE", "Pages": "2 1/8", "Time": "DUSK", "Story day": "D1", "Notes": "tide times", "Scene": "1A"})
    assert "Saved scene 1A." in texts(app.success)
    saved = catalog().open(SAMPLE_PROJECT).get_script().scenes[0]
    assert (saved.number, saved.location, saved.eighths, saved.time, saved.day_night, saved.story_day, saved.notes) == (
        "1A",
        "QUAYSIDE",
        17,
        "DUSK",
        "NIGHT",
        "D1",
        "tide times",
    )
    row = _table(app).iloc[0]
    assert (row["Scene"], row["Set"], row["Pages"]) == ("1A", "QUAYSIDE", "2 1/8")
    assert row["Strip"] == "EXT-NIGHT"  # dusk is shot as night


def test_day_night_can_be_set_by_hand(app):
    _edit(app, 0, **{"D/N": "NIGHT"})
    saved = catalog().open(SAMPLE_PROJECT).get_script().scenes[0]
    assert saved.day_night == "NIGHT" and _table(app).iloc[0]["Strip"].endswith("NIGHT")


def test_a_bad_page_length_is_refused_with_a_hint(app):
    before = catalog().open(SAMPLE_PROJECT).get_script().scenes[1]
    _edit(app, 1, Pages="1 9/8")
    assert any("Scene 2 was not changed" in t and "1 9/8" in t for t in texts(app.error))
    assert any("1 3/8" in t for t in texts(app.info))
    after = catalog().open(SAMPLE_PROJECT).get_script().scenes[1]
    assert after.eighths == before.eighths
    assert _table(app).iloc[1]["Pages"] == before.length  # the grid shows what is stored


def test_a_duplicate_scene_number_is_refused(app):
    _edit(app, 1, Scene="1")
    assert any("already exists" in t for t in texts(app.error))
    assert catalog().open(SAMPLE_PROJECT).get_script().scenes[1].number == "2"


def test_bad_files_show_the_problem_and_keep_the_draft(app, tmp_path):
    repo = catalog().open(SAMPLE_PROJECT)
    before = repo.get_script()
    bad = {
        "empty.fountain": b"",
        "broken.fdx": b"<?xml version='1.0'?><FinalDraft><Content><Paragraph Type='Scene Heading'>",
        "scan.pdf": b"%PDF-1.4\n%%EOF\n",
        "outline.txt": b"Act one: Isla comes home.\nAct two: the ferry.\n",
    }
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
    for name in bad:
        _import_from_folder(app, tmp_path, name)
        assert app.error, f"{name}: no error shown"
        assert app.info, f"{name}: no hint shown"
        after = repo.get_script()
        assert (after.id, after.revision, len(after.scenes)) == (before.id, before.revision, len(before.scenes)), name
        assert len(_table(app)) == len(before.scenes)


def test_the_scene_reader_lays_out_a_scene_with_line_numbers(app):
    script = catalog().open(SAMPLE_PROJECT).get_script()
    scene = script.scenes[1]
    app.selectbox(key="scene_reader.scene").set_value(scene.id).run()
    page = next(m.value for m in app.markdown if "sb-page" in m.value)
    assert "sb-heading" in page and "sb-character" in page and "sb-dialogue" in page
    for line in scene.lines[:5]:
        assert f"<div class='sb-n'>{line.n}</div>" in page


def test_script_text_is_escaped_in_the_reader(app, tmp_path):
    _new_project(app, "Tags")
    (tmp_path / "tags.fountain").write_bytes(b"INT. LAB - DAY\n\nShe types <script>alert(1)</script> and $HOME.\n")
    _import_from_folder(app, tmp_path, "tags.fountain")
    page = next(m.value for m in app.markdown if "sb-page" in m.value)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "$HOME" not in page  # a dollar sign would start Markdown maths
