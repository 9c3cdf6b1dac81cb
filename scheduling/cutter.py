"""Cut a running order of strips into shoot days at the cheapest breaks (a dynamic programme).

Given the order in which strips are shot, a schedule is fixed by where the day breaks fall and by
which days are left dark. Every cost the user pays is then local to a day and its neighbour:

- a day costs its shoot day, its cast's work, and a hold for every cast member whose first scene
  came earlier in the order and whose last comes later but who is not in today's strips;
- moves are the location changes along the order, except across a dark day;
- a day mixing DAY and NIGHT strips, and a night call after a day call (or back), is a switch.

So the cheapest cut of one order is a shortest path over (position in the order, shoot day, nights
in a row just worked), kept to the rules the day can see: capacity, cast and location dates, locks,
A-before-B, turnaround and the night limit. Unpaid drops (long gaps) are not counted here, so the
cut's cost can only be over the real one; `evaluate` has the last word.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from scheduling.problem import ScheduleProblem, Strip

PREVIOUS_DARK = -1  # the state before the first day, and after a day without scenes
SLACK_DAYS = 8  # how far behind the earliest way to reach a position a state may fall
QUICK_SLACK_DAYS = 4  # the same for a search's tries: half the states, and nearly always the same cut


@dataclass(frozen=True)
class Cut:
    days: list[list[Strip]]  # strips per shoot day, in the order's sequence; [] is a dark day
    cost: float


class _RateTable:
    """The sum of daily rates of a set of cast members held as bits of an int, a byte at a time."""

    def __init__(self, rates: Sequence[float]) -> None:
        self.tables = []
        for start in range(0, len(rates), 8):
            chunk = rates[start : start + 8]
            self.tables.append([sum(r for b, r in enumerate(chunk) if m >> b & 1) for m in range(256)])

    def __call__(self, mask: int) -> float:
        total = 0.0
        for table in self.tables:
            if not mask:
                break
            total += table[mask & 255]
            mask >>= 8
        return total


@dataclass(frozen=True)
class _Segment:
    end: int  # the order position after the day's last strip
    days: int  # shoot days it takes (a multi-day strip takes several)
    cost: float  # shoot days, work, holds, moves within it, a mixed day
    night: bool
    daylight: bool
    available: int  # bit d: every strip of it can be shot on day d
    lock: int | None  # the day index it must start on


class DayCutter:
    """Cuts orders of one problem's strips; the tables that do not depend on the order are built once."""

    def __init__(self, problem: ScheduleProblem, horizon: int, slack: int = SLACK_DAYS) -> None:
        self.problem = problem
        self.horizon = horizon
        self.slack = slack
        self.dates = problem.calendar.dates(horizon)
        w = problem.weights
        self.cast_bit = {m.name: 1 << i for i, m in enumerate(problem.cast)}
        self.work_rate = _RateTable([m.daily_rate * w.cast_work_factor for m in problem.cast])
        self.hold_rate = _RateTable([m.daily_rate * w.cast_hold_factor for m in problem.cast])
        self.capacity = round(problem.day_hours * 60)
        self.index = {st.id: s for s, st in enumerate(problem.strips)}
        self.minutes = [round(st.hours * 60) for st in problem.strips]
        self.cast_mask = [sum(self.cast_bit[n] for n in set(st.cast)) for st in problem.strips]
        self.available = [self._available(st) for st in problem.strips]
        self.lock = [problem.locks.get(st.id) for st in problem.strips]
        self.before: list[set[int]] = [set() for _ in problem.strips]
        for a, b in problem.precedences:
            self.before[self.index[b]].add(self.index[a])
        # day d follows day d-1 on the next calendar day: turnaround applies
        self._unlocked: set[int] = set()
        self.stuck_at: int | None = None  # where the last failed cut ran out of ways on
        self.next_morning = [d > 0 and self.dates[d] - self.dates[d - 1] == dt.timedelta(days=1)
                             for d in range(horizon)]

    def quick(self) -> DayCutter:
        """This cutter with states kept closer to the earliest day (QUICK_SLACK_DAYS): what it
        cuts is as legal and as truly priced, only now and then not the cheapest cut of the order
        (one that waits more days in the dark), at about twice the speed; the searches price their
        many tries with it."""
        quick = copy.copy(self)
        quick.slack = min(self.slack, QUICK_SLACK_DAYS)
        quick._unlocked = set()
        return quick

    def _available(self, strip: Strip) -> int:
        place = self.problem.location_by_name[strip.location]
        people = [self.problem.cast_by_name[n] for n in strip.cast]
        bits = 0
        for d, date in enumerate(self.dates):
            if place.available_on(date) and all(m.available_on(date) for m in people):
                bits |= 1 << d
        return bits

    def cut(self, order: Sequence[Strip], unlocked: frozenset[str] = frozenset()) -> Cut | None:
        """The cheapest rule-abiding days for strips shot in this order, or None when there are none
        within the horizon (the order breaks a scene order, or the dates cannot be met).
        Locks on the strips in `unlocked` are not kept (while the others' places are tried)."""
        self._unlocked = {self.index[sid] for sid in unlocked}
        self.stuck_at = None
        idx = [self.index[st.id] for st in order]
        if sorted(idx) != list(range(len(self.problem.strips))):
            raise ValueError("an order must hold every strip of the problem once")
        position = {s: p for p, s in enumerate(idx)}
        if any(position[a] > position[b] for b, firsts in enumerate(self.before) for a in firsts):
            return None
        opened = self._open_masks(idx)
        segments = [self._segments(idx, opened, i) for i in range(len(idx))]
        return self._shortest_path(order, idx, opened, segments)

    def _open_masks(self, idx: list[int]) -> list[int]:
        """opened[j]: cast whose first strip is before position j and last at or after it."""
        n = len(idx)
        first: dict[int, int] = {}
        last: dict[int, int] = {}
        for p, s in enumerate(idx):
            mask = self.cast_mask[s]
            while mask:
                bit = mask & -mask
                first.setdefault(bit, p)
                last[bit] = p
                mask ^= bit
        delta = [0] * (n + 2)
        for bit, p in first.items():
            if last[bit] > p:
                delta[p + 1] ^= bit
                delta[last[bit] + 1] ^= bit
        opened, mask = [], 0
        for j in range(n + 1):
            mask ^= delta[j]
            opened.append(mask)
        return opened

    def _segments(self, idx: list[int], opened: list[int], i: int) -> list[_Segment]:
        problem, strips = self.problem, self.problem.strips
        shoot_day, move, switch = problem.weights.shoot_day, problem.weights.company_move, problem.weights.day_night_switch
        out: list[_Segment] = []
        first = strips[idx[i]]
        if first.days:
            s, k = idx[i], first.days
            mask = self.cast_mask[s]
            held = opened[i] & opened[i + 1] & ~mask
            every = (1 << k) - 1
            avail = sum(1 << d for d in range(self.horizon) if (self.available[s] >> d) & every == every)
            lock = self.lock[s] - 1 if self.lock[s] and s not in self._unlocked else None
            cost = k * (shoot_day + self.work_rate(mask) + self.hold_rate(held))
            return [_Segment(i + 1, k, cost, first.night, not first.night, avail, lock)]
        minutes = eighths = moves = 0
        mask, avail, night, daylight, lock = 0, -1, False, False, None
        inside: set[int] = set()
        places: set[str] = set()
        for j in range(i, len(idx)):
            s = idx[j]
            strip = strips[s]
            if strip.days:
                break
            if j > i and strip.location != strips[idx[j - 1]].location:
                moves += 1
            places.add(strip.location)
            minutes += self.minutes[s]
            eighths += strip.eighths
            # the board shoots each location's strips together: a move per location after the first
            if minutes + (len(places) - 1) * problem.move_minutes > self.capacity \
                    or (problem.day_eighths and eighths > problem.day_eighths):
                break
            if self.before[s] & inside:
                break
            if self.lock[s] and s not in self._unlocked:
                if lock is not None and lock != self.lock[s] - 1:
                    break
                lock = self.lock[s] - 1
            inside.add(s)
            mask |= self.cast_mask[s]
            avail &= self.available[s]
            night |= strip.night
            daylight |= not strip.night
            held = opened[i] & opened[j + 1] & ~mask
            cost = shoot_day + self.work_rate(mask) + self.hold_rate(held) + moves * move
            if night and daylight:
                cost += switch
            out.append(_Segment(j + 1, 1, cost, night, daylight, avail, lock))
        return out

    def _shortest_path(self, order, idx, opened, segments) -> Cut | None:
        problem = self.problem
        n, H = len(idx), self.horizon
        strips = problem.strips
        w = problem.weights
        limit = problem.max_consecutive_nights
        last_day = min(H, problem.max_days or H)
        # best[j][(d, run)] = (cost, previous key, segment or None for a dark day);
        # run = nights in a row ending on day d-1, 0 after a day's work, PREVIOUS_DARK after no work
        best: list[dict[tuple[int, int], tuple[float, tuple | None, _Segment | None]]] = [{} for _ in range(n + 1)]
        best[0][(0, PREVIOUS_DARK)] = (0.0, None, None)

        def offer(j: int, key: tuple[int, int], cost: float, back: tuple, seg: _Segment | None) -> None:
            held = best[j].get(key)
            if held is None or cost < held[0] - 1e-9:
                best[j][key] = (cost, back, seg)

        move_cost, switch_cost = w.company_move, w.day_night_switch
        next_morning = self.next_morning
        for i in range(n):
            here = best[i]
            if not here:
                self.stuck_at = i
                return None
            earliest = min(d for d, _ in here)
            by_day: dict[int, list[int]] = {}
            for d, run in here:
                by_day.setdefault(d, []).append(run)
            dark_cost = w.shoot_day + self.hold_rate(opened[i])  # the same for every state here
            moved = i > 0 and strips[idx[i - 1]].location != strips[idx[i]].location
            last = min(earliest + self.slack, last_day - 1)
            # the segments as plain tuples, the fields the inner loop reads (it runs millions of times)
            segs = [(seg, seg.end, seg.days, seg.cost, seg.night, seg.daylight, seg.available, seg.lock,
                     seg.cost + (move_cost if moved else 0.0)) for seg in segments[i]]
            for d in range(earliest, last + 1):
                runs = by_day.get(d)
                if not runs:
                    continue
                dark_ok = d + 1 < last_day and d + 1 <= earliest + self.slack
                for run in sorted(runs):
                    cost = here[(d, run)][0]
                    back = (i, (d, run))
                    if dark_ok:
                        offer(i, (d + 1, PREVIOUS_DARK), cost + dark_cost, back, None)
                        later = by_day.setdefault(d + 1, [])
                        if PREVIOUS_DARK not in later:
                            later.append(PREVIOUS_DARK)
                    worked = run != PREVIOUS_DARK
                    prev_night = run > 0
                    turnaround = problem.turnaround and prev_night and next_morning[d]
                    carried = max(run, 0)
                    for seg, end_pos, days, seg_cost, night, daylight, available, lock, worked_cost in segs:
                        end = d + days
                        if end > last_day or not (available >> d) & 1:
                            continue
                        if lock is not None and lock != d:
                            continue
                        if turnaround and daylight:
                            continue
                        nights = (carried + days) if night else 0
                        if limit and nights > limit:
                            continue
                        if worked:
                            extra = worked_cost + (switch_cost if prev_night != night else 0.0)
                        else:
                            extra = seg_cost
                        total = cost + extra
                        target = best[end_pos]
                        key = (end, nights)
                        held = target.get(key)
                        if held is None or total < held[0] - 1e-9:
                            target[key] = (total, back, seg)
        if not best[n]:
            self.stuck_at = n  # no day could take the last strip
            return None
        key = min(best[n], key=lambda k: best[n][k][0])
        total = best[n][key][0]
        days: list[list[Strip]] = []
        j = n
        while best[j][key][1] is not None:
            _, (pj, pkey), seg = best[j][key]
            if seg is None:
                days.append([])
            else:
                days.extend([list(order[pj:j])] * seg.days)
            j, key = pj, pkey
        days.reverse()
        return Cut(days=days, cost=total)
