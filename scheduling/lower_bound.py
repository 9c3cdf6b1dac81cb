"""A lower bound on any schedule's cost, by counting, so the gap shown is honest even when CP-SAT's
own bound is weak at feature scale.

- shoot days: at least the days the hours need (whole-day scenes add their days);
- each cast member is paid (work, or work plus holds) for at least the days their own scenes need;
- every location after the first costs a company move, unless a dark day (itself a paid shoot day,
  beyond the days the hours need) breaks the run, so each is worth the cheaper of the two;
- a script with DAY and NIGHT scenes switches at least once, or pays a dark day to avoid it.
"""

from __future__ import annotations

import math

from scheduling.problem import ScheduleProblem, Strip


def days_needed(problem: ScheduleProblem, strips: list[Strip] | tuple[Strip, ...]) -> int:
    capacity = round(problem.day_hours * 60)
    whole = sum(st.days or 0 for st in strips)
    minutes = sum(round(st.hours * 60) for st in strips if not st.days)
    days = math.ceil(minutes / capacity)
    if problem.day_eighths:
        days = max(days, math.ceil(sum(st.eighths for st in strips if not st.days) / problem.day_eighths))
    return whole + days


def lower_bound(problem: ScheduleProblem) -> float:
    w = problem.weights
    bound = days_needed(problem, problem.strips) * w.shoot_day
    for member in problem.cast:
        own = [st for st in problem.strips if member.name in st.cast]
        if own:
            # the days they work are paid; a span longer than them only adds holds
            bound += days_needed(problem, own) * member.daily_rate * w.cast_work_factor
    changes = max(0, len({st.location for st in problem.strips}) - 1)
    switches = 1 if len({st.night for st in problem.strips}) == 2 else 0
    # a dark day can stand in for one move and one switch, at the price of a shoot day
    darks = max(changes, switches)
    bound += min(changes * w.company_move + switches * w.day_night_switch,
                 max(0, changes - darks) * w.company_move + max(0, switches - darks) * w.day_night_switch
                 + darks * w.shoot_day)
    return bound
