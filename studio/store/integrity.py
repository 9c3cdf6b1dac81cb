"""The links between a project's records, checked the same way by every store.

These are the rules the SQLite schema enforces with keys; the in-memory twin
and bundle import check them here so all three refuse the same data.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from studio.errors import StoreProblem
from studio.models import ProjectData


def require_unique(ids: Iterable[str], what: str) -> None:
    repeated = sorted(i for i, n in Counter(ids).items() if n > 1)
    if repeated:
        raise StoreProblem(
            f"Two {what}s share the id {repeated[0]}.",
            "Each record needs its own id; this data was probably edited by hand.",
        )


def check_references(data: ProjectData) -> None:
    """Raise StoreProblem when `data` has repeated ids or a link to a missing record."""
    for what, items in (
        ("script", data.scripts),
        ("scene", data.scenes),
        ("element", data.elements),
        ("character", data.characters),
        ("shot", data.shots),
        ("frame", data.frames),
        ("schedule", data.schedules),
        ("budget", data.budgets),
        ("AI record", data.ai_records),
        ("job", data.jobs),
    ):
        require_unique((item.id for item in items), what)

    current = data.project.current_script_id
    if current is not None and current not in {s.id for s in data.scripts}:
        _missing("The project's current draft", "script", current)
    if data.scenes and current is None:
        raise StoreProblem(
            "The project has scenes but no current draft.",
            "Scenes belong to the current draft; this data was probably edited by hand.",
        )
    scene_ids = {s.id for s in data.scenes}
    for element in data.elements:
        if element.scene_id not in scene_ids:
            _missing(f"Breakdown element {element.name!r}", "scene", element.scene_id)
    for shot in data.shots:
        if shot.scene_id not in scene_ids:
            _missing(f"Shot {shot.index}", "scene", shot.scene_id)
    shot_ids = {s.id for s in data.shots}
    for frame in data.frames:
        if frame.shot_id is not None and frame.shot_id not in shot_ids:
            _missing(f"Frame {frame.id}", "shot", frame.shot_id)


def _missing(subject: str, kind: str, ref: str) -> None:
    raise StoreProblem(
        f"{subject} refers to {kind} {ref}, which is not in the project.",
        f"Reload the page: the {kind} may have been removed.",
    )


def scene_gone(scene_id: str) -> StoreProblem:
    return StoreProblem(f"Scene {scene_id} is no longer in the current draft.", "Reload the scene list.")


def record_exists(record_id: str) -> StoreProblem:
    return StoreProblem(
        f"The AI record {record_id} is already in the ledger.",
        "The ledger is append-only: record a new call with a new id.",
    )
