"""Board generation as jobs, through the real diffusers code path (the tiny random-weight pipeline).

(Named test_board_service.py: tests/pipelines/script/test_service.py already holds the basename.)
"""

from __future__ import annotations

import pytest

from pipelines.imaging import boards, service
from pipelines.imaging.generators import generator_for
from pipelines.imaging.prompts import board_prompts_offline
from pipelines.imaging.service import (
    MOODBOARD_JOB,
    STORYBOARD_JOB,
    make_moodboard_work,
    make_storyboard_work,
    moodboard_params,
    pixels,
    reproduce,
    storyboard_params,
)
from pipelines.imaging.shotlist import propose_shots, save_shot_list
from pipelines.sample import create_sample_project
from studio import jobs
from studio.errors import SlatebookError
from studio.models import JobStatus
from studio.store.catalog import ProjectCatalog


class Killed(BaseException):
    """What a dead process looks like from inside: the work stops and nothing else runs."""


def stopping_after(frames: int, how):
    """A generator factory whose generator draws `frames` images, then calls `how()` on the next."""
    drawn = []

    def factory(backend: str, model_id: str):
        inner = generator_for(backend, model_id or None)

        class Stopping:
            name = inner.name

            def generate(self, spec, on_step=None):
                if len(drawn) == frames:
                    how()
                drawn.append(spec.seed)
                return inner.generate(spec, on_step)

        return Stopping()

    return factory


@pytest.fixture
def repo():
    return create_sample_project(ProjectCatalog())  # SQLite, in this test's own data folder


@pytest.fixture
def scene(repo):
    """Scene 3 with two of its shots: enough to kill a job between frames, and quick to draw."""
    scene = next(s for s in repo.get_script().active_scenes if s.number == "3")
    save_shot_list(repo, scene.id, propose_shots(repo, scene.id)[1:])
    return scene


def tiny_params(scene_ids, **kw):
    return storyboard_params(scene_ids, "tiny", long_edge=64, **kw)


def sketch_params(scene_ids, **kw):
    # For what does not depend on the backend: the sketch draws in milliseconds.
    return storyboard_params(scene_ids, "sketch", long_edge=256, **kw)


def run(repo, kind, params, work):
    return jobs.start_job(repo, kind, params, work, background=False)


def test_storyboard_job_draws_records_and_signs_every_frame(repo, scene):
    job = run(repo, STORYBOARD_JOB, tiny_params([scene.id]), make_storyboard_work())
    assert job.status == JobStatus.DONE, job.error
    shots = repo.list_shots(scene.id)
    assert len(shots) == 2
    frames = repo.list_frames()
    assert sorted(f.shot_id for f in frames) == sorted(s.id for s in shots)
    records = {r.id: r for r in repo.list_ai_records()}
    for frame in frames:
        record = records[frame.ai_record_id]
        assert record.assets == [frame.file] and record.kind == "image"
        assert record.prompt == frame.prompt and record.seed == frame.seed
        p = record.parameters
        for fact in ("backend", "licence", "negative_prompt", "steps", "guidance", "width", "height"):
            assert p[fact] is not None, fact
        assert record.model == "tiny-random-sd" and record.review_state == "unreviewed"
        assert 5 <= len(frame.palette) <= 8
        creds = boards.credentials(repo, frame)
        assert frame.credentials == "signed" and creds.valid and creds.trusted, creds.problems
        assert creds.ai_generated is True and creds.records[0].record_id == record.id
    assert job.result == {**job.result, "frames": 2, "drawn": 2, "kept": 0}


def test_scenes_without_shots_get_the_coverage_rules_first(repo):
    scene = next(s for s in repo.get_script().active_scenes if s.number == "25")
    job = run(repo, STORYBOARD_JOB, sketch_params([scene.id]), make_storyboard_work())
    assert job.status == JobStatus.DONE
    shots = repo.list_shots(scene.id)
    assert shots and all(s.source == "coverage" for s in shots)
    assert len(repo.list_frames()) == len(shots) == job.result["drawn"]


