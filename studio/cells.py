"""Script text in spreadsheets stays text.

A scene heading or an element's evidence is the writer's words; a spreadsheet
reads a cell that starts with "=", "+", "-" or "@" as a formula, so a line in a
script could run in the producer's Excel (CSV injection). CSV cells get a
leading apostrophe, which Excel and LibreOffice show as plain text.
"""

from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """The value as a CSV cell: None empty, text that would run as a formula quoted."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def is_formula_like(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)
