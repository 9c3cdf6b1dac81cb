"""Reading a schedule out of CP-SAT, and stopping a CP-SAT search when the user cancels."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator

from ortools.sat.python import cp_model

from scheduling.model.variables import ScheduleModel
from scheduling.problem import Strip
from scheduling.shoot_days import as_shoot_days, running_order
from studio.models.planning import Schedule

STOP_POLL_S = 0.25


def schedule_from(sm: ScheduleModel, values) -> Schedule:
    """The schedule in a solver's (or a solution callback's) current values. The values may come
    from a clone of `sm.model`: a clone keeps every variable's index."""
    strips = sm.problem.strips
    span = sum(values.BooleanValue(v) for v in sm.span)
    per_day: list[list[Strip]] = []
    for d in range(span):
        today = [st for s, st in enumerate(strips) if values.BooleanValue(sm.occ[s][d])]
        opens = next((n for n, lits in sm.first_at.items() if values.BooleanValue(lits[d])), None)
        wraps = next((n for n, lits in sm.last_at.items() if values.BooleanValue(lits[d])), None)
        per_day.append(running_order(today, opens, wraps))
    return Schedule(name=sm.problem.name, days=as_shoot_days(sm.problem, per_day))


@contextlib.contextmanager
def stoppable(solver: cp_model.CpSolver, stop: Callable[[], bool] | None) -> Iterator[None]:
    """While the block runs, a watcher ends the solver's search as soon as `stop()` is true; the
    solver keeps the best solution it had."""
    if stop is None:
        yield
        return
    done = threading.Event()

    def watch() -> None:
        while not done.wait(STOP_POLL_S):
            if stop():
                solver.StopSearch()
                return

    threading.Thread(target=watch, daemon=True).start()
    try:
        yield
    finally:
        done.set()
