"""Solving the sample as a job, versions (save as, delete), moving a strip and its cost."""

from __future__ import annotations

import pytest

from pipelines.script.service import import_script
from scheduling.project_problem import problem_from_project, save_schedule_setup, schedule_setup
from scheduling.reports.project_board import board_for, cast_source
from scheduling.reports.solve_job import SOLVE_KIND, solve_params, solve_work
from scheduling.reports.versions import find_version, move_strip, save_as, scene_day, versions
from studio import jobs
from studio.errors import SlatebookError
from studio.models import JobStatus, Project
from studio.models.planning import StripLock
from studio.samples import SAMPLE_SCREENPLAY
from studio.store.memory_repo import InMemoryProjectRepository


def first_scene(schedule):
    """The first scene on the board (a solved board may open with a dark day, paid and shown as one)."""
    return next(sid for day in schedule.days for sid in day.scene_ids)


@pytest.fixture(scope="module")
def solved():
    repo = InMemoryProjectRepository(Project(name="Night Ferry"))
    import_script(repo, SAMPLE_SCREENPLAY.read_bytes(), SAMPLE_SCREENPLAY.name)
    job = jobs.start_job(repo, SOLVE_KIND, solve_params(time_limit_s=2, name="First"), solve_work, background=False)
    return repo, job


def test_a_solve_job_saves_a_version_and_streams_progress(solved):
    repo, job = solved
    assert job.status == JobStatus.DONE, job.error
    assert job.result["status"] in ("optimal", "feasible")
    assert job.result["solutions"] >= 1 and job.result["objective"] >= job.result["bound"]
    (schedule,) = versions(repo)
    assert schedule.name == "First" and schedule.id == job.result["schedule_id"]
    assert schedule.setup is not None and schedule.cost_items
    scheduled = [sid for d in schedule.days for sid in d.scene_ids]
    assert sorted(set(scheduled)) == sorted(s.id for s in repo.get_script().active_scenes)


def test_the_solved_board_reads_in_cast_numbers(solved):
    repo, _ = solved
    problem = problem_from_project(repo)
    board = board_for(problem, versions(repo)[0], repo.list_characters(), repo.get_script().scenes)
    assert len(board.days) == len(versions(repo)[0].days) and not board.unscheduled
    assert [c.id_number for c in board.cast] == list(range(1, len(board.cast) + 1))
    assert cast_source(repo) == ("script", 0, 30)


def test_save_as_copies_and_refuses_a_taken_name(solved):
    repo, _ = solved
    first = find_version(repo, "First")
    copy = save_as(repo, first, "  Ferry   first ")
    assert copy.name == "Ferry first" and copy.id != first.id and copy.days == first.days
    with pytest.raises(SlatebookError, match="already a version"):
        save_as(repo, first, "Ferry first")
    with pytest.raises(SlatebookError, match="needs a name"):
        save_as(repo, first, "  ")
    repo.delete_schedule(copy.id)
    with pytest.raises(SlatebookError, match="no schedule version"):
        find_version(repo, "Ferry first")


def test_moving_a_strip_reprices_without_saving(solved):
    repo, _ = solved
    problem = problem_from_project(repo)
    first = find_version(repo, "First")
    scene_id = first_scene(first)
    last = len(first.days)
    moved = move_strip(problem, first, scene_id, last)
    assert scene_day(moved, scene_id) == last
    assert moved.status == "manual" and moved.gap is None
    assert moved.objective == sum(i.amount for i in moved.cost_items)
    assert moved.objective != first.objective or moved.days != first.days
    assert find_version(repo, "First").days == first.days  # nothing saved
    # The days are renumbered and dated by the calendar.
    assert [d.number for d in moved.days] == list(range(1, len(moved.days) + 1))
    assert [d.date for d in moved.days] == problem.calendar.dates(len(moved.days))


def test_moving_to_a_day_that_does_not_exist_is_refused(solved):
    repo, _ = solved
    problem = problem_from_project(repo)
    first = find_version(repo, "First")
    with pytest.raises(SlatebookError, match="no shoot day 99"):
        move_strip(problem, first, first_scene(first), 99)


def test_a_new_last_day_can_be_added_by_moving(solved):
    repo, _ = solved
    problem = problem_from_project(repo)
    first = find_version(repo, "First")
    scene_id = first_scene(first)
    moved = move_strip(problem, first, scene_id, len(first.days) + 1)
    assert moved.days[-1].scene_ids == [scene_id]


def test_an_infeasible_setup_ends_the_job_with_the_conflict_in_words():
    repo = InMemoryProjectRepository(Project(name="Tight"))
    import_script(repo, SAMPLE_SCREENPLAY.read_bytes(), SAMPLE_SCREENPLAY.name)
    scenes = repo.get_script().active_scenes
    setup = schedule_setup(repo).model_copy(update={"max_days": 1, "turnaround": False, "max_consecutive_nights": None})
    save_schedule_setup(repo, setup)
    job = jobs.start_job(repo, SOLVE_KIND, solve_params(time_limit_s=5), solve_work, background=False)
    assert job.status == JobStatus.DONE
    assert job.result["status"] == "infeasible" and not versions(repo)
    texts = " ".join(c["text"] for c in job.result["conflicts"])
    assert texts and all(c["hint"] for c in job.result["conflicts"])
    assert len(scenes) == 30
