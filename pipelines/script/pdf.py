"""Text-PDF reader: printed lines back into screenplay paragraphs.

A screenplay PDF keeps its structure in indentation. Every line is measured
against the page's action margin (US standard: action and headings at 1.5",
dialogue 2.5", parentheticals ~3.1", cues ~3.7", transitions flush right), but
the dialogue and cue columns are found from the document itself, because
writing apps and A4 layouts shift them by a few tenths of an inch.

Page furniture (page numbers, headers, footers, CONTINUED, (MORE)) is
dropped, and a speech broken across pages, which reprints its cue with
(CONT'D), is joined back into one speech.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from pipelines.script.blocks import Block, ParsedScreenplay
from pipelines.script.cues import normalise_cue
from pipelines.script.headings import heading_prefix
from pipelines.script.pdftext import Line, Page, read_pages
from studio.errors import ImportProblem
from studio.models import LineKind

INCH = 72.0

_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d+[A-Z]?\.?(?:\s+of\s+\d+)?$", re.IGNORECASE)
_CONTINUED = re.compile(r"^\(?(?:CONTINUED|CONT'D|CONT’D)\)?:?(?:\s*\(\d+\))?$", re.IGNORECASE)
_MORE = re.compile(r"^\(\s*MORE\s*\)$", re.IGNORECASE)
_SCENE_NUMBER = re.compile(r"^[A-Z]?\d+[A-Z]{0,2}\.?$")
_TRANSITION = re.compile(r"(?:TO:|TO BLACK\.?|OUT\.|IN:)$|^(?:FADE|CUT|DISSOLVE|SMASH|MATCH|WIPE|IRIS|JUMP)\b")
_CONTD = re.compile(r"\bCONT(?:'|’)?D\b|\bCONTINUING\b", re.IGNORECASE)


@dataclass
class _Geometry:
    """Where this document puts its columns, in points from the page's left edge."""

    margin: float  # action and headings
    dialogue: float
    cue: float
    line_height: float

    @property
    def right(self) -> float:
        # Past every cue column (cues sit at most ~2.5" in) lies the
        # transition column; long wrapped cues still start at the cue column.
        return self.margin + 3.3 * INCH


