"""Lists of strips per day as `ShootDay`s: dates from the calendar, hours and pages, and a running
order within each day that keeps each location's strips together."""

from __future__ import annotations

from collections.abc import Sequence

from scheduling.problem import ScheduleProblem, Strip
from studio.models.planning import ShootDay


def running_order(strips: Sequence[Strip], opens_at: str | None = None, wraps_at: str | None = None) -> list[Strip]:
    """One block per location, opening and wrapping where asked; DAY before NIGHT, then script
    order, within a block (nights are shot last, as the light goes)."""
    blocks: dict[str, list[Strip]] = {}
    for strip in strips:
        blocks.setdefault(strip.location, []).append(strip)
    names = sorted(blocks)
    if opens_at in blocks:
        names.remove(opens_at)
        names.insert(0, opens_at)
    if wraps_at in blocks and wraps_at != opens_at:
        names.remove(wraps_at)
        names.append(wraps_at)
    return [st for n in names for st in sorted(blocks[n], key=lambda st: (st.night, st.int_ext))]


def as_shoot_days(problem: ScheduleProblem, per_day: Sequence[Sequence[Strip]]) -> list[ShootDay]:
    """ShootDays numbered from 1, dated by the calendar; a multi-day strip counts its pages on its
    first day and a full day's hours on each."""
    dates = problem.calendar.dates(len(per_day))
    seen: set[str] = set()
    days = []
    for number, (strips, date) in enumerate(zip(per_day, dates), start=1):
        hours = sum(problem.day_hours if st.days else st.hours for st in strips)
        eighths = sum(st.eighths for st in strips if st.id not in seen)
        seen.update(st.id for st in strips)
        days.append(
            ShootDay(
                number=number,
                date=date,
                scene_ids=[st.id for st in strips],
                hours=round(hours, 2),
                eighths=eighths,
            )
        )
    return days
