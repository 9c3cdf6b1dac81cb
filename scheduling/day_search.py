"""CP-SAT on a few shoot days at a time: the full schedule model with every strip outside those
days fixed where the incumbent has it, and the strips on them free to move between them.

At feature scale CP-SAT on the whole board improves it slowly, but on six or seven days it finds
the best arrangement of their strips in about a second, with every rule and every cost exactly as
the full model has them (holds against the fixed days outside, moves at the edges). Which days are
opened up together is what makes a try useful, so the neighbourhoods are the ones a line producer
would look at:

- a run of consecutive days (a week's day work and its nights re-sorted together);
- the days one location is shot on, with their neighbours (its visits joined: fewer company moves);
- the first, last and held days of a cast member who is being held (their span shortened);
- a week's night run with the days around it (turnaround and the night limit kept);
- the last day with the days that have the most hours free (a shoot day less, if its strips fit).

A neighbourhood that pays off is chosen more often (an adaptive large-neighbourhood search). A
try is kept when `evaluate` prices it no dearer than the incumbent. Tries on disjoint days run side
by side, one per core, each starting as soon as a core is free.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass

from ortools.sat.python import cp_model

from scheduling.evaluate import Evaluation, evaluate
from scheduling.model.readout import schedule_from, stoppable
from scheduling.model.variables import ScheduleModel
from scheduling.problem import ScheduleProblem
from scheduling.shoot_days import as_shoot_days
from studio.models.planning import Schedule

TRY_SECONDS = 1.0  # one sub-problem's time limit
# Days opened up per try: small sets are solved to optimality fastest, so the search starts at
# FEWEST_DAYS and opens more days while CP-SAT proves its tries optimal, fewer when it runs out of time.
FEWEST_DAYS, MOST_DAYS = 4, 9
GROW, SHRINK = 0.25, 0.5
# A search that has found nothing better for STALL rounds has outgrown its tries: they get more days
# and more time (up to LONGEST_TRY_S), back to the first sizes once something better turns up.
STALL = 8
LONGEST_TRY_S = 4.0
MIN_WEIGHT = 0.2  # a neighbourhood that has not paid off lately is still tried now and then
REWARD = 1.0
DECAY = 0.97


@dataclass(frozen=True)
class Incumbent:
    """A board with its price and, when known, CP-SAT's whole assignment for it (every variable of
    the model, by index): a try hinted with all of it starts at the board's own cost. None: not
    looked for yet; empty: CP-SAT did not complete it in time."""
    schedule: Schedule
    evaluation: Evaluation
    solution: tuple[int, ...] | None = None


class DaySearch:
    """Re-solves sets of days with CP-SAT, everything else fixed, keeping what is no dearer."""

    def __init__(self, problem: ScheduleProblem, sm: ScheduleModel, seed: int = 0, workers: int = 2,
                 try_seconds: float = TRY_SECONDS) -> None:
        self.problem = problem
        self.sm = sm
        self.rng = random.Random(seed)
        self.seed = seed
        self.workers = workers
        self.try_seconds = try_seconds
        self.neighbourhoods: dict[str, Callable[[list[set[str]], Evaluation, int], set[int]]] = {
            "window": self.window, "location": self.location, "cast": self.cast, "nights": self.nights,
            "wrap": self.wrap,
        }
        self.weights = {name: 1.0 for name in self.neighbourhoods}
        self.tries = 0
        self.size = float(FEWEST_DAYS)
        self.fewest = float(FEWEST_DAYS)
        self.stalled = 0
        # per day, the model's variables that its strips alone decide: where each strip is, who
        # works, which locations are used, whether the day has day or night work
        per_day = [sm.used, sm.night, sm.daylight, *sm.works.values(), *sm.at.values(), *sm.start, *sm.occ]
        self._day_variables = [sorted({v[d].Index() for v in per_day}) for d in range(sm.horizon)]

    def run(self, start: Incumbent, *, deadline: float | None = None, max_tries: int | None = None,
            stop: Callable[[], bool] | None = None,
            on_better: Callable[[Incumbent], None] | None = None) -> Incumbent:
        """Search from `start` until the deadline (a perf_counter time), `max_tries` sub-problems,
        or `stop()`. `on_better` sees every schedule cheaper than all before it.

        Up to `workers` tries run at once, one CP-SAT worker each (on these small problems one
        worker does as well as several, so the cores are better spent on separate tries), on
        disjoint sets of days. A new try starts as soon as one ends rather than when the slowest of
        a round does: a try that proves its days optimal in a third of a second no longer waits for
        one that runs to its time limit. A try that ends after the board has changed on other days
        is put onto the board as it is now, and kept when that is no dearer."""
        self.best = self.current = start
        self._on_better = on_better
        running: dict[Future, tuple[str, set[int], tuple[cp_model.CpModel, cp_model.CpSolver], Incumbent]] = {}
        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            while True:
                left = None if deadline is None else deadline - time.perf_counter()
                out_of_time = (left is not None and left < 0.2) or (stop is not None and stop())
                while not out_of_time and len(running) < self.workers and (max_tries is None or self.tries < max_tries):
                    if self.current.solution is None:
                        self.current = self._completed(self.current, stop)
                    taken = set().union(*(days for _, days, _, _ in running.values()))
                    pick = self._pick_free(self.current, taken)
                    if pick is None:
                        break
                    self.tries += 1
                    seconds = self.try_seconds * 2 ** (self.fewest - FEWEST_DAYS)
                    seconds = min(seconds, LONGEST_TRY_S, left or seconds)
                    job = self._job(self.current.schedule, pick[1], self.current.solution)
                    running[pool.submit(self._solve, job, seconds, stop)] = (*pick, job, self.current)
                if not running:
                    break
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    name, days, job, base = running.pop(future)
                    self._settle(name, days, base, self._read(job, future.result()))
        return self.best

    def _settle(self, name: str, days: set[int], base: Incumbent, found: Incumbent | None) -> None:
        """Reward the neighbourhood, keep what is no dearer than the incumbent, and report a best."""
        if found is not None and base.schedule is not self.current.schedule:
            found = self._grafted(self.current, days, found)
        current = self.current
        paid = found is not None and found.evaluation.total < current.evaluation.total - 1e-6
        self._reward(name, REWARD if paid else 0.0)
        if found is not None and found.evaluation.total <= current.evaluation.total + 1e-6:
            self.current = found
        if self.current.evaluation.total < self.best.evaluation.total - 1e-6:
            self.best = self.current
            self.stalled, self.fewest = 0, float(FEWEST_DAYS)
            if self._on_better is not None:
                self._on_better(self.best)
            return
        self.stalled += 1
        if self.stalled % (STALL * self.workers) == 0:
            self.fewest = min(MOST_DAYS, self.fewest + 1)
            self.size = max(self.size, self.fewest)

    def resolve_days(self, schedule: Schedule, days: set[int], seconds: float,
                     stop: Callable[[], bool] | None = None) -> Incumbent | None:
        """The best arrangement CP-SAT finds within `seconds` of the strips on `days` (day indexes)
        over those days, every other strip where `schedule` has it; None when it finds none."""
        job = self._job(schedule, days)
        return self._read(job, self._solve(job, seconds, stop))

    # -- one try: a clone of the model with the strips off its days fixed

    def _job(self, schedule: Schedule, days: set[int],
             solution: tuple[int, ...] | None = None) -> tuple[cp_model.CpModel, cp_model.CpSolver]:
        """The model with the strips off `days` fixed where `schedule` has them, hinted with the
        board's whole `solution` when there is one, else with where its free strips are."""
        sm, strips = self.sm, self.problem.strips
        first_day: dict[str, int] = {}
        for d, day in enumerate(schedule.days):
            for sid in day.scene_ids:
                first_day.setdefault(sid, d)
        sub = sm.model.clone()
        sub.ClearHints()
        proto = sub.proto
        if solution:
            proto.solution_hint.vars.extend(range(len(solution)))
            proto.solution_hint.values.extend(solution)
            # On a closed day every strip is known to be there or not, so is everything that follows
            # from it: set here, presolve need not work it out (a small try then takes half the time).
            for d, indexes in enumerate(self._day_variables):
                if d not in days:
                    for i in indexes:
                        domain = proto.variables[i].domain  # a Boolean's [0, 1]
                        domain[0] = domain[1] = solution[i]
        for s, strip in enumerate(strips):
            home = first_day[strip.id]
            if home in days and not strip.days:
                for d, var in enumerate(sm.start[s]):
                    if d not in days:
                        proto.variables[var.Index()].domain[1] = 0  # [0, 0]: not on a closed day
                    elif not solution:
                        sub.AddHint(sub.get_bool_var_from_proto_index(var.Index()), d == home)
            else:
                proto.variables[sm.start[s][home].Index()].domain[0] = 1  # [1, 1]: where it is
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.random_seed = self.seed + self.tries
        # Most of the model is fixed, so most of presolve's work (probing, symmetry, repeated
        # passes) finds nothing; left at its defaults it takes most of a small try's time.
        solver.parameters.cp_model_probing_level = 0
        solver.parameters.symmetry_level = 0
        solver.parameters.max_presolve_iterations = 1
        # Without the LP relaxation a try ends sooner and no dearer (52 tries of 4-7 days on generated
        # seeds 1, 2 and 6: 1.20 s against 1.27 s mean to the proven optimum or a 2 s limit).
        solver.parameters.linearization_level = 0
        return sub, solver

    def _completed(self, incumbent: Incumbent, stop: Callable[[], bool] | None) -> Incumbent:
        """The incumbent with CP-SAT's whole assignment for it (every strip fixed where it is), or
        with an empty one when CP-SAT does not return it in time, so it is not asked again (its
        tries then hint only where the strips are)."""
        job = self._job(incumbent.schedule, set())
        status = self._solve(job, LONGEST_TRY_S, stop)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return Incumbent(incumbent.schedule, incumbent.evaluation, ())
        return Incumbent(incumbent.schedule, incumbent.evaluation, tuple(job[1].ResponseProto().solution))

    @staticmethod
    def _solve(job: tuple[cp_model.CpModel, cp_model.CpSolver], seconds: float,
               stop: Callable[[], bool] | None) -> int:
        sub, solver = job
        solver.parameters.max_time_in_seconds = max(0.05, seconds)
        with stoppable(solver, stop):
            return solver.Solve(sub)

    def _read(self, job: tuple[cp_model.CpModel, cp_model.CpSolver], status: int) -> Incumbent | None:
        if status == cp_model.OPTIMAL:
            self.size = min(MOST_DAYS, self.size + GROW)
        else:
            self.size = max(self.fewest, self.size - SHRINK)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        found = schedule_from(self.sm, job[1])
        evaluation = evaluate(self.problem, found)
        if not evaluation.feasible:
            return None
        return Incumbent(found, evaluation, tuple(job[1].ResponseProto().solution))

    def _grafted(self, current: Incumbent, days: set[int], found: Incumbent) -> Incumbent | None:
        """`found`'s arrangement of `days` on the board as it is now (other tries have changed only
        other days since, so its strips still appear once each), when it keeps every rule."""
        per_day = [list(day.scene_ids) for day in current.schedule.days]
        for d in sorted(days):
            while len(per_day) <= d:
                per_day.append([])
            per_day[d] = list(found.schedule.days[d].scene_ids) if d < len(found.schedule.days) else []
        while per_day and not per_day[-1]:
            per_day.pop()
        strips = self.problem.strip_by_id
        board = Schedule(name=current.schedule.name,
                         days=as_shoot_days(self.problem, [[strips[sid] for sid in ids] for ids in per_day]))
        evaluation = evaluate(self.problem, board)
        # no whole assignment: completing one costs a third of a second of a core each time, so its
        # tries hint only where the strips are
        return Incumbent(board, evaluation, ()) if evaluation.feasible else None

    def _pick_free(self, current: Incumbent, taken: set[int]) -> tuple[str, set[int]] | None:
        """A neighbourhood on days no running try has open (None when three picks all overlap)."""
        day_sets = self._day_sets(current.schedule)
        for _ in range(3):
            name = self._pick()
            days = self.neighbourhoods[name](day_sets, current.evaluation, round(self.size))
            if not days & taken:
                return name, days
        return None

    def _pick(self) -> str:
        names = list(self.weights)
        return self.rng.choices(names, [max(MIN_WEIGHT, self.weights[n]) for n in names])[0]

    def _reward(self, name: str, reward: float) -> None:
        self.weights[name] = DECAY * self.weights[name] + (1 - DECAY) * reward * len(self.weights)

    def _day_sets(self, schedule: Schedule) -> list[set[str]]:
        return [set(day.scene_ids) for day in schedule.days]

    # -- neighbourhoods: each returns the day indexes opened up together (at most `size`)

    def _filled(self, days: set[int], n: int, size: int) -> set[int]:
        """`days` grown to `size` by their neighbours (so a joined run has room at its edges), then
        by random days."""
        out = set(sorted(days)[:size])
        grow = sorted(out)
        while len(out) < min(size, n) and grow:
            d = grow.pop(0)
            for e in (d - 1, d + 1):
                if 0 <= e < n and e not in out and len(out) < size:
                    out.add(e)
                    grow.append(e)
        while len(out) < min(size, n):
            out.add(self.rng.randrange(n))
        return out

    def window(self, day_sets: list[set[str]], evaluation: Evaluation, size: int) -> set[int]:
        n = len(day_sets)
        a = self.rng.randrange(max(1, n - size + 1))
        return set(range(a, min(n, a + size)))

    def location(self, day_sets: list[set[str]], evaluation: Evaluation, size: int) -> set[int]:
        n = len(day_sets)
        shot: dict[str, list[int]] = {}
        for d, ids in enumerate(day_sets):
            for loc in sorted({self.problem.strip_by_id[sid].location for sid in ids}):
                shot.setdefault(loc, []).append(d)
        # a location visited in several runs of days is the one worth joining
        runs = {loc: 1 + sum(1 for a, b in zip(ds, ds[1:]) if b - a > 1) for loc, ds in shot.items()}
        names = sorted(shot)
        loc = self.rng.choices(names, [runs[x] ** 2 for x in names])[0]
        ds = shot[loc]
        keep = max(2, size - 2)
        at = self.rng.randrange(max(1, len(ds) - keep + 1))
        return self._filled(set(ds[at : at + keep]), n, size)

    def cast(self, day_sets: list[set[str]], evaluation: Evaluation, size: int) -> set[int]:
        n = len(day_sets)
        held: dict[str, list[int]] = {}
        for item in evaluation.items:
            if item.family == "cast_holds" and item.amount and item.subject:
                held.setdefault(item.subject, []).extend(d - 1 for d in item.days)
        if not held:
            return self.window(day_sets, evaluation, size)
        cost = {m: sum(i.amount for i in evaluation.items if i.family == "cast_holds" and i.subject == m) for m in held}
        names = sorted(held)
        name = self.rng.choices(names, [cost[m] for m in names])[0]
        worked = [d for d, ids in enumerate(day_sets) if any(name in self.problem.strip_by_id[s].cast for s in ids)]
        # their first and last work days, and held days for those strips to move into
        picked = {worked[0], worked[-1]}
        gaps = sorted(held[name], key=lambda d: min(abs(d - worked[0]), abs(d - worked[-1])))
        for d in gaps[: max(0, size - 4)]:
            picked.add(d)
        return self._filled(picked, n, size)

    def nights(self, day_sets: list[set[str]], evaluation: Evaluation, size: int) -> set[int]:
        n = len(day_sets)
        night = [any(self.problem.strip_by_id[s].night for s in ids) for ids in day_sets]
        starts = [d for d in range(n) if night[d] and (d == 0 or not night[d - 1])]
        if not starts:
            return self.window(day_sets, evaluation, size)
        d = self.rng.choice(starts)
        run = {d}
        while d + 1 < n and night[d + 1]:
            d += 1
            run.add(d)
        return self._filled(run, n, size)

    def wrap(self, day_sets: list[set[str]], evaluation: Evaluation, size: int) -> set[int]:
        n = len(day_sets)
        strips = self.problem.strip_by_id
        move = self.problem.company_move_hours
        hours = [sum(self.problem.day_hours if strips[s].days else strips[s].hours for s in ids)
                 + move * max(0, len({strips[s].location for s in ids}) - 1) for ids in day_sets]
        # the emptiest days first; ties (and a little noise) broken at random so tries differ
        roomy = sorted(range(n - 1), key=lambda d: (hours[d] + self.rng.random() * 0.5))
        return {n - 1, *roomy[: size - 1]}
