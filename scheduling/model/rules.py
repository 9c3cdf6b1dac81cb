"""The rules a schedule must keep, one function per family. Each family's constraints are enforced
by its group literal, so an infeasible setup can be explained by the groups that conflict."""

from __future__ import annotations

import datetime as dt

from scheduling.model.variables import MINUTES, ScheduleModel


def add_capacity(sm: ScheduleModel) -> None:
    """A shoot day holds at most `day_hours` of strips and of company moves within it (one per
    location after the first, each `company_move_hours` long), and `day_eighths` pages when set."""
    problem = sm.problem
    shared = [(s, st) for s, st in enumerate(problem.strips) if st.days is None]
    rule = sm.group("capacity")
    minutes = [round(st.hours * MINUTES) for _, st in shared]
    move = problem.move_minutes
    for d in range(sm.horizon):
        moves = sum(sm.at[loc.name][d] for loc in problem.locations) - sm.used[d] if move else 0
        sm.model.Add(
            sum(m * sm.occ[s][d] for m, (s, _) in zip(minutes, shared)) + move * moves
            <= round(problem.day_hours * MINUTES)
        ).OnlyEnforceIf(rule)
        if problem.day_eighths:
            sm.model.Add(
                sum(st.eighths * sm.occ[s][d] for s, st in shared) <= problem.day_eighths
            ).OnlyEnforceIf(rule)


def add_cast_availability(sm: ScheduleModel) -> None:
    for member in sm.problem.cast:
        closed = [d for d, date in enumerate(sm.dates) if not member.available_on(date)]
        if closed:
            rule = sm.group(f"cast:{member.name}", member.name)
            for d in closed:
                sm.model.AddImplication(rule, sm.works[member.name][d].Not())


def add_location_availability(sm: ScheduleModel) -> None:
    for location in sm.problem.locations:
        closed = [d for d, date in enumerate(sm.dates) if not location.available_on(date)]
        if closed:
            rule = sm.group(f"location:{location.name}", location.name)
            for d in closed:
                sm.model.AddImplication(rule, sm.at[location.name][d].Not())


def add_locks(sm: ScheduleModel) -> None:
    index = {st.id: s for s, st in enumerate(sm.problem.strips)}
    for strip_id, day in sm.problem.locks.items():
        rule = sm.group(f"lock:{strip_id}", strip_id)
        s = index[strip_id]
        if day - 1 < sm.horizon:
            sm.model.AddImplication(rule, sm.start[s][day - 1])
        else:
            sm.model.Add(rule == 0)


def add_precedences(sm: ScheduleModel) -> None:
    """"A before B": A's last day comes before B's first day."""
    index = {st.id: s for s, st in enumerate(sm.problem.strips)}
    for before, after in sm.problem.precedences:
        rule = sm.group(f"order:{before}>{after}", before)
        a, b = index[before], index[after]
        length = sm.problem.strips[a].length_days
        sm.model.Add(sm.day_of(a) + length <= sm.day_of(b)).OnlyEnforceIf(rule)


def add_turnaround(sm: ScheduleModel) -> None:
    """No day work on the calendar day after a night's work; a rest day in between resets it."""
    if not sm.problem.turnaround:
        return
    rule = sm.group("turnaround")
    for d in range(sm.horizon - 1):
        if sm.dates[d + 1] - sm.dates[d] == dt.timedelta(days=1):
            sm.model.AddBoolOr([sm.night[d].Not(), sm.daylight[d + 1].Not()]).OnlyEnforceIf(rule)


def add_max_consecutive_nights(sm: ScheduleModel) -> None:
    limit = sm.problem.max_consecutive_nights
    if not limit or limit >= sm.horizon:
        return
    rule = sm.group("nights")
    for d in range(sm.horizon - limit):
        sm.model.Add(sum(sm.night[d : d + limit + 1]) <= limit).OnlyEnforceIf(rule)


def add_max_days(sm: ScheduleModel) -> None:
    limit = sm.problem.max_days
    if not limit or limit >= sm.horizon:
        return
    rule = sm.group("max_days")
    sm.model.AddImplication(rule, sm.span[limit].Not())
