"""The stripboard: strips in their colours, a day break after each shoot day, banners for company
moves and for holidays.

The rows come out in board order, ready for any renderer (HTML on the page,
the PDF export): a strip, then a move banner where the company changes
location, a day break closing each day with its date, pages and hours, and a
day-off banner where a holiday falls before the next shoot day.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel

from scheduling.reports.board import Board, BoardStrip, CompanyMove, DayOff
from studio.models import format_eighths
from studio.models.script import STRIP_COLOURS

# Strip colours as Movie Magic Scheduling prints them, tinted so black text stays readable.
DAY_BREAK_COLOUR = "#222222"
MOVE_COLOUR = "#e0661f"
DAY_OFF_COLOUR = "#5b6b7a"


class StripRow(BaseModel):
    kind: Literal["strip"] = "strip"
    day: int
    strip: BoardStrip

    @property
    def colour(self) -> str:
        return STRIP_COLOURS[self.strip.kind]


class MoveBanner(BaseModel):
    kind: Literal["move"] = "move"
    day: int
    move: CompanyMove

    @property
    def label(self) -> str:
        return self.move.label


class DayBreak(BaseModel):
    kind: Literal["day_break"] = "day_break"
    day: int
    date: dt.date | None = None
    eighths: int = 0
    hours: float = 0.0
    strips: int = 1

    @property
    def label(self) -> str:
        when = f" — {self.date:%a %d %b %Y}" if self.date else ""
        if not self.strips:
            # A day with nothing to shoot: a turnaround rest, or a gap left by a move.
            return f"Day {self.day}{when} — no scenes"
        return f"End of Day {self.day}{when} — {format_eighths(self.eighths)} pgs — {format_hours(self.hours)}"


class DayOffBanner(BaseModel):
    kind: Literal["day_off"] = "day_off"
    day: int  # the shoot day it follows (0: before the first)
    day_off: DayOff

    @property
    def label(self) -> str:
        return self.day_off.label


Row = StripRow | MoveBanner | DayBreak | DayOffBanner


def stripboard(board: Board) -> list[Row]:
    moves = {m.position: m for m in board.moves()}
    rows: list[Row] = [DayOffBanner(day=0, day_off=d) for d in board.days_off_after(0)]
    position = 0
    for day in board.days:
        for strip in day.strips:
            if position in moves:
                rows.append(MoveBanner(day=day.number, move=moves[position]))
            rows.append(StripRow(day=day.number, strip=strip))
            position += 1
        rows.append(DayBreak(day=day.number, date=day.date, eighths=day.eighths, hours=day.hours, strips=len(day.strips)))
        rows += [DayOffBanner(day=day.number, day_off=d) for d in board.days_off_after(day.number)]
    return rows


def format_hours(hours: float) -> str:
    """9.5 -> "9.5 hrs", as a day break prints the day's estimated shooting time."""
    return f"{hours:.1f} hrs"
