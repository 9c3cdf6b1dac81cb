"""The schedule a person sorts by hand: strips by location, then INT/EXT, then DAY/NIGHT, packed
into days in that order. Slatebook shows it beside the optimised schedule so its savings are real."""

from __future__ import annotations

from scheduling.problem import ScheduleProblem, Strip
from scheduling.shoot_days import as_shoot_days
from studio.models.planning import Schedule


def hand_sorted(problem: ScheduleProblem) -> list[Strip]:
    order = {st.id: i for i, st in enumerate(problem.strips)}
    return sorted(problem.strips, key=lambda st: (st.location, st.int_ext, st.night, st.set_name, order[st.id]))


def baseline_schedule(problem: ScheduleProblem) -> Schedule:
    """Fill each day until the next strip would not fit; a multi-day strip takes its own days.
    Availability, locks and night rules are not consulted, as with a first sort by hand:
    `evaluate` lists what it breaks."""
    capacity = round(problem.day_hours * 60)
    per_day: list[list[Strip]] = []
    minutes = eighths = 0
    for strip in hand_sorted(problem):
        if strip.days:
            per_day.extend([strip] for _ in range(strip.days))
            minutes = capacity  # nothing joins a booked day
            continue
        need = round(strip.hours * 60)
        if per_day and per_day[-1] and per_day[-1][-1].location != strip.location:
            need += problem.move_minutes  # the company moves before this strip
        fits = per_day and minutes + need <= capacity
        if fits and problem.day_eighths:
            fits = eighths + strip.eighths <= problem.day_eighths
        if not fits:
            per_day.append([])
            minutes = eighths = 0
            need = round(strip.hours * 60)
        per_day[-1].append(strip)
        minutes += need
        eighths += strip.eighths
    return Schedule(name="Baseline sort", status="manual", days=as_shoot_days(problem, per_day))
