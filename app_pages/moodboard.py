"""Step 4, Moodboard: look references for the film and each set, palettes, pinned favourites."""

import streamlit as st

from studio.settings import load_settings
from ui import boards_mood, state
from ui.boards_common import backend_picker

project, repo, script = state.script_or_stop("Moodboard", "build a look from")

settings = repo.get_project().settings
llm_model = settings.llm_model or load_settings().llm_model

st.subheader("Prompts")
backend, model_id = backend_picker("moodboard.backend", settings.image_backend)
chosen = boards_mood.render_prompts(repo, llm_model)
boards_mood.render_generate(repo, chosen, backend, model_id, llm_model)

st.subheader("Boards")
boards_mood.render_boards(state.catalog(), project, repo)
