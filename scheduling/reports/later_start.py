"""A board that opens with dark days: the same board with the shoot starting on its first day of
scenes instead, priced, for the user to take or leave.

The solver keeps the user's start date, so when the cheapest board it found leaves day 1 dark (say,
to put a week's nights before the weekend's turnaround), that day is paid for nothing. Starting on
the first day with scenes keeps every scene on its date, so every date rule still holds, and saves
the dark days. Locks count shoot days from the start, so they move back by as many days, and so does
a wrap-by limit; both keep their dates.

The solver's verdict carries over: every board starting on the later date is a board starting on the
user's date with the same dark days in front, which costs exactly the saving more, so the old bound
less the saving bounds the new setup, and an optimal board stays optimal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from scheduling.evaluate import Evaluation
from scheduling.project_problem import problem_from_project
from scheduling.reports.versions import priced
from scheduling.shoot_days import as_shoot_days
from studio.models import Schedule
from studio.models.planning import ScheduleSetup, StripLock
from studio.store.base import ProjectRepository


@dataclass(frozen=True)
class LaterStart:
    dark_days: int  # the days before the first day with scenes
    first_date: dt.date  # the date shooting would start
    setup: ScheduleSetup  # the setup starting then
    schedule: Schedule  # the board without its leading dark days, priced under `setup`
    evaluation: Evaluation
    saving: float


def later_start(repo: ProjectRepository, setup: ScheduleSetup, schedule: Schedule,
                current: Evaluation) -> LaterStart | None:
    """The offer for `schedule` (priced as `current` under `setup`), or None when its first day has
    scenes, it breaks a rule, or starting later would not save anything."""
    dark = next((i for i, day in enumerate(schedule.days) if day.scene_ids), 0)
    if not dark or current.violations or schedule.days[dark].date is None:
        return None
    first_date = schedule.days[dark].date
    later = setup.model_copy(update={
        "start_date": first_date,
        "locks": [StripLock(scene_id=lock.scene_id, day=lock.day - dark) for lock in setup.locks if lock.day > dark],
        "max_days": max(1, setup.max_days - dark) if setup.max_days else None,
    })
    problem = problem_from_project(repo, later)
    strips = problem.strip_by_id
    per_day = [[strips[sid] for sid in day.scene_ids if sid in strips] for day in schedule.days[dark:]]
    moved = schedule.model_copy(deep=True, update={
        "days": as_shoot_days(problem, per_day),
        "parameters": {**schedule.parameters, "last_move": f"start moved to {first_date.isoformat()}"},
    })
    moved, evaluation = priced(problem, moved)
    if evaluation.violations or [d.date for d in moved.days] != [d.date for d in schedule.days[dark:]]:
        return None  # the calendar did not line up (e.g. the first day with scenes is a holiday now)
    saving = current.total - evaluation.total
    if saving <= 0:
        return None
    if schedule.bound is not None and schedule.status in ("optimal", "feasible"):
        bound = min(max(0.0, schedule.bound - saving), evaluation.total)
        gap = (evaluation.total - bound) / evaluation.total if evaluation.total else 0.0
        moved = moved.model_copy(update={"bound": bound, "gap": gap})
    else:
        moved = moved.model_copy(update={"status": "manual", "bound": None, "gap": None})
    return LaterStart(dark, first_date, later, moved, evaluation, saving)
