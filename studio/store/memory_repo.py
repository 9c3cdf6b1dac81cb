"""The in-memory twin of the SQLite store, for fast tests of services.

It holds one `ProjectData` and replaces it whole on every write: a write
builds the next value, checks it with the same rules the SQLite schema
enforces, and only then swaps it in, so a failed write leaves what was there.
Stored values are never handed out; callers get copies, as from a database.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

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
from studio.store.files import check_name, content_name, missing_file
from studio.store.integrity import check_references, record_exists, require_unique, scene_gone


T = TypeVar("T", bound=BaseModel)  # every stored model has an `id`


class InMemoryProjectRepository:
    def __init__(self, project: Project) -> None:
        self._lock = threading.RLock()
        self._data = ProjectData(project=project.model_copy(deep=True))
        self._files: dict[str, bytes] = {}

    # --- reading and writing the one value

    def _get(self, pick: Callable[[ProjectData], T]) -> T:
        with self._lock:
            return pick(self._data).model_copy(deep=True)

    def _get_all(self, pick: Callable[[ProjectData], Iterable[T]]) -> list[T]:
        with self._lock:
            return [item.model_copy(deep=True) for item in pick(self._data)]

    def _commit(self, change: Callable[[ProjectData], dict], *, stamp: bool = True) -> None:
        """Swap in `self._data` updated by `change(data)`, if it passes the store's rules."""
        with self._lock:
            data = self._data
            update = change(data)
            if stamp:
                update["project"] = update.get("project", data.project).model_copy(update={"updated_at": utc_now()})
            candidate = data.model_copy(update=update)
            check_references(candidate)
            self._data = candidate

    # --- the project row

    def get_project(self) -> Project:
        return self._get(lambda d: d.project)

    def save_project(self, project: Project) -> None:
        self._commit(lambda d: {"project": project.model_copy(deep=True)})

    # --- drafts and scenes

    def get_script(self) -> Script | None:
        with self._lock:
            current = self._current_script()
            if current is None:
                return None
            # model_copy(deep=True) leaves `update` values alone: copy them too.
            return current.model_copy(update={"scenes": _copies(_in_order(self._data.scenes))}, deep=True)

    def _current_script(self) -> Script | None:
        wanted = self._data.project.current_script_id
        return next((s for s in self._data.scripts if s.id == wanted), None)

    def list_scripts(self) -> list[Script]:
        return self._get_all(lambda d: d.scripts)

    def save_script(self, script: Script) -> None:
        require_unique((s.id for s in script.scenes), "scene")

        def change(d: ProjectData) -> dict:
            keep = {s.id for s in script.scenes}
            gone = {s.id for s in d.scenes} - keep
            return {
                "scripts": _upsert(d.scripts, [script.model_copy(update={"scenes": []}, deep=True)]),
                "project": d.project.model_copy(update={"current_script_id": script.id}),
                "scenes": _upsert([s for s in d.scenes if s.id in keep], _copies(script.scenes)),
                **_cascade_scenes(d, gone),
            }

        self._commit(change)

    def get_scene(self, scene_id: str) -> Scene | None:
        with self._lock:
            found = next((s for s in self._data.scenes if s.id == scene_id), None)
            return None if found is None else found.model_copy(deep=True)

    def save_scene(self, scene: Scene) -> None:
        def change(d: ProjectData) -> dict:
            if all(s.id != scene.id for s in d.scenes):
                raise scene_gone(scene.id)
            return {"scenes": _upsert(d.scenes, [scene.model_copy(deep=True)])}

        self._commit(change)

    # --- breakdown

    def list_elements(self, scene_id: str | None = None) -> list[Element]:
        with self._lock:
            items = _by_scene_order(self._data.elements, self._data.scenes, lambda e: ())
            return [e.model_copy(deep=True) for e in items if scene_id in (None, e.scene_id)]

    def save_elements(self, elements: list[Element]) -> None:
        self._commit(lambda d: {"elements": _upsert(d.elements, _copies(elements))})

    def delete_elements(self, element_ids: list[str]) -> None:
        gone = set(element_ids)
        self._commit(lambda d: {"elements": [e for e in d.elements if e.id not in gone]})

    def list_characters(self) -> list[Character]:
        return self._get_all(lambda d: d.characters)

    def save_characters(self, characters: list[Character]) -> None:
        self._commit(lambda d: {"characters": _copies(characters)})

    # --- boards

    def list_shots(self, scene_id: str | None = None) -> list[Shot]:
        with self._lock:
            items = _by_scene_order(self._data.shots, self._data.scenes, lambda s: (s.index,))
            return [s.model_copy(deep=True) for s in items if scene_id in (None, s.scene_id)]

    def save_shots(self, shots: list[Shot]) -> None:
        self._commit(lambda d: {"shots": _upsert(d.shots, _copies(shots))})

    def delete_shots(self, shot_ids: list[str]) -> None:
        gone = set(shot_ids)
        self._commit(lambda d: {
            "shots": [s for s in d.shots if s.id not in gone],
            "frames": [f for f in d.frames if f.shot_id not in gone],
        })

    def list_frames(self) -> list[Frame]:
        return self._get_all(lambda d: d.frames)

    def save_frames(self, frames: list[Frame]) -> None:
        self._commit(lambda d: {"frames": _upsert(d.frames, _copies(frames))})

    # --- planning

    def list_schedules(self) -> list[Schedule]:
        return self._get_all(lambda d: d.schedules)

    def save_schedule(self, schedule: Schedule) -> None:
        self._commit(lambda d: {"schedules": _upsert(d.schedules, _copies([schedule]))})

    def delete_schedule(self, schedule_id: str) -> None:
        self._commit(lambda d: {"schedules": [s for s in d.schedules if s.id != schedule_id]})

    def list_budgets(self) -> list[Budget]:
        return self._get_all(lambda d: d.budgets)

    def save_budget(self, budget: Budget) -> None:
        self._commit(lambda d: {"budgets": _upsert(d.budgets, _copies([budget]))})

    # --- provenance ledger (append-only)

    def add_ai_record(self, record: AIRecord) -> None:
        def change(d: ProjectData) -> dict:
            if any(r.id == record.id for r in d.ai_records):
                raise record_exists(record.id)
            return {"ai_records": [*d.ai_records, record.model_copy(deep=True)]}

        self._commit(change)

    def list_ai_records(self) -> list[AIRecord]:
        return self._get_all(lambda d: d.ai_records)

    # --- jobs

    def save_job(self, job: Job) -> None:
        self._commit(lambda d: {"jobs": _upsert(d.jobs, _copies([job]))})

    def get_job(self, job_id: str) -> Job | None:
        with self._lock:
            found = next((j for j in self._data.jobs if j.id == job_id), None)
            return None if found is None else found.model_copy(deep=True)

    def list_jobs(self, kind: str | None = None) -> list[Job]:
        return self._get_all(lambda d: [j for j in d.jobs if kind in (None, j.kind)])

    # --- generated files

    def put_file(self, data: bytes, suffix: str = "") -> str:
        data = bytes(data)
        name = content_name(data, suffix)
        with self._lock:
            self._files[name] = data
        return name

    def read_file(self, name: str) -> bytes:
        with self._lock:
            data = self._files.get(check_name(name))
        if data is None:
            raise missing_file(name)
        return data

    def file_path(self, name: str) -> Path | None:
        check_name(name)
        return None

    def list_files(self) -> list[str]:
        with self._lock:
            return sorted(self._files)

    # --- whole project

    def export_data(self) -> ProjectData:
        with self._lock:
            d = self._data
            # The same order the SQLite store reads in, so the twins export alike.
            return d.model_copy(update={
                "scenes": _copies(_in_order(d.scenes)),
                "elements": _copies(_by_scene_order(d.elements, d.scenes, lambda e: ())),
                "shots": _copies(_by_scene_order(d.shots, d.scenes, lambda s: (s.index,))),
            }, deep=True)

    def replace_data(self, data: ProjectData) -> None:
        self._commit(lambda d: dict(data.model_copy(deep=True)), stamp=False)


