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


def tidy_days(per_day: Sequence[Sequence[Strip]]) -> list[list[Strip]]:
    """Each day's strips grouped by location, the day opening where the day before wrapped and
    wrapping where the next day opens when it can: the same days, the fewest company moves a
    left-to-right pass finds (within a day, a move per location after the first)."""
    out: list[list[Strip]] = []
    for i, day in enumerate(per_day):
        groups: dict[str, list[Strip]] = {}
        for strip in day:
            groups.setdefault(strip.location, []).append(strip)
        before = out[-1][-1].location if out and out[-1] else None
        after = {st.location for st in per_day[i + 1]} if i + 1 < len(per_day) else set()
        first = before if before in groups else None
        last = next((n for n in groups if n in after and n != first), None)
        names = [first] * (first is not None) + [n for n in groups if n not in (first, last)] + [last] * (last is not None)
        out.append([st for n in names for st in groups[n]])
    return out


def company_moves(per_day: Sequence[Sequence[Strip]]) -> int:
    """Location changes along the days' strips, none across a day without scenes (as evaluate counts)."""
    path = [(i, st.location) for i, day in enumerate(per_day) for st in day]
    return sum(1 for (d1, a), (d2, b) in zip(path, path[1:]) if a != b and d2 - d1 <= 1)


def as_shoot_days(problem: ScheduleProblem, per_day: Sequence[Sequence[Strip]]) -> list[ShootDay]:
    """ShootDays numbered from 1, dated by the calendar; a multi-day strip counts its pages on its
    first day and a full day's hours on each. A day's hours include its company moves' time."""
    dates = problem.calendar.dates(len(per_day))
    seen: set[str] = set()
    days = []
    for number, (strips, date) in enumerate(zip(per_day, dates), start=1):
        hours = sum(problem.day_hours if st.days else st.hours for st in strips)
        hours += company_moves([strips]) * problem.move_minutes / 60
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
