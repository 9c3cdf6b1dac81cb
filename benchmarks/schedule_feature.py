"""Feature-scale shooting schedules: the solver against the hand sort and against its own bound.

    python benchmarks/schedule_feature.py [--seeds 1 2] [--scripts FILE...] [--solver-seeds 0] [--scenes 160]
                                          [--time-limit 45] [--move-hours 1] [--workers 2] [--json]

For each seeded problem (scheduling/generator.py: 120-200 scenes, 30-50 cast, 20-30 locations,
availability windows, locked strips) it prints days, hold days, moves, the hold-and-move cost and
the total for the baseline sort (location, INT/EXT, DAY/NIGHT, packed by hand) and for the
solver, the solver's proven bound, and the time to the first schedule and to within 1% of the last.
The search is seeded: `--solver-seeds 0 1 2 3` solves each problem once per solver seed, to show how
far one solve can land from another (the app solves with seed 0). `--move-hours` is the time each
company move within a day takes (the app's default, 1 h; 0 leaves moves out of the day's hours).
`--scripts FILE...` does the same for real screenplays (Fountain, FDX, PDF), imported as the app
imports them, with the app's default setup from Monday 1 March 2027 and the speaking parts as cast
(no breakdown: every actor at the default rate).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.table import print_rows  # noqa: E402
from scheduling.baseline import baseline_schedule, hand_sorted  # noqa: E402
from scheduling.cutter import DayCutter  # noqa: E402
from scheduling.lns import board_days  # noqa: E402
from scheduling.greedy import greedy_days  # noqa: E402
from scheduling.sequencer import cut_sequence, weekly_nights  # noqa: E402
from scheduling.model import day_horizon  # noqa: E402
from scheduling.shoot_days import as_shoot_days  # noqa: E402
from scheduling.solve import polish  # noqa: E402
from studio.models.planning import Schedule  # noqa: E402
from scheduling.evaluate import evaluate  # noqa: E402
from scheduling.generator import generate_problem  # noqa: E402
from scheduling.solve import solve_schedule  # noqa: E402
from pipelines.script.service import import_script  # noqa: E402
from scheduling.project_problem import problem_from_project  # noqa: E402
from studio.models import Project  # noqa: E402
from studio.models.planning import ScheduleSetup  # noqa: E402
from studio.store.memory_repo import InMemoryProjectRepository  # noqa: E402

SCRIPT_START = dt.date(2027, 3, 1)  # a Monday, so a script's board is the same from one run to the next


def hold_and_move(evaluation) -> float:
    return evaluation.cost_terms["cast_holds"] + evaluation.cost_terms["company_moves"]


def repaired_baseline(problem):
    """The hand sort made legal as a person would: each strip in sort order on the first day from
    the current one where it keeps every rule, then cut at its best day breaks. Where that leaves a
    strip out, the hand-sorted order with its nights moved to the ends of the weeks (for the
    turnaround) is cut at its cheapest legal breaks instead, a strip whose dates have passed pulled
    earlier (the same layout and repair the solver's first boards get)."""
    horizon = 2 * day_horizon(problem)
    cutter = DayCutter(problem, horizon)
    days = greedy_days(problem, horizon, order=hand_sorted(problem))
    while days and not days[-1]:
        days.pop()
    if sum(len(d) for d in days) == len(problem.strips):
        return polish(problem, cutter, Schedule(days=as_shoot_days(problem, days)))[1]
    # locations with a permit window first, as a person would put them
    until = {loc.name: loc.available_until or dt.date.max for loc in problem.locations}
    order = sorted(hand_sorted(problem), key=lambda st: until[st.location])
    _, cut = cut_sequence(problem, cutter, weekly_nights(problem, order), tries=300)
    return None if cut is None else evaluate(problem, Schedule(days=as_shoot_days(problem, board_days(cut))))


def script_problem(path: Path):
    """A screenplay as the app schedules it before any breakdown is approved."""
    repo = InMemoryProjectRepository(Project(name=path.stem))
    import_script(repo, path.read_bytes(), path.name)
    return problem_from_project(repo, ScheduleSetup(start_date=SCRIPT_START))


def run(problem, time_limit: float, workers: int, solver_seeds: list[int],
        move_hours: float | None = None) -> list[dict]:
    if move_hours is not None:
        problem = problem.model_copy(update={"company_move_hours": move_hours})
    base = evaluate(problem, baseline_schedule(problem))
    legal = repaired_baseline(problem)
    return [solver_row(problem, base, legal, time_limit, workers, s) for s in solver_seeds]


def solver_row(problem, base, legal, time_limit: float, workers: int, solver_seed: int) -> dict:
    """One solve of `problem` with `solver_seed`, measured against the hand sort (`base`) and the
    hand sort made legal (`legal`, None when it could not be)."""
    result = solve_schedule(problem, time_limit_s=time_limit, workers=workers, seed=solver_seed)
    row = {"instance": problem.name, "solver seed": solver_seed, "scenes": len(problem.strips),
           "cast": len(problem.cast), "locations": len(problem.locations),
           "baseline days": base.shoot_days, "baseline holds": base.hold_days, "baseline moves": base.moves,
           "baseline broken rules": len(base.violations), "baseline hold+move": round(hold_and_move(base)),
           "baseline total": round(base.total),
           "legal baseline days": legal.shoot_days if legal else "-",
           "legal baseline hold+move": round(hold_and_move(legal)) if legal and legal.feasible else "-",
           "legal baseline total": round(legal.total) if legal and legal.feasible else "-",
           "status": result.status}
    if result.evaluation is None:
        return row | {"message": result.message or "; ".join(c.text for c in result.conflicts)}
    ev = result.evaluation
    final = result.objective
    # the streamed objectives are the solver's own; measure against the last of them
    last = result.progress[-1].objective if result.progress else final
    within = next((p.elapsed_s for p in result.progress if p.objective <= last * 1.01), None)
    saving = 1 - hold_and_move(ev) / hold_and_move(base) if hold_and_move(base) else 0.0
    legal_saving = 1 - hold_and_move(ev) / hold_and_move(legal) if legal and legal.feasible else None
    return row | {
        "days": ev.shoot_days, "holds": ev.hold_days, "moves": ev.moves,
        "hold+move": round(hold_and_move(ev)), "hold+move saved": f"{saving:.0%}",
        "saved vs legal": f"{legal_saving:.0%}" if legal_saving is not None else "-",
        "total vs baseline": f"{ev.total / base.total - 1:+.0%}",
        "total": round(final), "bound": round(result.bound or 0), "gap": f"{result.gap:.1%}",
        "first s": round(result.first_solution_s or 0, 2), "within 1% s": round(within or 0, 2),
        "seconds": round(result.seconds, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--scripts", type=Path, nargs="+", default=[], help="screenplays to schedule as well")
    parser.add_argument("--solver-seeds", type=int, nargs="+", default=[0])
    parser.add_argument("--scenes", type=int, default=160)
    parser.add_argument("--time-limit", type=float, default=45.0)
    parser.add_argument("--move-hours", type=float, default=None, help="default: the app's setting")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    problems = [generate_problem(seed, scenes=args.scenes) for seed in args.seeds]
    problems += [script_problem(path) for path in args.scripts]
    rows = [row for problem in problems
            for row in run(problem, args.time_limit, args.workers, args.solver_seeds, args.move_hours)]
    columns = list(dict.fromkeys(k for row in rows for k in row))
    rows = [{k: row.get(k, "-") for k in columns} for row in rows]
    print_rows(rows, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
