"""Why no schedule exists, in a line producer's words.

Each rule family sits behind one group literal. To explain an infeasible setup the model is solved
again with those literals as assumptions; CP-SAT returns a set of them that cannot all hold, which is
then shrunk (drop a rule, re-check) until every rule left is needed for the conflict.
"""

from __future__ import annotations

import datetime as dt

from ortools.sat.python import cp_model
from pydantic import BaseModel

from scheduling.model import build_model
from scheduling.model.variables import ConstraintGroup
from scheduling.problem import Availability, ScheduleProblem

# Each re-check is a small, usually fast, satisfiability question.
CORE_SECONDS = 10.0
RECHECK_SECONDS = 3.0


class Conflict(BaseModel):
    """One rule taking part in the conflict, and what to relax."""

    key: str
    text: str
    hint: str


def explain_infeasible(problem: ScheduleProblem, horizon: int) -> list[Conflict]:
    sm = build_model(problem, horizon)
    sm.model.ClearObjective()
    literals = {g.literal.Index(): g for g in sm.groups}
    core = _core(sm.model, [g.literal for g in sm.groups], literals, CORE_SECONDS)
    if core is None:
        return [Conflict(key="unknown", text="No schedule was found, and the conflict could not be pinned down in time.",
                         hint="Relax the tightest rules (locks, availability, the day limit) one at a time.")]
    if not core:
        return [Conflict(key="horizon", text=f"The scenes do not fit in {horizon} shoot days.",
                         hint="Allow longer days or split the longest scenes.")]
    needed = list(core)
    for group in list(core):
        trial = [g for g in needed if g is not group]
        if _core(sm.model, [g.literal for g in trial], literals, RECHECK_SECONDS) is not None:
            needed = trial  # still infeasible without it: not part of the conflict
    return [describe(problem, group) for group in needed]


def _core(model: cp_model.CpModel, assumed: list, literals: dict[int, ConstraintGroup], seconds: float):
    """The groups CP-SAT blames when `assumed` cannot all hold; None when they can (or time ran out)."""
    model.ClearAssumptions()
    model.AddAssumptions(assumed)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = 1  # the core is only reported by the single-thread search
    # Presolve can report a literal that is not an assumption (or-tools#5141).
    solver.parameters.cp_model_presolve = False
    if solver.Solve(model) != cp_model.INFEASIBLE:
        return None
    blamed = [literals[i] for i in solver.SufficientAssumptionsForInfeasibility() if i in literals]
    return blamed


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
