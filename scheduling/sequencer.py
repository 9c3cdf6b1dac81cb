"""A running order of strips for the day cutter: blocks as a scheduler groups them, blocks in the
order that keeps each cast member's work together.

Strips are grouped into blocks that belong together on a board: one location, DAY or NIGHT, and the
same dates they can be shot on. The blocks are ordered as in talent scheduling: a cast member is
paid from their first scene to their last, so the order that shortens the dearest spans wins, less
the company moves and day/night switches between blocks, and with a heavy price on putting a block
where its cast or location is not available. The search is a seeded local search on a cheap
estimate (a block's days from its hours), so the same problem always gives the same order.
"""

from __future__ import annotations

import heapq
import random
from dataclasses import dataclass

from scheduling.cutter import DayCutter
from scheduling.problem import ScheduleProblem, Strip

FILL = 0.9  # share of a day's hours a cut typically fills: turns hours into estimated days
OUT_OF_DATES = 50_000.0  # per estimated day a block sits outside its dates
SEARCH_STEPS = 6000
REPAIRS = 40  # strips pulled earlier before an order is given up
PULL_BACK = 8  # positions a strip past its dates is pulled back


@dataclass
class Block:
    strips: list[Strip]
    location: str
    night: bool
    hours: float
    cast: frozenset[str]
    window: tuple[int, int]  # the day indexes it may be shot within


def _window(problem: ScheduleProblem, strip: Strip, dates) -> tuple[int, int]:
    """The first and last day index on which the strip's cast and location are all within their
    from/until dates (blocked single dates are left to the cutter)."""
    things = [problem.location_by_name[strip.location]] + [problem.cast_by_name[n] for n in strip.cast]
    opens = max((t.available_from for t in things if t.available_from), default=None)
    closes = min((t.available_until for t in things if t.available_until), default=None)
    first = next((d for d, date in enumerate(dates) if opens is None or date >= opens), len(dates) - 1)
    last = max((d for d, date in enumerate(dates) if closes is None or date <= closes), default=0)
    return first, last


def _cast_key(problem: ScheduleProblem, strip: Strip) -> tuple:
    """Dearest cast first, so strips with the same leads sit side by side within a block."""
    rank = {m.name: i for i, m in enumerate(sorted(problem.cast, key=lambda m: (-m.daily_rate, m.name)))}
    return tuple(sorted(rank[n] for n in strip.cast))


def blocks_of(problem: ScheduleProblem, horizon: int) -> list[Block]:
    dates = problem.calendar.dates(horizon)
    groups: dict[tuple, list[Strip]] = {}
    for strip in problem.strips:
        key = (strip.location, strip.night, _window(problem, strip, dates))
        groups.setdefault(key, []).append(strip)
    blocks = []
    for (location, night, window), strips in groups.items():
        strips.sort(key=lambda st: (st.int_ext, _cast_key(problem, st), st.set_name))
        blocks.append(Block(strips, location, night, sum(problem.day_hours if st.days else st.hours for st in strips),
                            frozenset(n for st in strips for n in st.cast), window))
    return blocks


class _Estimate:
    """The estimated cost of a block order: cast spans at their daily rate, moves, switches, and
    blocks outside their dates."""

    def __init__(self, problem: ScheduleProblem, blocks: list[Block], caution: float) -> None:
        self.blocks = blocks
        self.day_hours = problem.day_hours * FILL
        # a deadline is checked against a slow pace, an opening date against a fast one
        self.slow, self.fast = FILL / caution, FILL
        w = problem.weights
        self.rate = {m.name: m.daily_rate * w.cast_hold_factor for m in problem.cast}
        self.move, self.switch = w.company_move, w.day_night_switch
        self.members = [[n for n in b.cast if self.rate.get(n)] for b in blocks]

    def __call__(self, order: list[int]) -> float:
        blocks = self.blocks
        first: dict[str, float] = {}
        last: dict[str, float] = {}
        cost = 0.0
        at = 0.0
        previous = None
        for b in order:
            block = blocks[b]
            start, at = at, at + block.hours / self.day_hours
            for name in self.members[b]:
                first.setdefault(name, start)
                last[name] = at
            lo, hi = block.window
            if start * self.fast < lo:
                cost += (lo - start * self.fast) * OUT_OF_DATES
            if at * self.slow > hi + 1:
                cost += (at * self.slow - hi - 1) * OUT_OF_DATES
            if previous is not None:
                if previous.location != block.location:
                    cost += self.move
                if previous.night != block.night:
                    cost += self.switch
            previous = block
        return cost + sum(self.rate[n] * (last[n] - first[n]) for n in first)


