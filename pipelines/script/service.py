"""What the Script page and the CLI call: read a file, store a draft, edit a scene."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from studio.errors import SlatebookError
from studio.models import IntExt, Scene, Script, parse_eighths
from studio.models.script import day_or_night
from studio.store.base import ProjectRepository
from studio.store.catalog import ProjectCatalog
from pipelines.script.revision import RevisionReport, merge_revision


@dataclass
class ImportResult:
    script: Script
    changes: RevisionReport
    first_draft: bool

    def summary(self) -> str:
        n = len(self.script.active_scenes)
        if self.first_draft:
            return f"Imported {n} scenes, {self.script.page_count:.1f} pages, from {self.script.source_name}."
        return f"Revised draft {self.script.revision} ({self.script.source_name}): {self.changes.summary()}."


def read_script(data: bytes, filename: str) -> Script:
    """Parse a screenplay file into a draft with scenes; nothing is stored."""
    # Imported here so the app's start-up does not pay for pdf/xml readers.
    from pipelines.script.scenes import build_scenes, estimate_page_count
    from pipelines.script.sniff import read_screenplay_file

    parsed = read_screenplay_file(data, filename)
    # read_screenplay_file refuses a file without scene headings, so there is a scene.
    scenes = build_scenes(parsed)
    title = parsed.title_page.get("Title") or Path(filename).stem  # readers normalise the key
    return Script(
        title=" ".join(title.split()),
        source_name=Path(filename).name,
        source_format=parsed.format,  # type: ignore[arg-type]
        source_sha256=hashlib.sha256(data).hexdigest(),
        title_page=parsed.title_page,
        page_count=round(estimate_page_count(parsed), 2),
        warnings=list(parsed.warnings),
        scenes=scenes,
    )


def import_script(repo: ProjectRepository, data: bytes, filename: str) -> ImportResult:
    """Read `data` and make it the project's current draft.

    The file is parsed completely before anything is written, so a bad file
    leaves the project exactly as it was.
    """
    return store_draft(repo, read_script(data, filename))


def import_to_project(
    catalog: ProjectCatalog, data: bytes, filename: str, name: str = "", *, new: bool = False
) -> tuple[str, ImportResult]:
    """Import into the project `name` (default: the script's title), creating it if needed.

    With `new`, an existing project of that name is refused rather than revised.
    The file is read before any project is made, so a bad file leaves nothing behind.
    """
    draft = read_script(data, filename)
    name = name.strip() or draft.title or Path(filename).stem
    repo = catalog.open(name) if catalog.exists(name) and not new else catalog.create(name)
    return name, store_draft(repo, draft)


def store_draft(repo: ProjectRepository, incoming: Script) -> ImportResult:
    """Make a parsed draft current. A second draft is a revision: scenes found
    again keep their work (see revision.merge_revision)."""
    current = repo.get_script()
    if current is None:
        for k, scene in enumerate(incoming.scenes):
            scene.ordinal = k
        repo.save_script(incoming)
        return ImportResult(incoming, RevisionReport(added=list(incoming.scenes)), first_draft=True)
    scenes, changes = merge_revision(current.scenes, incoming.scenes)
    draft = incoming.model_copy(update={"scenes": scenes, "revision": current.revision + 1})
    repo.save_script(draft)
    return ImportResult(draft, changes, first_draft=False)


EDITABLE_FIELDS = ("number", "heading", "int_ext", "location", "time", "day_night", "eighths", "synopsis", "story_day", "notes")


def update_scene(repo: ProjectRepository, scene_id: str, **changes: object) -> Scene:
    """Apply a person's edits to one scene's metadata, validated like an import."""
    scene = repo.get_scene(scene_id)
    if scene is None:
        raise SlatebookError("That scene is no longer in the current draft.", "Reload the scene list.")
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise SlatebookError(f"These scene fields cannot be edited: {', '.join(sorted(unknown))}.")
    if "eighths" in changes and isinstance(changes["eighths"], str):
        try:
            changes["eighths"] = parse_eighths(changes["eighths"])
        except ValueError as exc:
            raise SlatebookError(str(exc), "Write a page length in eighths, such as 1 3/8 or 5/8.") from exc
    if "time" in changes and "day_night" not in changes:
        changes["day_night"] = day_or_night(str(changes["time"] or "")) or scene.day_night
    if "int_ext" in changes:
        value = str(changes["int_ext"] or "").upper()
        if value not in {m.value for m in IntExt}:
            raise SlatebookError(f"{value!r} is not INT, EXT or INT/EXT.")
        changes["int_ext"] = IntExt(value)
    if "number" in changes:
        number = str(changes["number"]).strip()
        if not number:
            raise SlatebookError("A scene needs a number.", "Use the number as printed, such as 42 or 42A.")
        others = repo.get_script()
        if others and any(s.number == number and s.id != scene_id and not s.omitted for s in others.scenes):
            raise SlatebookError(f"Scene {number} already exists in this draft.", "Scene numbers must be unique; use a suffix such as 42A.")
        changes["number"] = number
    try:
        updated = Scene.model_validate({**scene.model_dump(), **changes})
    except ValueError as exc:
        raise SlatebookError(f"That edit is not valid: {exc}") from exc
    repo.save_scene(updated)
    return updated
