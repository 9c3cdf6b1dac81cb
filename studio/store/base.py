"""The repository interface every store implements (SQLite, in-memory twin).

Services take a `ProjectRepository` and never know which one they hold.
Writes are whole-aggregate and atomic: a failed save leaves what was there.
Every write except `replace_data` stamps `Project.updated_at` (the project
list's "last worked on"). A record that links to a missing scene, shot or
draft is refused with a StoreProblem. Lists come back in insertion order
unless a method says otherwise; returned models are copies.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from studio.models import (
    AIRecord,
    Budget,
    Character,
    Element,
    Frame,
    Job,
    Project,
    ProjectData,
    Scene,
    Schedule,
    Script,
    Shot,
)


class ProjectRepository(Protocol):
    # --- the project row
    def get_project(self) -> Project: ...
    def save_project(self, project: Project) -> None: ...

    # --- drafts and scenes
    def get_script(self) -> Script | None:
        """The current draft with all its scenes (omitted ones included), in order."""
        ...

    def list_scripts(self) -> list[Script]:
        """Every imported draft, oldest first, without scenes."""
        ...

    def save_script(self, script: Script) -> None:
        """Store `script` as the current draft, with its scenes, in one transaction.

        Scenes are matched by `Scene.id`: rows whose id is not in `script.scenes`
        are deleted with the work attached to them, so callers keep the ids of
        scenes they mean to keep (omitted scenes included).
        """
        ...

    def get_scene(self, scene_id: str) -> Scene | None: ...
    def save_scene(self, scene: Scene) -> None:
        """Update one scene of the current draft (edited metadata)."""
        ...

    # --- breakdown
    def list_elements(self, scene_id: str | None = None) -> list[Element]:
        """In draft order of their scenes, then insertion order."""
        ...

    def save_elements(self, elements: list[Element]) -> None:
        """Insert or update by id."""
        ...

    def delete_elements(self, element_ids: list[str]) -> None: ...
    def list_characters(self) -> list[Character]: ...
    def save_characters(self, characters: list[Character]) -> None:
        """Replace the cast list."""
        ...

    # --- boards
    def list_shots(self, scene_id: str | None = None) -> list[Shot]:
        """In draft order of their scenes, then by `Shot.index`."""
        ...

    def save_shots(self, shots: list[Shot]) -> None: ...
    def delete_shots(self, shot_ids: list[str]) -> None:
        """Deletes the shots' frames too (their files stay in the file store)."""
        ...

    def list_frames(self) -> list[Frame]: ...
    def save_frames(self, frames: list[Frame]) -> None: ...

    # --- planning
    def list_schedules(self) -> list[Schedule]: ...
    def save_schedule(self, schedule: Schedule) -> None: ...
    def delete_schedule(self, schedule_id: str) -> None: ...
    def list_budgets(self) -> list[Budget]: ...
    def save_budget(self, budget: Budget) -> None: ...

    # --- provenance ledger (append-only)
    def add_ai_record(self, record: AIRecord) -> None:
        """Append; a record whose id is already in the ledger is refused (StoreProblem)."""
        ...

    def list_ai_records(self) -> list[AIRecord]: ...

    # --- jobs
    def save_job(self, job: Job) -> None: ...
    def get_job(self, job_id: str) -> Job | None: ...
    def list_jobs(self, kind: str | None = None) -> list[Job]: ...

    # --- generated files, content-addressed
    def put_file(self, data: bytes, suffix: str = "") -> str:
        """Write atomically under its sha256 name; returns that name (e.g. "ab12...ef.png")."""
        ...

    def read_file(self, name: str) -> bytes:
        """The file's bytes; StoreProblem for a malformed name, a missing or a damaged file."""
        ...

    def file_path(self, name: str) -> Path | None:
        """A path on disk when the store has one (None for the in-memory twin)."""
        ...

    def list_files(self) -> list[str]: ...

    # --- whole project, for bundles and tests
    def export_data(self) -> ProjectData: ...
    def replace_data(self, data: ProjectData) -> None:
        """Replace everything (except files) with `data`, atomically."""
        ...
