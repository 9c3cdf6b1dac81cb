"""A project's schedule as a `Board`: the solver's strips, the cast list's numbers, the locks."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from scheduling.problem import ScheduleProblem
from scheduling.reports.board import Board, BoardStrip, DayOff, build_board, cast_numbers
from studio.models import Character, Schedule, Scene
from studio.models.breakdown import ReviewState
from studio.store.base import ProjectRepository


def board_for(
    problem: ScheduleProblem,
    schedule: Schedule,
    characters: Iterable[Character] = (),
    scenes: Iterable[Scene] = (),
    *,
    cast_source: str = "script",
) -> Board:
    """Lay the problem's strips out on `schedule`'s days, numbering cast as the cast list does."""
    appearances = Counter(name for strip in problem.strips for name in strip.cast)
    roster = cast_numbers([c.name for c in problem.cast], appearances, characters)
    number = {c.name: c.id_number for c in roster}
    synopsis = {s.id: s.synopsis for s in scenes}
    strips = {
        s.id: BoardStrip(
            scene_id=s.id,
            number=s.number,
            heading=s.heading or s.set_name,
            int_ext=s.int_ext,
            day_night=s.day_night,
            set_name=s.set_name,
            location=s.location,
            eighths=s.eighths,
            hours=s.hours,
            cast=sorted(number[n] for n in s.cast if n in number),
            synopsis=synopsis.get(s.id, ""),
        )
        for s in problem.strips
    }
    board = build_board(schedule, strips, roster, locked=problem.locks, cast_source=cast_source)
    dates = [d.date for d in board.days if d.date]
    if dates:
        board.days_off = [DayOff(date=d, name=name) for d, name in problem.calendar.days_off(max(dates))]
    return board


def cast_source(repo: ProjectRepository) -> tuple[str, int, int]:
    """("breakdown" or "script", scenes whose cast a person reviewed, scenes in the draft).

    A scene's cast comes from its approved breakdown once a person has reviewed
    its cast elements, else from its speaking parts (see problem_from_project).
    """
    script = repo.get_script()
    scenes = script.active_scenes if script else []
    reviewed = {
        e.scene_id
        for e in repo.list_elements()
        if e.category == "cast" and e.review in (ReviewState.ACCEPTED, ReviewState.REJECTED)
    }
    count = sum(1 for s in scenes if s.id in reviewed)
    return ("breakdown" if count else "script"), count, len(scenes)


def project_board(repo: ProjectRepository, problem: ScheduleProblem, schedule: Schedule) -> Board:
    """`schedule` as a board of this project: its cast list, synopses and where its cast comes from."""
    script = repo.get_script()
    return board_for(
        problem,
        schedule,
        repo.list_characters(),
        script.scenes if script else [],
        cast_source=cast_source(repo)[0],
    )
