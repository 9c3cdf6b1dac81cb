"""Solving the project's schedule as a job: the improving cost and bound stream into the job row,
and the schedule found is saved as a new version.

The page runs it on a worker thread and polls the row; the CLI runs the same
work in the foreground. A cancel stops the search at once and keeps the best
board found so far as a version (status "feasible (cancelled)"), so the time
spent is not lost. An infeasible setup is not a failure: the job ends with the
conflicting rules in words, for the page to show.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from scheduling.evaluate import evaluate, money
from scheduling.project_problem import problem_from_project, schedule_setup
from scheduling.reports.versions import unique_name
from scheduling.solve import ScheduleResult, SolveProgress, solve_schedule
from studio.jobs import JobCancelled, JobContext
from studio.store.base import ProjectRepository

SOLVE_KIND = "schedule.solve"


def solve_params(time_limit_s: float | None = None, hint_id: str | None = None, name: str = "") -> dict[str, Any]:
    return {"time_limit_s": time_limit_s, "hint_id": hint_id, "name": name}


def solve_work(repo: ProjectRepository, ctx: JobContext, params: dict[str, Any]) -> dict[str, Any]:
    problem = problem_from_project(repo)
    limit = float(params.get("time_limit_s") or problem.time_limit_s)
    hint = next((s for s in repo.list_schedules() if s.id == params.get("hint_id")), None)
    ctx.progress(0.0, f"Solving {len(problem.strips)} strips, up to {limit:g} s…")

    best: list[SolveProgress] = []

    def on_solution(step: SolveProgress) -> None:
        best[:] = [step]
        ctx.progress(
            min(0.99, step.elapsed_s / limit),
            progress_line(step),
            objective=step.objective,
            bound=step.bound,
            gap=step.gap,
            solutions=step.solutions,
            elapsed_s=round(step.elapsed_s, 2),
        )

    try:
        result = solve_schedule(problem, time_limit_s=limit, hint=hint, on_solution=on_solution, stop=ctx.cancelled)
    except JobCancelled:
        _keep_cancelled(repo, ctx, best, params)
        raise
    if ctx.cancelled():
        _keep_cancelled(repo, ctx, best, params)
        raise JobCancelled
    return _finish(repo, result, params)


def _keep_cancelled(repo: ProjectRepository, ctx: JobContext, best: list[SolveProgress], params: dict[str, Any]) -> None:
    """Save the best board found before the cancel as a version, and say so on the job row."""
    if not best or best[0].schedule is None:
        return
    step = best[0]
    base = params.get("name") or f"Solve {dt.datetime.now():%d %b %H:%M}"
    schedule = step.schedule.model_copy(update={
        "name": unique_name(repo, f"{base} (cancelled)"), "setup": schedule_setup(repo),
        "status": "feasible (cancelled)", "objective": step.objective, "bound": step.bound, "gap": step.gap,
    })
    problem = problem_from_project(repo)
    evaluation = evaluate(problem, schedule)
    schedule = schedule.model_copy(update={"cost_terms": evaluation.cost_terms, "cost_items": evaluation.items})
    repo.save_schedule(schedule)
    ctx.job.result = {**ctx.job.result, "status": "feasible (cancelled)", "schedule_id": schedule.id,
                      "name": schedule.name, "objective": step.objective, "bound": step.bound, "gap": step.gap}


def progress_line(step: SolveProgress) -> str:
    return (
        f"Schedule {step.solutions} found at {step.elapsed_s:.1f} s: {money(step.objective)} "
        f"(no schedule can cost less than {money(max(step.bound, 0))}; gap {step.gap:.0%})"
    )


def _finish(repo: ProjectRepository, result: ScheduleResult, params: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "status": result.status,
        "seconds": round(result.seconds, 2),
        "first_solution_s": result.first_solution_s,
        "conflicts": [c.model_dump() for c in result.conflicts],
        "message": result.message,
    }
    if result.schedule is None:
        return out
    base = params.get("name") or f"Solve {dt.datetime.now():%d %b %H:%M}"
    schedule = result.schedule.model_copy(update={"name": unique_name(repo, base), "setup": schedule_setup(repo)})
    repo.save_schedule(schedule)
    out.update(schedule_id=schedule.id, name=schedule.name, objective=schedule.objective, bound=result.bound, gap=result.gap)
    return out
