"""The CP-SAT variables of a schedule, shared by the constraint and cost functions.

Days are indexed from 0 up to a horizon. `start[s][d]` says strip s starts on day d; `occ[s][d]`
that it is shot on day d (the same literal for a one-day strip). Day, cast and location literals
are exact ORs of occupancy, so no cost can be dodged by switching one on or off.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from scheduling.problem import ScheduleProblem

# Costs and hours become integers for CP-SAT: money in cents, time in minutes.
CENTS = 100
MINUTES = 60


@dataclass(frozen=True)
class ConstraintGroup:
    """One rule the user can relax, switched by `literal` (an assumption when explaining)."""

    key: str  # e.g. "cast:ISLA", "lock:<scene id>", "turnaround"
    literal: cp_model.IntVar
    subject: str = ""


@dataclass
class CostTerms:
    """A soft cost's (variables, coefficients) in cents, as OR-Tools' shift_scheduling example has them."""

    variables: list = field(default_factory=list)
    coefficients: list[int] = field(default_factory=list)

    def add(self, variable, cents: int) -> None:
        if cents:
            self.variables.append(variable)
            self.coefficients.append(cents)

    def expression(self):
        return cp_model.LinearExpr.WeightedSum(self.variables, self.coefficients)


@dataclass
class ScheduleModel:
    problem: ScheduleProblem
    horizon: int
    dates: list[dt.date]
    model: cp_model.CpModel = field(default_factory=cp_model.CpModel)
    start: list[list[cp_model.IntVar]] = field(default_factory=list)  # [strip][day]
    occ: list[list[cp_model.IntVar]] = field(default_factory=list)  # [strip][day]
    used: list[cp_model.IntVar] = field(default_factory=list)  # the day has strips
    span: list[cp_model.IntVar] = field(default_factory=list)  # the day is within the shoot
    night: list[cp_model.IntVar] = field(default_factory=list)  # the day has a night strip
    daylight: list[cp_model.IntVar] = field(default_factory=list)  # the day has a day strip
    works: dict[str, list[cp_model.IntVar]] = field(default_factory=dict)  # cast -> [day]
    at: dict[str, list[cp_model.IntVar]] = field(default_factory=dict)  # location -> [day]
    first_at: dict[str, list[cp_model.IntVar]] = field(default_factory=dict)  # the day opens there
    last_at: dict[str, list[cp_model.IntVar]] = field(default_factory=dict)  # the day wraps there
    groups: list[ConstraintGroup] = field(default_factory=list)
    costs: dict[str, CostTerms] = field(default_factory=dict)  # family -> terms

    def group(self, key: str, subject: str = "") -> cp_model.IntVar:
        literal = self.model.NewBoolVar(f"rule {key}")
        self.groups.append(ConstraintGroup(key, literal, subject))
        return literal

    def day_of(self, s: int) -> cp_model.LinearExpr:
        """The index of the first day of strip s."""
        return cp_model.LinearExpr.WeightedSum(self.start[s], list(range(len(self.start[s]))))

    def bool_or(self, literals: list, name: str) -> cp_model.IntVar:
        """A new literal equal to the OR of `literals` (false when there are none)."""
        var = self.model.NewBoolVar(name)
        if literals:
            self.model.AddMaxEquality(var, literals)
        else:
            self.model.Add(var == 0)
        return var
