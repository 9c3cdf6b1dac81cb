"""Each report as one table (headers, rows, a fill colour per row): what CSV and XLSX write."""

from __future__ import annotations

from pydantic import BaseModel, Field

from scheduling.reports.board import Board
from scheduling.reports.dood import day_out_of_days
from scheduling.reports.one_liner import one_liner
from studio.models import format_eighths
from scheduling.reports.stripboard import (
    DAY_BREAK_COLOUR,
    DAY_OFF_COLOUR,
    MOVE_COLOUR,
    DayBreak,
    DayOffBanner,
    MoveBanner,
    StripRow,
    stripboard,
)

REPORTS = ("stripboard", "one-liner", "dood")
Cell = str | int | float | None


class ReportTable(BaseModel):
    title: str
    headers: list[str]
    rows: list[list[Cell]] = Field(default_factory=list)
    fills: list[str | None] = Field(default_factory=list)  # one per row: the strip colour, or None


def report_table(board: Board, report: str, *, drop_after: int | None = None) -> ReportTable:
    if report == "stripboard":
        return stripboard_table(board)
    if report == "one-liner":
        return one_liner_table(board)
    if report == "dood":
        return dood_table(board, drop_after)
    raise ValueError(f"unknown report {report!r}; one of {', '.join(REPORTS)}")


def stripboard_table(board: Board) -> ReportTable:
    table = ReportTable(
        title=f"Stripboard — {board.name}",
        headers=["Day", "Date", "Row", "Scene", "Strip", "Heading", "Location", "Pages", "Eighths", "Hours", "Cast", "Locked", "Synopsis"],
    )
    dates = {d.number: d.date for d in board.days}
    for row in stripboard(board):
        when = row.day_off.date if isinstance(row, DayOffBanner) else dates[row.day]
        date = when.isoformat() if when else ""
        if isinstance(row, DayOffBanner):
            cells = ["", date, "day off", "", "", row.label, "", "", "", "", "", "", ""]
            fill = DAY_OFF_COLOUR
        elif isinstance(row, StripRow):
            s = row.strip
            cells: list[Cell] = [row.day, date, "strip", s.number, s.kind, s.heading, s.location, s.length,
                                 s.counted_eighths, round(s.hours, 2), " ".join(map(str, s.cast)), "yes" if s.locked else "", s.synopsis]
            fill = row.colour
        elif isinstance(row, MoveBanner):
            cells = [row.day, date, "company move", "", "", row.label, row.move.to_location, "", "", "", "", "", ""]
            fill = MOVE_COLOUR
        else:
            assert isinstance(row, DayBreak)
            cells = [row.day, date, "end of day", "", "", row.label, "", format_eighths(row.eighths), row.eighths, round(row.hours, 2), "", "", ""]
            fill = DAY_BREAK_COLOUR
        table.rows.append(cells)
        table.fills.append(fill)
    return table


def one_liner_table(board: Board) -> ReportTable:
    table = ReportTable(
        title=f"One-liner — {board.name}",
        headers=["Day", "Date", "Scene", "Strip", "Heading", "Pages", "Cast", "Synopsis"],
    )
    for day in one_liner(board):
        date = day.date.isoformat() if day.date else ""
        for line in day.lines:
            table.rows.append([day.day, date, line.scene, line.kind, line.heading, line.pages, line.cast, line.synopsis])
            table.fills.append(None)
        table.rows.append([day.day, date, "", "", day.total, day.pages, "", ""])
        table.fills.append(DAY_BREAK_COLOUR)
        for off in day.days_off:
            table.rows.append(["", off.date.isoformat(), "", "day off", off.label, "", "", ""])
            table.fills.append(DAY_OFF_COLOUR)
    return table


def dood_table(board: Board, drop_after: int | None = None) -> ReportTable:
    dood = day_out_of_days(board, drop_after)
    day_headers = [f"Day {n} {d:%d/%m}" if d else f"Day {n}" for n, d in zip(dood.days, dood.dates)]
    table = ReportTable(
        title=f"Day Out of Days — {board.name}",
        headers=["#", "Cast", *day_headers, "Work", "Hold", "Drop", "Total", "Start", "Finish"],
    )
    for r in dood.rows:
        table.rows.append([r.id_number, r.name, *r.codes, r.work, r.hold, r.drop, r.total, _when(r.start_day, r.start), _when(r.finish_day, r.finish)])
        table.fills.append(None)
    return table


def _when(day: int | None, date) -> str:
    if day is None:
        return ""
    return date.isoformat() if date else f"Day {day}"