def parse_pdf(data: bytes) -> ParsedScreenplay:
    pages = read_pages(data)
    if not any(page.lines for page in pages):
        raise ImportProblem(
            "This PDF has no text layer (it looks scanned), so there is no text to read.",
            "Export a text PDF from your screenwriting app, or run OCR on this one first "
            "(or import the Fountain or Final Draft file instead).",
        )
    warnings = []
    blank = sum(1 for page in pages if not page.lines)
    if blank > max(1, len(pages) // 10):
        warnings.append(f"{blank} of {len(pages)} PDF pages have no text layer; their contents could not be read.")
    geometry = _measure(pages)
    pages = [_without_furniture(page, geometry) for page in pages]
    title_page: dict[str, str] = {}
    if len(pages) > 1 and _is_title_page(pages[0], geometry):
        title_page = _title_fields(pages[0], geometry.margin)
        pages = pages[1:]
    blocks = _Reader(geometry, _heading_font(pages, geometry)).read(pages)
    return ParsedScreenplay(format="pdf", blocks=blocks, title_page=title_page, page_count=len(pages), warnings=warnings)


# --- measuring the layout -------------------------------------------------


def _measure(pages: list[Page]) -> _Geometry:
    lines = [line for page in pages for line in page.lines]
    starts = Counter(round(line.x0) for line in lines)
    # The action margin is the leftmost column that holds a real share of the
    # lines; scene numbers and stray marks sit further left but are rare.
    common = [x for x, n in starts.items() if n >= 0.1 * len(lines)] or [min(starts)]
    margin = float(min(common))
    dialogue = _mode((round(l.x0) for l in lines if 0.4 * INCH <= l.x0 - margin <= 1.6 * INCH), margin + INCH)
    cue = _mode(
        (
            round(line.x0)
            for page in pages
            for line, after in zip(page.lines, page.lines[1:])
            if dialogue + 0.4 * INCH <= line.x0 <= margin + 3.2 * INCH
            and (abs(after.x0 - dialogue) < 0.15 * INCH or after.text.startswith("("))
            and after.top - line.bottom < line.size
        ),
        margin + 2.2 * INCH,
    )
    # Line spacing is the usual step between lines that follow one another
    # directly (a step of two lines is a blank line, not the spacing).
    size = _mode((round(l.size, 1) for l in lines), 12.0)
    line_height = _mode(
        (
            round(b.top - a.top, 1)
            for page in pages
            for a, b in zip(page.lines, page.lines[1:])
            if 0.8 * size <= b.top - a.top <= 1.6 * size
        ),
        size,
    )
    return _Geometry(margin=margin, dialogue=dialogue, cue=cue, line_height=line_height)


def _mode(values, default: float) -> float:
    counts = Counter(values)
    return float(counts.most_common(1)[0][0]) if counts else default


def _heading_font(pages: list[Page], geometry: _Geometry) -> str | None:
    """The font headings are set in, when it differs from the action font.

    Some apps print headings in bold; then an all-caps line in the regular
    font ("A RIVER.") is action, not a heading without INT./EXT.
    """
    action = Counter(l.font for p in pages for l in p.lines if abs(l.x0 - geometry.margin) < 1)
    headings = Counter(
        l.font for p in pages for l in p.lines if abs(l.x0 - geometry.margin) < 1 and heading_prefix(l.text)
    )
    if not action or not headings:
        return None
    font, n = headings.most_common(1)[0]
    if font != action.most_common(1)[0][0] and n >= 0.8 * sum(headings.values()):
        return font
    return None


# --- page furniture and the title page ------------------------------------


def _without_furniture(page: Page, geometry: _Geometry) -> Page:
    kept: list[Line] = []
    for k, line in enumerate(page.lines):
        text = line.text
        above = page.lines[k - 1] if k else None
        below = page.lines[k + 1] if k + 1 < len(page.lines) else None
        # Headers and footers live in the top and bottom margins, set apart
        # from the body by at least a blank line.
        in_header = line.top < 0.08 * page.height and (below is None or below.top - line.bottom > geometry.line_height)
        in_footer = line.bottom > 0.93 * page.height and (above is None or line.top - above.bottom > geometry.line_height)
        if in_header or in_footer or _CONTINUED.match(text):
            continue
        if _PAGE_NUMBER.match(text) and (k == 0 or below is None) and line.x0 > geometry.margin + 3 * INCH:
            continue
        _take_scene_number(line, geometry)
        kept.append(line)
    return Page(width=page.width, height=page.height, lines=kept)


def _take_scene_number(line: Line, geometry: _Geometry) -> None:
    """Scene numbers print in the margins on either side of a heading."""
    first = line.segments[0]
    if len(line.segments) < 2 or len(first) != 1 or first[0].x1 > geometry.margin - 0.05 * INCH:
        return
    number = first[0].text
    if not _SCENE_NUMBER.match(number):
        return
    last = line.segments[-1]
    if len(line.segments) > 2 and len(last) == 1 and last[0].text.rstrip(".") == number.rstrip("."):
        line.segments = line.segments[1:-1]
    else:
        line.segments = line.segments[1:]
    line.words = [word for segment in line.segments for word in segment]
    line.number = number.rstrip(".")


def _is_title_page(page: Page, geometry: _Geometry) -> bool:
    """A first page with centred lines and no screenplay structure."""
    if not page.lines:
        return True
    if any(heading_prefix(l.text) for l in page.lines):
        return False
    speech = any(
        abs(a.x0 - geometry.cue) < 0.2 * INCH and abs(b.x0 - geometry.dialogue) < 0.2 * INCH
        for a, b in zip(page.lines, page.lines[1:])
    )
    return not speech and any(_centred(l, page.width, geometry.margin) for l in page.lines)


def _title_fields(page: Page, margin: float) -> dict[str, str]:
    centred = [l.text for l in page.lines if _centred(l, page.width, margin)]
    if not centred:
        return {}
    fields = {"Title": centred[0]}
    for k, text in enumerate(centred[1:-1], start=1):
        if text.lower() in {"by", "written by", "screenplay by", "teleplay by"}:
            fields["Credit"] = text
            fields["Author"] = centred[k + 1]
            break
    return fields


def _centred(line: Line, page_width: float, margin: float) -> bool:
    # Apps centre on the page or on the 6" text column; both count.
    middle = (line.x0 + line.x1) / 2
    return min(abs(middle - page_width / 2), abs(middle - (margin + 3 * INCH))) <= 1.5 * line.size


# --- reading paragraphs ---------------------------------------------------


def _caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and not any(c.islower() for c in letters)


def _join(lines: list[Line]) -> str:
    text = ""
    for line in lines:
        part = line.text
        # A word broken at its hyphen ("well-" / "known") rejoins without a space.
        glue = "" if not text or (text.endswith("-") and not text.endswith("--") and text[-2:-1].isalpha()) else " "
        text = f"{text}{glue}{part}"
    return text


class _Reader:
    def __init__(self, geometry: _Geometry, heading_font: str | None) -> None:
        self.g = geometry
        self.heading_font = heading_font
        self.blocks: list[Block] = []
        self.speaker: str | None = None  # the speech a page break may be cutting
        self.page = 0
        self.width = self.height = 1.0

    def read(self, pages: list[Page]) -> list[Block]:
        for number, page in enumerate(pages, start=1):
            self.page, self.width, self.height = number, page.width, page.height
            runs = self._runs(page)
            for k, run in enumerate(runs):
                self._run(run, first_on_page=k == 0, last_on_page=k == len(runs) - 1)
        return self.blocks

    def _runs(self, page: Page) -> list[list[Line]]:
        """Lines split at blank lines: each run is one paragraph or one speech."""
        runs: list[list[Line]] = []
        for line in page.lines:
            if runs and line.top - runs[-1][-1].top <= 1.5 * self.g.line_height:
                runs[-1].append(line)
            else:
                runs.append([line])
        return runs

    def _emit(self, kind: LineKind, lines: list[Line], *, dual: bool = False, number: str | None = None) -> None:
        text = _join(lines)
        if text:
            self.blocks.append(Block(kind, text, number, dual, self.page, round(lines[0].top / self.height, 4)))

    # what a run is

    def _run(self, run: list[Line], *, first_on_page: bool, last_on_page: bool) -> None:
        if len(run) > 1 and self._is_dual_cue(run[0]):
            self._dual(run)
        elif self._cue_length(run) and self._in_speech_column(run[self._cue_length(run)]):
            self._speech(run, first_on_page=first_on_page)
        elif last_on_page and self._cue_length(run + run[-1:]) == len(run) and _caps(_join(run)):
            # Some apps leave a cue alone at the foot of a page and start its
            # dialogue on the next one, without (MORE) or (CONT'D).
            self._speech(run, first_on_page=first_on_page)
        elif first_on_page and self._continues_speech() and self._in_speech_column(run[0]):
            self._speech_body(run, continuing=True)
        else:
            self.speaker = None
            self._paragraphs(run)

    def _cue_length(self, run: list[Line]) -> int:
        """How many lines of the run form a cue (a very long name wraps), or 0."""
        n = 0
        while n < len(run) - 1 and abs(run[n].x0 - self.g.cue) < 0.35 * INCH and not _MORE.match(run[n].text):
            if n and not _caps(run[n].text):
                break
            n += 1
        return n

    def _in_speech_column(self, line: Line) -> bool:
        return self.g.dialogue - 0.2 * INCH <= line.x0 < self.g.cue - 0.1 * INCH or _MORE.match(line.text) is not None

    def _is_dual_cue(self, line: Line) -> bool:
        return (
            len(line.segments) == 2
            and line.x0 > self.g.margin + 0.3 * INCH
            and all(_caps(" ".join(w.text for w in s)) for s in line.segments)
        )

    def _continues_speech(self) -> bool:
        return self.speaker is not None and bool(self.blocks) and self.blocks[-1].kind in {
            LineKind.CHARACTER,
            LineKind.DIALOGUE,
            LineKind.PARENTHETICAL,
        }

    # speeches

    def _speech(self, run: list[Line], *, first_on_page: bool) -> None:
        cue = run[: self._cue_length(run)]
        name = normalise_cue(_join(cue))
        # A page break inside a speech reprints the cue with (CONT'D) at the
        # top of the next page; that is still the same speech.
        continuing = (
            first_on_page and self._continues_speech() and name == self.speaker and bool(_CONTD.search(_join(cue)))
        )
        if not continuing:
            self._emit(LineKind.CHARACTER, cue)
        self.speaker = name
        self._speech_body(run[len(cue) :], continuing=continuing)

    def _speech_body(self, lines: list[Line], *, continuing: bool, dual: bool = False) -> None:
        kind: LineKind | None = None
        part: list[Line] = []
        for line in lines:
            if _MORE.match(line.text):
                continue
            if kind is LineKind.PARENTHETICAL and not _join(part).endswith(")"):
                part.append(line)  # a parenthetical wrapped onto a second line
                continue
            this = LineKind.PARENTHETICAL if line.text.startswith("(") else LineKind.DIALOGUE
            if this is kind and kind is LineKind.DIALOGUE:
                part.append(line)
                continue
            if part:
                self._flush_speech_part(kind, part, continuing, dual)
                continuing = False
            kind, part = this, [line]
        self._flush_speech_part(kind, part, continuing, dual)

    def _flush_speech_part(self, kind: LineKind | None, part: list[Line], continuing: bool, dual: bool) -> None:
        if kind is None:
            return
        last = self.blocks[-1] if self.blocks else None
        if continuing and kind is LineKind.DIALOGUE and last is not None and last.kind is LineKind.DIALOGUE:
            last.text = f"{last.text} {_join(part)}"
            return
        self._emit(kind, part, dual=dual)

    def _dual(self, run: list[Line]) -> None:
        """Two speeches side by side: split every line at the column gap."""
        left_cue, right_cue = run[0].segments
        boundary = (left_cue[-1].x1 + right_cue[0].x0) / 2
        columns: tuple[list[Line], list[Line]] = ([], [])
        for line in run:
            for segment in line.segments:
                side = 0 if (segment[0].x0 + segment[-1].x1) / 2 < boundary else 1
                columns[side].append(Line(line.page, line.top, line.bottom, line.size, line.font, list(segment), [segment]))
        for column in columns:
            if column:
                self._emit(LineKind.CHARACTER, column[:1], dual=True)
                self._speech_body(column[1:], continuing=False, dual=True)
        self.speaker = normalise_cue(columns[1][0].text) if columns[1] else None

    # everything that is not a speech

    def _paragraphs(self, run: list[Line]) -> None:
        groups: list[tuple[str, list[Line]]] = []
        for line in run:
            column = self._column(line)
            if groups and groups[-1][0] == column and column != "centred":
                groups[-1][1].append(line)
            else:
                groups.append((column, [line]))
        for column, lines in groups:
            if column == "centred":
                self._emit(LineKind.CENTERED, lines)
            elif column == "right":
                self._emit(LineKind.TRANSITION if _caps(_join(lines)) else LineKind.ACTION, lines)
            elif column == "action":
                self._action_column(lines, alone=len(groups) == 1)
            else:
                self._emit(LineKind.ACTION, lines)

    def _column(self, line: Line) -> str:
        if line.x0 < self.g.margin + 0.4 * INCH:
            return "action"
        if _centred(line, self.width, self.g.margin):
            return "centred"
        if line.x0 >= self.g.right:
            return "right"
        return "indented"

    def _action_column(self, lines: list[Line], *, alone: bool) -> None:
        number = lines[0].number
        if heading_prefix(lines[0].text) or number:
            # A long heading wraps; its lines are capitals, and action after
            # it without a blank line (rare) is not part of it.
            end = 1
            while end < len(lines) and _caps(lines[end].text):
                end += 1
            self._emit(LineKind.HEADING, lines[:end], number=number)
            if lines[end:]:
                self._emit(LineKind.ACTION, lines[end:])
        elif alone and self._forced_heading(lines):
            self._emit(LineKind.HEADING, lines)
        elif _caps(_join(lines)) and _join(lines).endswith("TO:"):
            self._emit(LineKind.TRANSITION, lines)
        else:
            self._emit(LineKind.ACTION, lines)

    def _forced_heading(self, lines: list[Line]) -> bool:
        """A short all-capitals paragraph on its own at the action margin.

        Writers use these as headings without INT./EXT. ("BACK IN THE
        APARTMENT"); when the document sets headings in their own font, the
        line must be in it too, or "A RIVER." would become a scene.
        """
        text = _join(lines)
        if len(lines) > 2 or not _caps(text) or _TRANSITION.search(text) or text.endswith(":"):
            return False
        return self.heading_font is None or lines[0].font == self.heading_font
