"""Solve a shooting schedule with CP-SAT: stream improving schedules, report status, bound and gap
honestly, and explain an infeasible setup instead of failing."""

from __future__ import annotations

from dataclasses import dataclass
import time
from collections.abc import Callable, Iterator

from ortools.sat.python import cp_model
from pydantic import BaseModel, Field

from scheduling.cutter import DayCutter
from scheduling.evaluate import Evaluation, evaluate
from scheduling.lns import BlockSearch, OrderSearch, board_days, price
from scheduling.lower_bound import lower_bound
from scheduling.sequencer import Block, block_order, blocks_of, cut_sequence, laid_out
from scheduling.greedy import greedy_days
from scheduling.day_search import DaySearch, Incumbent
from scheduling.explain import Conflict, explain_infeasible
from scheduling.model import build_model, day_horizon
from scheduling.model.readout import schedule_from, stoppable
from scheduling.model.variables import CENTS, ScheduleModel
from scheduling.problem import ScheduleProblem, Strip
from scheduling.shoot_days import as_shoot_days, running_order
from studio.models.planning import Schedule, ShootDay

DEFAULT_WORKERS = 2
# Fewer strips: CP-SAT alone proves the optimum quickly. On the 30-scene sample at 10 s CP-SAT on
# the whole board ties the searches below with two workers free ($188-202k over three seeds) and
# loses with one ($213-217k against $189-202k), as when the app's own server shares the cores.
LNS_MIN_STRIPS = 16
# From LNS_MIN_STRIPS strips, one search after the other: the block search and the order search,
# which improve a first board fastest but soon run dry, each for a share of the time limit up to a
# few seconds; then CP-SAT on a few days at a time for the rest. CP-SAT on the whole board would
# add nothing there: its bound stays below the counting bound (measured from 40 scenes up).
# The shares count from the start of the solve, first boards included, but the block search gets
# at least BLOCK_LEAST_S after them: at 160 scenes on a busy machine the week-by-week board can take
# a few seconds (0.5 s on an idle one), and in its first second the block search can take a 45-day
# first board to 42 days (without that second, a board that came at 3.1 s got no block search and
# its solve ended 5% dearer). Counting whole shares from after the first boards measured no better
# (seed 2, solver seeds 0-3, 45 s: mean total $2.12M against $2.11M, with two first boards): the
# day search makes up the difference.
BLOCK_SHARE, BLOCK_MOST_S = 0.3, 3.0
BLOCK_LEAST_S = 1.0
ORDER_SHARE, ORDER_MOST_S = 0.2, 2.0
# Seeded block orders differ a lot as first boards (generated seed 2, twelve seeds: 41-46 days,
# $2.54-2.87M), and the searches rarely win back what a poor start loses: the cheapest of up to
# BLOCK_ORDERS, made within BLOCK_ORDERS_SHARE of the time limit, goes on to the block search.
# At 45 s (seeds 1 and 2, solver seeds 0-7) its mean total was 1.7% lower on seed 2, with no
# 42-44-day boards left, and level on seed 1 (0.7% higher, within the spread between seeds).
BLOCK_ORDERS, BLOCK_ORDERS_SHARE = 4, 0.1
# A short board (the 30-scene sample) gets a longer order search: there it is what finds the board a
# shoot day shorter, which the day search cannot (a whole-board try on the sample's 8-day board finds
# no 7-day one in 4 s). With the cores busy (three other processes on two cores), 10 s solves with
# seed 0 stopped at 8 days ($202k) in three of six, and 30 s solves in five of six ($200k), because
# the order search's 2 s then do half the work. With 0.4 of the limit up to 6 s: one of six at 10 s
# ($190-202k), none of four at 30 s ($188k each), and level on an idle machine ($186-193k, solver
# seeds 0-7). Feature-scale boards (FEATURE_STRIPS and more, where the Schedule page also advises a
# longer solve) keep the short order search: there the day search pays more.
FEATURE_STRIPS = 80
SHORT_ORDER_SHARE, SHORT_ORDER_MOST_S = 0.4, 6.0
ORDER_RESTARTS = 50  # times the order search may shake its best order and go on within its share
# The day search can sit on a board it cannot improve a few days at a time (Big Fish, solver seed 2:
# 44 days from 6.6 s to the end of a 45 s solve). After this long without a cheaper board the order
# search shakes the best board for up to ORDER_MOST_S and the day search goes on from there.
DAY_STALL_S = 8.0


