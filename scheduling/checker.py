"""An independent check of a schedule: every rule of the problem, and the cost recomputed.

Nothing here uses CP-SAT or the model's formulation: the tests hold every solver result to this
check, and `evaluate` reports its violations when a person moves strips by hand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from scheduling.problem import ScheduleProblem
from studio.models.planning import Schedule


@dataclass
class CheckReport:
    violations: list[str] = field(default_factory=list)
    terms: dict[str, float] = field(default_factory=dict)  # cost family -> amount

    @property
    def ok(self) -> bool:
        return not self.violations

    @property
    def total(self) -> float:
        return sum(self.terms.values())


def check_schedule(problem: ScheduleProblem, schedule: Schedule) -> CheckReport:
    report = CheckReport()
    bad = report.violations.append
    days = [list(day.scene_ids) for day in schedule.days]
    dates = problem.calendar.dates(len(days))
    for i, day in enumerate(schedule.days):
        if day.number != i + 1:
            bad(f"Day {i + 1} is numbered {day.number}.")
        if day.date is not None and day.date != dates[i]:
            bad(f"Day {i + 1} is dated {day.date}, but the calendar's day {i + 1} is {dates[i]}.")

    on: dict[str, list[int]] = {}
    for i, ids in enumerate(days):
        for sid in ids:
            if sid not in problem.strip_by_id:
                bad(f"Day {i + 1} lists a scene ({sid}) that is not in the problem.")
            on.setdefault(sid, []).append(i)
    for strip in problem.strips:
        got = on.get(strip.id, [])
        if not got:
            bad(f"Scene {strip.number} is not scheduled.")
        elif got != list(range(got[0], got[0] + strip.length_days)):
            bad(f"Scene {strip.number} should take {strip.length_days} consecutive day(s), has days {[d + 1 for d in got]}.")
        if strip.days and any(len(days[d]) > 1 for d in got):
            bad(f"Scene {strip.number} books whole days but shares one.")
    known = [[problem.strip_by_id[sid] for sid in ids if sid in problem.strip_by_id] for ids in days]

    for i, strips in enumerate(known):
        shared = [st for st in strips if not st.days]
        moves = sum(1 for a, b in zip(shared, shared[1:]) if a.location != b.location)
        if sum(round(st.hours * 60) for st in shared) + moves * problem.move_minutes > round(problem.day_hours * 60):
            took = f" with {moves} company move{'s' * (moves != 1)}" if moves and problem.move_minutes else ""
            bad(f"Day {i + 1} runs {sum(st.hours for st in shared) + moves * problem.move_minutes / 60:.2f} h{took}, "
                f"over {problem.day_hours:g} h.")
        if problem.day_eighths and sum(st.eighths for st in shared) > problem.day_eighths:
            bad(f"Day {i + 1} has more than {problem.day_eighths} eighths.")
        for st in strips:
            for name in st.cast:
                member = problem.cast_by_name.get(name)
                if member and not member.available_on(dates[i]):
                    bad(f"{name} works on day {i + 1} ({dates[i]}) but is unavailable.")
            place = problem.location_by_name.get(st.location)
            if place and not place.available_on(dates[i]):
                bad(f"{st.location} is used on day {i + 1} ({dates[i]}) but is unavailable.")

    for sid, day in problem.locks.items():
        if sid in on and on[sid][0] != day - 1:
            bad(f"{problem.label(sid)} is locked to day {day} but is on day {on[sid][0] + 1}.")
    for a, b in problem.precedences:
        if a in on and b in on and not max(on[a]) < min(on[b]):
            bad(f"{problem.label(a)} must be shot on a day before {problem.label(b)}.")

    night = [any(st.night for st in strips) for strips in known]
    daylight = [any(not st.night for st in strips) for strips in known]
    if problem.turnaround:
        for i in range(len(known) - 1):
            if night[i] and daylight[i + 1] and dates[i + 1] - dates[i] == dt.timedelta(days=1):
                bad(f"Day {i + 2} has day work straight after night work on day {i + 1}.")
    if problem.max_consecutive_nights:
        run = 0
        for i, is_night in enumerate(night):
            run = run + 1 if is_night else 0
            if run == problem.max_consecutive_nights + 1:
                bad(f"Day {i + 1} is night {run} in a row (the limit is {problem.max_consecutive_nights}).")
    last = max((i for i, strips in enumerate(known) if strips), default=-1)
    if problem.max_days and last + 1 > problem.max_days:
        bad(f"The shoot runs {last + 1} days, over the limit of {problem.max_days}.")

    report.terms = _recomputed_cost(problem, known, last, night, daylight)
    return report


def _recomputed_cost(problem, known, last, night, daylight) -> dict[str, float]:
    w = problem.weights
    work: dict[str, set[int]] = {}
    for i, strips in enumerate(known):
        for st in strips:
            for name in st.cast:
                work.setdefault(name, set()).add(i)
    cast_work = sum(len(days) * problem.cast_by_name[n].daily_rate * w.cast_work_factor for n, days in work.items())
    cast_holds = 0.0
    for name, worked in work.items():
        for i in range(min(worked), max(worked) + 1):
            if i in worked:
                continue
            lo = max(d for d in worked if d < i)
            hi = min(d for d in worked if d > i)
            if problem.drop_pickup_days is None or hi - lo - 1 < problem.drop_pickup_days:
                cast_holds += problem.cast_by_name[name].daily_rate * w.cast_hold_factor
    # the company's path: (day, location) strip by strip; a dark day breaks it
    path = [(i, st.location) for i, strips in enumerate(known) for st in strips]
    moves = sum(1 for (d1, l1), (d2, l2) in zip(path, path[1:]) if l1 != l2 and d2 - d1 <= 1)
    switches = sum(1 for i in range(len(known)) if night[i] and daylight[i])
    switches += sum(
        1 for i in range(len(known) - 1) if known[i] and known[i + 1] and night[i] != night[i + 1]
    )
    return {
        "shoot_days": (last + 1) * w.shoot_day,
        "cast_work": cast_work,
        "cast_holds": cast_holds,
        "company_moves": moves * w.company_move,
        "day_night_switches": switches * w.day_night_switch,
    }
