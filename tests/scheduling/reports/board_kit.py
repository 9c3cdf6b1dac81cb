"""Hand-made boards for report tests: scenes, a cast list and a schedule in a few lines."""

from __future__ import annotations

import datetime as dt

from scheduling.reports.board import Board, build_board, strips_from_scenes
from studio.models import Character, IntExt, Scene, Schedule, ShootDay

START = dt.date(2025, 10, 6)  # a Monday


def scene(number: str, heading: str, cast: list[str], eighths: int = 8, synopsis: str = "") -> Scene:
    ie, rest = heading.split(". ", 1)
    location, _, time = rest.partition(" - ")
    return Scene(
        id=f"s{number}",
        number=number,
        heading=heading,
        int_ext=IntExt(ie.replace(".", "")),
        location=location,
        time=time,
        eighths=eighths,
        characters=cast,
        synopsis=synopsis,
    )


def cast_of(scenes: list[Scene], rates: dict[str, float] | None = None) -> list[Character]:
    names: list[str] = []
    for s in scenes:
        names += [n for n in s.characters if n not in names]
    rates = rates or {}
    return [
        Character(
            id=f"c{i}",
            id_number=i,
            name=name,
            scene_ids=[s.id for s in scenes if name in s.characters],
            daily_rate=rates.get(name),
        )
        for i, name in enumerate(names, start=1)
    ]


def board(scenes: list[Scene], days: list[list[str]], *, hours=None, dated=True, locked=(), rates=None) -> Board:
    """`days` lists each day's scene numbers in shooting order."""
    by_number = {s.number: s.id for s in scenes}
    schedule = Schedule(
        name="Test board",
        days=[
            ShootDay(number=i, date=START + dt.timedelta(days=i - 1) if dated else None, scene_ids=[by_number[n] for n in numbers])
            for i, numbers in enumerate(days, start=1)
        ],
    )
    cast = cast_of(scenes, rates)
    strips = strips_from_scenes(scenes, cast, hours=hours)
    return build_board(schedule, strips, cast, locked=[by_number[n] for n in locked])
