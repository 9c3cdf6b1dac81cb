"""A quick first schedule to start CP-SAT from: strips grouped as a scheduler groups them by hand
(day work before nights, each location together, scenes with the same cast together) and packed
day by day, skipping any day where a strip would break a rule the packer can see.

It is only a starting point: CP-SAT repairs what it gets wrong and improves on it.
"""

from __future__ import annotations

import datetime as dt

from scheduling.problem import ScheduleProblem, Strip


class _Board:
    def __init__(self, problem: ScheduleProblem, horizon: int) -> None:
        self.problem = problem
        self.dates = problem.calendar.dates(horizon)
        self.days: list[list[Strip]] = [[] for _ in range(horizon)]
        self.minutes = [0] * horizon
        self.eighths = [0] * horizon
        self.placed: dict[str, int] = {}  # strip id -> first day

    def fits(self, strip: Strip, d: int) -> bool:
        p = self.problem
        if any(self.days[d][i].days for i in range(len(self.days[d]))):
            return False
        if strip.days:
            if self.days[d]:
                return False
        else:
            if self.minutes[d] + self._move_minutes(strip, d) + round(strip.hours * 60) > round(p.day_hours * 60):
                return False
            if p.day_eighths and self.eighths[d] + strip.eighths > p.day_eighths:
                return False
        date = self.dates[d]
        if not p.location_by_name[strip.location].available_on(date):
            return False
        if any(not p.cast_by_name[n].available_on(date) for n in strip.cast):
            return False
        if p.turnaround:
            one = dt.timedelta(days=1)
            if not strip.night and d and any(s.night for s in self.days[d - 1]) and date - self.dates[d - 1] == one:
                return False
            if strip.night and d + 1 < len(self.days) and any(not s.night for s in self.days[d + 1]) \
                    and self.dates[d + 1] - date == one:
                return False
        limit = p.max_consecutive_nights
        if strip.night and limit:
            run = 1
            e = d - 1
            while e >= 0 and any(s.night for s in self.days[e]):
                run, e = run + 1, e - 1
            e = d + 1
            while e < len(self.days) and any(s.night for s in self.days[e]):
                run, e = run + 1, e + 1
            if run > limit and not any(s.night for s in self.days[d]):
                return False
        for before, after in p.precedences:
            if strip.id == after and before in self.placed and self.placed[before] + self.problem.strip_by_id[before].length_days > d:
                return False
            if strip.id == before and after in self.placed and d + strip.length_days > self.placed[after]:
                return False
        return True

    def _move_minutes(self, strip: Strip, d: int) -> int:
        """The time a move to the strip's location takes out of day d: none when the day is empty
        or already shoots there (the day's locations are shot one after the other)."""
        if self.days[d] and all(s.location != strip.location for s in self.days[d]):
            return self.problem.move_minutes
        return 0

    def place(self, strip: Strip, d: int) -> None:
        self.placed[strip.id] = d
        for e in range(d, d + strip.length_days):
            self.minutes[e] += self._move_minutes(strip, e)
            self.days[e].append(strip)
            self.minutes[e] += round(strip.hours * 60)
            self.eighths[e] += strip.eighths


def greedy_days(problem: ScheduleProblem, horizon: int, order: list[Strip] | None = None) -> list[list[Strip]]:
    """Strips per day index; a strip that fits nowhere is left out (CP-SAT places it). With an
    `order`, the strips are placed in that order rather than grouped here."""
    board = _Board(problem, horizon)
    locked = [problem.strip_by_id[sid] for sid in problem.locks]
    for strip in locked:
        d = problem.locks[strip.id] - 1
        if d + strip.length_days <= horizon:
            board.place(strip, d)
    rest = [st for st in problem.strips if st.id not in problem.locks]
    index = {st.id: i for i, st in enumerate(problem.strips)}
    # Strips whose cast or location has dates go first, while their days are still open.
    def restricted(st: Strip) -> bool:
        return problem.location_by_name[st.location].restricted or any(
            problem.cast_by_name[n].restricted for n in st.cast)

    if order is not None:
        rest = [st for st in order if st.id not in problem.locks]
    else:
        rest.sort(key=lambda st: (not restricted(st), st.night, st.location, tuple(sorted(st.cast)), index[st.id]))
    cursor = 0
    for strip in rest:
        k = strip.length_days
        candidates = list(range(cursor, horizon - k + 1)) + list(range(0, min(cursor, horizon - k + 1)))
        for d in candidates:
            if all(board.fits(strip, e) for e in range(d, d + k)):
                board.place(strip, d)
                cursor = d
                break
    return board.days
