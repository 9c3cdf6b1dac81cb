"""Printed lines of a text PDF, with their positions.

PDFium (through pypdfium2, which pdfplumber already depends on) reads Big
Fish's 115 pages about ten times faster than pdfminer: every character's box
comes from C, and the line and word grouping here is a sort and a scan.
"""

from __future__ import annotations

import bisect
import ctypes
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipelines.script.limits import check_pages
from studio.errors import ImportProblem

# A gap wider than this many character widths splits a line into segments:
# the two columns of dual dialogue, or a scene number apart from its heading.
_SEGMENT_GAP = 3.0
# Inside a segment, a gap of a quarter of the font size is a word space.
_WORD_GAP = 0.25
_BOLD_WEIGHT = 600


@dataclass
class Word:
    x0: float
    x1: float
    text: str


@dataclass
class Line:
    page: int  # 0-based physical page
    top: float  # points from the top edge of the page to the top of the text
    bottom: float
    size: float
    font: str  # font of the first character; headings are often set apart by it
    words: list[Word]
    segments: list[list[Word]] = field(default_factory=list)
    number: str | None = None  # a scene number printed beside a heading

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)


@dataclass
class Page:
    width: float
    height: float
    lines: list[Line]


def read_pages(data: bytes) -> list[Page]:
    pdf = _open(data)
    try:
        check_pages(len(pdf), "This PDF")
        return [_read_page(pdf[index], index) for index in range(len(pdf))]
    finally:
        pdf.close()


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if exc.err_code == pdfium_c.FPDF_ERR_PASSWORD or "password" in str(exc).lower():
            raise ImportProblem(
                "This PDF is protected by a password, so its text cannot be read.",
                "Open it in your PDF viewer or screenwriting app, remove the password "
                "(save or export an unprotected copy) and import that copy.",
            ) from exc
        raise ImportProblem(
            "This PDF is damaged and cannot be opened.",
            "Export the PDF again from your screenwriting app, or import the Fountain or Final Draft file instead.",
        ) from exc


@dataclass
class _Char:
    x0: float
    x1: float
    top: float
    bottom: float
    text: str
    size: float
    index: int


def _read_page(page: pdfium.PdfPage, index: int) -> Page:
    left, bottom, right, top = page.get_bbox()
    textpage = page.get_textpage()
    try:
        chars = _chars(textpage, top)
        lines = [_line(group, index, textpage) for group in _rows(chars)]
    finally:
        textpage.close()
        page.close()
    return Page(width=right - left, height=top - bottom, lines=lines)


def _chars(textpage: pdfium.PdfTextPage, page_top: float) -> list[_Char]:
    chars = []
    raw = textpage.raw
    for k in range(textpage.count_chars()):
        code = pdfium_c.FPDFText_GetUnicode(raw, k)
        # Spaces and line breaks are rebuilt from the geometry: PDFs differ in
        # whether they draw spaces, and PDFium invents some of its own.
        if code <= 32 or code == 0xA0 or pdfium_c.FPDFText_IsGenerated(raw, k) == 1:
            continue
        x0, y0, x1, y1 = textpage.get_charbox(k, loose=True)
        chars.append(
            _Char(x0, x1, page_top - y1, page_top - y0, chr(code), pdfium_c.FPDFText_GetFontSize(raw, k), k)
        )
    return chars


def _rows(chars: list[_Char]) -> list[list[_Char]]:
    """Characters grouped into printed lines, top to bottom, left to right.

    Sorted by position rather than taken in content order, because a PDF may
    draw the right column of dual dialogue after the whole left column.
    """
    rows: list[list[_Char]] = []
    for ch in sorted(chars, key=lambda c: (round(c.bottom, 1), c.x0)):
        if rows and abs(rows[-1][0].bottom - ch.bottom) <= 0.3 * max(ch.size, 1.0):
            rows[-1].append(ch)
        else:
            rows.append([ch])
    return [_without_underline(sorted(row, key=lambda c: c.x0)) for row in rows]


def _without_underline(row: list[_Char]) -> list[_Char]:
    """Drop underscores drawn over letters to underline them.

    Some apps underline by overprinting "_" on each letter (and on the spaces
    between the words), which would otherwise read as "_T_H_E__E_N_D".
    """
    if not any(c.text == "_" for c in row):
        return row
    letters = [c for c in row if c.text != "_"]
    starts = [c.x0 for c in letters]
    scores = [c for c in row if c.text == "_"]
    under = {
        id(c)
        for c in scores
        if (j := bisect.bisect_left(starts, c.x1) - 1) >= 0 and letters[j].x1 > c.x0 + 0.3 * (c.x1 - c.x0)
    }
    # An underscore touching an underline is part of it (the word spaces).
    for ordered in (scores, scores[::-1]):
        for a, b in zip(ordered, ordered[1:]):
            if id(a) in under and min(abs(b.x0 - a.x1), abs(a.x0 - b.x1)) < 0.5:
                under.add(id(b))
    return [c for c in row if id(c) not in under]


def _line(row: list[_Char], page: int, textpage: pdfium.PdfTextPage) -> Line:
    size = max(row[0].size, 1.0)
    advance = 0.6 * size  # Courier, which nearly every screenplay is set in
    words: list[Word] = []
    segments: list[list[Word]] = []
    previous: _Char | None = None
    for ch in row:
        gap = ch.x0 - previous.x1 if previous else None
        if gap is None or gap >= _SEGMENT_GAP * advance:
            words.append(Word(ch.x0, ch.x1, ch.text))
            segments.append([words[-1]])
        elif gap >= _WORD_GAP * size:
            words.append(Word(ch.x0, ch.x1, ch.text))
            segments[-1].append(words[-1])
        else:
            words[-1].text += ch.text
            words[-1].x1 = ch.x1
        previous = ch
    return Line(
        page=page,
        top=min(c.top for c in row),
        bottom=max(c.bottom for c in row),
        size=size,
        font=_font(textpage, row[0].index),
        words=words,
        segments=segments,
    )


def _font(textpage: pdfium.PdfTextPage, index: int) -> str:
    buffer = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    pdfium_c.FPDFText_GetFontInfo(textpage.raw, index, buffer, len(buffer), flags)
    name = buffer.value.decode("latin-1", errors="replace")
    bold = pdfium_c.FPDFText_GetFontWeight(textpage.raw, index) >= _BOLD_WEIGHT
    return f"{name}{'+bold' if bold else ''}"
