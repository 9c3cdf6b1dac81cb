"""Pick a scene and read it laid out like a screenplay page, with line numbers."""

from __future__ import annotations

import streamlit as st

from studio.models import Scene, Script
from ui.screenplay_html import scene_html

_SCENE = "scene_reader.scene"  # id of the scene being read


def _label(scene: Scene) -> str:
    status = " (OMITTED)" if scene.omitted else (" *" if scene.revised else "")
    return f"{scene.number}. {scene.heading}{status}"


def render(script: Script) -> None:
    by_id = {s.id: s for s in script.scenes}
    if st.session_state.get(_SCENE) not in by_id:
        # A new draft can drop the scene that was open; start again at the top.
        st.session_state.pop(_SCENE, None)
    chosen = st.selectbox("Scene", list(by_id), format_func=lambda i: _label(by_id[i]), key=_SCENE)
    scene = by_id[chosen]
    cast = ", ".join(scene.characters) or "no speaking cast"
    st.caption(f"{scene.length} pages · {cast} · line numbers in the margin are what later steps cite")
    st.markdown(scene_html(scene), unsafe_allow_html=True)
