"""CSV and XLSX files of a report table."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from scheduling.exports.tables import ReportTable
from studio.cells import csv_cell, is_formula_like


def to_csv(table: ReportTable) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(table.headers)
    writer.writerows([csv_cell(c) for c in row] for row in table.rows)
    # A byte-order mark so Excel opens the arrows and dashes of the labels as UTF-8.
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(tables: list[ReportTable]) -> bytes:
    """One sheet per table, strips filled in their colours, the header row frozen."""
    book = Workbook()
    book.remove(book.active)
    for table in tables:
        sheet = book.create_sheet(_sheet_name(table.title))
        sheet.append(table.headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row, fill in zip(table.rows, table.fills):
            sheet.append(row)
            for cell in sheet[sheet.max_row]:
                if is_formula_like(cell.value):
                    cell.data_type = "s"  # script words, never a formula
            if fill:
                dark = _dark(fill)
                for cell in sheet[sheet.max_row]:
                    cell.fill = PatternFill("solid", fgColor=fill.lstrip("#").upper())
                    if dark:
                        cell.font = Font(color="FFFFFF", bold=True)
        sheet.freeze_panes = "A2"
        for i, header in enumerate(table.headers, start=1):
            longest = max([len(str(header))] + [len(str(r[i - 1] or "")) for r in table.rows[:500]])
            sheet.column_dimensions[get_column_letter(i)].width = min(60, max(4, longest + 2))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet_name(title: str) -> str:
    # Excel refuses names over 31 characters and a few punctuation marks.
    name = title.split(" — ")[0]
    return "".join(c for c in name if c not in "[]:*?/\\")[:31]


def _dark(colour: str) -> bool:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.299 * r + 0.587 * g + 0.114 * b < 128
