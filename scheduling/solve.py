"""Solve a shooting schedule with CP-SAT: stream improving schedules, report status, bound and gap
honestly, and explain an infeasible setup instead of failing."""

from __future__ import annotations

import time
from collections.abc import Callable

from ortools.sat.python import cp_model
from pydantic import BaseModel, Field

from scheduling.evaluate import Evaluation, evaluate
from scheduling.greedy import greedy_days
from scheduling.explain import Conflict, explain_infeasible
from scheduling.model import build_model, day_horizon
from scheduling.model.variables import CENTS, ScheduleModel
from scheduling.problem import ScheduleProblem, Strip
from scheduling.shoot_days import as_shoot_days, running_order
from studio.models.planning import Schedule, ShootDay

DEFAULT_WORKERS = 2


class SolveProgress(BaseModel):
    """One improving schedule as the solver finds it."""

    objective: float
    bound: float
    elapsed_s: float
    solutions: int

    @property
    def gap(self) -> float:
        return (self.objective - self.bound) / self.objective if self.objective else 0.0


class ScheduleResult(BaseModel):
    """The outcome of a solve. `schedule` is None when no schedule was found; then `conflicts`
    (infeasible) or `message` (out of time) says why and what to do."""

    status: str  # "optimal", "feasible", "infeasible", "unknown"
    schedule: Schedule | None = None
    evaluation: Evaluation | None = None
    objective: float | None = None
    bound: float | None = None
    gap: float | None = None
    seconds: float = 0.0
    first_solution_s: float | None = None
    progress: list[SolveProgress] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)
    message: str = ""

    @property
    def feasible(self) -> bool:
        return self.schedule is not None


class _Stream(cp_model.CpSolverSolutionCallback):
    def __init__(self, started: float, on_solution: Callable[[SolveProgress], None] | None) -> None:
        super().__init__()
        self.started = started
        self.on_solution = on_solution
        self.progress: list[SolveProgress] = []

    def on_solution_callback(self) -> None:
        objective = self.ObjectiveValue() / CENTS
        if not self.progress or objective < self.progress[-1].objective:
            self.report(objective, self.BestObjectiveBound() / CENTS)

    def report(self, objective: float, bound: float) -> None:
        step = SolveProgress(objective=objective, bound=max(bound, self.progress[-1].bound if self.progress else bound),
                             elapsed_s=time.perf_counter() - self.started, solutions=len(self.progress) + 1)
        self.progress.append(step)
        if self.on_solution:
            self.on_solution(step)


