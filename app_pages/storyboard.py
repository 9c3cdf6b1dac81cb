"""Step 5, Storyboard: a shot list per scene, one frame per shot in the project's style, exports."""

import streamlit as st

from studio.settings import load_settings
from ui import boards_panels, boards_shots, boards_style, state
from ui.boards_common import backend_picker

project, repo, script = state.script_or_stop("Storyboard", "board")

settings = repo.get_project().settings
llm_model = settings.llm_model or load_settings().llm_model
top_left, top_right = st.columns([3, 2], vertical_alignment="bottom")
with top_left:
    scene = boards_shots.pick_scene(script)
with top_right:
    backend, model_id = backend_picker("storyboard.backend", settings.image_backend)
st.caption(f"{scene.int_ext.value or '-'} · {scene.location or scene.heading} · {scene.day_night} · "
           f"{scene.length} pages · speaking: {', '.join(scene.characters) or 'nobody'} · aspect {settings.aspect_ratio}")

with st.expander("Project style", icon=":material/palette:"):
    boards_style.render_style(repo)

st.subheader("Shot list")
shots = boards_shots.render(repo, scene, llm_model)

with st.expander("Character references", icon=":material/face:"):
    boards_style.render_references(repo, list(dict.fromkeys(c for s in shots for c in s.characters)))

st.subheader("Frames")
running = boards_panels.render_generate(repo, scene, backend, model_id, llm_model)
boards_panels.render_panels(repo, scene, backend, model_id, running, llm_model)

with st.expander("Export", icon=":material/download:"):
    boards_panels.render_exports(state.catalog(), project, repo, scene)
