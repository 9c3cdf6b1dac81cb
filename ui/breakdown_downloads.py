"""Downloads: breakdown sheets (all scenes or the current one) as PDF, the element list as CSV/XLSX.

Files are made when a button is clicked (a callable passed to
st.download_button), not on every rerun. The callable runs outside the
script's thread and context, so it opens the project itself by name.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from pipelines.breakdown.exports import service as exports
from studio.models import Scene
from studio.store.catalog import ProjectCatalog

PENDING = "breakdown_downloads.include_pending"


def _deferred(catalog: ProjectCatalog, project: str, make: Callable) -> Callable[[], bytes]:
    return lambda: make(catalog.open(project))


def render(catalog: ProjectCatalog, project: str, scene: Scene | None) -> None:
    include_pending = st.toggle(
        "Include pending elements on the sheets (marked as not yet approved)",
        key=PENDING,
        help="By default a sheet lists only accepted elements, as the schedule and budget use them.",
    )
    sheet_kind = "breakdown-sheets-draft" if include_pending else "breakdown-sheets"
    a, b, c, d = st.columns(4)
    a.download_button(
        "Breakdown sheets (PDF)",
        data=_deferred(catalog, project, lambda repo: exports.breakdown_sheets_pdf(repo, include_pending=include_pending)),
        file_name=exports.file_name(project, sheet_kind, "pdf"),
        mime=exports.MIME["pdf"],
        key="breakdown_downloads.sheets",
        icon=":material/picture_as_pdf:",
        on_click="ignore",
        help="One sheet per scene",
    )
    if scene is not None:
        b.download_button(
            f"Sheet for scene {scene.number} (PDF)",
            data=_deferred(catalog, project, lambda repo: exports.breakdown_sheets_pdf(repo, scene_ids=[scene.id], include_pending=include_pending)),
            file_name=exports.file_name(project, f"{sheet_kind}-scene-{scene.number}", "pdf"),
            mime=exports.MIME["pdf"],
            key="breakdown_downloads.sheet",
            icon=":material/picture_as_pdf:",
            on_click="ignore",
        )
    for column, fmt in ((c, "csv"), (d, "xlsx")):
        column.download_button(
            f"Elements ({fmt.upper()})",
            data=_deferred(catalog, project, lambda repo, fmt=fmt: exports.element_list(repo, fmt)),
            file_name=exports.file_name(project, "breakdown-elements", fmt),
            mime=exports.MIME[fmt],
            key=f"breakdown_downloads.{fmt}",
            icon=":material/table_view:",
            on_click="ignore",
            help="Every element with its evidence and review state",
        )