def solve_schedule(
    problem: ScheduleProblem,
    *,
    time_limit_s: float | None = None,
    hint: Schedule | None = None,
    on_solution: Callable[[SolveProgress], None] | None = None,
    workers: int = DEFAULT_WORKERS,
    seed: int = 0,
) -> ScheduleResult:
    """Solve `problem` within `time_limit_s` (default: the problem's own limit).

    `hint` (a previous schedule) is given to CP-SAT as a solution hint so a re-solve after a small
    edit starts from it and stays close. `on_solution` receives every improving schedule's cost and
    the proven bound. Raises SlatebookError only for a setup that names unknown scenes; an
    infeasible setup returns status "infeasible" with `conflicts`.
    """
    problem.check()
    limit = time_limit_s if time_limit_s is not None else problem.time_limit_s
    started = time.perf_counter()
    horizon = day_horizon(problem)
    greedy = _greedy_schedule(problem, 2 * horizon)
    if greedy is not None:
        # the model must have room for the schedule it starts from
        horizon = max(horizon, len(greedy.days))
    sm = build_model(problem, horizon)
    for group in sm.groups:
        sm.model.Add(group.literal == 1)
    stream = _Stream(started, on_solution)
    if greedy is not None:
        # A rule-abiding packing is a real schedule: the user sees it at once, CP-SAT starts from it.
        stream.report(evaluate(problem, greedy).total, 0.0)
    _add_hint(sm, hint.days if hint is not None else (greedy.days if greedy else None))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = limit
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    status = solver.Solve(sm.model, stream)
    seconds = time.perf_counter() - started
    common = dict(seconds=seconds, progress=stream.progress,
                  first_solution_s=stream.progress[0].elapsed_s if stream.progress else None)

    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    if found or greedy is not None:
        bound = solver.BestObjectiveBound() / CENTS if found else 0.0
        schedule = _schedule_from(sm, solver) if found else greedy
        evaluation = evaluate(problem, schedule)
        name = "optimal" if status == cp_model.OPTIMAL else "feasible"
        if greedy is not None and schedule is not greedy and evaluate(problem, greedy).total < evaluation.total:
            schedule, evaluation, name = greedy, evaluate(problem, greedy), "feasible"
        objective = evaluation.total
        gap = max(0.0, (objective - bound) / objective) if objective else 0.0
        schedule = schedule.model_copy(update=dict(
            status=name, objective=objective, bound=bound, gap=gap,
            cost_terms=evaluation.cost_terms, cost_items=evaluation.items,
            parameters={"solver": "cp-sat", "time_limit_s": limit, "workers": workers,
                        "seconds": round(seconds, 3), "horizon": horizon},
        ))
        return ScheduleResult(status=name, schedule=schedule, evaluation=evaluation, objective=objective,
                              bound=bound, gap=gap, **common)
    if status == cp_model.INFEASIBLE:
        return ScheduleResult(status="infeasible", conflicts=explain_infeasible(problem, horizon), **common)
    if status == cp_model.MODEL_INVALID:
        # A bug of ours, not the user's: say so plainly rather than show a traceback.
        return ScheduleResult(status="invalid", message=f"The schedule model was rejected by CP-SAT: "
                              f"{sm.model.Validate()}. Please report this.", **common)
    return ScheduleResult(
        status="unknown",
        message=f"No schedule was found in {limit:g} s. Give the solver more time, or relax the setup.",
        **common,
    )


def _greedy_schedule(problem: ScheduleProblem, horizon: int) -> Schedule | None:
    """The greedy packing as a schedule, when it places every strip and keeps every rule."""
    per_day = greedy_days(problem, horizon)
    while per_day and not per_day[-1]:
        per_day.pop()
    schedule = Schedule(name=problem.name, days=as_shoot_days(problem, [running_order(d) for d in per_day]))
    return schedule if evaluate(problem, schedule).feasible else None


def _add_hint(sm: ScheduleModel, days: list[ShootDay] | None) -> None:
    """Start from the user's previous schedule, else from the greedy packing."""
    first_day: dict[str, int] = {}
    if days is None:
        for i, strips in enumerate(greedy_days(sm.problem, sm.horizon)):
            for strip in strips:
                first_day.setdefault(strip.id, i)
    for i, day in enumerate(days or []):
        for sid in day.scene_ids:
            first_day.setdefault(sid, i)
    for s, strip in enumerate(sm.problem.strips):
        if strip.id in first_day:
            for d, var in enumerate(sm.start[s]):
                sm.model.AddHint(var, d == first_day[strip.id])


def _schedule_from(sm: ScheduleModel, solver: cp_model.CpSolver) -> Schedule:
    strips = sm.problem.strips
    span = sum(solver.BooleanValue(v) for v in sm.span)
    per_day: list[list[Strip]] = []
    for d in range(span):
        today = [st for s, st in enumerate(strips) if solver.BooleanValue(sm.occ[s][d])]
        opens = next((n for n, lits in sm.first_at.items() if solver.BooleanValue(lits[d])), None)
        wraps = next((n for n, lits in sm.last_at.items() if solver.BooleanValue(lits[d])), None)
        per_day.append(running_order(today, opens, wraps))
    return Schedule(name=sm.problem.name, days=as_shoot_days(sm.problem, per_day))
