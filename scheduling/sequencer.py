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

import datetime as dt
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
LOOK_AHEAD = 40  # strips a day's layout looks past for ones that can be shot that day


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
    """One block per location, DAY/NIGHT and dates the strips can be shot on."""
    dates = problem.calendar.dates(horizon)
    groups: dict[tuple, list[Strip]] = {}
    for strip in problem.strips:
        groups.setdefault((strip.location, strip.night), []).append(strip)
    split: dict[tuple, list[Strip]] = {}
    for (location, night), strips in groups.items():
        windows = [_window(problem, st, dates) for st in strips]
        for strip, window in zip(strips, windows):
            split.setdefault((location, night, window), []).append(strip)
    blocks = []
    for (location, night, window), strips in split.items():
        strips.sort(key=lambda st: (st.int_ext, _cast_key(problem, st), st.set_name))
        blocks.append(Block(strips, location, night, sum(problem.day_hours if st.days else st.hours for st in strips),
                            frozenset(n for st in strips for n in st.cast), window))
    return blocks


class _Estimate:
    """The estimated cost of a block order: cast spans at their daily rate, moves, and blocks
    outside their dates.

    The order is laid out week by week with day and night work side by side (`weekly_nights`), so
    each kind runs on its own clock, at the pace of its share of the days, and a company move is a
    change of location between consecutive blocks of one kind."""

    def __init__(self, problem: ScheduleProblem, blocks: list[Block], caution: float) -> None:
        total = sum(b.hours for b in blocks) or 1.0
        share = {night: sum(b.hours for b in blocks if b.night == night) / total for night in (False, True)}
        self.pace = {night: problem.day_hours * FILL * max(share[night], 1e-9) for night in (False, True)}
        # a deadline is checked against a slow pace, an opening date against a fast one
        self.slow, self.fast = 1 / caution, 1.0
        w = problem.weights
        rate = {m.name: m.daily_rate * w.cast_hold_factor for m in problem.cast}
        self.move = w.company_move
        # The block search prices thousands of orders, so each is priced over plain lists: cast by
        # index, each block's estimated days worked out once. Sorted: a frozenset iterates in hash
        # order, which changes between processes.
        names = sorted(n for n, r in rate.items() if r)
        index = {n: i for i, n in enumerate(names)}
        self.rates = [rate[n] for n in names]
        self.members = [[index[n] for n in sorted(b.cast) if n in index] for b in blocks]
        self.night = [1 if b.night else 0 for b in blocks]
        self.days = [b.hours / self.pace[b.night] for b in blocks]
        self.windows = [b.window for b in blocks]
        self.locations = [b.location for b in blocks]

    def __call__(self, order: list[int]) -> float:
        members, night, days, windows, locations = self.members, self.night, self.days, self.windows, self.locations
        fast, slow = self.fast, self.slow
        first = [-1.0] * len(self.rates)  # -1: not working yet (every clock starts at 0)
        last = [0.0] * len(self.rates)
        seen: list[int] = []  # cast in the order they first work: the sum below adds up as it always has
        cost = 0.0
        clock = [0.0, 0.0]  # day work, night work
        previous: list[str | None] = [None, None]
        for b in order:
            kind = night[b]
            start = clock[kind]
            at = clock[kind] = start + days[b]
            for i in members[b]:
                if first[i] < 0:
                    seen.append(i)
                    first[i], last[i] = start, at
                else:
                    if start < first[i]:
                        first[i] = start
                    if at > last[i]:
                        last[i] = at
            lo, hi = windows[b]
            if start * fast < lo:
                cost += (lo - start * fast) * OUT_OF_DATES
            if at * slow > hi + 1:
                cost += (at * slow - hi - 1) * OUT_OF_DATES
            if previous[kind] is not None and previous[kind] != locations[b]:
                cost += self.move
            previous[kind] = locations[b]
        rates = self.rates
        return cost + sum(rates[i] * (last[i] - first[i]) for i in seen)


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


def running_sequence(problem: ScheduleProblem, horizon: int, seed: int = 0, caution: float = 0.8) -> list[Strip]:
    """Every strip once: blocks in their best order laid out week by week (nights at the week's
    end), each locked strip on its day, every A-before-B kept."""
    blocks = blocks_of(problem, horizon)
    return laid_out(problem, blocks, block_order(problem, blocks, seed, caution=caution))


