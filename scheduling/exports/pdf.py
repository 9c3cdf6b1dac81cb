"""Printable PDFs of the stripboard, the one-liner and the Day Out of Days (reportlab)."""

from __future__ import annotations

import datetime as dt
import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import landscape, letter
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import inch
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from scheduling.reports.board import Board
from scheduling.reports.dood import CODES, day_out_of_days
from scheduling.reports.one_liner import one_liner
from scheduling.reports.stripboard import (
    DAY_BREAK_COLOUR,
    DAY_OFF_COLOUR,
    MOVE_COLOUR,
    STRIP_COLOURS,
    DayBreak,
    DayOffBanner,
    StripRow,
    stripboard,
)

# DOOD columns per printed band: more days than this continue in a band below.
DOOD_DAYS_PER_BAND = 20
_STYLES = getSampleStyleSheet()
_CELL = ParagraphStyle("cell", parent=_STYLES["BodyText"], fontSize=7.5, leading=9, alignment=TA_LEFT)
_BANNER = ParagraphStyle("banner", parent=_CELL, fontName="Helvetica-Bold", textColor=colors.white)
_TITLE = _STYLES["Title"]
_SMALL = ParagraphStyle("small", parent=_STYLES["BodyText"], fontSize=8, textColor=colors.HexColor("#555555"))
_DAY_OFF = ParagraphStyle("day_off", parent=_STYLES["BodyText"], fontName="Helvetica-Oblique", spaceBefore=6,
                          textColor=colors.HexColor(DAY_OFF_COLOUR))
_DAY = ParagraphStyle("day", parent=_STYLES["Heading3"], spaceBefore=8, spaceAfter=2)


def stripboard_pdf(board: Board, project: str) -> bytes:
    widths = [0.45, 0.55, 0.85, 3.3, 0.65, 0.5, 0.9, 2.8]
    data: list[list] = [["Day", "Sc.", "Strip", "Set / heading", "Pages", "Hrs", "Cast", "Synopsis"]]
    style = _grid_style()
    for row in stripboard(board):
        r = len(data)
        if isinstance(row, StripRow):
            s = row.strip
            lock = " [locked]" if s.locked else ""
            data.append([
                str(row.day), s.number, s.kind, _para(s.heading + lock), s.length,
                f"{s.hours:.1f}", _para(" ".join(map(str, s.cast))), _para(s.synopsis),
            ])
            style.append(("BACKGROUND", (0, r), (-1, r), colors.HexColor(row.colour)))
        else:
            data.append([_para(row.label, _BANNER)] + [""] * 7)
            fill = DAY_BREAK_COLOUR if isinstance(row, DayBreak) else DAY_OFF_COLOUR if isinstance(row, DayOffBanner) else MOVE_COLOUR
            style += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), colors.HexColor(fill))]
    story = _heading("Stripboard", board, project) + [
        Table(data, colWidths=[w * inch for w in widths], repeatRows=1, style=TableStyle(style))
    ]
    if board.unscheduled:
        story += [Spacer(1, 8), Paragraph(_text(f"Not scheduled: scenes {', '.join(s.number for s in board.unscheduled)}"), _SMALL)]
    return _build(story, landscape(letter), f"Stripboard — {board.name}")


def one_liner_pdf(board: Board, project: str) -> bytes:
    widths = [0.5, 3.0, 0.8, 0.8, 2.2]
    story = _heading("One-liner", board, project)
    for day in one_liner(board):
        data: list[list] = [["Sc.", "Set / heading", "Pages", "Cast", "Synopsis"]]
        data += [[line.scene, _para(line.heading), line.pages, _para(line.cast), _para(line.synopsis)] for line in day.lines]
        data.append([_para(day.total, _BANNER)] + [""] * 4)
        style = _grid_style() + [
            *(("BACKGROUND", (0, y), (0, y), colors.HexColor(STRIP_COLOURS[line.kind])) for y, line in enumerate(day.lines, start=1)),
            ("SPAN", (0, -1), (-1, -1)),
            ("BACKGROUND", (0, -1), (-1, -1), colors.HexColor(DAY_BREAK_COLOUR)),
        ]
        table = Table(data, colWidths=[w * inch for w in widths], style=TableStyle(style))
        story.append(KeepTogether([Paragraph(_text(day.title), _DAY), table]))
        story += [Paragraph(_text(off.label), _DAY_OFF) for off in day.days_off]
    return _build(story, letter, f"One-liner — {board.name}")


