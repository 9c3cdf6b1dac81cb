"""The one-liner: the schedule as a short list, one line per scene, grouped by shoot day."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from scheduling.reports.board import Board, DayOff
from scheduling.reports.stripboard import format_hours
from studio.models import format_eighths


class OneLine(BaseModel):
    scene: str
    heading: str
    day_night: str
    pages: str
    cast: str
    synopsis: str = ""
    kind: str = "INT-DAY"

    @property
    def text(self) -> str:
        cast = f" · cast {self.cast}" if self.cast else ""
        synopsis = f" — {self.synopsis}" if self.synopsis else ""
        return f"Sc. {self.scene}  {self.heading}  {self.pages} pgs{cast}{synopsis}"


class OneLinerDay(BaseModel):
    day: int
    date: dt.date | None = None
    lines: list[OneLine] = Field(default_factory=list)
    pages: str = "0"
    hours: str = ""
    moves: int = 0
    days_off: list[DayOff] = Field(default_factory=list)  # the holidays before the next shoot day

    @property
    def title(self) -> str:
        when = f" — {self.date:%a %d %b %Y}" if self.date else ""
        return f"Shoot Day {self.day}{when}"

    @property
    def total(self) -> str:
        moves = f" · {self.moves} company move{'s' if self.moves != 1 else ''}" if self.moves else ""
        return f"End of Day {self.day}: {self.pages} pgs · {self.hours}{moves}"


def one_liner(board: Board) -> list[OneLinerDay]:
    moves_on = {}
    for move in board.moves():
        moves_on[move.day] = moves_on.get(move.day, 0) + 1
    days = []
    for day in board.days:
        lines = [
            OneLine(
                scene=s.number,
                heading=s.heading,
                day_night=s.day_night,
                pages=s.length,
                cast=", ".join(str(n) for n in s.cast),
                synopsis=s.synopsis,
                kind=s.kind,
            )
            for s in day.strips
        ]
        days.append(
            OneLinerDay(
                day=day.number,
                date=day.date,
                lines=lines,
                pages=format_eighths(day.eighths),
                hours=format_hours(day.hours),
                moves=moves_on.get(day.number, 0),
                days_off=board.days_off_after(day.number),
            )
        )
    return days