class SolveProgress(BaseModel):
    """One improving schedule as the solver finds it: its cost, the proven bound, and the board
    itself (so a cancelled solve can keep the best board found)."""

    objective: float
    bound: float
    elapsed_s: float
    solutions: int
    schedule: Schedule | None = Field(default=None, repr=False)

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
    """Every schedule CP-SAT finds is re-cut at its cheapest day breaks and priced by `evaluate`;
    the user sees it only when it beats the best so far."""

    def __init__(self, started: float, on_solution: Callable[[SolveProgress], None] | None,
                 problem: ScheduleProblem, cutter: DayCutter, floor: float) -> None:
        super().__init__()
        self.started = started
        self.on_solution = on_solution
        self.problem = problem
        self.cutter = cutter
        self.floor = floor  # the counting bound, never above the optimum
        self.sm: ScheduleModel | None = None
        self.progress: list[SolveProgress] = []
        self.best: tuple[Schedule, Evaluation] | None = None
        self.error: BaseException | None = None
        self.first_only = False  # end the search at the first schedule (to hand it to the LNS)

    def on_solution_callback(self) -> None:
        try:
            if self.best is None or self.ObjectiveValue() / CENTS < self.best[1].total - 1e-6:
                self.offer(schedule_from(self.sm, self), self.BestObjectiveBound() / CENTS)
            if self.first_only and self.best is not None:
                self.StopSearch()
        except BaseException as exc:  # noqa: BLE001 - e.g. a cancel raised by on_solution ends the search
            self.error = exc
            self.StopSearch()

    def offer(self, schedule: Schedule, bound: float) -> None:
        schedule, evaluation = polish(self.problem, self.cutter, schedule)
        if not evaluation.feasible or (self.best is not None and evaluation.total >= self.best[1].total - 1e-6):
            return
        self.best = (schedule, evaluation)
        bound = max(bound, self.floor, self.progress[-1].bound if self.progress else 0.0)
        step = SolveProgress(objective=evaluation.total, bound=min(bound, evaluation.total),
                             elapsed_s=time.perf_counter() - self.started, solutions=len(self.progress) + 1,
                             schedule=schedule)
        self.progress.append(step)
        if self.on_solution:
            self.on_solution(step)


def polish(problem: ScheduleProblem, cutter: DayCutter, schedule: Schedule) -> tuple[Schedule, Evaluation]:
    """The schedule or, when cheaper, the same running order cut at its best day breaks."""
    evaluation = evaluate(problem, schedule)
    order: list[Strip] = []
    seen: set[str] = set()
    for day in schedule.days:
        for sid in day.scene_ids:
            if sid not in seen and sid in problem.strip_by_id:
                seen.add(sid)
                order.append(problem.strip_by_id[sid])
    if len(order) != len(problem.strips):
        return schedule, evaluation
    cut = cutter.cut(order)
    if cut is None:
        return schedule, evaluation
    recut = Schedule(name=problem.name, days=as_shoot_days(problem, board_days(cut)))
    again = evaluate(problem, recut)
    if again.feasible and (not evaluation.feasible or again.total < evaluation.total - 1e-6):
        return recut, again
    return schedule, evaluation