def test_a_killed_job_resumes_with_no_frame_lost(repo, scene):
    def die():
        raise Killed

    with pytest.raises(Killed):
        run(repo, STORYBOARD_JOB, tiny_params([scene.id]), make_storyboard_work(generators=stopping_after(1, die)))
    job = jobs.latest_job(repo, STORYBOARD_JOB)
    assert job.status == JobStatus.INTERRUPTED  # the row outlived its worker
    before = {f.shot_id: f for f in repo.list_frames()}
    assert len(before) == 1 and job.result["frames"] == 1

    resumed = jobs.resume_job(repo, job.id, make_storyboard_work(), background=False)
    assert resumed.status == JobStatus.DONE and resumed.id == job.id
    assert resumed.result["drawn"] == 1 and resumed.result["kept"] == 1
    after = {f.shot_id: f for f in repo.list_frames()}
    assert len(after) == 2
    assert all(after[shot].file == frame.file for shot, frame in before.items())  # untouched
    # One image before the kill and one after: one record each, no orphan.
    assert len([r for r in repo.list_ai_records() if r.kind == "image"]) == 2


def test_cancel_stops_mid_frame_and_keeps_the_finished_ones(repo, scene):
    def cancel():
        jobs.request_cancel(repo, jobs.latest_job(repo, STORYBOARD_JOB).id)

    job = run(repo, STORYBOARD_JOB, tiny_params([scene.id]), make_storyboard_work(generators=stopping_after(1, cancel)))
    # The cancel lands while frame 2 is drawing: its next denoising step stops it.
    assert job.status == JobStatus.CANCELLED
    assert len(repo.list_frames()) == 1
    assert jobs.resume_job(repo, job.id, make_storyboard_work(), background=False).status == JobStatus.DONE
    assert len(repo.list_frames()) == 2


def test_the_same_record_draws_the_same_image(repo, scene):
    run(repo, STORYBOARD_JOB, tiny_params([scene.id]), make_storyboard_work())
    frame = repo.list_frames()[1]
    again = reproduce(repo, frame.ai_record_id)
    assert pixels(again.png) == pixels(repo.read_file(frame.file))


def test_regenerate_one_frame_is_a_new_take_in_the_same_panel(repo, scene):
    run(repo, STORYBOARD_JOB, tiny_params([scene.id]), make_storyboard_work())
    old = repo.list_frames()
    shot = repo.list_shots(scene.id)[1]
    target = next(f for f in old if f.shot_id == shot.id)
    job = run(repo, STORYBOARD_JOB, tiny_params([scene.id], redo=[shot.id]), make_storyboard_work())
    assert job.result["drawn"] == 1
    new = {f.id: f for f in repo.list_frames()}
    assert set(new) == {f.id for f in old}  # the panel keeps its id
    assert new[target.id].seed != target.seed and new[target.id].file != target.file
    assert all(new[f.id].file == f.file for f in old if f.id != target.id)
    # The earlier take stays in the ledger and the file store.
    assert repo.read_file(target.file)


def test_an_edited_shot_is_redrawn_and_the_rest_kept(repo, scene):
    run(repo, STORYBOARD_JOB, sketch_params([scene.id]), make_storyboard_work())
    shots = repo.list_shots(scene.id)
    repo.save_shots([shots[0].model_copy(update={"action": "Isla stands in the doorway, coat still on."})])
    job = run(repo, STORYBOARD_JOB, sketch_params([scene.id]), make_storyboard_work())
    assert (job.result["drawn"], job.result["kept"]) == (1, 1)
    # Another backend redraws every frame.
    job = run(repo, STORYBOARD_JOB, tiny_params([scene.id]), make_storyboard_work())
    assert (job.result["drawn"], job.result["kept"]) == (2, 0)


