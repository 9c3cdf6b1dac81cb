"""Schedule versions ("board swaps"): keep named copies, switch, move a strip and see what it costs.

Every solve saves a new version; a person saves a copy under a name before
trying a change, moves strips by hand, and compares versions side by side.
A moved strip is priced with `evaluate`, the same cost the solver minimises,
so a hand-made board and a solved one are compared on one scale.
"""

from __future__ import annotations

from studio.errors import SlatebookError
from studio.models import Schedule
from studio.models.ids import new_id, utc_now
from studio.store.base import ProjectRepository
from scheduling.evaluate import Evaluation, evaluate
from scheduling.problem import ScheduleProblem
from scheduling.shoot_days import as_shoot_days


def versions(repo: ProjectRepository) -> list[Schedule]:
    """The project's schedules, oldest first."""
    return sorted(repo.list_schedules(), key=lambda s: s.created_at)


def find_version(repo: ProjectRepository, name_or_id: str) -> Schedule:
    found = next((s for s in repo.list_schedules() if name_or_id in (s.id, s.name)), None)
    if found is None:
        names = ", ".join(repr(s.name) for s in versions(repo)) or "none yet"
        raise SlatebookError(f"There is no schedule version called {name_or_id!r}.", f"Versions: {names}.")
    return found


def unique_name(repo: ProjectRepository, base: str) -> str:
    taken = {s.name for s in repo.list_schedules()}
    if base not in taken:
        return base
    n = 2
    while f"{base} ({n})" in taken:
        n += 1
    return f"{base} ({n})"


def save_as(repo: ProjectRepository, schedule: Schedule, name: str) -> Schedule:
    """A copy of `schedule` under a new name; the original stays as it was."""
    name = " ".join(name.split())
    if not name:
        raise SlatebookError("A version needs a name.", "Type a name such as 'Ferry first'.")
    if any(s.name == name for s in repo.list_schedules()):
        raise SlatebookError(f"There is already a version called {name!r}.", "Pick another name, or delete that version first.")
    copy = schedule.model_copy(deep=True, update={"id": new_id(), "name": name, "created_at": utc_now()})
    repo.save_schedule(copy)
    return copy


def delete_version(repo: ProjectRepository, schedule_id: str) -> None:
    repo.delete_schedule(schedule_id)


def priced(problem: ScheduleProblem, schedule: Schedule) -> tuple[Schedule, Evaluation]:
    """`schedule` with its cost recomputed by `evaluate`, and the evaluation (rule breaks included)."""
    evaluation = evaluate(problem, schedule)
    return (
        schedule.model_copy(
            update={"objective": evaluation.total, "cost_terms": evaluation.cost_terms, "cost_items": evaluation.items}
        ),
        evaluation,
    )


def move_strip(problem: ScheduleProblem, schedule: Schedule, scene_id: str, to_day: int) -> Schedule:
    """The schedule with the scene moved to shoot day `to_day` (a new last day allowed): after the
    day's last scene at its location, else at the end of the day.

    A multi-day scene moves as a block starting on `to_day`. A day the move
    empties stays on the board (it may be a turnaround rest day; its cost
    shows), except at the end of the shoot. Days are dated by the calendar.
    Nothing is saved: the caller shows the cost and saves on request.
    """
    strip = problem.strip_by_id.get(scene_id)
    if strip is None:
        raise SlatebookError("That scene is not on the board.", "Pick a scene from the stripboard.")
    days = [[sid for sid in d.scene_ids if sid != scene_id] for d in schedule.days]
    if not 1 <= to_day <= len(schedule.days) + 1:
        raise SlatebookError(
            f"There is no shoot day {to_day}.", f"Pick a day from 1 to {len(schedule.days) + 1} (a new last day)."
        )
    index = to_day - 1
    for offset in range(strip.length_days):
        while len(days) <= index + offset:
            days.append([])
        day = days[index + offset]
        # beside the day's other scenes at its location: no company move there and back
        here = [i for i, sid in enumerate(day) if sid in problem.strip_by_id and problem.strip_by_id[sid].location == strip.location]
        day.insert(here[-1] + 1 if here else len(day), scene_id)
    while days and not days[-1]:
        days.pop()
    shoot_days = as_shoot_days(problem, [[problem.strip_by_id[sid] for sid in ids if sid in problem.strip_by_id] for ids in days])
    moved = schedule.model_copy(
        deep=True,
        update={
            "days": shoot_days,
            "status": "manual",
            "bound": None,
            "gap": None,
            "parameters": {**schedule.parameters, "last_move": f"scene {strip.number} to day {to_day}"},
        },
    )
    return priced(problem, moved)[0]


def scene_day(schedule: Schedule, scene_id: str) -> int | None:
    """The first shoot day the scene is on."""
    return next((d.number for d in schedule.days if scene_id in d.scene_ids), None)
