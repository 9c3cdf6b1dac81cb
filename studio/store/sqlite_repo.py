"""The embedded project store: `project.sqlite` in the project folder, files beside it.

Each operation opens its own connection and runs in one transaction, so the
repository can be shared by Streamlit's script threads and job workers: SQLite
(WAL, busy timeout) serialises the writers, and readers see a consistent snapshot.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from studio.errors import StoreProblem
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
from studio.models.ids import utc_now
from studio.store.files import FileStore
from studio.store.integrity import check_references, record_exists, require_unique, scene_gone
from studio.store.migrations import migrate

DB_FILE = "project.sqlite"
FILES_FOLDER = "files"
BUSY_TIMEOUT_MS = 10_000

M = TypeVar("M", bound=BaseModel)

# Children before parents, for emptying the store in replace_data.
_TABLES = ("frames", "shots", "elements", "scenes", "project", "scripts", "characters",
           "schedules", "budgets", "ai_records", "jobs")

# Scene order is draft order; work hanging from scenes follows it.
_ELEMENTS = "SELECT e.data FROM elements e JOIN scenes s ON s.id = e.scene_id {where} ORDER BY s.ordinal, s.seq, e.seq"
_SHOTS = "SELECT h.data FROM shots h JOIN scenes s ON s.id = h.scene_id {where} ORDER BY s.ordinal, s.seq, h.idx, h.seq"


class SQLiteProjectRepository:
    """A `ProjectRepository` over one project folder (created when missing)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.db_path = self.folder / DB_FILE
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreProblem(
                f"Cannot create the project folder {self.folder} ({exc.strerror or exc}).",
                "Check that the data folder is writable (SLATEBOOK_HOME).",
            ) from exc
        self._files = FileStore(self.folder / FILES_FOLDER)
        with self._connect() as con:
            con.execute("PRAGMA journal_mode=WAL")  # persistent: stored in the file
            migrate(con)

    def __repr__(self) -> str:
        return f"SQLiteProjectRepository({str(self.folder)!r})"

    # --- connections and transactions

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        try:
            # isolation_level=None: we issue BEGIN/COMMIT ourselves, so a
            # transaction is exactly what a method does, nothing more or less.
            con = sqlite3.connect(self.db_path, isolation_level=None)
        except sqlite3.Error as exc:
            raise _db_problem(self.db_path, exc) from exc
        try:
            con.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            con.execute("PRAGMA foreign_keys=ON")
            # In WAL mode NORMAL never corrupts and keeps every commit through a
            # process crash; only a power cut can lose the last commits.
            con.execute("PRAGMA synchronous=NORMAL")
            yield con
        except sqlite3.Error as exc:
            raise _db_problem(self.db_path, exc) from exc
        finally:
            con.close()

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        with self._connect() as con:
            con.execute("BEGIN")  # one snapshot for every query of the operation
            try:
                yield con
            finally:
                if con.in_transaction:  # a failed statement may have ended it already
                    con.execute("COMMIT")

    @contextmanager
    def _write(self, *, stamp: bool = True) -> Iterator[sqlite3.Connection]:
        """One write transaction; unless told otherwise it stamps Project.updated_at."""
        with self._connect() as con:
            # IMMEDIATE takes the write lock up front, so two writers wait
            # (busy_timeout) instead of failing when a read upgrades to a write.
            con.execute("BEGIN IMMEDIATE")
            try:
                yield con
                if stamp:
                    stamped = con.execute(
                        "UPDATE project SET data = json_set(data, '$.updated_at', ?)",
                        (utc_now().isoformat(),),
                    )
                    if stamped.rowcount == 0:
                        raise _no_project(self.folder)
                con.execute("COMMIT")
            except BaseException:
                if con.in_transaction:
                    con.execute("ROLLBACK")
                raise

    # --- the project row

    def get_project(self) -> Project:
        with self._read() as con:
            row = con.execute("SELECT data FROM project").fetchone()
        if row is None:
            raise _no_project(self.folder)
        return _load(Project, row[0])

    def save_project(self, project: Project) -> None:
        with self._write() as con:
            con.execute("DELETE FROM project")
            _insert_project(con, project)

    # --- drafts and scenes

    def get_script(self) -> Script | None:
        with self._read() as con:
            row = con.execute(
                "SELECT s.data FROM project p JOIN scripts s ON s.id = p.current_script_id"
            ).fetchone()
            if row is None:
                return None
            scenes = _all(con, Scene, "SELECT data FROM scenes ORDER BY ordinal, seq")
        return _load(Script, row[0]).model_copy(update={"scenes": scenes})

    def list_scripts(self) -> list[Script]:
        with self._read() as con:
            return _all(con, Script, "SELECT data FROM scripts ORDER BY seq")

    def save_script(self, script: Script) -> None:
        require_unique((scene.id for scene in script.scenes), "scene")
        keep = {scene.id for scene in script.scenes}
        with self._write() as con:
            _upsert_script(con, script)
            stale = [(i,) for (i,) in con.execute("SELECT id FROM scenes") if i not in keep]
            con.executemany("DELETE FROM scenes WHERE id = ?", stale)  # cascades to their work
            for scene in script.scenes:
                _upsert_scene(con, scene, script.id)
            con.execute(
                "UPDATE project SET current_script_id = ?, data = json_set(data, '$.current_script_id', ?)",
                (script.id, script.id),
            )

    def get_scene(self, scene_id: str) -> Scene | None:
        with self._read() as con:
            row = con.execute("SELECT data FROM scenes WHERE id = ?", (scene_id,)).fetchone()
        return None if row is None else _load(Scene, row[0])

    def save_scene(self, scene: Scene) -> None:
        with self._write() as con:
            updated = con.execute(
                "UPDATE scenes SET ordinal = ?, data = ? WHERE id = ?",
                (scene.ordinal, scene.model_dump_json(), scene.id),
            )
            if updated.rowcount == 0:
                raise scene_gone(scene.id)

    # --- breakdown

    def list_elements(self, scene_id: str | None = None) -> list[Element]:
        where, params = _by_scene(scene_id, "e")
        with self._read() as con:
            return _all(con, Element, _ELEMENTS.format(where=where), params)

    def save_elements(self, elements: list[Element]) -> None:
        with self._write() as con:
            for element in elements:
                _upsert_element(con, element)

    def delete_elements(self, element_ids: list[str]) -> None:
        with self._write() as con:
            con.executemany("DELETE FROM elements WHERE id = ?", [(i,) for i in element_ids])

    def list_characters(self) -> list[Character]:
        with self._read() as con:
            return _all(con, Character, "SELECT data FROM characters ORDER BY seq")

    def save_characters(self, characters: list[Character]) -> None:
        require_unique((c.id for c in characters), "character")
        with self._write() as con:
            con.execute("DELETE FROM characters")
            for character in characters:
                _upsert_character(con, character)

    # --- boards

    def list_shots(self, scene_id: str | None = None) -> list[Shot]:
        where, params = _by_scene(scene_id, "h")
        with self._read() as con:
            return _all(con, Shot, _SHOTS.format(where=where), params)

    def save_shots(self, shots: list[Shot]) -> None:
        with self._write() as con:
            for shot in shots:
                _upsert_shot(con, shot)

    def delete_shots(self, shot_ids: list[str]) -> None:
        with self._write() as con:
            con.executemany("DELETE FROM shots WHERE id = ?", [(i,) for i in shot_ids])

    def list_frames(self) -> list[Frame]:
        with self._read() as con:
            return _all(con, Frame, "SELECT data FROM frames ORDER BY seq")

    def save_frames(self, frames: list[Frame]) -> None:
        with self._write() as con:
            for frame in frames:
                _upsert_frame(con, frame)

    # --- planning

    def list_schedules(self) -> list[Schedule]:
        with self._read() as con:
            return _all(con, Schedule, "SELECT data FROM schedules ORDER BY seq")

    def save_schedule(self, schedule: Schedule) -> None:
        with self._write() as con:
            _upsert_schedule(con, schedule)

    def delete_schedule(self, schedule_id: str) -> None:
        with self._write() as con:
            con.execute("DELETE FROM schedules WHERE id = ?", (schedule_id,))

    def list_budgets(self) -> list[Budget]:
        with self._read() as con:
            return _all(con, Budget, "SELECT data FROM budgets ORDER BY seq")

    def save_budget(self, budget: Budget) -> None:
        with self._write() as con:
            _upsert_budget(con, budget)

    # --- provenance ledger (append-only)

    def add_ai_record(self, record: AIRecord) -> None:
        with self._write() as con:
            if con.execute("SELECT 1 FROM ai_records WHERE id = ?", (record.id,)).fetchone():
                raise record_exists(record.id)
            _upsert_ai_record(con, record)

    def list_ai_records(self) -> list[AIRecord]:
        with self._read() as con:
            return _all(con, AIRecord, "SELECT data FROM ai_records ORDER BY seq")

    # --- jobs

    def save_job(self, job: Job) -> None:
        with self._write() as con:
            _upsert_job(con, job)

    def get_job(self, job_id: str) -> Job | None:
        with self._read() as con:
            row = con.execute("SELECT data FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return None if row is None else _load(Job, row[0])

    def list_jobs(self, kind: str | None = None) -> list[Job]:
        with self._read() as con:
            if kind is None:
                return _all(con, Job, "SELECT data FROM jobs ORDER BY seq")
            return _all(con, Job, "SELECT data FROM jobs WHERE kind = ? ORDER BY seq", (kind,))

    # --- generated files

    def put_file(self, data: bytes, suffix: str = "") -> str:
        return self._files.put(data, suffix)

    def read_file(self, name: str) -> bytes:
        return self._files.read(name)

    def file_path(self, name: str) -> Path | None:
        return self._files.path(name)

    def list_files(self) -> list[str]:
        return self._files.names()

    # --- whole project

    def export_data(self) -> ProjectData:
        with self._read() as con:
            row = con.execute("SELECT data FROM project").fetchone()
            if row is None:
                raise _no_project(self.folder)
            return ProjectData(
                project=_load(Project, row[0]),
                scripts=_all(con, Script, "SELECT data FROM scripts ORDER BY seq"),
                scenes=_all(con, Scene, "SELECT data FROM scenes ORDER BY ordinal, seq"),
                elements=_all(con, Element, _ELEMENTS.format(where="")),
                characters=_all(con, Character, "SELECT data FROM characters ORDER BY seq"),
                shots=_all(con, Shot, _SHOTS.format(where="")),
                frames=_all(con, Frame, "SELECT data FROM frames ORDER BY seq"),
                schedules=_all(con, Schedule, "SELECT data FROM schedules ORDER BY seq"),
                budgets=_all(con, Budget, "SELECT data FROM budgets ORDER BY seq"),
                ai_records=_all(con, AIRecord, "SELECT data FROM ai_records ORDER BY seq"),
                jobs=_all(con, Job, "SELECT data FROM jobs ORDER BY seq"),
            )

    def replace_data(self, data: ProjectData) -> None:
        check_references(data)
        # A restore keeps the project's own updated_at: no stamp.
        with self._write(stamp=False) as con:
            for table in _TABLES:
                con.execute(f"DELETE FROM {table}")
            for script in data.scripts:
                _upsert_script(con, script)
            _insert_project(con, data.project)
            for scene in data.scenes:
                _upsert_scene(con, scene, data.project.current_script_id)
            for items, upsert in (
                (data.elements, _upsert_element),
                (data.characters, _upsert_character),
                (data.shots, _upsert_shot),
                (data.frames, _upsert_frame),
                (data.schedules, _upsert_schedule),
                (data.budgets, _upsert_budget),
                (data.ai_records, _upsert_ai_record),
                (data.jobs, _upsert_job),
            ):
                for item in items:
                    upsert(con, item)

    # --- for the catalog, which lists projects without loading them

    def scene_count(self) -> int:
        """Scenes of the current draft, omitted ones left out."""
        with self._read() as con:
            return con.execute("SELECT count(*) FROM scenes WHERE NOT json_extract(data, '$.omitted')").fetchone()[0]


# --- rows: the key columns each table copies out of the model


def _upsert(con: sqlite3.Connection, table: str, row: dict[str, object]) -> None:
    # Updating in place (not REPLACE) keeps `seq`, so an edited record keeps its
    # position, and does not fire ON DELETE CASCADE on the record's children.
    columns = ", ".join(row)
    marks = ", ".join("?" * len(row))
    updates = ", ".join(f"{c} = excluded.{c}" for c in row if c != "id")
    con.execute(
        f"INSERT INTO {table} ({columns}) VALUES ({marks}) ON CONFLICT(id) DO UPDATE SET {updates}",
        tuple(row.values()),
    )


def _insert_project(con: sqlite3.Connection, project: Project) -> None:
    con.execute(
        "INSERT INTO project (id, current_script_id, data) VALUES (?, ?, ?)",
        (project.id, project.current_script_id, project.model_dump_json()),
    )


def _upsert_script(con: sqlite3.Connection, script: Script) -> None:
    data = script.model_dump_json(exclude={"scenes"})  # scenes have their own table
    _upsert(con, "scripts", {"id": script.id, "revision": script.revision, "data": data})


def _upsert_scene(con: sqlite3.Connection, scene: Scene, script_id: str | None) -> None:
    _upsert(con, "scenes", {"id": scene.id, "script_id": script_id, "ordinal": scene.ordinal,
                            "data": scene.model_dump_json()})


def _upsert_element(con: sqlite3.Connection, e: Element) -> None:
    _upsert(con, "elements", {"id": e.id, "scene_id": e.scene_id, "data": e.model_dump_json()})


def _upsert_character(con: sqlite3.Connection, c: Character) -> None:
    _upsert(con, "characters", {"id": c.id, "data": c.model_dump_json()})


def _upsert_shot(con: sqlite3.Connection, s: Shot) -> None:
    _upsert(con, "shots", {"id": s.id, "scene_id": s.scene_id, "idx": s.index, "data": s.model_dump_json()})


def _upsert_frame(con: sqlite3.Connection, f: Frame) -> None:
    _upsert(con, "frames", {"id": f.id, "shot_id": f.shot_id, "file": f.file, "data": f.model_dump_json()})


def _upsert_schedule(con: sqlite3.Connection, s: Schedule) -> None:
    _upsert(con, "schedules", {"id": s.id, "data": s.model_dump_json()})


def _upsert_budget(con: sqlite3.Connection, b: Budget) -> None:
    _upsert(con, "budgets", {"id": b.id, "schedule_id": b.schedule_id, "data": b.model_dump_json()})


def _upsert_ai_record(con: sqlite3.Connection, r: AIRecord) -> None:
    _upsert(con, "ai_records", {"id": r.id, "data": r.model_dump_json()})


def _upsert_job(con: sqlite3.Connection, j: Job) -> None:
    _upsert(con, "jobs", {"id": j.id, "kind": j.kind, "status": j.status.value, "data": j.model_dump_json()})


# --- reading


def _by_scene(scene_id: str | None, alias: str) -> tuple[str, tuple[str, ...]]:
    return ("", ()) if scene_id is None else (f"WHERE {alias}.scene_id = ?", (scene_id,))


def _all(con: sqlite3.Connection, model: type[M], sql: str, params: tuple = ()) -> list[M]:
    return [_load(model, data) for (data,) in con.execute(sql, params)]


def _load(model: type[M], data: str) -> M:
    try:
        return model.model_validate_json(data)
    except ValidationError as exc:
        raise StoreProblem(
            f"A stored {model.__name__} could not be read: {exc.errors()[0]['msg']}.",
            "The project may have been edited outside Slatebook; restore it from a bundle.",
        ) from exc


# --- problems a user can act on


def _no_project(folder: Path) -> StoreProblem:
    return StoreProblem(
        f"{folder} holds no project.",
        "Open a project from the project list, or create a new one.",
    )


def _db_problem(path: Path, exc: sqlite3.Error) -> StoreProblem:
    text = str(exc)
    if isinstance(exc, sqlite3.IntegrityError) and "FOREIGN KEY" in text:
        return StoreProblem(
            "That change refers to a scene, shot or draft that is not in the project.",
            "Reload the page: it may have been removed meanwhile.",
        )
    if "locked" in text or "busy" in text:
        return StoreProblem(
            f"The project database {path} stayed busy too long.",
            "Another task is writing to this project; try again in a moment.",
        )
    if isinstance(exc, sqlite3.DatabaseError) and ("not a database" in text or "malformed" in text):
        return StoreProblem(
            f"{path} is damaged or not a Slatebook project database.",
            "Restore the project from a bundle, or remove the folder from the data folder.",
        )
    return StoreProblem(f"The project database {path} failed: {text}.", "Check that the disk is not full and the folder is writable.")
