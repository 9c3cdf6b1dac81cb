"""Large-neighbourhood search on the running order: re-order one neighbourhood of the incumbent's
strips at a time and let the day cutter find the cheapest legal day breaks for the result.

Two searches, run one after the other inside `solve_schedule`'s time limit, before CP-SAT takes
over a few days at a time (scheduling/day_search.py):

- `BlockSearch` moves whole blocks (a location's DAY or NIGHT strips) in the block order behind the
  week-by-week layout (sequencer.weekly_nights), so the weeks stay in line;
- `OrderSearch` then works on the cut order itself, strip runs at a time.

Every try is priced by the cutter, less the drops it cannot see (`price`), which is exactly what
`evaluate` charges for the cut board; a try is kept when it costs no more than the incumbent.

A schedule is fixed by its running order once the cutter has placed the day breaks, so these
searches work where a line producer does, on the stripboard; they improve a first board fastest
and run dry soonest. The order search's neighbourhoods:

- a location's run joins another run of the same location (one company move less);
- a cast member's run joins another of their runs (their span, and so their holds, shrinks);
- a night run joins another night run (nights in a row, turnaround once instead of twice);
- a window of a few days' strips is re-sorted by location, DAY/NIGHT and cast (a hand sort, locally);
- a run is moved elsewhere, or two runs swap places.

When no move improves the order for a while, the search shakes its best order (a few random run
moves, whatever they cost) and goes on from there, up to `restarts` times.

Runs are maximal stretches of the order at one location and one of DAY or NIGHT, so the company
stays where it is within a run. The search is seeded: with the same seed and step budget it makes
the same moves and ends on the same order.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from scheduling.cutter import Cut, DayCutter
from scheduling.problem import ScheduleProblem, Strip
from scheduling.sequencer import Block, cut_sequence, laid_out
from scheduling.shoot_days import company_moves, tidy_days

WINDOW_DAYS = (3, 4, 5, 6)  # days of strips a window neighbourhood re-sorts
STRIPS_PER_DAY = 4  # a typical day's strips, to turn a window's days into positions
SLACK_MOVES = 1.0  # a try the screen prices this many company moves dearer is not cut
PATIENCE = 600  # tries without an improvement after which the search is over...
KICKS = 4  # ...unless it may go on from the best order shaken by this many random run moves
BLOCK_PATIENCE = 150  # the same for the block search, whose tries cost a layout and a cut each
LAYOUT_REPAIRS = 4  # strips a block search pulls earlier to make a laid-out order cuttable


@dataclass(frozen=True)
class Found:
    order: list[Strip]
    cut: Cut
    cost: float  # the true price (unpaid drops taken off the cut's cost)


def runs_of(order: Sequence[Strip]) -> list[tuple[int, int]]:
    """[start, end) of each maximal stretch at one location, DAY or NIGHT."""
    out: list[tuple[int, int]] = []
    start = 0
    for p in range(1, len(order) + 1):
        if p == len(order) or (order[p].location, order[p].night) != (order[start].location, order[start].night):
            out.append((start, p))
            start = p
    return out


def _moved(order: list[Strip], run: tuple[int, int], to: int) -> list[Strip]:
    """The order with the strips of `run` taken out and put back before position `to` (a position
    of the original order, outside the run)."""
    a, b = run
    piece = order[a:b]
    rest = order[:a] + order[b:]
    at = to if to <= a else to - (b - a)
    return rest[:at] + piece + rest[at:]


def unpaid_drops(problem: ScheduleProblem, days: Sequence[Sequence[Strip]]) -> float:
    """What the cutter charged as holds but a drop/pick-up makes free: every gap of at least
    `drop_pickup_days` between two work days of one cast member (the cutter holds through all)."""
    if problem.drop_pickup_days is None:
        return 0.0
    worked: dict[str, list[int]] = {}
    for d, strips in enumerate(days):
        for name in sorted({n for st in strips for n in st.cast}):
            worked.setdefault(name, []).append(d)
    factor = problem.weights.cast_hold_factor
    refund = 0.0
    for name, ds in worked.items():
        free = sum(b - a - 1 for a, b in zip(ds, ds[1:]) if b - a - 1 >= problem.drop_pickup_days)
        refund += free * problem.cast_by_name[name].daily_rate * factor
    return refund


def price(problem: ScheduleProblem, cut: Cut) -> float:
    """The cut board's true cost, as `evaluate` prices it once its days are tidied (`board_days`):
    the cut's cost less the unpaid drops and the company moves tidying saves."""
    saved = company_moves(cut.days) - company_moves(tidy_days(cut.days))
    return cut.cost - unpaid_drops(problem, cut.days) - saved * problem.weights.company_move


