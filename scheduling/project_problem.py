"""A project's scenes, cast list and schedule setup as a `ScheduleProblem`."""

from __future__ import annotations

import datetime as dt

from scheduling.problem import CastMember, Location, ScheduleProblem, ShootingCalendar
from scheduling.locations import shooting_locations
from scheduling.public_holidays import holidays_from
from scheduling.strips import set_name, strip_from_scene
from studio.errors import SlatebookError
from studio.models.breakdown import Character, Element, ReviewState
from studio.models.planning import ScheduleSetup
from studio.models.script import Scene
from studio.store.base import ProjectRepository


def schedule_setup(repo: ProjectRepository) -> ScheduleSetup:
    """The project's saved setup, or the defaults."""
    return repo.get_project().settings.schedule_setup or ScheduleSetup()


def save_schedule_setup(repo: ProjectRepository, setup: ScheduleSetup) -> None:
    project = repo.get_project()
    settings = project.settings.model_copy(update={"schedule_setup": setup})
    repo.save_project(project.model_copy(update={"settings": settings}))


def next_monday(today: dt.date | None = None) -> dt.date:
    today = today or dt.date.today()
    return today + dt.timedelta(days=(7 - today.weekday()) % 7 or 7)


def first_shoot_day(setup: ScheduleSetup) -> dt.date:
    """Where the calendar starts: the setup's first shoot day, else the next Monday."""
    return setup.start_date or next_monday()


def public_holidays_ahead(setup: ScheduleSetup, days: int = 365) -> dict[dt.date, str]:
    """The region's public holidays that take a shoot day away in `days` from the first shoot day."""
    start = first_shoot_day(setup)
    return {
        d: name for d, name in holidays_from(setup.holiday_region, start).items()
        if d.weekday() in setup.work_weekdays and d < start + dt.timedelta(days=days)
    }


def problem_from_project(repo: ProjectRepository, setup: ScheduleSetup | None = None) -> ScheduleProblem:
    """The current draft's scenes (omitted ones left out) as strips, with their cast.

    A scene's cast is its approved breakdown cast (elements in the "cast" category that a person
    accepted) once someone has reviewed that scene's cast; before that, its speaking characters.
    Rates come from the setup, then the cast list, then the setup's default rate.
    """
    setup = setup or schedule_setup(repo)
    script = repo.get_script()
    scenes = [s for s in (script.active_scenes if script else [])]
    if not scenes:
        raise SlatebookError(
            "This project has no scenes to schedule.", "Import a screenplay on the Script page first."
        )
    characters = repo.list_characters()
    canonical = _canonical_names(characters)
    cast_elements = [e for e in repo.list_elements() if e.category == "cast"]
    where = shooting_locations((set_name(scene) for scene in scenes), setup)
    strips = tuple(
        strip_from_scene(scene, _scene_cast(scene, cast_elements, canonical), where[set_name(scene)], setup)
        for scene in scenes
    )
    names = sorted({name for strip in strips for name in strip.cast})
    start = first_shoot_day(setup)
    public = holidays_from(setup.holiday_region, start)
    # Locks and orders naming scenes a later draft omitted no longer apply.
    ids = {s.id for s in strips}
    return ScheduleProblem(
        name=repo.get_project().name,
        strips=strips,
        cast=tuple(_cast_member(name, setup, characters) for name in names),
        locations=tuple(_location(name, setup) for name in sorted({s.location for s in strips})),
        calendar=ShootingCalendar(
            start=start,
            work_weekdays=tuple(setup.work_weekdays),
            holidays=frozenset(setup.holidays) | public.keys(),
            holiday_names=public,
        ),
        day_hours=setup.day_hours,
        day_eighths=setup.day_eighths,
        company_move_hours=setup.company_move_hours,
        locks={lock.scene_id: lock.day for lock in setup.locks if lock.scene_id in ids},
        precedences=tuple(
            (p.before, p.after) for p in setup.precedences if p.before in ids and p.after in ids
        ),
        turnaround=setup.turnaround,
        max_consecutive_nights=setup.max_consecutive_nights,
        drop_pickup_days=setup.drop_pickup_days,
        max_days=setup.max_days,
        weights=setup.weights,
        time_limit_s=setup.time_limit_s,
    )


def _key(name: str) -> str:
    return " ".join(name.upper().split())


def _canonical_names(characters: list[Character]) -> dict[str, str]:
    """Every spelling on the cast list (names and confirmed aliases) -> the cast list name."""
    out: dict[str, str] = {}
    for character in characters:
        for name in (character.name, *character.aliases):
            out[_key(name)] = character.name
    return out


def _scene_cast(scene: Scene, cast_elements: list[Element], canonical: dict[str, str]) -> tuple[str, ...]:
    reviewed = [
        e for e in cast_elements
        if e.scene_id == scene.id and e.review in (ReviewState.ACCEPTED, ReviewState.REJECTED)
    ]
    if reviewed:
        names = [e.name for e in reviewed if e.review == ReviewState.ACCEPTED]
    else:
        names = list(scene.characters)
    out: list[str] = []
    for name in names:
        resolved = canonical.get(_key(name), _key(name))
        if resolved not in out:
            out.append(resolved)
    return tuple(out)


def _cast_member(name: str, setup: ScheduleSetup, characters: list[Character]) -> CastMember:
    terms = next((c for c in setup.cast if _key(c.name) == _key(name)), None)
    listed = next((c for c in characters if c.name == name), None)
    rate = next(
        r for r in (
            terms.daily_rate if terms else None,
            listed.daily_rate if listed else None,
            setup.default_daily_rate,
        ) if r is not None
    )
    return CastMember(
        name=name,
        daily_rate=rate,
        available_from=terms.available_from if terms else None,
        available_until=terms.available_until if terms else None,
        unavailable=frozenset(terms.unavailable) if terms else frozenset(),
    )


def _location(name: str, setup: ScheduleSetup) -> Location:
    terms = next((loc for loc in setup.locations if _key(loc.name) == _key(name)), None)
    if terms is None:
        return Location(name=name)
    return Location(
        name=name,
        available_from=terms.available_from,
        available_until=terms.available_until,
        unavailable=frozenset(terms.unavailable),
    )
