"""A board that opens with a dark, paid day: the offer to start the shoot on its first day of scenes."""

from __future__ import annotations

import datetime as dt

import pytest

from pipelines.script.service import import_script
from scheduling.evaluate import evaluate
from scheduling.project_problem import problem_from_project
from scheduling.reports.later_start import later_start
from scheduling.shoot_days import as_shoot_days
from scheduling.solve import solve_schedule
from studio.models import Project, Schedule
from studio.models.planning import ScheduleSetup, StripLock
from studio.samples import SAMPLE_SCREENPLAY
from studio.store.memory_repo import InMemoryProjectRepository

MONDAY = dt.date(2027, 3, 1)


@pytest.fixture(scope="module")
def solved():
    """The sample and a solved board from its first day of scenes, as lists of scene ids."""
    repo = InMemoryProjectRepository(Project(name="Night Ferry"))
    import_script(repo, SAMPLE_SCREENPLAY.read_bytes(), SAMPLE_SCREENPLAY.name)
    result = solve_schedule(problem_from_project(repo, ScheduleSetup(start_date=MONDAY)), time_limit_s=2)
    days = [d for d in result.schedule.days]
    first = next(i for i, d in enumerate(days) if d.scene_ids)
    return repo, days[first].date, [list(d.scene_ids) for d in days[first:]]


def dark_first(repo, first_date: dt.date, per_day: list[list[str]], **setup):
    """The board with one dark day before it, under a setup starting on the work day before."""
    start = first_date - dt.timedelta(days=3 if first_date.weekday() == 0 else 1)
    setup = ScheduleSetup(start_date=start, **setup)
    problem = problem_from_project(repo, setup)
    strips = problem.strip_by_id
    board = Schedule(name="Solved", days=as_shoot_days(problem, [[]] + [[strips[s] for s in ids] for ids in per_day]),
                     status="feasible")
    return setup, board, evaluate(problem, board)


def test_a_dark_first_day_is_offered_away_with_every_scene_on_its_date(solved):
    repo, first_date, per_day = solved
    setup, board, evaluation = dark_first(repo, first_date, per_day)
    assert evaluation.feasible and board.days[1].date == first_date
    offer = later_start(repo, setup, board, evaluation)
    assert offer is not None
    assert offer.dark_days == 1 and offer.first_date == first_date
    assert offer.setup.start_date == first_date
    assert [d.scene_ids for d in offer.schedule.days] == per_day
    assert [d.date for d in offer.schedule.days] == [d.date for d in board.days[1:]]
    assert offer.schedule.days[0].number == 1
    assert offer.saving == pytest.approx(setup.weights.shoot_day)  # one paid day less, nothing else
    assert offer.evaluation.total == pytest.approx(evaluation.total - setup.weights.shoot_day)
    assert not offer.evaluation.violations
    # no bound to carry over: a board to re-solve
    assert offer.schedule.status == "manual" and offer.schedule.bound is None


def test_the_solver_verdict_carries_over_less_the_saving(solved):
    repo, first_date, per_day = solved
    setup, board, evaluation = dark_first(repo, first_date, per_day)
    bounded = board.model_copy(update={"bound": evaluation.total - 40_000, "gap": 40_000 / evaluation.total})
    offer = later_start(repo, setup, bounded, evaluation)
    assert offer.schedule.status == "feasible"
    assert offer.schedule.bound == pytest.approx(evaluation.total - 40_000 - offer.saving)
    assert offer.schedule.gap == pytest.approx(40_000 / offer.evaluation.total)
    proven = board.model_copy(update={"status": "optimal", "bound": evaluation.total, "gap": 0.0})
    offer = later_start(repo, setup, proven, evaluation)
    assert offer.schedule.status == "optimal" and offer.schedule.gap == pytest.approx(0.0)


def test_locks_and_the_wrap_limit_keep_their_dates(solved):
    repo, first_date, per_day = solved
    # a scene after the first day of scenes (a short solve may leave a dark day in between), on
    # day k + 2 of the board with the dark day
    k = next(i for i, ids in enumerate(per_day) if i and ids)
    scene = per_day[k][0]
    setup, board, evaluation = dark_first(repo, first_date, per_day, locks=[StripLock(scene_id=scene, day=k + 2)],
                                          max_days=len(per_day) + 3)
    assert evaluation.feasible
    offer = later_start(repo, setup, board, evaluation)
    assert offer.setup.locks == [StripLock(scene_id=scene, day=k + 1)]
    assert offer.setup.max_days == len(per_day) + 2
    assert offer.schedule.days[k].date == board.days[k + 1].date


def test_no_offer_when_day_one_has_scenes_or_the_board_breaks_a_rule(solved):
    repo, first_date, per_day = solved
    setup = ScheduleSetup(start_date=first_date)
    problem = problem_from_project(repo, setup)
    board = Schedule(name="Solved", days=as_shoot_days(problem, [[problem.strip_by_id[s] for s in ids] for ids in per_day]))
    assert later_start(repo, setup, board, evaluate(problem, board)) is None
    # a lock the dark board does not keep: it is left as it is, for the user to see the broken rule
    setup, board, evaluation = dark_first(repo, first_date, per_day, locks=[StripLock(scene_id=per_day[0][0], day=5)])
    assert evaluation.violations
    assert later_start(repo, setup, board, evaluation) is None