def laid_out(problem: ScheduleProblem, blocks: list[Block], order: list[int]) -> list[Strip]:
    """The strips of blocks in this order, laid out week by week, every A-before-B kept."""
    return keep_precedences(problem, weekly_nights(problem, [st for b in order for st in blocks[b].strips]))


def weekly_nights(problem: ScheduleProblem, order: list[Strip]) -> list[Strip]:
    """The order laid out on the calendar: each week's day work first and its share of the night
    days last, so the weekend after is the turnaround; locked strips on their days.

    Each kind keeps its order and a day is full when its next strip would not fit, as the cutter
    fills it; the cutter then finds its breaks where this layout put them rather than drifting into
    dark days. Night days are spread evenly over the weeks, never more in a row than the rule
    allows and never on a week's last day before a working morning."""
    locked = [st for st in order if st.id in problem.locks]
    piles = {night: [st for st in order if st.night == night and st.id not in problem.locks] for night in (False, True)}
    if not piles[True] or not piles[False]:
        return place_locks(problem, [st for st in order if st.id not in problem.locks])
    need = {night: len(_packed(problem, pile)) for night, pile in piles.items()}
    horizon = 2 * (need[False] + need[True]) + max(problem.locks.values(), default=0) + 10
    dates = problem.calendar.dates(horizon)
    weeks: list[list[int]] = []  # runs of shoot days on consecutive calendar dates
    for d in range(horizon):
        if weeks and dates[d] - dates[weeks[-1][-1]] == dt.timedelta(days=1):
            weeks[-1].append(d)
        else:
            weeks.append([d])
    slots: list[list[Strip]] = [[] for _ in range(horizon)]
    for st in locked:
        slots[problem.locks[st.id] - 1].append(st)
    most = problem.max_consecutive_nights or horizon
    nights_left, days_total = need[True], need[False] + need[True]
    out: list[Strip] = []
    for w, week in enumerate(weeks):
        if not piles[False] and not piles[True]:
            break
        weeks_left = max(1, -(-(days_total - sum(len(x) for x in weeks[:w])) // max(1, len(week))))
        take = min(most, len(week), nights_left, -(-nights_left // weeks_left))
        if take == len(week) and piles[False] and w + 1 < len(weeks):
            take -= 1  # a week of nights only when no day work is left
        nights_left -= take
        for i, d in enumerate(week):
            night = i >= len(week) - take
            pile = piles[night] or piles[not night]
            out.extend(_fill(problem, slots[d], pile, dates[d]))
    for pile in piles.values():
        out.extend(pile)
    return out


def _fill(problem: ScheduleProblem, day: list[Strip], pile: list[Strip], date: dt.date | None = None) -> list[Strip]:
    """A day's strips: those already on it, then the pile's next strips while they fit (taken off
    the pile). On a `date`, strips whose cast or location cannot work it are passed over (up to
    LOOK_AHEAD of them) and stay on the pile. A whole-day strip takes a day to itself."""
    capacity = round(problem.day_hours * 60)
    minutes = sum(capacity if st.days else round(st.hours * 60) for st in day)
    minutes += max(0, len({st.location for st in day}) - 1) * problem.move_minutes
    eighths = sum(st.eighths for st in day)
    out = list(day)
    i = 0
    while i < min(len(pile), LOOK_AHEAD):
        st = pile[i]
        if date is not None and not _works_on(problem, st, date):
            i += 1
            continue
        need = capacity if st.days else round(st.hours * 60)
        if out and all(o.location != st.location for o in out):
            need += problem.move_minutes
        if out and (st.days or minutes + need > capacity):
            break
        if problem.day_eighths and out and eighths + st.eighths > problem.day_eighths:
            break
        out.append(pile.pop(i))
        minutes += need
        eighths += st.eighths
        if st.days:
            break
    return out


def _works_on(problem: ScheduleProblem, strip: Strip, date: dt.date) -> bool:
    return problem.location_by_name[strip.location].available_on(date) and \
        all(problem.cast_by_name[n].available_on(date) for n in strip.cast)


def _packed(problem: ScheduleProblem, strips: list[Strip]) -> list[list[Strip]]:
    """The strips in their order, cut into days where the next strip would not fit."""
    pile = list(strips)
    out: list[list[Strip]] = []
    while pile:
        day = _fill(problem, [], pile)
        out.extend([day] * (day[0].days or 1))
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
            if at and rest[at].location != rest[at - 1].location:
                hours += problem.company_move_hours
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
