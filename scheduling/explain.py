"""Why no schedule exists, in a line producer's words.

Each rule family sits behind one group literal (one per cast member's dates, per lock, per scene
order, ...). To explain an infeasible setup, rules are switched off until what is left is a set
that cannot all hold and where every rule is needed for the conflict.
"""

from __future__ import annotations

import datetime as dt
import time

from ortools.sat.python import cp_model
from pydantic import BaseModel

from scheduling.model import build_model
from scheduling.model.variables import ConstraintGroup
from scheduling.problem import Availability, ScheduleProblem

# Each check is a satisfiability question with the other rules fixed on or off.
CHECK_SECONDS = 4.0
EXPLAIN_SECONDS = 45.0


class Conflict(BaseModel):
    """One rule taking part in the conflict, and what to relax."""

    key: str
    text: str
    hint: str


def explain_infeasible(problem: ScheduleProblem, horizon: int) -> list[Conflict]:
    """The rules that together leave no schedule, each needed for the conflict.

    A deletion filter: switch off one rule family at a time, then one rule at a time, and keep
    only those without which a schedule exists. Each check fixes the rule literals, so CP-SAT's
    presolve sees them; solving with them as assumptions instead was far slower on large setups.
    """
    sm = build_model(problem, horizon)
    sm.model.ClearObjective()
    started = time.perf_counter()

    def infeasible_with(on: list[ConstraintGroup]) -> bool:
        # Out of time counts as "still infeasible": a rule is only dropped when proven irrelevant.
        if time.perf_counter() - started > EXPLAIN_SECONDS:
            return True
        trial = sm.model.clone()
        kept = {g.literal.Index() for g in on}
        for g in sm.groups:
            trial.Add(trial.get_bool_var_from_proto_index(g.literal.Index()) == int(g.literal.Index() in kept))
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = CHECK_SECONDS
        solver.parameters.num_workers = 2
        return solver.Solve(trial) not in (cp_model.OPTIMAL, cp_model.FEASIBLE)

    needed = list(sm.groups)
    if infeasible_with([]):
        needed = []  # no rule is to blame: the shoot is longer than the model's horizon
    else:
        for kind in dict.fromkeys(g.key.split(":")[0] for g in sm.groups):
            trial = [g for g in needed if g.key.split(":")[0] != kind]
            if len(trial) < len(needed) and infeasible_with(trial):
                needed = trial
        for group in list(needed):
            trial = [g for g in needed if g is not group]
            if infeasible_with(trial):
                needed = trial
    if not needed:
        return [Conflict(key="horizon", text=f"The scenes do not fit in {horizon} shoot days.",
                         hint="Allow longer days or split the longest scenes.")]
    return [describe(problem, group) for group in needed]


def _dates(dates: list[dt.date] | frozenset[dt.date]) -> str:
    """[12, 13, 14 Mar, 20 Mar] -> "12–14 Mar, 20 Mar"."""
    runs: list[list[dt.date]] = []
    for d in sorted(dates):
        if runs and d - runs[-1][-1] == dt.timedelta(days=1):
            runs[-1].append(d)
        else:
            runs.append([d])

    def one(d: dt.date) -> str:
        return f"{d.day} {d:%b}"

    return ", ".join(
        one(r[0]) if len(r) == 1 else (f"{r[0].day}–{one(r[-1])}" if r[0].month == r[-1].month else f"{one(r[0])}–{one(r[-1])}")
        for r in runs
    )


def availability_text(who: str, window: Availability) -> str:
    parts = []
    if window.available_from and window.available_until:
        parts.append(f"available only {_dates([window.available_from])} to {_dates([window.available_until])}")
    elif window.available_from:
        parts.append(f"available only from {_dates([window.available_from])}")
    elif window.available_until:
        parts.append(f"available only until {_dates([window.available_until])}")
    if window.unavailable:
        parts.append(f"unavailable {_dates(window.unavailable)}")
    return f"{who} is " + " and ".join(parts)


def describe(problem: ScheduleProblem, group: ConstraintGroup) -> Conflict:
    kind, _, rest = group.key.partition(":")
    if kind == "cast":
        member = problem.cast_by_name[rest]
        return Conflict(key=group.key, text=availability_text(member.name, member) + ".",
                        hint=f"Ask whether {member.name} can work other dates, or change their dates in the setup's cast table.")
    if kind == "location":
        place = problem.location_by_name[rest]
        return Conflict(key=group.key, text=availability_text(place.name, place) + ".",
                        hint=f"Extend the permit for {place.name}, or change its dates in the setup's location table.")
    if kind == "lock":
        return Conflict(key=group.key, text=f"{problem.label(rest).capitalize()} is locked to day {problem.locks[rest]}.",
                        hint=f"Unlock {problem.label(rest)} or lock it to another day.")
    if kind == "order":
        before, _, after = rest.partition(">")
        return Conflict(key=group.key,
                        text=f"{problem.label(before).capitalize()} must be shot on an earlier day than {problem.label(after)}.",
                        hint="Remove that scene order, or unlock one of the two scenes.")
    if kind == "capacity":
        pages = f" and {problem.day_eighths} eighths" if problem.day_eighths else ""
        return Conflict(key=group.key, text=f"A shoot day holds at most {problem.day_hours:g} hours{pages}.",
                        hint="Allow longer days, a faster pages-per-hour rate, or move locked scenes apart.")
    if kind == "turnaround":
        return Conflict(key=group.key, text="Turnaround: no day work on the day after a night shoot.",
                        hint="Switch off the turnaround rule, or add a rest day after the nights.")
    if kind == "nights":
        return Conflict(key=group.key, text=f"At most {problem.max_consecutive_nights} night shoots in a row.",
                        hint="Raise the limit on consecutive nights.")
    if kind == "max_days":
        return Conflict(key=group.key, text=f"The shoot must wrap within {problem.max_days} days.",
                        hint="Allow more shoot days.")
    return Conflict(key=group.key, text=group.key, hint="Relax this rule.")