def board_days(cut: Cut) -> list[list[Strip]]:
    """The strips of each day of a cut, as the board shows them (tidied by location)."""
    return tidy_days(cut.days)


class Screen:
    """A quick estimate of an order's cost, to skip the cut of tries that are plainly worse: cast
    spans by the hours before each strip (at their hold rate, long gaps free as drops), company
    moves and day/night switches along the order."""

    def __init__(self, problem: ScheduleProblem) -> None:
        w = problem.weights
        self.day = problem.day_hours * 0.9
        self.drop = problem.drop_pickup_days
        self.rate = {m.name: m.daily_rate * w.cast_hold_factor for m in problem.cast}
        self.move, self.switch = w.company_move, w.day_night_switch
        self.hours = {st.id: (problem.day_hours * st.days if st.days else st.hours) for st in problem.strips}

    def __call__(self, order: Sequence[Strip]) -> float:
        cost = 0.0
        at = 0.0
        seen: dict[str, list[float]] = {}  # member -> [first start, last end, hours worked]
        previous = None
        for st in order:
            start, at = at, at + self.hours[st.id] / self.day
            for name in st.cast:
                span = seen.get(name)
                if span is None:
                    seen[name] = [start, at, at - start]
                else:
                    gap = start - span[1]
                    if self.drop is not None and gap >= self.drop:
                        span[2] += gap  # dropped and picked up: the gap is not paid
                    span[1] = at
                    span[2] += at - start
            if previous is not None:
                if previous.location != st.location:
                    cost += self.move
                if previous.night != st.night:
                    cost += self.switch
            previous = st
        return cost + sum(self.rate[n] * max(0.0, s[1] - s[0] - s[2]) for n, s in seen.items())


