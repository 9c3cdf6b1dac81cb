"""The CP-SAT model of a shooting schedule, built from small functions (one per rule, one per cost).

`build_model(problem, horizon)` returns a `ScheduleModel` whose objective is the sum of the cost
families in `COST_FAMILIES`; every rule family sits behind a group literal (see `rules`).
"""

from __future__ import annotations

import math

from scheduling.model import costs, rules
from scheduling.model.bounds import add_day_bounds, add_move_bound
from scheduling.model.placement import add_day_literals, add_placement, add_shoot_span
from scheduling.model.symmetry import add_interchangeable_strip_order
from scheduling.model.variables import MINUTES, ScheduleModel
from scheduling.problem import ScheduleProblem

COST_FAMILIES = {
    "shoot_days": costs.shoot_day_costs,
    "cast_work": costs.cast_work_costs,
    "cast_holds": costs.cast_hold_costs,
    "company_moves": costs.company_move_costs,
    "day_night_switches": costs.day_night_switch_costs,
}

RULES = (
    rules.add_capacity,
    rules.add_cast_availability,
    rules.add_location_availability,
    rules.add_locks,
    rules.add_precedences,
    rules.add_turnaround,
    rules.add_max_consecutive_nights,
    rules.add_max_days,
)


def build_model(problem: ScheduleProblem, horizon: int | None = None) -> ScheduleModel:
    horizon = horizon or day_horizon(problem)
    sm = ScheduleModel(problem, horizon, problem.calendar.dates(horizon))
    add_placement(sm)
    add_day_literals(sm)
    add_shoot_span(sm)
    for rule in RULES:
        rule(sm)
    add_interchangeable_strip_order(sm)
    add_day_bounds(sm)
    for family, terms_of in COST_FAMILIES.items():
        sm.costs[family] = terms_of(sm)
    add_move_bound(sm)
    sm.model.Minimize(sum(terms.expression() for terms in sm.costs.values()))
    return sm


def day_horizon(problem: ScheduleProblem) -> int:
    """Enough shoot days for any sensible schedule: the days a loose first-fit packing needs, with
    room for availability windows, locks and night rules, and never fewer than a late window or
    lock asks for."""
    capacity = round(problem.day_hours * MINUTES)
    whole_days = sum(st.days or 0 for st in problem.strips)
    minutes = sum(round(st.hours * MINUTES) for st in problem.strips if st.days is None)
    eighths = sum(st.eighths for st in problem.strips if st.days is None)
    packed = math.ceil(minutes / capacity)
    if problem.day_eighths:
        packed = max(packed, math.ceil(eighths / problem.day_eighths))
    base = whole_days + math.ceil(packed * 1.15) + 2
    latest = max([day + problem.strip_by_id[sid].length_days for sid, day in problem.locks.items()] or [0])
    horizon = max(base, latest)
    # A window that opens late pushes its scenes out; leave room for them after it opens.
    dates = problem.calendar.dates(horizon * 3)
    for member in problem.cast:
        if member.available_from:
            opens = next((i for i, d in enumerate(dates) if d >= member.available_from), len(dates))
            scenes = sum(st.length_days for st in problem.strips if member.name in st.cast)
            horizon = max(horizon, min(opens + scenes + 1, len(dates)))
    for location in problem.locations:
        if location.available_from:
            opens = next((i for i, d in enumerate(dates) if d >= location.available_from), len(dates))
            scenes = sum(st.length_days for st in problem.strips if st.location == location.name)
            horizon = max(horizon, min(opens + scenes + 1, len(dates)))
    return max(horizon, 1)
