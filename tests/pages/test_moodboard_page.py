"""The Moodboard page on the sample (sketch backend): prompts, variants as a job, pin/reject, palettes, credentials."""

from __future__ import annotations

from apptest_kit import catalog, finish_job, go

from pipelines.imaging import service
from pipelines.imaging.prompts import PROJECT_BOARD
from pipelines.sample import SAMPLE_PROJECT
from studio.models import JobStatus

QUAY = "Location: CARROW HAVEN"


def _repo():
    return catalog().open(SAMPLE_PROJECT)


def _generate(at, variants=2):
    at.number_input(key="boards_mood.variants").set_value(variants).run()
    at.button(key="boards_mood.generate").click().run()
    assert not at.exception, at.exception
    return finish_job(at, SAMPLE_PROJECT, service.MOODBOARD_JOB)


def test_prompts_are_proposed_for_the_film_and_each_set(app):
    at = go(app, "moodboard")
    boxes = {c.label: c.value for c in at.checkbox}
    assert boxes[PROJECT_BOARD] is True and boxes[QUAY] is False  # the film's board is ticked to start
    quay = at.text_area(key=f"boards_mood.prompt.{QUAY}").value
    assert "A northern harbour under a pewter sky." in quay
    assert at.info[0].value.startswith("No images yet")


def test_edited_prompt_is_drawn_in_variants_with_palettes_and_credentials(app):
    at = go(app, "moodboard")
    at.checkbox(key=f"boards_mood.include.{PROJECT_BOARD}").uncheck()
    at.checkbox(key=f"boards_mood.include.{QUAY}").check()
    at.text_area(key=f"boards_mood.prompt.{QUAY}").input("Grey harbour in sideways rain, sodium lamps, rust on white paint").run()
    job = _generate(at, variants=3)
    assert job.status == JobStatus.DONE and job.result["images"] == 3
    frames = _repo().list_frames()
    assert {(f.board, f.prompt) for f in frames} == {(QUAY, "Grey harbour in sideways rain, sodium lamps, rust on white paint")}
    assert len(at.get("image")) == 3
    html = " ".join(m.value for m in at.markdown if "sb-swatches" in m.value)
    for frame in frames:
        assert 5 <= len(frame.palette) <= 8
        assert all(hex_ in html for hex_ in frame.palette)  # each image's swatches, with hex
    assert sum("C2PA verified" in p.proto.popover.label for p in at.get("popover")) == 3
    assert [b.label for b in at.get("download_button")] == ["Board PNG"]


def test_pin_and_reject(app):
    at = go(app, "moodboard")
    _generate(at, variants=2)
    first, second = [f for f in _repo().list_frames()]
    at.button(key=f"boards_mood.pin.{second.id}").click().run()
    at.button(key=f"boards_mood.reject.{first.id}").click().run()
    assert not at.exception, at.exception
    stored = {f.id: f for f in _repo().list_frames()}
    assert stored[second.id].pinned and stored[first.id].rejected
    assert len(at.get("image")) == 1  # rejected images are hidden until asked for
    assert "1 kept, 1 pinned, 1 rejected" in " ".join(c.value for c in at.caption)
    at.toggle(key="boards_mood.show_rejected").set_value(True).run()
    assert len(at.get("image")) == 2
    at.button(key=f"boards_mood.reject.{first.id}").click().run()  # Restore
    assert not {f.id: f for f in _repo().list_frames()}[first.id].rejected


def test_generate_is_off_until_a_board_is_ticked(app):
    at = go(app, "moodboard")
    at.checkbox(key=f"boards_mood.include.{PROJECT_BOARD}").uncheck().run()
    button = at.button(key="boards_mood.generate")
    assert button.disabled and button.label == "Tick a board to generate"