# --- helpers that build new lists, never touching stored ones


def _copies(items: Iterable[T]) -> list[T]:
    return [item.model_copy(deep=True) for item in items]


def _upsert(items: list[T], new: list[T]) -> list[T]:
    """Update by id in place, append the rest: the order a database keeps."""
    out = list(items)
    where = {item.id: k for k, item in enumerate(out)}
    for item in new:
        if item.id in where:
            out[where[item.id]] = item
        else:
            where[item.id] = len(out)
            out.append(item)
    return out


def _in_order(scenes: list[Scene]) -> list[Scene]:
    return sorted(scenes, key=lambda s: s.ordinal)  # stable: ties keep insertion order


def _by_scene_order(items: list[T], scenes: list[Scene], then: Callable[[T], tuple]) -> list[T]:
    position = {s.id: k for k, s in enumerate(_in_order(scenes))}
    return sorted(items, key=lambda item: (position[item.scene_id], *then(item)))


def _cascade_scenes(d: ProjectData, gone: set[str]) -> dict:
    """What deleting scenes takes with it, as the SQLite schema's ON DELETE CASCADE does."""
    shots_gone = {s.id for s in d.shots if s.scene_id in gone}
    return {
        "elements": [e for e in d.elements if e.scene_id not in gone],
        "shots": [s for s in d.shots if s.id not in shots_gone],
        "frames": [f for f in d.frames if f.shot_id not in shots_gone],
    }