class OrderSearch:
    """Improves a running order neighbourhood by neighbourhood, the cutter the judge of each try."""

    def __init__(self, problem: ScheduleProblem, cutter: DayCutter, seed: int = 0) -> None:
        self.problem = problem
        self.cutter = cutter
        self.rng = random.Random(seed)
        self.screen = Screen(problem)
        self.steps = self.cuts = 0  # tries made, and tries the cutter priced
        self.slack = SLACK_MOVES * problem.weights.company_move
        rates = {m.name: m.daily_rate for m in problem.cast}
        # the cast worth gathering: anyone with a rate, the dearest most often
        self.members = [m for m in rates if rates[m] > 0 and sum(m in st.cast for st in problem.strips) > 1]
        self.member_weight = [rates[m] for m in self.members]
        rank = {m.name: i for i, m in enumerate(sorted(problem.cast, key=lambda m: (-m.daily_rate, m.name)))}
        self.cast_key = {st.id: tuple(sorted(rank[n] for n in st.cast)) for st in problem.strips}
        self.moves: list[Callable[[list[Strip]], list[Strip] | None]] = [
            self.join_location, self.join_location, self.join_cast, self.join_cast, self.join_nights,
            self.sort_window, self.relocate_run, self.swap_runs,
        ]

    def run(self, order: list[Strip], cut: Cut, *, deadline: float | None = None, max_steps: int | None = None,
            stop: Callable[[], bool] | None = None, on_better: Callable[[Found], None] | None = None,
            patience: int = PATIENCE, restarts: int = 0) -> Found:
        """Search from `order` (cut as `cut`) until the deadline (a perf_counter time), `max_steps`
        tries, `patience` tries in a row without an improvement, or `stop()`. `on_better` sees
        every order the cutter prices lower than all before it. Each of up to `restarts` times
        the search runs out of patience, it goes on from the best order shaken (`kick`) instead:
        a way out of an order no single move improves."""
        current, current_cost = list(order), price(self.problem, cut)
        current_guess = self.screen(current)
        best = Found(list(order), cut, current_cost)
        idle = 0
        while max_steps is None or self.steps < max_steps:
            if deadline is not None and time.perf_counter() >= deadline:
                break
            if stop is not None and stop():
                break
            if idle >= patience:
                if restarts <= 0:
                    break
                restarts -= 1
                shaken = self.kick(best.order)
                idle = 0
                if shaken is not None:
                    current, current_cost, current_guess = shaken[0], shaken[1], self.screen(shaken[0])
                continue
            self.steps += 1
            idle += 1
            trial = self.rng.choice(self.moves)(current)
            if trial is None or trial == current:
                continue
            guess = self.screen(trial)
            if guess > current_guess + self.slack:
                continue
            self.cuts += 1
            trial_cut = self.cutter.cut(trial)
            if trial_cut is None:
                continue
            cost = price(self.problem, trial_cut)
            if cost > current_cost + 1e-6:
                continue
            current, current_cost, current_guess = trial, cost, guess
            if cost < best.cost - 1e-6:
                best = Found(list(trial), trial_cut, cost)
                idle = 0
                if on_better is not None:
                    on_better(best)
        return best

    def kick(self, order: list[Strip]) -> tuple[list[Strip], float] | None:
        """The order after KICKS random run moves, whatever they cost, with its price (None when
        no shaken order could be cut)."""
        for _ in range(20):
            shaken = list(order)
            for _ in range(KICKS):
                shaken = self.rng.choice((self.relocate_run, self.swap_runs, self.join_location))(shaken) or shaken
            self.cuts += 1
            cut = self.cutter.cut(shaken)
            if cut is not None:
                return shaken, price(self.problem, cut)
        return None

    # -- neighbourhoods: each returns a new order, or None when it has nothing to change

    def join_location(self, order: list[Strip]) -> list[Strip] | None:
        runs = runs_of(order)
        run = self.rng.choice(runs)
        key = (order[run[0]].location, order[run[0]].night)
        others = [r for r in runs if r != run and (order[r[0]].location, order[r[0]].night) == key]
        return self._join(order, run, others)

    def join_cast(self, order: list[Strip]) -> list[Strip] | None:
        if not self.members:
            return None
        name = self.rng.choices(self.members, self.member_weight)[0]
        runs = [r for r in runs_of(order) if any(name in st.cast for st in order[r[0]:r[1]])]
        if len(runs) < 2:
            return None
        # the run furthest from the member's middle is the one that stretches the span most
        middle = sum((a + b) / 2 for a, b in runs) / len(runs)
        far = sorted(runs, key=lambda r: -abs((r[0] + r[1]) / 2 - middle))
        run = far[0] if self.rng.random() < 0.6 else self.rng.choice(runs)
        return self._join(order, run, [r for r in runs if r != run])

    def join_nights(self, order: list[Strip]) -> list[Strip] | None:
        runs = [r for r in runs_of(order) if order[r[0]].night]
        if len(runs) < 2:
            return None
        run = self.rng.choice(runs)
        return self._join(order, run, [r for r in runs if r != run])

    def _join(self, order: list[Strip], run: tuple[int, int], others: list[tuple[int, int]]) -> list[Strip] | None:
        """Move `run` next to the nearest of `others` (or, now and then, any of them)."""
        if not others:
            return None
        if self.rng.random() < 0.7:
            target = min(others, key=lambda r: abs(r[0] - run[0]))
        else:
            target = self.rng.choice(others)
        to = target[1] if self.rng.random() < 0.5 else target[0]
        return _moved(order, run, to)

    def sort_window(self, order: list[Strip]) -> list[Strip] | None:
        width = self.rng.choice(WINDOW_DAYS) * STRIPS_PER_DAY
        if len(order) < 3:
            return None
        a = self.rng.randrange(max(1, len(order) - width))
        b = min(len(order), a + width)
        window = order[a:b]
        first = {}
        for p, st in enumerate(window):
            first.setdefault((st.location, st.night), p)
        # runs come together where their location first appears; nights keep their place
        window.sort(key=lambda st: (first[(st.location, st.night)], self.cast_key[st.id]))
        return order[:a] + window + order[b:]

    def relocate_run(self, order: list[Strip]) -> list[Strip] | None:
        runs = runs_of(order)
        if len(runs) < 2:
            return None
        run = self.rng.choice(runs)
        target = self.rng.choice([r for r in runs if r != run])
        return _moved(order, run, target[0] if self.rng.random() < 0.5 else target[1])

    def swap_runs(self, order: list[Strip]) -> list[Strip] | None:
        runs = runs_of(order)
        if len(runs) < 2:
            return None
        i = self.rng.randrange(len(runs))
        j = i + 1 if i + 1 < len(runs) and self.rng.random() < 0.5 else self.rng.randrange(len(runs))
        if i == j:
            return None
        (a, b), (c, d) = sorted((runs[i], runs[j]))
        return order[:a] + order[c:d] + order[b:c] + order[a:b] + order[d:]


