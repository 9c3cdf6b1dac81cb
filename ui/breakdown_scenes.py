"""The scene picker of the Breakdown page: each scene with how much of it is left to review."""

from __future__ import annotations

import streamlit as st

from studio.models import Element, ReviewState, Scene, Script

SCENE = "breakdown_scenes.scene"  # id of the scene being reviewed


def _label(scene: Scene, elements: list[Element]) -> str:
    mine = [e for e in elements if e.scene_id == scene.id]
    pending = sum(e.review in (ReviewState.PROPOSED, ReviewState.UNVERIFIED) for e in mine)
    status = "not broken down" if not mine else (f"{pending} to review" if pending else "reviewed")
    return f"{scene.number}. {scene.heading} · {len(mine)} elements · {status}"


def pick(script: Script, elements: list[Element]) -> Scene:
    scenes = {s.id: s for s in script.active_scenes}
    if st.session_state.get(SCENE) not in scenes:
        st.session_state.pop(SCENE, None)  # a new draft can drop the scene that was open
    chosen = st.selectbox("Scene", list(scenes), format_func=lambda i: _label(scenes[i], elements), key=SCENE)
    return scenes[chosen]
