"""A lower bound on any schedule's cost, by counting, so the gap shown is honest even when CP-SAT's
own bound is weak at feature scale.

- shoot days: at least the days the hours need (whole-day scenes add their days);
- each cast member is paid (work, or work plus holds) for at least the days their own scenes need;
- every location after the first costs a company move, unless a dark day (itself a paid shoot day,
  beyond the days the hours need) breaks the run, so each is worth the cheaper of the two;
- a script with DAY and NIGHT scenes switches at least once, or pays a dark day to avoid it; with
  a limit on nights in a row, the night days fall into at least ceil(night days / limit) runs, and
  every run boundary between two runs is a switch unless a dark day sits there (one dark day can
  serve two boundaries and one company move at once).
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
    bound += _moves_and_switches(problem, changes)
    return bound


def _moves_and_switches(problem: ScheduleProblem, changes: int) -> float:
    """The cheapest way to pay for `changes` company moves and the day/night boundaries: each as a
    move or a switch, or a dark day (a shoot day beyond the days the hours need) standing in for
    one move and up to two boundaries."""
    w = problem.weights
    nights = [st for st in problem.strips if st.night]
    boundaries = 0
    if nights and len(nights) < len(problem.strips):
        runs = 1
        if problem.max_consecutive_nights:
            runs = math.ceil(days_needed(problem, nights) / problem.max_consecutive_nights)
        boundaries = max(1, 2 * runs - 2)
    most = max(changes, math.ceil(boundaries / 2))
    return min(k * w.shoot_day + max(0, changes - k) * w.company_move
               + max(0, boundaries - 2 * k) * w.day_night_switch for k in range(most + 1))
