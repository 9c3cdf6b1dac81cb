"""Small schedule problems built by hand for the solver tests."""

from __future__ import annotations

import datetime as dt

from scheduling.problem import CastMember, Location, ScheduleProblem, ShootingCalendar, Strip
from studio.models.planning import ObjectiveWeights

MONDAY = dt.date(2027, 3, 1)


def strip(n: int, location: str = "QUAY", cast: tuple[str, ...] = (), hours: float = 2.0,
          night: bool = False, days: int | None = None) -> Strip:
    return Strip(id=f"s{n}", number=str(n), set_name=location, location=location, hours=hours,
                 day_night="NIGHT" if night else "DAY", eighths=8, cast=cast, days=days)


def problem(strips: list[Strip], cast: list[CastMember] | None = None, **rules) -> ScheduleProblem:
    names = sorted({n for s in strips for n in s.cast})
    cast = cast or [CastMember(name=n, daily_rate=1000) for n in names]
    rules.setdefault("weights", ObjectiveWeights(shoot_day=10000, company_move=3000, day_night_switch=500))
    return ScheduleProblem(
        name="tiny", strips=tuple(strips), cast=tuple(cast),
        locations=tuple(Location(name=n) for n in sorted({s.location for s in strips})),
        calendar=ShootingCalendar(start=MONDAY), day_hours=rules.pop("day_hours", 10.0), **rules,
    )