def block_order(problem: ScheduleProblem, blocks: list[Block], seed: int = 0, steps: int = SEARCH_STEPS,
                caution: float = 0.8) -> list[int]:
    """Blocks by their dates, then improved by moving one block or a run of blocks elsewhere,
    keeping every change that does not cost more (seeded, so repeatable). A block must end
    within its dates even if the days are filled only to `caution` of the usual."""
    estimate = _Estimate(problem, blocks, caution)
    order = sorted(range(len(blocks)), key=lambda b: (blocks[b].window[1], blocks[b].window[0], blocks[b].location,
                                                      blocks[b].night))
    if len(order) < 3:
        return order
    rng = random.Random(seed)
    cost = estimate(order)
    for _ in range(steps):
        i = rng.randrange(len(order))
        length = min(rng.choice((1, 1, 2, 3)), len(order) - i)
        piece = order[i : i + length]
        rest = order[:i] + order[i + length :]
        j = rng.randrange(len(rest) + 1)
        if rng.random() < 0.2:
            piece = piece[::-1]
        trial = rest[:j] + piece + rest[j:]
        trial_cost = estimate(trial)
        if trial_cost <= cost:
            order, cost = trial, trial_cost
    return order


def running_sequence(problem: ScheduleProblem, horizon: int, seed: int = 0, caution: float = 0.8,
                     fill: float = FILL) -> list[Strip]:
    """Every strip once: blocks in their best order, every A-before-B kept, and each locked strip
    where its day should start by the hours before it."""
    blocks = blocks_of(problem, horizon)
    order = [st for b in block_order(problem, blocks, seed, caution=caution) for st in blocks[b].strips]
    order = weekly_nights(problem, [st for st in order if st.id not in problem.locks], fill)
    return place_locks(problem, order)


def weekly_nights(problem: ScheduleProblem, order: list[Strip], fill: float = FILL) -> list[Strip]:
    """Interleave the order's day and night work week by week, nights at the end of each week.

    After a night's work there is no day work the next morning, so nights go last in a week (the
    weekend is the turnaround) in the share of the week the nights need; each kind keeps its
    order."""
    days = [st for st in order if not st.night]
    nights = [st for st in order if st.night]
    if not days or not nights:
        return list(order)

    def hours(st: Strip) -> float:
        return problem.day_hours if st.days else st.hours

    share = sum(map(hours, nights)) / sum(map(hours, order))
    week = len(problem.calendar.work_weekdays)
    day_quota = week * (1 - share) * problem.day_hours * fill
    night_quota = week * share * problem.day_hours * fill
    out: list[Strip] = []
    while days or nights:
        for pile, quota in ((days, day_quota), (nights, night_quota)):
            taken = 0.0
            while pile and (taken == 0 or taken + hours(pile[0]) <= quota):
                taken += hours(pile[0])
                out.append(pile.pop(0))
    return out


def cut_sequence(problem: ScheduleProblem, cutter: DayCutter, order: list[Strip], tries: int = REPAIRS):
    """Cut `order` into days; where the cut runs out of ways (a strip whose dates have passed),
    pull that strip earlier and try again. Returns (order, cut), the cut None when none was found."""
    order = keep_precedences(problem, order)
    for _ in range(tries):
        cut = cutter.cut(order)
        if cut is not None or cutter.stuck_at is None:
            return order, cut
        # no day could take the strip before the stuck position: that strip is the one to pull
        at = max(0, cutter.stuck_at - 1)
        stuck = order.pop(at)
        order.insert(max(0, at - PULL_BACK), stuck)
        order = keep_precedences(problem, order)
    return order, None


def place_locks(problem: ScheduleProblem, order: list[Strip]) -> list[Strip]:
    rest = list(order)
    day_hours = problem.day_hours * FILL
    for day, sid in sorted((day, sid) for sid, day in problem.locks.items()):
        at, hours = 0, 0.0
        while at < len(rest) and hours + 1e-9 < (day - 1) * day_hours:
            hours += problem.day_hours if rest[at].days else rest[at].hours
            at += 1
        rest.insert(at, problem.strip_by_id[sid])
    return keep_precedences(problem, rest)


def keep_precedences(problem: ScheduleProblem, order: list[Strip]) -> list[Strip]:
    """The order with each A-before-B kept: a stable topological sort (the earliest ready strip next)."""
    position = {st.id: p for p, st in enumerate(order)}
    pairs = [(a, b) for a, b in problem.precedences if a in position and b in position]
    if not pairs:
        return list(order)
    waiting = {st.id: 0 for st in order}
    after: dict[str, list[str]] = {}
    for a, b in pairs:
        waiting[b] += 1
        after.setdefault(a, []).append(b)
    ready = [(position[sid], sid) for sid, n in waiting.items() if n == 0]
    heapq.heapify(ready)
    out = []
    while ready:
        _, sid = heapq.heappop(ready)
        out.append(problem.strip_by_id[sid])
        for b in after.get(sid, []):
            waiting[b] -= 1
            if waiting[b] == 0:
                heapq.heappush(ready, (position[b], b))
    return out if len(out) == len(order) else list(order)  # a cycle: the cutter reports it
