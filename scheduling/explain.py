"""Why no schedule exists, in a line producer's words.

Each rule family sits behind one group literal (one per cast member's dates, per lock, per scene
order, ...). Those literals are CP-SAT assumptions: an infeasible solve hands back the groups it
needed (a core), shrunk to a set where every rule is needed for the conflict. When that solve
cannot answer in time, rules are switched off one by one instead (a deletion filter).
"""

from __future__ import annotations

import datetime as dt
import time

from ortools.sat.python import cp_model
from pydantic import BaseModel

from scheduling.model import build_model
from scheduling.model.variables import ConstraintGroup, ScheduleModel
from scheduling.problem import Availability, ScheduleProblem

# The assumption solve proves infeasibility and hands back a core; out of time, the deletion filter
# answers instead. Shrinking the core is a few short checks, one per group in it.
CORE_SECONDS = 5.0
SHRINK_SECONDS = 4.0
CHECK_SECONDS = 4.0
PROOF_SECONDS = 10.0  # to prove the whole setup has no schedule before the filter takes it apart
EXPLAIN_SECONDS = 45.0


class Conflict(BaseModel):
    """One rule taking part in the conflict, and what to relax."""

    key: str
    text: str
    hint: str
    found_by: str = ""  # debug only, never shown: "assumptions" or "deletion filter"


def explain_infeasible(problem: ScheduleProblem, horizon: int, *, core_seconds: float = CORE_SECONDS,
                       budget_s: float = EXPLAIN_SECONDS) -> list[Conflict]:
    """The rules that together leave no schedule, each needed for the conflict; [] when the setup
    does have a schedule, and one "unproven" entry when neither could be shown in time.

    First from assumption literals: every rule group's literal is assumed true, one feasibility
    solve returns a core (a set of groups that cannot all hold), and a deletion pass over that core
    alone makes it minimal. When that solve runs out of time or gives no core, the deletion filter
    over all rules finds the conflict instead.
    """
    started = time.perf_counter()
    sm = build_model(problem, horizon)
    sm.model.ClearObjective()  # a core is only minimised for a pure satisfiability question
    needed = _core_from_assumptions(sm, min(core_seconds, budget_s), started + budget_s)
    found_by = "assumptions"
    if needed is None:
        # The filter only makes sense for a setup proven to have no schedule: fed one that has a
        # schedule it would keep every rule, and name them all.
        proof = _status_with(sm, sm.groups, min(PROOF_SECONDS, budget_s))
        if proof in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return []
        if proof != cp_model.INFEASIBLE:
            return [Conflict(key="unproven", found_by="deletion filter",
                             text=f"No schedule was found, but CP-SAT could not prove in {PROOF_SECONDS:g} s that "
                                  "none exists, so no rule can be named.",
                             hint="Give the solver more time, or relax the rules you expect to be tight.")]
        needed = _deletion_filter(sm, started, budget_s)
        found_by = "deletion filter"
    if not needed:
        return [Conflict(key="horizon", text=f"The scenes do not fit in {horizon} shoot days.",
                         hint="Allow longer days or split the longest scenes.", found_by=found_by)]
    return [describe(problem, group).model_copy(update={"found_by": found_by}) for group in needed]


def _assumption_core(sm: ScheduleModel, seconds: float) -> list[ConstraintGroup] | None:
    """Solve with every group's literal assumed true. Returns the groups in CP-SAT's core when it
    proves the setup infeasible, else None (out of time, or no core)."""
    trial = sm.model.clone()
    trial.ClearAssumptions()
    trial.AddAssumptions([trial.get_bool_var_from_proto_index(g.literal.Index()) for g in sm.groups])
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.0, seconds)
    # CP-SAT minimises the core only on one worker; with several it returns every assumption.
    solver.parameters.num_workers = 1
    # Presolve's probing takes most of this solve's time on a feature-length setup (about 2 s of
    # 3 s at 160 scenes) and is not needed to find the core.
    solver.parameters.cp_model_probing_level = 0
    if solver.Solve(trial) != cp_model.INFEASIBLE:
        return None
    core = set(solver.SufficientAssumptionsForInfeasibility())
    return [g for g in sm.groups if g.literal.Index() in core] or None


def _status_with(sm: ScheduleModel, on: list[ConstraintGroup], seconds: float) -> int:
    """CP-SAT's status with the groups in `on` switched on and every other group off. Fixing the
    literals (rather than assuming them) lets presolve drop the rules that are off: far quicker."""
    trial = sm.model.clone()
    kept = {g.literal.Index() for g in on}
    for g in sm.groups:
        trial.Add(trial.get_bool_var_from_proto_index(g.literal.Index()) == int(g.literal.Index() in kept))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.001, seconds)
    solver.parameters.num_workers = 2
    solver.parameters.cp_model_probing_level = 0
    return solver.Solve(trial)


def _core_from_assumptions(sm: ScheduleModel, seconds: float, deadline: float) -> list[ConstraintGroup] | None:
    """A minimal conflicting set of groups, or None when the assumption solve cannot give one."""
    core = _assumption_core(sm, seconds)
    if core is None:
        return None
    # Deletion over the core only. A group is dropped only when the rest are proven to conflict
    # without it, so a check out of time keeps it and the set stays a proven conflict.
    for group in list(core):
        left = deadline - time.perf_counter()
        if len(core) == 1 or left <= 0:
            break
        trial = [g for g in core if g is not group]
        if _status_with(sm, trial, min(SHRINK_SECONDS, left)) == cp_model.INFEASIBLE:
            core = trial
    return core


def _deletion_filter(sm: ScheduleModel, started: float, budget_s: float) -> list[ConstraintGroup]:
    """Switch off one rule family at a time, then one rule at a time, keeping only those without
    which a schedule exists."""

    def infeasible_with(on: list[ConstraintGroup]) -> bool:
        # Out of time counts as "still infeasible", so the rule under test is dropped.
        if time.perf_counter() - started > budget_s:
            return True
        return _status_with(sm, on, CHECK_SECONDS) not in (cp_model.OPTIMAL, cp_model.FEASIBLE)

    if infeasible_with([]):
        return []  # no rule is to blame: the shoot is longer than the model's horizon
    needed = list(sm.groups)
    for kind in dict.fromkeys(g.key.split(":")[0] for g in sm.groups):
        trial = [g for g in needed if g.key.split(":")[0] != kind]
        if len(trial) < len(needed) and infeasible_with(trial):
            needed = trial
    for group in list(needed):
        trial = [g for g in needed if g is not group]
        if infeasible_with(trial):
            needed = trial
    return needed


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
        moves = (f", each company move within the day taking {problem.company_move_hours:g} of them"
                 if problem.move_minutes else "")
        return Conflict(key=group.key, text=f"A shoot day holds at most {problem.day_hours:g} hours{pages}{moves}.",
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
