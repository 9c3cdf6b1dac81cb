"""The storyboard's scene picker and the shot list as an editable table, with "Propose shots"."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from pipelines.imaging import shotlist
from pipelines.imaging.service import llm_for
from studio.errors import SlatebookError
from studio.models import Scene, Script, Shot
from studio.models.imaging import ANGLES, MOVEMENTS, ShotSize
from studio.store.base import ProjectRepository
from ui import flash
from ui.keys import anthropic_key

SCENE = "boards_shots.scene"
ENGINE = "boards_shots.engine"
REPLACE = "boards_shots.replace"
EDITOR = "boards_shots.editor"
ENGINES = {"coverage": "Coverage rules (offline)", "claude": "Claude"}
COLUMNS = ["size", "angle", "movement", "lens_mm", "subject", "action", "dialogue", "duration_s", "in_frame", "id"]


def pick_scene(script: Script) -> Scene:
    scenes = script.active_scenes
    by_id = {s.id: s for s in scenes}
    if st.session_state.get(SCENE) not in by_id:
        st.session_state[SCENE] = scenes[0].id
    chosen = st.selectbox("Scene", list(by_id), key=SCENE,
                          format_func=lambda i: f"{by_id[i].number}. {by_id[i].heading} ({by_id[i].length} pg)")
    return by_id[chosen]


def render(repo: ProjectRepository, scene: Scene, llm_model: str) -> list[Shot]:
    """The propose controls and the editor; returns the scene's stored shots."""
    shots = repo.list_shots(scene.id)
    key = anthropic_key()
    left, middle, right = st.columns([3, 2, 2], vertical_alignment="bottom")
    if key is None:
        st.session_state[ENGINE] = "coverage"
    engine = left.radio("Propose with", list(ENGINES), format_func=ENGINES.__getitem__, key=ENGINE, horizontal=True,
                        disabled=key is None,
                        help=None if key else "Claude is off: no Anthropic API key is set (ANTHROPIC_API_KEY or .streamlit/secrets.toml).")
    replace = middle.checkbox("Replace the current shots", key=REPLACE, disabled=not shots,
                              help="Their frames leave the board (the images stay in the project's files).")
    if right.button("Propose shots", key="boards_shots.propose", icon=":material/auto_awesome:", type="primary" if not shots else "secondary"):
        try:
            proposed = shotlist.propose_shots(repo, scene.id, llm_for(key, llm_model) if engine == "claude" else None, replace=replace)
            flash.success(f"Proposed {len(proposed)} shots for scene {scene.number} ({ENGINES[engine].lower()}).")
        except SlatebookError as exc:
            flash.error(exc)
        st.session_state.pop(EDITOR, None)  # the editor redraws from the new list
        st.rerun()

    if not shots:
        st.info("No shots yet. Propose a shot list, or add rows to the table and save.")
    edited = st.data_editor(
        _frame_of(shots),
        key=EDITOR,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_order=COLUMNS[:-1],
        column_config={
            "size": st.column_config.SelectboxColumn("Size", options=[s.value for s in ShotSize], required=True, width="small"),
            "angle": st.column_config.SelectboxColumn("Angle", options=_options(ANGLES, shots, "angle"), required=True),
            "movement": st.column_config.SelectboxColumn("Movement", options=_options(MOVEMENTS, shots, "movement"), required=True),
            "lens_mm": st.column_config.NumberColumn("Lens (mm)", min_value=8, max_value=600, step=1, width="small"),
            "subject": st.column_config.TextColumn("Subject", required=True),
            "action": st.column_config.TextColumn("Action", width="large"),
            "dialogue": st.column_config.TextColumn("Dialogue excerpt", width="medium"),
            "duration_s": st.column_config.NumberColumn("Duration (s)", min_value=0.5, max_value=600, step=0.5, format="%.1f", width="small"),
            "in_frame": st.column_config.TextColumn("In frame", help="Characters in the shot, comma separated: their reference images are used."),
        },
    )
    total = sum(s.duration_s for s in shots)
    a, b = st.columns([1, 3], vertical_alignment="center")
    if a.button("Save shot list", key="boards_shots.save", icon=":material/save:"):
        try:
            saved = shotlist.save_shot_list(repo, scene.id, _shots_of(edited, scene, shots))
            flash.success(f"Saved {len(saved)} shots for scene {scene.number}.")
            st.session_state.pop(EDITOR, None)
            st.rerun()
        except SlatebookError as exc:
            flash.error(exc)
            st.rerun()
    b.caption(f"{len(shots)} shots, {total:.1f} s of screen time for {scene.length} pages "
              f"(about {scene.eighths * shotlist.SECONDS_PER_EIGHTH:.0f} s at a minute a page).")
    return shots


def _frame_of(shots: list[Shot]) -> pd.DataFrame:
    rows = [{
        "size": s.size.value, "angle": s.angle, "movement": s.movement, "lens_mm": s.lens_mm, "subject": s.subject,
        "action": s.action, "dialogue": s.dialogue, "duration_s": s.duration_s, "in_frame": ", ".join(s.characters),
        "id": s.id,
    } for s in shots]
    return pd.DataFrame(rows, columns=COLUMNS)


def _options(vocabulary: tuple[str, ...], shots: list[Shot], field: str) -> list[str]:
    # Words Claude or an earlier edit used stay choosable next to the standard ones.
    return list(dict.fromkeys([*vocabulary, *(getattr(s, field) for s in shots)]))


def _shots_of(table: pd.DataFrame, scene: Scene, before: list[Shot]) -> list[Shot]:
    """The edited rows as Shots; a row keeps its id (and the frame drawn for it)."""
    known = {s.id: s for s in before}
    shots = []
    for number, row in enumerate(table.to_dict("records"), start=1):
        old = known.get(row.get("id") or "")
        fields = {
            "scene_id": scene.id,
            "index": number - 1,
            "size": row.get("size") or ShotSize.MS.value,
            "angle": row.get("angle") or "eye level",
            "movement": row.get("movement") or "static",
            "lens_mm": None if pd.isna(row.get("lens_mm")) else int(row["lens_mm"]),
            "subject": (row.get("subject") or "").strip(),
            "action": (row.get("action") or "").strip(),
            "dialogue": (row.get("dialogue") or "").strip(),
            "duration_s": 3.0 if pd.isna(row.get("duration_s")) else float(row["duration_s"]),
            "characters": [n.strip().upper() for n in str(row.get("in_frame") or "").split(",") if n.strip()],
            "source": old.source if old else "user",
        }
        if not fields["subject"]:
            raise SlatebookError(f"Shot {number} has no subject.", "Say who or what the frame holds, or delete the row.")
        try:
            shots.append(Shot.model_validate({**(old.model_dump() if old else {}), **fields}))
        except ValidationError as err:
            raise SlatebookError(f"Shot {number} is not valid: {err.errors()[0]['msg']}.", "Fix the row and save again.") from None
    return shots