def solve_schedule(
    problem: ScheduleProblem,
    *,
    time_limit_s: float | None = None,
    hint: Schedule | None = None,
    on_solution: Callable[[SolveProgress], None] | None = None,
    workers: int = DEFAULT_WORKERS,
    seed: int = 0,
    stop: Callable[[], bool] | None = None,
) -> ScheduleResult:
    """Solve `problem` within `time_limit_s` (default: the problem's own limit).

    `hint` (a previous schedule) is given to CP-SAT as a solution hint so a re-solve after a small
    edit starts from it and stays close. `on_solution` receives every improving schedule (its cost,
    the proven bound and the board). `stop` is polled while CP-SAT searches; when it returns True
    the search ends and the best schedule so far is returned. Raises SlatebookError only for a setup that names unknown scenes; an
    infeasible setup returns status "infeasible" with `conflicts`.
    """
    problem.check()
    limit = time_limit_s if time_limit_s is not None else problem.time_limit_s
    started = time.perf_counter()
    horizon = day_horizon(problem)
    cutter = DayCutter(problem, 2 * horizon)
    stream = _Stream(started, on_solution, problem, cutter, lower_bound(problem))
    # Rule-abiding first schedules: the user sees the best at once and CP-SAT starts from it.
    block_start: _BlockStart | None = None
    for first, made in _first_schedules(problem, cutter, seed, started + BLOCK_ORDERS_SHARE * limit):
        stream.offer(first, 0.0)
        block_start = made or block_start
    if hint is not None and _covers(problem, hint):
        stream.offer(hint, 0.0)  # a re-solve is never worse than the schedule it starts from
    start = stream.best[0] if stream.best else None
    if start is not None:
        horizon = max(horizon, len(start.days))  # the model must have room for its starting point
    sm = stream.sm = _enforced_model(problem, horizon)
    deadline = started + limit
    cp_bound = 0.0
    status = cp_model.UNKNOWN
    searched = False
    if len(problem.strips) >= LNS_MIN_STRIPS:
        if stream.best is None:
            # no rule-abiding first schedule by hand: CP-SAT finds one for the searches to start from
            status, cp_bound = _run_cp_sat(sm, stream, hint, deadline, workers, seed, stop, first_only=True)
        if stream.best is not None and status != cp_model.OPTIMAL:
            share = min(BLOCK_SHARE * limit, BLOCK_MOST_S)
            blocks_end = min(deadline, max(started + share, time.perf_counter() + min(share, BLOCK_LEAST_S)))
            if block_start is not None:
                _search_blocks(problem, cutter, stream, block_start, seed, blocks_end, stop)
            _search_orders(problem, cutter, stream, seed, blocks_end + order_seconds(problem, limit), stop)
            sm = _alternate(problem, cutter, sm, stream, seed, workers, deadline, stop)
            searched = True
    if not searched and status not in (cp_model.OPTIMAL, cp_model.INFEASIBLE, cp_model.MODEL_INVALID) \
            and not (stop is not None and stop()):
        status, bound = _run_cp_sat(sm, stream, hint, deadline, workers, seed, stop)
        cp_bound = max(cp_bound, bound)
    seconds = time.perf_counter() - started
    common = dict(seconds=seconds, progress=stream.progress,
                  first_solution_s=stream.progress[0].elapsed_s if stream.progress else None)

    if stream.best is not None:
        schedule, evaluation = stream.best
        objective = evaluation.total
        bound = min(max(cp_bound, stream.floor), objective)
        gap = max(0.0, (objective - bound) / objective) if objective else 0.0
        name = "optimal" if status == cp_model.OPTIMAL or gap <= 1e-9 else "feasible"
        schedule = schedule.model_copy(update=dict(
            status=name, objective=objective, bound=bound, gap=gap,
            cost_terms=evaluation.cost_terms, cost_items=evaluation.items,
            parameters={"solver": "cp-sat", "time_limit_s": limit, "workers": workers, "seed": seed,
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


def order_seconds(problem: ScheduleProblem, limit: float) -> float:
    """The order search's share of a `limit`-second solve."""
    if len(problem.strips) < FEATURE_STRIPS:
        return min(SHORT_ORDER_SHARE * limit, SHORT_ORDER_MOST_S)
    return min(ORDER_SHARE * limit, ORDER_MOST_S)


def _enforced_model(problem: ScheduleProblem, horizon: int) -> ScheduleModel:
    """The model over `horizon` days with every rule on (explanations switch them off instead)."""
    sm = build_model(problem, horizon)
    for group in sm.groups:
        sm.model.Add(group.literal == 1)
    return sm


def _run_cp_sat(sm: ScheduleModel, stream: _Stream, hint: Schedule | None, deadline: float, workers: int,
                seed: int, stop: Callable[[], bool] | None, first_only: bool = False) -> tuple[int, float]:
    """CP-SAT from the user's hint, else the best schedule so far, until the deadline (or, with
    `first_only`, its first schedule). Returns its status and its proven bound (0 when none)."""
    sm.model.ClearHints()
    _add_hint(sm, stream.best[0].days if stream.best else (hint.days if hint is not None else None))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, deadline - time.perf_counter())
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    stream.first_only = first_only
    try:
        with stoppable(solver, stop):
            status = solver.Solve(sm.model, stream)
    finally:
        stream.first_only = False
    if stream.error is not None:
        raise stream.error
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    return status, solver.BestObjectiveBound() / CENTS if found else 0.0


def _search_blocks(problem: ScheduleProblem, cutter: DayCutter, stream: _Stream, start: _BlockStart, seed: int,
                   deadline: float, stop: Callable[[], bool] | None) -> None:
    """The block search (scheduling/lns.py) from the best week-by-week board; each board it prices
    lower is offered."""
    BlockSearch(problem, cutter.quick(), start.blocks, seed).run(
        start.order, deadline=deadline, stop=stop,
        on_better=lambda found: stream.offer(Schedule(name=problem.name, days=as_shoot_days(problem, board_days(found.cut))), 0.0))


def _alternate(problem: ScheduleProblem, cutter: DayCutter, sm: ScheduleModel, stream: _Stream, seed: int,
               workers: int, deadline: float, stop: Callable[[], bool] | None) -> ScheduleModel:
    """The day search until the deadline; whenever it finds nothing for DAY_STALL_S, the order
    search shakes the best board for a while and the day search goes on from what it leaves.
    Returns the model the day search ended on (wider when a board outgrew it)."""
    rounds = 0
    while time.perf_counter() < deadline - 0.5 and not (stop is not None and stop()):
        if len(stream.best[0].days) > sm.horizon:
            # a search's board runs past the model's days: the day search needs room for it
            sm = stream.sm = _enforced_model(problem, len(stream.best[0].days))
        stalled = _search_days(problem, sm, stream, seed + rounds, workers, deadline, stop)
        if not stalled:
            break
        rounds += 1
        _search_orders(problem, cutter, stream, seed + rounds,
                       min(deadline, time.perf_counter() + ORDER_MOST_S), stop)
    return sm


def _search_days(problem: ScheduleProblem, sm: ScheduleModel, stream: _Stream, seed: int, workers: int,
                 deadline: float, stop: Callable[[], bool] | None) -> bool:
    """CP-SAT on a few days at a time (scheduling/day_search.py) from the best board so far,
    until the deadline, `stop()`, or DAY_STALL_S without a cheaper board (then True)."""
    schedule, evaluation = stream.best
    last = [time.perf_counter()]

    def better(found: Incumbent) -> None:
        last[0] = time.perf_counter()
        stream.offer(found.schedule, 0.0)

    def stalled() -> bool:
        return time.perf_counter() - last[0] > DAY_STALL_S

    DaySearch(problem, sm, seed, workers).run(
        Incumbent(schedule, evaluation), deadline=deadline,
        stop=lambda: (stop is not None and stop()) or stalled(), on_better=better)
    return stalled() and not (stop is not None and stop())


def _search_orders(problem: ScheduleProblem, cutter: DayCutter, stream: _Stream, seed: int, deadline: float,
                   stop: Callable[[], bool] | None) -> None:
    """Large-neighbourhood search on the best schedule's running order (scheduling/lns.py); each
    order it prices lower is offered as a board."""
    order = [problem.strip_by_id[sid] for day in stream.best[0].days for sid in day.scene_ids]
    order = list(dict.fromkeys(order))  # a multi-day strip is listed on each of its days
    cutter = cutter.quick()  # many tries: the quick cut; each board offered is cut in full again
    cut = cutter.cut(order)
    if cut is None:
        return
    search = OrderSearch(problem, cutter, seed)
    search.run(order, cut, deadline=deadline, stop=stop, restarts=ORDER_RESTARTS,
               on_better=lambda found: stream.offer(Schedule(name=problem.name,
                                                             days=as_shoot_days(problem, board_days(found.cut))), 0.0))


def _covers(problem: ScheduleProblem, schedule: Schedule) -> bool:
    """Whether a schedule lists exactly the problem's strips (a hint from before an edit may not)."""
    listed = {sid for day in schedule.days for sid in day.scene_ids}
    return listed == set(problem.strip_by_id)


@dataclass(frozen=True)
class _BlockStart:
    """A week-by-week first board's blocks and their order, for the block search to go on from."""
    blocks: list[Block]
    order: list[int]
    cost: float


def _first_schedules(problem: ScheduleProblem, cutter: DayCutter, seed: int,
                     until: float) -> Iterator[tuple[Schedule, _BlockStart | None]]:
    """The greedy packing, and week-by-week running orders of blocks (one location, DAY or
    NIGHT, and dates) cut at their best day breaks, each as soon as it is made and cheaper than
    those before; after the first order, more are tried only until `until` (a perf_counter time).

    A second board from blocks merged per location (fewer moves, longer holds) used to follow: it
    was rarely the cheapest first board, and at 160 scenes the 2-3 s it took did as well in the searches
    (generated seeds 1 and 2, solver seeds 0-3: mean totals 1-2% lower at 10 s, the same at 45 s)."""
    greedy = _greedy_schedule(problem, cutter.horizon)
    if greedy is not None:
        yield greedy, None
    blocks = blocks_of(problem, cutter.horizon)
    cheapest = None
    for k in range(BLOCK_ORDERS):
        if k and time.perf_counter() > until:
            break
        order = block_order(problem, blocks, seed * BLOCK_ORDERS + k)
        _, cut = cut_sequence(problem, cutter, laid_out(problem, blocks, order))
        if cut is None:
            continue
        cost = price(problem, cut)
        if cheapest is None or cost < cheapest - 1e-6:
            cheapest = cost
            yield (Schedule(name=problem.name, days=as_shoot_days(problem, board_days(cut))),
                   _BlockStart(blocks, order, cost))


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
