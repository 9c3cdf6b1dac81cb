"""The scene list as an editable table; each cell edit is saved through update_scene.

The table's widget key carries the draft id and a save counter: after a save
the counter moves, so the table redraws from the store and a rejected edit
does not linger in the grid looking as if it had been kept.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pipelines.script.service import update_scene
from studio.errors import SlatebookError
from studio.models import Scene, Script
from studio.models.script import STRIP_COLOURS, IntExt
from studio.models.script import strip_kind as script_strip_kind
from studio.store.base import ProjectRepository
from ui import flash

_VERSION = "scene_table.version"
_SHOW_OMITTED = "scene_table.show_omitted"

# Column label -> Scene field, for the columns a person may edit. The heading and
# cast are read from the page, so they change with a new draft, not by hand.
EDITABLE = {
    "Scene": "number",
    "I/E": "int_ext",
    "Set": "location",
    "D/N": "day_night",
    "Time": "time",
    "Pages": "eighths",
    "Synopsis": "synopsis",
    "Story day": "story_day",
    "Notes": "notes",
}
READ_ONLY = ["Strip", "Heading", "Cast", "Status"]

def strip_kind(scene: Scene) -> str:
    return "OMITTED" if scene.omitted else script_strip_kind(scene.int_ext.value, scene.day_night)


def scene_rows(scenes: list[Scene]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Strip": strip_kind(s),
                "Scene": s.number,
                "Heading": s.heading,
                "I/E": s.int_ext.value,
                "Set": s.location,
                "D/N": s.day_night,
                "Time": s.time,
                "Pages": s.length,
                "Cast": ", ".join(s.characters),
                "Synopsis": s.synopsis,
                "Story day": s.story_day,
                "Notes": s.notes,
                "Status": "OMITTED" if s.omitted else ("Revised *" if s.revised else ""),
            }
            for s in scenes
        ],
        columns=["Strip", "Scene", "Heading", "I/E", "Set", "D/N", "Time", "Pages", "Cast", "Synopsis", "Story day", "Notes", "Status"],
    )


def _colour_strips(column: pd.Series) -> list[str]:
    return [f"background-color: {STRIP_COLOURS.get(kind, '#ffffff')}; color: #111" for kind in column]


_COLUMN_CONFIG = {
    "Strip": st.column_config.TextColumn(width=90, help="Stripboard colour: INT/EXT and day/night"),
    "Scene": st.column_config.TextColumn(width=75, required=True, help="Scene number as printed, e.g. 42A"),
    "Heading": st.column_config.TextColumn(width=260),
    "I/E": st.column_config.SelectboxColumn(width=70, options=[m.value for m in IntExt]),
    "Set": st.column_config.TextColumn(width=170),
    "D/N": st.column_config.SelectboxColumn(
        width=70, options=["DAY", "NIGHT"], help="Day or night: the strip colour. Follows Time unless you set it."
    ),
    "Time": st.column_config.TextColumn(width=100, help="Time of day as the heading says it: DUSK, CONTINUOUS..."),
    "Pages": st.column_config.TextColumn(width=70, help="Page length in eighths, e.g. 1 3/8 or 5/8"),
    "Cast": st.column_config.TextColumn(width=220, help="Speaking cast, from the dialogue cues"),
    "Synopsis": st.column_config.TextColumn(width=200),
    "Story day": st.column_config.TextColumn(width=80),
    "Notes": st.column_config.TextColumn(width=200),
    "Status": st.column_config.TextColumn(width=90, help="Revised * : the text changed in this draft"),
}


def _save_edits(repo: ProjectRepository, scenes: list[Scene], edited_rows: dict) -> None:
    saved = []
    for row, changes in sorted(edited_rows.items()):
        scene = scenes[int(row)]
        # A cleared cell arrives as None; the service validates the empty text.
        fields = {EDITABLE[label]: "" if value is None else value for label, value in changes.items() if label in EDITABLE}
        if not fields:
            continue
        try:
            updated = update_scene(repo, scene.id, **fields)
        except SlatebookError as exc:
            flash.error(SlatebookError(f"Scene {scene.number} was not changed: {exc.problem}", exc.hint))
        else:
            saved.append(updated.number)
    if saved:
        flash.success(f"Saved scene {', '.join(saved)}.")


def render(repo: ProjectRepository, script: Script) -> None:
    show_omitted = st.toggle("Show omitted scenes", value=True, key=_SHOW_OMITTED)
    scenes = script.scenes if show_omitted else script.active_scenes
    version = st.session_state.get(_VERSION, 0)
    key = f"scene_table.{script.id}.{version}"
    st.data_editor(
        scene_rows(scenes).style.apply(_colour_strips, subset=["Strip"]),
        key=key,
        hide_index=True,
        num_rows="fixed",
        disabled=READ_ONLY,
        column_config=_COLUMN_CONFIG,
        # About fifteen strips, then the grid scrolls, so the scene reader stays in reach.
        height=min(len(scenes), 15) * 35 + 40,
    )
    edited = st.session_state.get(key, {}).get("edited_rows") or {}
    if edited:
        _save_edits(repo, scenes, edited)
        st.session_state[_VERSION] = version + 1
        st.rerun()
