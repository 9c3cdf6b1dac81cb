"""Day Out of Days: for each cast member, what they do on each shoot day.

Codes, as Movie Magic Scheduling prints them:
  SW   start work: the first day worked
  W    work
  WF   work finish: the last day worked
  SWF  start, work and finish on one day
  H    hold: paid to stay available on a day between work days
  D    drop: the first day off after being let go between two stretches of work
  PW   pick up and work: the first day back after a drop
A drop happens when the gap between two work days is at least `drop_after`
shoot days (the production's drop/pick-up rule); a shorter gap is held.
The days after D until the pick-up are blank: the actor is off the payroll.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from scheduling.reports.board import Board

CODES = {
    "SW": "Start work",
    "W": "Work",
    "WF": "Work finish",
    "SWF": "Start, work, finish",
    "H": "Hold",
    "D": "Drop",
    "PW": "Pick up, work",
}


class DoodRow(BaseModel):
    id_number: int
    name: str
    codes: list[str] = Field(default_factory=list)  # one per shoot day, "" when off the schedule
    work: int = 0
    hold: int = 0
    drop: int = 0  # days off the payroll between a drop and its pick-up
    start_day: int | None = None
    finish_day: int | None = None
    start: dt.date | None = None
    finish: dt.date | None = None

    @property
    def total(self) -> int:
        """Days paid: work plus hold."""
        return self.work + self.hold


class DayOutOfDays(BaseModel):
    days: list[int] = Field(default_factory=list)
    dates: list[dt.date | None] = Field(default_factory=list)
    rows: list[DoodRow] = Field(default_factory=list)
    drop_after: int | None = None

    @property
    def hold_days(self) -> int:
        return sum(r.hold for r in self.rows)


def day_out_of_days(board: Board, drop_after: int | None = None) -> DayOutOfDays:
    """The DOOD of `board`. `drop_after`: a gap of at least this many shoot days is a drop (None: always hold)."""
    if drop_after is not None and drop_after < 1:
        raise ValueError("drop_after counts days and must be at least 1")
    rows = []
    for member in board.cast:
        worked = [i for i, day in enumerate(board.days) if member.id_number in day.cast]
        row = DoodRow(id_number=member.id_number, name=member.name, codes=_codes(len(board.days), worked, drop_after))
        if worked:
            first, last = board.days[worked[0]], board.days[worked[-1]]
            row.start_day, row.finish_day, row.start, row.finish = first.number, last.number, first.date, last.date
        row.work = len(worked)
        row.hold = row.codes.count("H")
        row.drop = sum(1 for i, code in enumerate(row.codes) if code in ("D", "") and worked and worked[0] < i < worked[-1])
        rows.append(row)
    return DayOutOfDays(
        days=[d.number for d in board.days], dates=[d.date for d in board.days], rows=rows, drop_after=drop_after
    )


def _codes(n_days: int, worked: list[int], drop_after: int | None) -> list[str]:
    codes = [""] * n_days
    if not worked:
        return codes
    if len(worked) == 1:
        codes[worked[0]] = "SWF"
        return codes
    for i in worked:
        codes[i] = "W"
    codes[worked[0]] = "SW"
    codes[worked[-1]] = "WF"
    for before, after in zip(worked, worked[1:]):
        gap = after - before - 1
        if gap == 0:
            continue
        if drop_after is not None and gap >= drop_after:
            codes[before + 1] = "D"
            codes[after] = "PW"  # the pick-up day is a work day, even when it is the last one
        else:
            for i in range(before + 1, after):
                codes[i] = "H"
    return codes
