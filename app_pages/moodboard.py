"""Step 4, Moodboard: look references for the film and each set, palettes, pinned favourites."""

import streamlit as st

from studio.settings import load_settings
from ui import boards_mood, flash, state
from ui.boards_common import backend_picker

project = state.current_project_name()
repo = state.current_repo()
script = repo.get_script()

st.title("Moodboard")
flash.show()
if script is None or not script.active_scenes:
    st.info(f"{project} has no screenplay yet, so there is nothing to build a look from.")
    st.page_link("app_pages/script.py", label="Import one on the Script page", icon=":material/description:")
    st.stop()

settings = repo.get_project().settings
llm_model = settings.llm_model or load_settings().llm_model

st.subheader("Prompts")
backend, model_id = backend_picker("moodboard.backend", settings.image_backend)
chosen = boards_mood.render_prompts(repo, llm_model)
boards_mood.render_generate(repo, chosen, backend, model_id, llm_model)

st.subheader("Boards")
boards_mood.render_boards(state.catalog(), project, repo)
