"""Download the reports of the version shown: PDF, CSV and XLSX."""

from __future__ import annotations

import re

import streamlit as st

from scheduling.exports.pdf import report_pdf
from scheduling.exports.spreadsheet import to_csv, to_xlsx
from scheduling.exports.tables import REPORTS, report_table
from scheduling.reports.board import Board

_TITLES = {"stripboard": "Stripboard", "one-liner": "One-liner", "dood": "Day Out of Days"}


def render(board: Board, project: str, drop_after: int | None) -> None:
    stem = re.sub(r"[^A-Za-z0-9]+", "-", f"{project} {board.name}").strip("-").lower()
    columns = st.columns(len(REPORTS) + 1)
    for column, report in zip(columns, REPORTS):
        with column:
            st.markdown(f"**{_TITLES[report]}**")
            # Files are made when clicked (a callable), not on every rerun of the page.
            st.download_button(
                "PDF", lambda r=report: report_pdf(board, project, r, drop_after), f"{stem}-{report}.pdf", "application/pdf",
                key=f"schedule_downloads.{report}.pdf", icon=":material/picture_as_pdf:", on_click="ignore",
            )
            st.download_button(
                "CSV", lambda r=report: to_csv(report_table(board, r, drop_after=drop_after)), f"{stem}-{report}.csv",
                "text/csv", key=f"schedule_downloads.{report}.csv", icon=":material/table:", on_click="ignore",
            )
    with columns[-1]:
        st.markdown("**All three**")
        st.download_button(
            "XLSX", lambda: to_xlsx([report_table(board, r, drop_after=drop_after) for r in REPORTS]), f"{stem}.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="schedule_downloads.xlsx", icon=":material/grid_on:", on_click="ignore",
        )
