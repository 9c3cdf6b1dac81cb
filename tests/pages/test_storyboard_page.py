"""The Storyboard page on the sample (sketch backend): propose, edit, generate as a job, panels, redo, style."""

from __future__ import annotations

from apptest_kit import catalog, finish_job, go

from pipelines.imaging import service
from pipelines.sample import SAMPLE_PROJECT
from studio.models import JobStatus


def _repo():
    return catalog().open(SAMPLE_PROJECT)


def _scene(number: str):
    return next(s for s in _repo().get_script().active_scenes if s.number == number)


def _open(app, number: str = "3"):
    at = go(app, "storyboard")
    at.selectbox(key="boards_shots.scene").set_value(_scene(number).id).run()
    assert not at.exception, at.exception
    return at


def _finish_job(at):
    return finish_job(at, SAMPLE_PROJECT, service.STORYBOARD_JOB)


def test_propose_edit_and_save_the_shot_list(app):
    at = _open(app, "8")
    assert at.info[0].value.startswith("No shots yet")
    at.button(key="boards_shots.propose").click().run()
    assert not at.exception, at.exception
    shots = _repo().list_shots(_scene("8").id)
    assert len(shots) == 6 and "Proposed 6 shots" in at.success[0].value
    table = at.data_editor(key="boards_shots.editor").value
    assert list(table["size"]) == [s.size.value for s in shots]
    assert list(table.columns[:8]) == ["size", "angle", "movement", "lens_mm", "subject", "action", "dialogue", "duration_s"]
    # A second proposal without "replace" is refused with a hint, and the list is unchanged.
    at.button(key="boards_shots.propose").click().run()
    assert "already has 6 shots" in at.error[0].value
    assert [s.id for s in _repo().list_shots(_scene("8").id)] == [s.id for s in shots]


def test_generate_frames_as_a_job_and_see_the_panels(app):
    at = _open(app, "3")
    at.button(key="boards_shots.propose").click().run()
    at.button(key="boards_panels.generate").click().run()
    job = _finish_job(at)
    assert job.status == JobStatus.DONE and job.result["drawn"] == 3
    assert len(at.get("image")) == 3
    captions = [c.value for c in at.caption]
    assert any("Layout sketch, not AI-generated" in c for c in captions)
    assert any("Last run: 3 frames drawn" in c for c in captions)
    # The credentials of each frame verify now.
    assert sum("C2PA verified" in p.proto.popover.label for p in at.get("popover")) == 3


def test_regenerate_one_frame_keeps_the_others(app):
    at = _open(app, "3")
    at.button(key="boards_shots.propose").click().run()
    at.button(key="boards_panels.generate").click().run()
    _finish_job(at)
    repo = _repo()
    before = {f.shot_id: f for f in repo.list_frames()}
    target = repo.list_shots(_scene("3").id)[1]
    at.button(key=f"boards_panels.redo.{target.id}").click().run()
    job = _finish_job(at)
    assert job.params["redo"] == [target.id] and job.result["drawn"] == 1
    after = {f.shot_id: f for f in _repo().list_frames()}
    assert after[target.id].seed != before[target.id].seed
    assert all(after[k].file == v.file for k, v in before.items() if k != target.id)


def test_style_is_saved_to_the_project(app):
    at = _open(app)
    at.text_area(key="boards_style.style").input("charcoal storyboard, hard shadows")
    at.selectbox(key="boards_style.policy").set_value("fixed")
    at.selectbox(key="boards_style.ratio").set_value("1.85:1")
    at.button[[b.label for b in at.button].index("Save style")].click().run()
    assert not at.exception, at.exception
    settings = _repo().get_project().settings
    assert (settings.style_prompt, settings.seed_policy, settings.aspect_ratio) == ("charcoal storyboard, hard shadows", "fixed", "1.85:1")
    assert "Style saved" in at.success[0].value


def test_edited_table_is_saved_and_an_empty_subject_is_refused(app):
    at = _open(app, "3")
    at.button(key="boards_shots.propose").click().run()
    # AppTest applies table edits through the editor's own state, as the browser sends them.
    at.session_state["boards_shots.editor"] = {"edited_rows": {0: {"size": "EWS", "duration_s": 6.0}}, "added_rows": [], "deleted_rows": []}
    at.run()
    at.button(key="boards_shots.save").click().run()
    assert not at.exception, at.exception
    first = _repo().list_shots(_scene("3").id)[0]
    assert (first.size.value, first.duration_s) == ("EWS", 6.0)
    at.session_state["boards_shots.editor"] = {"edited_rows": {1: {"subject": ""}}, "added_rows": [], "deleted_rows": [2]}
    at.run()
    at.button(key="boards_shots.save").click().run()
    assert "Shot 2 has no subject." in at.error[0].value
    assert len(_repo().list_shots(_scene("3").id)) == 3  # nothing half-saved


def test_a_project_without_a_script_says_where_to_go(app):
    catalog().create("Blank")
    from apptest_kit import pick_project

    at = pick_project(app, "Blank")
    at = go(at, "storyboard")
    assert "has no screenplay yet" in at.info[0].value
