"""Schedule exports on the sample screenplay: PDF pages and text, CSV and XLSX columns and colours."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pypdfium2 as pdfium
import pytest
from openpyxl import load_workbook

from pipelines.breakdown.cast import build_cast
from scheduling.exports.pdf import DOOD_DAYS_PER_BAND, dood_pdf, one_liner_pdf, stripboard_pdf
from scheduling.exports.spreadsheet import to_csv, to_xlsx
from scheduling.exports.tables import REPORTS, report_table
from scheduling.reports.board import build_board, strips_from_scenes
from scheduling.reports.stripboard import STRIP_COLOURS
from studio.models import Scene, Schedule, ShootDay
from studio.samples import SAMPLE_SCREENPLAY
from pipelines.script.service import import_script
from studio.store.memory_repo import InMemoryProjectRepository
from studio.models import Project

START = dt.date(2025, 10, 6)


@pytest.fixture(scope="module")
def scenes() -> list[Scene]:
    repo = InMemoryProjectRepository(Project(name="Night Ferry"))
    import_script(repo, SAMPLE_SCREENPLAY.read_bytes(), SAMPLE_SCREENPLAY.name)
    return repo.get_script().active_scenes


def _board(scenes, per_day=4, repeat=1):
    """Script order, `per_day` scenes a day; `repeat` > 1 gives each scene that many days."""
    cast = build_cast(scenes)
    ids = [s.id for s in scenes for _ in range(repeat)]
    chunks = [ids[i : i + per_day] for i in range(0, len(ids), per_day)]
    days = [ShootDay(number=i + 1, date=START + dt.timedelta(days=i), scene_ids=c) for i, c in enumerate(chunks)]
    hours = {s.id: round(s.eighths / 8 / 0.6 + 0.5, 2) for s in scenes}
    return build_board(Schedule(name="Script order", days=days), strips_from_scenes(scenes, cast, hours=hours), cast)


def _pdf_text(data: bytes) -> tuple[int, str]:
    pdf = pdfium.PdfDocument(data)
    text = "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    return len(pdf), text


def test_stripboard_pdf_prints_every_strip_day_break_and_move(scenes):
    board = _board(scenes)
    pages, text = _pdf_text(stripboard_pdf(board, "Night Ferry"))
    assert pages >= 2
    assert "Stripboard" in text and "Night Ferry" in text
    for day in board.days:
        assert f"End of Day {day.number} — {day.date:%a %d %b %Y}" in text
    assert text.count("Company move") == len(board.moves()) > 0
    flat = " ".join(text.split())
    assert all(s.heading in flat for _, s in board.strips())


def test_one_liner_pdf_has_a_section_per_day(scenes):
    board = _board(scenes)
    _, text = _pdf_text(one_liner_pdf(board, "Night Ferry"))
    for day in board.days:
        assert f"Shoot Day {day.number}" in text


def test_dood_pdf_prints_codes_and_totals_and_bands_long_shoots(scenes):
    board = _board(scenes, per_day=1)  # 30 days: more than one band of day columns
    assert len(board.days) > DOOD_DAYS_PER_BAND
    pages, text = _pdf_text(dood_pdf(board, "Night Ferry", drop_after=5))
    assert "Day Out of Days" in text and "SW start work" in text
    assert "Work" in text and "Hold" in text and "Finish" in text
    assert "ISLA" in text and "SWF" in text


def test_script_text_is_printed_not_parsed_as_markup(scenes):
    odd = [s.model_copy(update={"heading": "INT. <b>ROOM & HALL</b> - DAY", "synopsis": "A <font> tag"}) for s in scenes[:2]]
    _, text = _pdf_text(stripboard_pdf(_board(odd), "P <x>"))
    assert "<b>ROOM & HALL</b>" in text and "A <font> tag" in text


def test_csv_columns_and_rows(scenes):
    board = _board(scenes)
    rows = list(csv.reader(io.StringIO(to_csv(report_table(board, "stripboard")).decode("utf-8-sig"))))
    assert rows[0] == ["Day", "Date", "Row", "Scene", "Strip", "Heading", "Location", "Pages", "Eighths", "Hours", "Cast", "Locked", "Synopsis"]
    kinds = [r[2] for r in rows[1:]]
    assert kinds.count("strip") == len(scenes)
    assert kinds.count("end of day") == len(board.days)
    assert kinds.count("company move") == len(board.moves())
    first_strip = next(r for r in rows[1:] if r[2] == "strip")
    assert first_strip[3] == scenes[0].number and first_strip[1] == START.isoformat()
    # Day totals add up to the script's eighths.
    assert sum(int(r[8]) for r in rows[1:] if r[2] == "end of day") == sum(s.eighths for s in scenes)


def test_dood_csv_has_a_column_per_day_and_the_totals(scenes):
    board = _board(scenes)
    rows = list(csv.reader(io.StringIO(to_csv(report_table(board, "dood", drop_after=3)).decode("utf-8-sig"))))
    header = rows[0]
    assert header[:2] == ["#", "Cast"] and header[-6:] == ["Work", "Hold", "Drop", "Total", "Start", "Finish"]
    assert len(header) == 2 + len(board.days) + 6
    for row in rows[1:]:
        codes = row[2 : 2 + len(board.days)]
        work = sum(c in ("SW", "W", "WF", "SWF", "PW") for c in codes)
        assert int(row[-6]) == work and int(row[-5]) == codes.count("H")
        assert int(row[-3]) == work + int(row[-5])


def test_xlsx_has_a_sheet_per_report_with_strip_colours(scenes):
    board = _board(scenes)
    book = load_workbook(io.BytesIO(to_xlsx([report_table(board, r) for r in REPORTS])))
    assert book.sheetnames == ["Stripboard", "One-liner", "Day Out of Days"]
    sheet = book["Stripboard"]
    header = [c.value for c in sheet[1]]
    assert header[:5] == ["Day", "Date", "Row", "Scene", "Strip"]
    for row in sheet.iter_rows(min_row=2):
        if row[2].value == "strip":
            assert row[0].fill.fgColor.rgb[-6:].lower() == STRIP_COLOURS[row[4].value].lstrip("#")
    assert sheet.freeze_panes == "A2"
    dood = book["Day Out of Days"]
    assert dood.max_row == 1 + len(board.cast)


def test_unknown_report_is_refused(scenes):
    with pytest.raises(ValueError, match="one of stripboard"):
        report_table(_board(scenes), "call sheet")


def test_script_words_that_look_like_formulas_stay_text():
    from scheduling.exports.tables import ReportTable

    table = ReportTable(title="One-liner", headers=["Scene", "Synopsis"], rows=[["1", "=HYPERLINK(\"http://x\")"], ["2", "-the end"]], fills=[None, None])
    rows = list(csv.reader(io.StringIO(to_csv(table).decode("utf-8-sig"))))
    assert rows[1][1] == "'=HYPERLINK(\"http://x\")" and rows[2][1] == "'-the end"
    sheet = load_workbook(io.BytesIO(to_xlsx([table])))["One-liner"]
    assert sheet["B2"].data_type == "s" and sheet["B2"].value == "=HYPERLINK(\"http://x\")"
