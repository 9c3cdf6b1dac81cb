"""Breakdown sheets as a PDF: one US Letter page per scene, laid out like a Movie Magic sheet.

The header block carries what an AD reads first (sheet and scene number,
INT/EXT, set, DAY/NIGHT, page count in eighths, story day, synopsis); below
it, one box per category, titled in the category's colour, listing its
elements. Pending elements (on a draft sheet only) are printed in italics
with a hollow bullet, and the footer says so.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from pipelines.breakdown.exports.sheets import BreakdownSheet, SheetBox, SheetEntry
from studio.errors import SlatebookError

PAGE_W, PAGE_H = LETTER
MARGIN = 36.0
COLUMNS = 3
GUTTER = 8.0
BOX_TITLE_H = 13.0
BOX_PAD = 3.0
MIN_SCALE = 0.7  # below ~6 pt a printed sheet is no longer readable; continue on a new page instead

# DejaVu (Debian's default) covers Cyrillic and Greek scripts; reportlab's own
# Vera is the fallback so a sheet always renders, if only in Latin letters.
_FONT_FILES = {
    "regular": ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "Vera.ttf"],
    "bold": ["/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", "VeraBd.ttf"],
    "italic": ["/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf", "VeraIt.ttf"],
}
_FONTS: dict[str, str] = {}


def _font(style: str) -> str:
    if style not in _FONTS:
        for candidate in _FONT_FILES[style]:
            name = f"Sheet-{style}"
            try:
                pdfmetrics.registerFont(TTFont(name, candidate))
            except Exception:  # reportlab raises TTFError or OSError for a missing or bad file
                continue
            _FONTS[style] = name
            break
        else:
            _FONTS[style] = {"regular": "Helvetica", "bold": "Helvetica-Bold", "italic": "Helvetica-Oblique"}[style]
    return _FONTS[style]


@dataclass
class _Placed:
    box: SheetBox
    lines: list[tuple[str, bool]]  # wrapped text, pending
    continued: bool = False

    def height(self, scale: float) -> float:
        return BOX_TITLE_H + BOX_PAD * 2 + max(1, len(self.lines)) * _leading(scale)


def _leading(scale: float) -> float:
    return 10.0 * scale


def _size(scale: float) -> float:
    return 8.0 * scale


def render_sheets(sheets: list[BreakdownSheet], *, production: str, draft: str = "") -> bytes:
    """The sheets as one PDF document; a sheet too long for its page continues on the next."""
    if not sheets:
        raise SlatebookError("There are no scenes to print breakdown sheets for.", "Import a screenplay first.")
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=LETTER, pageCompression=1)
    canvas.setTitle(f"{production} - breakdown sheets")
    canvas.setAuthor("Slatebook")
    canvas.setSubject("Breakdown sheets")
    pending = any(entry.pending for sheet in sheets for box in sheet.boxes for entry in box.entries)
    for sheet in sheets:
        _draw_sheet(canvas, sheet, production=production, draft=draft, pending=pending)
    canvas.save()
    return buffer.getvalue()


def write_sheets(path: Path, sheets: list[BreakdownSheet], *, production: str, draft: str = "") -> Path:
    path.write_bytes(render_sheets(sheets, production=production, draft=draft))
    return path


# --- one sheet


def _draw_sheet(canvas: Canvas, sheet: BreakdownSheet, *, production: str, draft: str, pending: bool) -> None:
    column_w = (PAGE_W - 2 * MARGIN - GUTTER * (COLUMNS - 1)) / COLUMNS
    top = _draw_header(canvas, sheet, production, draft)
    space = top - MARGIN - 18  # the footer's line
    scale = 1.0
    while True:
        placed = [_wrap(box, column_w, scale) for box in sheet.boxes]
        if _fits(placed, space, scale) or scale <= MIN_SCALE:
            break
        scale = round(scale - 0.05, 2)
    pages = _paginate(placed, space, scale)
    for i, page in enumerate(pages):
        if i:
            canvas.showPage()
            top = _draw_continuation_header(canvas, sheet, production)
        _draw_boxes(canvas, page, top, column_w, scale)
        _draw_footer(canvas, production, pending, page_note=f"sheet {sheet.number}, page {i + 1} of {len(pages)}" if len(pages) > 1 else "")
    canvas.showPage()


def _draw_header(canvas: Canvas, sheet: BreakdownSheet, production: str, draft: str) -> float:
    scene = sheet.scene
    y = PAGE_H - MARGIN
    canvas.setFillColor(HexColor("#000000"))
    canvas.setFont(_font("bold"), 16)
    canvas.drawString(MARGIN, y - 14, "BREAKDOWN SHEET")
    canvas.setFont(_font("bold"), 11)
    canvas.drawRightString(PAGE_W - MARGIN, y - 8, _fit(production, _font("bold"), 11, 300))
    canvas.setFont(_font("regular"), 8)
    canvas.drawRightString(PAGE_W - MARGIN, y - 19, " · ".join(p for p in (draft, f"printed {date.today():%d %b %Y}") if p))
    y -= 26

    # Row 1: the numbered cells; row 2: the set and the heading; row 3: the synopsis.
    cells = [
        ("SHEET", str(sheet.number)),
        ("SCENE", scene.number),
        ("INT/EXT", scene.int_ext.value or "-"),
        ("DAY/NIGHT", scene.day_night),
        ("PAGES", scene.length),
        ("STORY DAY", scene.story_day or "-"),
        ("SCRIPT PAGE", f"{scene.page_start:g}" if scene.page_start else "-"),
    ]
    width = PAGE_W - 2 * MARGIN
    row_h = 28.0
    canvas.setLineWidth(0.8)
    cell_w = width / len(cells)
    for i, (label, value) in enumerate(cells):
        x = MARGIN + i * cell_w
        canvas.rect(x, y - row_h, cell_w, row_h)
        canvas.setFont(_font("regular"), 6.5)
        canvas.drawString(x + 4, y - 9, label)
        canvas.setFont(_font("bold"), 12)
        canvas.drawString(x + 4, y - 23, _fit(value, _font("bold"), 12, cell_w - 8))
    y -= row_h

    canvas.rect(MARGIN, y - row_h, width, row_h)
    canvas.setFont(_font("regular"), 6.5)
    canvas.drawString(MARGIN + 4, y - 9, "SET")
    canvas.setFont(_font("bold"), 11)
    canvas.drawString(MARGIN + 4, y - 22, _fit(scene.location or scene.heading, _font("bold"), 11, width / 2 - 8))
    canvas.setFont(_font("regular"), 6.5)
    canvas.drawString(MARGIN + width / 2, y - 9, "SCENE HEADING")
    canvas.setFont(_font("regular"), 9)
    canvas.drawString(MARGIN + width / 2, y - 22, _fit(scene.heading, _font("regular"), 9, width / 2 - 6))
    canvas.line(MARGIN + width / 2 - 4, y, MARGIN + width / 2 - 4, y - row_h)
    y -= row_h

    synopsis = simpleSplit(scene.synopsis or "-", _font("regular"), 9, width - 8)[:3]
    syn_h = 14 + 11 * len(synopsis)
    canvas.rect(MARGIN, y - syn_h, width, syn_h)
    canvas.setFont(_font("regular"), 6.5)
    canvas.drawString(MARGIN + 4, y - 9, "SYNOPSIS")
    canvas.setFont(_font("regular"), 9)
    for i, line in enumerate(synopsis):
        canvas.drawString(MARGIN + 4, y - 20 - 11 * i, line)
    return y - syn_h - 10


def _draw_continuation_header(canvas: Canvas, sheet: BreakdownSheet, production: str) -> float:
    y = PAGE_H - MARGIN
    canvas.setFont(_font("bold"), 12)
    canvas.drawString(MARGIN, y - 12, f"BREAKDOWN SHEET {sheet.number} (continued) · SCENE {sheet.scene.number}")
    canvas.setFont(_font("regular"), 9)
    canvas.drawRightString(PAGE_W - MARGIN, y - 12, _fit(production, _font("regular"), 9, 200))
    return y - 26


def _draw_footer(canvas: Canvas, production: str, pending: bool, page_note: str) -> None:
    canvas.setFont(_font("regular"), 7)
    canvas.setFillColor(HexColor("#555555"))
    note = "Pending elements (italic, ○) are not yet approved." if pending else "Approved elements only."
    canvas.drawString(MARGIN, MARGIN - 12, f"{production} · {note}")
    canvas.drawRightString(PAGE_W - MARGIN, MARGIN - 12, " · ".join(p for p in (page_note, "Slatebook") if p))
    canvas.setFillColor(HexColor("#000000"))


# --- category boxes


def _wrap(box: SheetBox, column_w: float, scale: float) -> _Placed:
    lines: list[tuple[str, bool]] = []
    for entry in box.entries:
        lines.extend(_entry_lines(entry, column_w - 2 * BOX_PAD - 8, scale))
    return _Placed(box=box, lines=lines)


def _entry_lines(entry: SheetEntry, width: float, scale: float) -> list[tuple[str, bool]]:
    bullet = "○ " if entry.pending else "• "
    font = _font("italic" if entry.pending else "regular")
    wrapped = simpleSplit(entry.text, font, _size(scale), width) or [""]
    return [((bullet if i == 0 else "   ") + part, entry.pending) for i, part in enumerate(wrapped)]


def _fits(placed: list[_Placed], space: float, scale: float) -> bool:
    return len(_paginate(placed, space, scale)) == 1


def _paginate(placed: list[_Placed], space: float, scale: float) -> list[list[list[_Placed]]]:
    """Pages of columns of boxes; each box goes to the shortest column, in sheet order.

    A box longer than a whole column is cut into parts, the later ones titled
    "(cont.)", so no element is ever left off a sheet.
    """
    per_column = max(1, int((space - BOX_TITLE_H - 2 * BOX_PAD) // _leading(scale)))
    parts: list[_Placed] = []
    for p in placed:
        if len(p.lines) <= per_column:
            parts.append(p)
            continue
        for i in range(0, len(p.lines), per_column):
            parts.append(_Placed(box=p.box, lines=p.lines[i : i + per_column], continued=i > 0))
    pages: list[list[list[_Placed]]] = []
    columns: list[list[_Placed]] = [[] for _ in range(COLUMNS)]
    heights = [0.0] * COLUMNS
    for part in parts:
        h = part.height(scale) + GUTTER / 2
        order = sorted(range(COLUMNS), key=lambda c: (heights[c], c))
        target = next((c for c in order if heights[c] + h <= space), None)
        if target is None:
            pages.append(columns)
            columns, heights = [[] for _ in range(COLUMNS)], [0.0] * COLUMNS
            target = 0
        columns[target].append(part)
        heights[target] += h
    pages.append(columns)
    return pages


def _draw_boxes(canvas: Canvas, columns: list[list[_Placed]], top: float, column_w: float, scale: float) -> None:
    for c, column in enumerate(columns):
        x = MARGIN + c * (column_w + GUTTER)
        y = top
        for part in column:
            h = part.height(scale)
            category = part.box.category
            canvas.setLineWidth(0.8)
            canvas.setStrokeColor(HexColor("#333333"))
            canvas.setFillColor(HexColor(category.colour))
            canvas.rect(x, y - BOX_TITLE_H, column_w, BOX_TITLE_H, stroke=1, fill=1)
            canvas.setFillColor(HexColor(category.text_colour))
            canvas.setFont(_font("bold"), 7.5)
            title = category.name.upper() + (" (CONT.)" if part.continued else "")
            canvas.drawString(x + BOX_PAD + 1, y - BOX_TITLE_H + 4, _fit(title, _font("bold"), 7.5, column_w - 2 * BOX_PAD))
            canvas.setFillColor(HexColor("#FFFFFF"))
            canvas.rect(x, y - h, column_w, h - BOX_TITLE_H, stroke=1, fill=1)
            for i, (text, pending) in enumerate(part.lines):
                canvas.setFillColor(HexColor("#666666" if pending else "#000000"))
                canvas.setFont(_font("italic" if pending else "regular"), _size(scale))
                canvas.drawString(x + BOX_PAD + 2, y - BOX_TITLE_H - BOX_PAD - (i + 1) * _leading(scale) + 2.5, text)
            y -= h + GUTTER / 2
    canvas.setFillColor(HexColor("#000000"))


def _fit(text: str, font: str, size: float, width: float) -> str:
    """`text` cut with an ellipsis to fit `width`: header cells hold one line."""
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"
