"""The scene picker of the Breakdown page: each scene with how much of it is left to review."""

from __future__ import annotations

import streamlit as st

from studio.models import Element, ReviewState, Scene, Script

SCENE = "breakdown_scenes.scene"  # id of the scene being reviewed


def _status(scene: Scene, elements: list[Element]) -> str:
    mine = [e for e in elements if e.scene_id == scene.id]
    pending = sum(e.review in (ReviewState.PROPOSED, ReviewState.UNVERIFIED) for e in mine)
    if not mine:
        return "not broken down"
    return f"{len(mine)} elements · " + (f"{pending} to review" if pending else "reviewed")


def pick(script: Script, elements: list[Element]) -> Scene:
    """The scene picker, and how far the review has got, scene by scene and overall."""
    scenes = {s.id: s for s in script.active_scenes}
    if st.session_state.get(SCENE) not in scenes:
        st.session_state.pop(SCENE, None)  # a new draft can drop the scene that was open
    # Labels stay fixed (number and heading): a browser keeps showing the label a
    # selectbox had when its options' labels change under it.
    chosen = st.selectbox("Scene", list(scenes), format_func=lambda i: f"{scenes[i].number}. {scenes[i].heading}", key=SCENE)
    scene = scenes[chosen]
    done = sum(_status(s, elements).endswith(" reviewed") for s in scenes.values())
    st.caption(f"Scene {scene.number}: {_status(scene, elements)} · {done} of {len(scenes)} scenes fully reviewed")
    return scene
