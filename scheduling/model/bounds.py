"""Redundant constraints that change no schedule but give CP-SAT's relaxation a floor to stand on,
so the bound (and the gap the user sees) is honest sooner: days needed by the hours, cast members'
and locations' days needed by their own hours, and the moves needed to visit every location."""

from __future__ import annotations

import math

from scheduling.model.variables import CENTS, MINUTES, ScheduleModel


def _days_needed(sm: ScheduleModel, strips) -> int:
    capacity = round(sm.problem.day_hours * MINUTES)
    whole = sum(st.days or 0 for st in strips)
    minutes = sum(round(st.hours * MINUTES) for st in strips if not st.days)
    return whole + math.ceil(minutes / capacity)


def add_day_bounds(sm: ScheduleModel) -> None:
    """They follow from the day capacity, so they hold only while that rule does (an explanation
    switches it off)."""
    problem, m = sm.problem, sm.model
    capacity = next(g.literal for g in sm.groups if g.key == "capacity")
    m.Add(sum(sm.used) >= _days_needed(sm, problem.strips)).OnlyEnforceIf(capacity)
    m.Add(sum(sm.span) >= sum(sm.used))
    for member in problem.cast:
        own = [st for st in problem.strips if member.name in st.cast]
        m.Add(sum(sm.works[member.name]) >= max(1, _days_needed(sm, own))).OnlyEnforceIf(capacity)
    for location in problem.locations:
        own = [st for st in problem.strips if st.location == location.name]
        if own:
            m.Add(sum(sm.at[location.name]) >= max(1, _days_needed(sm, own))).OnlyEnforceIf(capacity)


def add_move_bound(sm: ScheduleModel) -> None:
    """Visiting L locations in k unbroken runs of shoot days takes at least L - k moves; a dark day
    inside the shoot is the only thing that breaks a run."""
    weight = round(sm.problem.weights.company_move * CENTS)
    locations = sum(1 for loc in sm.problem.locations if any(st.location == loc.name for st in sm.problem.strips))
    if not weight or locations < 2:
        return
    dark = sum(sm.span) - sum(sm.used)
    sm.model.Add(sm.costs["company_moves"].expression() >= weight * (locations - 1) - weight * dark)