class BlockSearch:
    """Improves the order of the blocks (a location's DAY or NIGHT strips) behind a week-by-week
    layout: each try moves or swaps blocks, lays the order out again (nights at the week's end) and
    has the cutter price it, so a move never knocks the weeks out of line the way moving strips in
    the cut order can."""

    def __init__(self, problem: ScheduleProblem, cutter: DayCutter, blocks: list[Block], seed: int = 0) -> None:
        self.problem = problem
        self.cutter = cutter
        self.blocks = blocks
        self.rng = random.Random(seed)
        rates = {m.name: m.daily_rate for m in problem.cast}
        self.dearest = [max(b.cast, key=lambda n: (rates.get(n, 0), n)) if b.cast else None for b in blocks]
        self.steps = 0

    def price(self, order: list[int]) -> Found | None:
        strips, cut = cut_sequence(self.problem, self.cutter, laid_out(self.problem, self.blocks, order),
                                   LAYOUT_REPAIRS)
        return None if cut is None else Found(strips, cut, price(self.problem, cut))

    def run(self, order: list[int], *, deadline: float | None = None, max_steps: int | None = None,
            stop: Callable[[], bool] | None = None, on_better: Callable[[Found], None] | None = None,
            patience: int = BLOCK_PATIENCE) -> tuple[list[int], Found | None]:
        best = self.price(order)
        current = list(order)
        idle = 0
        while (max_steps is None or self.steps < max_steps) and idle < patience and len(order) > 2:
            if (deadline is not None and time.perf_counter() >= deadline) or (stop is not None and stop()):
                break
            self.steps += 1
            idle += 1
            trial = self.move(current)
            found = self.price(trial)
            if found is None or (best is not None and found.cost > best.cost + 1e-6):
                continue
            current = trial
            if best is None or found.cost < best.cost - 1e-6:
                best, idle = found, 0
                if on_better is not None:
                    on_better(best)
        return current, best

    def move(self, order: list[int]) -> list[int]:
        rng = self.rng
        n = len(order)
        roll = rng.random()
        if roll < 0.3:  # two blocks swap places
            i, j = rng.sample(range(n), 2)
            out = list(order)
            out[i], out[j] = out[j], out[i]
            return out
        i = rng.randrange(n)
        length = min(rng.choice((1, 1, 2, 3)), n - i)
        piece = order[i : i + length]
        rest = order[:i] + order[i + length :]
        if roll < 0.6 and self.dearest[piece[0]] is not None:
            # next to another block of its dearest cast member: their span shrinks
            name = self.dearest[piece[0]]
            mates = [p for p, b in enumerate(rest) if name in self.blocks[b].cast]
            j = rng.choice(mates) + rng.randrange(2) if mates else rng.randrange(len(rest) + 1)
        else:
            j = rng.randrange(len(rest) + 1)
        return rest[:j] + piece + rest[j:]
