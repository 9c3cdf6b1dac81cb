"""Strips from scenes: which set each is and how long it takes (where it is shot: scheduling.locations).

A strip's time is its pages at the production's pages-per-hour rate plus a setup time (INT or EXT,
more at night), rounded to whole minutes so the solver and the checker add up the same numbers.
A scene given a fixed length in days, or one too long for a single day, takes whole shoot days.
"""

from __future__ import annotations

import math

from scheduling.problem import Strip
from studio.models.planning import ScheduleSetup
from studio.models.script import IntExt, Scene


def estimated_hours(eighths: int, int_ext: str, night: bool, setup: ScheduleSetup) -> float:
    exterior = int_ext in (IntExt.EXT, IntExt.INT_EXT)
    hours = eighths / 8 / setup.pages_per_hour
    hours += setup.ext_setup_hours if exterior else setup.int_setup_hours
    if night:
        hours += setup.night_setup_hours
    return round(hours * 60) / 60


def set_name(scene: Scene) -> str:
    return scene.location or scene.heading


def strip_from_scene(scene: Scene, cast: tuple[str, ...], location: str, setup: ScheduleSetup) -> Strip:
    """`scene` as a strip shot at `location` (see scheduling.locations)."""
    int_ext = str(scene.int_ext) or "INT"
    night = scene.day_night == "NIGHT"
    hours = estimated_hours(scene.eighths, int_ext, night, setup)
    days = setup.scene_days.get(scene.id)
    if days is None and hours > setup.day_hours:
        days = math.ceil(hours / setup.day_hours)
    return Strip(
        id=scene.id,
        number=scene.number,
        heading=scene.heading,
        set_name=set_name(scene),
        location=location,
        int_ext=int_ext,
        day_night=scene.day_night,
        eighths=scene.eighths,
        hours=hours,
        days=days,
        cast=cast,
    )
