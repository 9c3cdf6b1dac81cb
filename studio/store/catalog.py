"""Where projects live: a catalogue of project folders, each a repository.

A project is a folder under `<data folder>/projects/` named by a slug of its
name. The slug is fixed at creation: renaming changes the name only, so a
repository another thread holds keeps working. New projects are built in a
hidden staging folder and renamed into place, so a crash never leaves half a
project in the list.
"""

from __future__ import annotations

import os
import shutil
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from studio.errors import ProjectNotFound, StoreProblem
from studio.models import Project
from studio.models.ids import utc_now
from studio.paths import data_home
from studio.store.bundle import bundle_path, check_bundle, write_bundle
from studio.store.names import clean_name, name_key, numbered_copy, slugify
from studio.store.sqlite_repo import DB_FILE, SQLiteProjectRepository

# Name checks and folder moves in this process happen one at a time, so two
# threads cannot both claim a name.
_CHANGES = threading.Lock()


@dataclass(frozen=True)
class ProjectSummary:
    name: str
    slug: str
    folder: Path
    updated_at: datetime
    scene_count: int
    problem: str = ""  # why the project cannot be opened: it is listed, never hidden


class ProjectCatalog:
    def __init__(self, home: Path | None = None) -> None:
        self.home = Path(home) if home is not None else data_home() / "projects"
        try:
            self.home.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreProblem(
                f"Cannot create the projects folder {self.home} ({exc.strerror or exc}).",
                "Set SLATEBOOK_HOME to a folder you can write to.",
            ) from exc

    @property
    def trash(self) -> Path:
        return self.home / ".trash"

    # --- finding projects

    def list_projects(self) -> list[ProjectSummary]:
        folders = [p for p in self.home.iterdir() if not p.name.startswith(".") and (p / DB_FILE).is_file()]
        return sorted((_summary(f) for f in folders), key=lambda p: (name_key(p.name), p.slug))

    def exists(self, name: str) -> bool:
        return self._find(name) is not None

    def open(self, name_or_slug: str) -> SQLiteProjectRepository:
        return _open_folder(self._require(name_or_slug).folder)

    def _find(self, name_or_slug: str) -> ProjectSummary | None:
        projects = self.list_projects()
        key = name_key(name_or_slug)
        for matches in (
            lambda p: p.name == name_or_slug,
            lambda p: name_key(p.name) == key,
            lambda p: p.slug == name_or_slug,
        ):
            found = next((p for p in projects if matches(p)), None)
            if found is not None:
                return found
        return None

    def _require(self, name_or_slug: str) -> ProjectSummary:
        found = self._find(name_or_slug)
        if found is None:
            names = [p.name for p in self.list_projects()]
            hint = ("Projects here: " + ", ".join(names) + ".") if names else "There are no projects yet: create one or import a script."
            raise ProjectNotFound(f"There is no project called {name_or_slug!r}.", hint)
        return found

    # --- changing the catalogue

    def create(self, name: str) -> SQLiteProjectRepository:
        name = clean_name(name)
        with _CHANGES:
            self._refuse_taken(name)
            return self._build(name, lambda repo: repo.save_project(Project(name=name)))

    def rename(self, name: str, new_name: str) -> SQLiteProjectRepository:
        new_name = clean_name(new_name)
        with _CHANGES:
            found = self._require(name)
            self._refuse_taken(new_name, besides=found.folder)
            repo = SQLiteProjectRepository(found.folder)
            repo.save_project(repo.get_project().model_copy(update={"name": new_name}))
            return repo

    def delete(self, name: str) -> Path:
        """Move the project to the trash folder; returns where it went. Nothing is destroyed."""
        with _CHANGES:
            found = self._require(name)
            target = self.trash / f"{found.slug}-{utc_now():%Y%m%dT%H%M%S%f}"
            _move(found.folder, target)
            return target

    # --- bundles

    def export_bundle(self, name: str, out: Path) -> Path:
        found = self._require(name)
        return write_bundle(_open_folder(found.folder), bundle_path(out, found.slug))

    def import_bundle(self, path: Path, name: str | None = None) -> SQLiteProjectRepository:
        """A new project from a bundle: under `name`, else the bundle's name made unique ("X (2)")."""
        checked = check_bundle(Path(path))  # everything is verified before anything is written
        with _CHANGES:
            if name is None:
                final = numbered_copy(clean_name(checked.data.project.name), self._taken_names())
            else:
                final = clean_name(name)
                self._refuse_taken(final)
            project = checked.data.project.model_copy(update={"name": final})
            data = checked.data.model_copy(update={"project": project})

            def fill(repo: SQLiteProjectRepository) -> None:
                repo.replace_data(data)
                checked.copy_files(repo)

            return self._build(final, fill)

    # --- helpers

    def _taken_names(self, besides: Path | None = None) -> set[str]:
        return {name_key(p.name) for p in self.list_projects() if p.folder != besides}

    def _refuse_taken(self, name: str, besides: Path | None = None) -> None:
        if name_key(name) in self._taken_names(besides):
            raise StoreProblem(f"There is already a project called {name!r}.", "Choose another name.")

    def _build(self, name: str, fill: Callable[[SQLiteProjectRepository], None]) -> SQLiteProjectRepository:
        staging = self.home / f".new-{uuid.uuid4().hex}"
        try:
            fill(SQLiteProjectRepository(staging))
            target = self._free_folder(slugify(name))
            _move(staging, target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        return SQLiteProjectRepository(target)

    def _free_folder(self, slug: str) -> Path:
        target, n = self.home / slug, 2
        while target.exists():
            target, n = self.home / f"{slug}-{n}", n + 1
        return target


def _open_folder(folder: Path) -> SQLiteProjectRepository:
    repo = SQLiteProjectRepository(folder)
    repo.get_project()  # a damaged project says so now, not on the page that uses it
    return repo


def _summary(folder: Path) -> ProjectSummary:
    try:
        repo = SQLiteProjectRepository(folder)
        project = repo.get_project()
        return ProjectSummary(project.name, folder.name, folder, project.updated_at, repo.scene_count())
    except StoreProblem as exc:
        changed = datetime.fromtimestamp((folder / DB_FILE).stat().st_mtime, timezone.utc)
        return ProjectSummary(folder.name, folder.name, folder, changed, 0, problem=str(exc))


def _move(source: Path, target: Path) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.rename(source, target)
    except OSError as exc:
        raise StoreProblem(
            f"Could not move {source.name} to {target} ({exc.strerror or exc}).",
            "Close other programs using the project folder and try again.",
        ) from exc