@pytest.mark.parametrize("policy", ["fixed", "per-shot"])
def test_seed_policies(repo, scene, policy):
    boards.save_style(repo, style_prompt="", negative_prompt="", seed_policy=policy, seed=99, aspect_ratio="16:9")
    run(repo, STORYBOARD_JOB, sketch_params([scene.id]), make_storyboard_work())
    seeds = [f.seed for f in repo.list_frames()]
    if policy == "fixed":
        assert seeds == [99, 99]
    else:
        assert len(set(seeds)) == 2
        assert seeds == [service.seed_for(repo.get_project().settings, s.id) for s in repo.list_shots(scene.id)]


def test_reference_images_reach_the_spec_and_the_record(repo, scene):
    run(repo, STORYBOARD_JOB, tiny_params([scene.id]), make_storyboard_work())
    face = repo.list_frames()[0]
    boards.reference_from_frame(repo, "ISLA", face.id)
    shot = repo.list_shots(scene.id)[1]
    run(repo, STORYBOARD_JOB, tiny_params([scene.id], redo=[shot.id]), make_storyboard_work())
    frame = next(f for f in repo.list_frames() if f.shot_id == shot.id)
    record = next(r for r in repo.list_ai_records() if r.id == frame.ai_record_id)
    assert record.parameters["references"] == {"ISLA": face.file}
    assert record.parameters["ip_adapter_scale"] > 0  # drawn through the IP-Adapter
    # Redrawing from the record reads the reference back from the file store.
    assert pixels(reproduce(repo, record.id).png) == pixels(repo.read_file(frame.file))


def test_moodboard_job_draws_variants_and_resumes(repo):
    chosen = board_prompts_offline(repo.get_script(), repo.get_project().settings)[1:2]

    def die():
        raise Killed

    params = moodboard_params(chosen, variants=2, backend="tiny", long_edge=64)
    with pytest.raises(Killed):
        run(repo, MOODBOARD_JOB, params, make_moodboard_work(generators=stopping_after(1, die)))
    assert len(repo.list_frames()) == 1
    job = jobs.resume_job(repo, jobs.latest_job(repo, MOODBOARD_JOB).id, make_moodboard_work(), background=False)
    assert job.status == JobStatus.DONE and job.result["drawn"] == 1
    by_board = boards.board_frames(repo)
    assert {name: sorted(f.variant for f in frames) for name, frames in by_board.items()} == {
        b.board: [0, 1] for b in chosen
    }
    frames = [f for fs in by_board.values() for f in fs]
    assert len({f.seed for f in frames}) == 2  # variants differ
    assert all(boards.credentials(repo, f).valid for f in frames)


def test_pin_and_reject_exclude_each_other(repo):
    chosen = board_prompts_offline(repo.get_script(), repo.get_project().settings)[:1]
    run(repo, MOODBOARD_JOB, moodboard_params(chosen, variants=2, backend="sketch", long_edge=256), make_moodboard_work())
    first, second = boards.board_frames(repo)[chosen[0].board]
    boards.mark(repo, second.id, pinned=True)
    boards.mark(repo, first.id, rejected=True)
    ordered = boards.board_frames(repo)[chosen[0].board]
    assert [f.id for f in ordered] == [second.id, first.id]
    assert boards.mark(repo, first.id, pinned=True).rejected is False


def test_bad_style_and_variant_counts_are_refused(repo):
    with pytest.raises(SlatebookError, match="aspect ratio"):
        boards.save_style(repo, style_prompt="", negative_prompt="", seed_policy="fixed", seed=1, aspect_ratio="4:3")
    with pytest.raises(SlatebookError, match="seed policy"):
        boards.save_style(repo, style_prompt="", negative_prompt="", seed_policy="lucky", seed=1, aspect_ratio="1:1")
    with pytest.raises(SlatebookError, match="variants"):
        moodboard_params([], variants=20)
    with pytest.raises(SlatebookError, match="not an image"):
        boards.set_reference(repo, "ISLA", b"not a picture")
