"""A project's breakdown exports, read from its store: what the page and the CLI call."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

from pipelines.breakdown.categories import CategorySet
from pipelines.breakdown.exports.sheet_pdf import render_sheets
from pipelines.breakdown.exports.sheets import build_sheets
from pipelines.breakdown.exports.tables import element_rows, export_table
from studio.errors import SlatebookError
from studio.models import Script
from studio.store.base import ProjectRepository

Format = Literal["pdf", "csv", "xlsx"]
FORMATS: tuple[str, ...] = ("pdf", "csv", "xlsx")
MIME = {"pdf": "application/pdf", "csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def breakdown_sheets_pdf(repo: ProjectRepository, *, scene_ids: Iterable[str] | None = None, include_pending: bool = False) -> bytes:
    """Breakdown sheets for every active scene (or `scene_ids`); approved elements unless `include_pending`."""
    script = _script(repo)
    project = repo.get_project()
    sheets = build_sheets(
        script,
        repo.list_elements(),
        CategorySet.from_settings(project.settings),
        repo.list_characters(),
        scene_ids=scene_ids,
        include_pending=include_pending,
    )
    draft = f"Draft {script.revision}" + (" · includes pending elements" if include_pending else "")
    return render_sheets(sheets, production=script.title or project.name, draft=draft)


def element_list(repo: ProjectRepository, fmt: Literal["csv", "xlsx"], *, include_rejected: bool = True) -> bytes:
    script = _script(repo)
    project = repo.get_project()
    categories = CategorySet.from_settings(project.settings)
    rows = element_rows(script, repo.list_elements(), categories, repo.list_characters(), include_rejected=include_rejected)
    return export_table(rows, categories, fmt, title=script.title or project.name)


def export(repo: ProjectRepository, fmt: Format | str, *, include_pending: bool = False) -> bytes:
    """One export by format name, as `slatebook breakdown-export` writes it."""
    if fmt == "pdf":
        return breakdown_sheets_pdf(repo, include_pending=include_pending)
    if fmt in ("csv", "xlsx"):
        return element_list(repo, fmt)
    raise SlatebookError(f"There is no breakdown export format {fmt!r}.", f"Choose one of: {', '.join(FORMATS)}.")


def file_name(project_name: str, what: str, fmt: str) -> str:
    """A download name such as "night-ferry-sample-breakdown-sheets.pdf"."""
    slug = re.sub(r"[^a-z0-9]+", "-", project_name.casefold()).strip("-") or "project"
    return f"{slug}-{what}.{fmt}"


def _script(repo: ProjectRepository) -> Script:
    script = repo.get_script()
    if script is None or not script.active_scenes:
        raise SlatebookError(
            f"{repo.get_project().name} has no screenplay yet, so there is no breakdown to export.",
            "Import a screenplay on the Script page (or with `slatebook import`), then run the breakdown.",
        )
    return script