def dood_pdf(board: Board, project: str, drop_after: int | None = None) -> bytes:
    dood = day_out_of_days(board, drop_after)
    story = _heading("Day Out of Days", board, project)
    legend = " · ".join(f"{code} {meaning.lower()}" for code, meaning in CODES.items())
    story.append(Paragraph(_text(legend), _SMALL))
    n = len(dood.days)
    for start in range(0, max(n, 1), DOOD_DAYS_PER_BAND):
        band = range(start, min(n, start + DOOD_DAYS_PER_BAND))
        last_band = band.stop >= n
        header = ["#", "Cast"] + [_day_head(dood.days[i], dood.dates[i]) for i in band]
        if last_band:
            header += ["Work", "Hold", "Drop", "Total", "Start", "Finish"]
        data: list[list] = [header]
        style = _grid_style() + [("ALIGN", (2, 0), (-1, -1), "CENTER")]
        for r in dood.rows:
            row = [str(r.id_number), _para(r.name)] + [r.codes[i] for i in band]
            if last_band:
                row += [str(r.work), str(r.hold), str(r.drop), str(r.total), _when(r.start_day, r.start), _when(r.finish_day, r.finish)]
            data.append(row)
            for j, i in enumerate(band):
                if r.codes[i] in ("H", "D"):
                    y = len(data) - 1
                    style.append(("BACKGROUND", (2 + j, y), (2 + j, y), colors.HexColor("#f3e3c3" if r.codes[i] == "H" else "#e6e6e6")))
        widths = [0.3, 1.4] + [0.38] * len(band) + ([0.42] * 4 + [0.7, 0.7] if last_band else [])
        story += [Spacer(1, 8), Table(data, colWidths=[w * inch for w in widths], repeatRows=1, style=TableStyle(style))]
    return _build(story, landscape(letter), f"Day Out of Days — {board.name}")


PDF_REPORTS = {"stripboard": stripboard_pdf, "one-liner": one_liner_pdf, "dood": dood_pdf}


def report_pdf(board: Board, project: str, report: str, drop_after: int | None = None) -> bytes:
    """The PDF of one report by its name ("stripboard", "one-liner", "dood")."""
    if report not in PDF_REPORTS:
        raise ValueError(f"unknown report {report!r}; one of {', '.join(PDF_REPORTS)}")
    if report == "dood":
        return dood_pdf(board, project, drop_after)
    return PDF_REPORTS[report](board, project)


def _heading(report: str, board: Board, project: str) -> list:
    days = len(board.days)
    summary = f"{project} · {board.name} · {days} shoot day{'s' if days != 1 else ''} · printed {dt.date.today():%d %b %Y}"
    return [Paragraph(_text(report), _TITLE), Paragraph(_text(summary), _SMALL), Spacer(1, 6)]


def _grid_style() -> list:
    return [
        ("FONT", (0, 0), (-1, -1), "Helvetica", 7.5),
        ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 7.5),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#d9d9d9")),
        ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#888888")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]


def _day_head(number: int, date: dt.date | None) -> str:
    return f"{number}\n{date:%d/%m}" if date else str(number)


def _when(day: int | None, date: dt.date | None) -> str:
    if day is None:
        return ""
    return f"{date:%d %b}" if date else f"Day {day}"


def _text(value: str) -> str:
    # Script text is data: escape it so a "<" in a heading is printed, not parsed as markup.
    # The standard PDF fonts have no arrow, so moves read "A to B".
    return escape(value.replace("→", "to"))


def _para(value: str, style: ParagraphStyle = _CELL) -> Paragraph:
    return Paragraph(_text(value), style)


def _build(story: list, pagesize, title: str) -> bytes:
    buffer = io.BytesIO()

    def footer(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 7)
        canvas.drawRightString(pagesize[0] - 0.5 * inch, 0.35 * inch, f"Page {doc.page}")
        canvas.restoreState()

    doc = SimpleDocTemplate(
        buffer, pagesize=pagesize, title=title, author="Slatebook",
        leftMargin=0.5 * inch, rightMargin=0.5 * inch, topMargin=0.5 * inch, bottomMargin=0.55 * inch,
    )
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
