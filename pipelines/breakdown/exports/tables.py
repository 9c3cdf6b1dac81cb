"""The element list as CSV and XLSX: one row per element, with its evidence and review.

A spreadsheet is where a production filters and sums, so every element is
listed with its review state (rejected ones too, unless left out), in draft
order. Script text is data here as everywhere: a CSV cell that starts like a
formula (=, +, -, @) is prefixed with an apostrophe so a spreadsheet shows it
rather than running it, and XLSX cells are written as plain strings.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import astuple, dataclass, fields

import xlsxwriter

from studio.cells import csv_cell

from pipelines.breakdown.categories import CategorySet
from studio.errors import SlatebookError
from studio.models import Character, Element, ReviewState, Script


@dataclass(frozen=True)
class ElementRow:
    sheet: int | None
    scene: str
    set: str
    int_ext: str
    day_night: str
    category: str
    element: str
    quantity: int | None
    cast_number: int | None
    evidence: str
    line: int | None
    verified: bool
    review: str
    reviewed_by: str
    reviewed_at: str
    source: str
    confidence: float | None
    suggested_by: str
    doubt: str
    note: str


# Column titles in the order of ElementRow's fields.
COLUMNS = (
    "Sheet",
    "Scene",
    "Set",
    "I/E",
    "D/N",
    "Category",
    "Element",
    "Quantity",
    "Cast #",
    "Evidence",
    "Line",
    "Verified",
    "Review",
    "Reviewed by",
    "Reviewed at",
    "Source",
    "Confidence",
    "Suggested by",
    "Doubt",
    "Note",
)
assert len(COLUMNS) == len(fields(ElementRow))



def element_rows(
    script: Script,
    elements: Iterable[Element],
    categories: CategorySet,
    cast: Iterable[Character] = (),
    *,
    include_rejected: bool = True,
) -> list[ElementRow]:
    """Rows in draft order, then by category (sheet order) and name."""
    scenes = {s.id: s for s in script.scenes}
    sheet_numbers = {s.id: i for i, s in enumerate(script.active_scenes, start=1)}
    order = {c.key: i for i, c in enumerate(categories)}
    cast_numbers = {" ".join(n.split()).casefold(): c.id_number for c in cast for n in (c.name, *c.aliases)}
    scene_order = {s.id: i for i, s in enumerate(script.scenes)}
    chosen = [e for e in elements if e.scene_id in scenes and (include_rejected or e.review != ReviewState.REJECTED)]
    chosen.sort(key=lambda e: (scene_order[e.scene_id], order.get(e.category, len(order)), e.name.casefold()))
    rows = []
    for e in chosen:
        scene = scenes[e.scene_id]
        rows.append(
            ElementRow(
                sheet=sheet_numbers.get(scene.id),
                scene=scene.number,
                set=scene.location,
                int_ext=scene.int_ext.value,
                day_night=scene.day_night,
                category=categories.get(e.category).name if e.category in categories else e.category,
                element=e.name,
                quantity=e.quantity,
                cast_number=cast_numbers.get(" ".join(e.name.split()).casefold()) if e.category == "cast" else None,
                evidence=e.evidence,
                line=e.line,
                verified=e.verified,
                review=e.review.value,
                reviewed_by=e.reviewed_by or "",
                reviewed_at=e.reviewed_at.isoformat(timespec="seconds") if e.reviewed_at else "",
                source=e.source,
                confidence=e.confidence,
                suggested_by=e.suggested_by,
                doubt=e.doubt,
                note=e.note,
            )
        )
    return rows


def to_csv(rows: list[ElementRow]) -> bytes:
    """UTF-8 with a byte-order mark, which is how Excel knows it is UTF-8."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([csv_cell(v) for v in astuple(row)])
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(rows: list[ElementRow], categories: CategorySet, *, title: str = "Breakdown") -> bytes:
    """One "Elements" worksheet: frozen header, filters, each category cell in its colour."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    book.set_properties({"title": f"{title} - breakdown elements", "author": "Slatebook"})
    sheet = book.add_worksheet("Elements")
    header = book.add_format({"bold": True, "bg_color": "#DDDDDD", "border": 1, "text_wrap": True, "valign": "top"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    top = book.add_format({"valign": "top"})
    by_name = {c.name: c for c in categories}
    colour_formats = {
        c.name: book.add_format({"bg_color": c.colour, "font_color": c.text_colour, "valign": "top", "bold": True}) for c in categories
    }
    widths = {"Set": 24, "Category": 18, "Element": 26, "Evidence": 50, "Reviewed at": 20, "Source": 18, "Doubt": 30, "Note": 24}
    for col, name in enumerate(COLUMNS):
        sheet.write_string(0, col, name, header)
        sheet.set_column(col, col, widths.get(name, max(8, len(name) + 2)))
    for r, row in enumerate(rows, start=1):
        for col, value in enumerate(astuple(row)):
            name = COLUMNS[col]
            if value is None or value == "":
                sheet.write_blank(r, col, None, top)
            elif isinstance(value, bool):
                sheet.write_boolean(r, col, value, top)
            elif isinstance(value, (int, float)):
                sheet.write_number(r, col, value, top)
            else:
                fmt = colour_formats.get(value, top) if name == "Category" and value in by_name else (wrap if name in ("Evidence", "Doubt", "Note") else top)
                sheet.write_string(r, col, str(value), fmt)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(rows), 1), len(COLUMNS) - 1)
    book.close()
    return buffer.getvalue()


def export_table(rows: list[ElementRow], categories: CategorySet, fmt: str, *, title: str = "Breakdown") -> bytes:
    if fmt == "csv":
        return to_csv(rows)
    if fmt == "xlsx":
        return to_xlsx(rows, categories, title=title)
    raise SlatebookError(f"There is no element-list format {fmt!r}.", "Choose csv or xlsx.")
