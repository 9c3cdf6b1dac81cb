"""Settings: where the data lives, which Claude model to use, who is reviewing, and the image model."""

import streamlit as st

from studio.paths import data_home
from studio.settings import DEFAULT_LLM_MODEL, load_settings, save_settings, settings_path
from ui import flash, settings_images
from ui.keys import anthropic_key_is_set

st.title("Settings")
flash.show()
settings = load_settings()

st.text_input(
    "Data folder",
    value=str(data_home()),
    disabled=True,
    help="Projects live here. Set the SLATEBOOK_HOME environment variable to move it.",
)
if anthropic_key_is_set():
    st.success("An Anthropic API key is set. Claude does the AI steps.")
else:
    st.info(
        "No Anthropic API key is set, so the offline engines do the AI steps. "
        "To use Claude, set ANTHROPIC_API_KEY in the environment or in .streamlit/secrets.toml."
    )

with st.form("settings"):
    model = st.text_input("Claude model id", value=settings.llm_model, help=f"Default: {DEFAULT_LLM_MODEL}")
    name = st.text_input("Your name", value=settings.user_name, help="Recorded as the reviewer when you accept or reject AI work.")
    if st.form_submit_button("Save settings", type="primary"):
        # model_copy keeps the image-model settings, which their own section saves.
        save_settings(settings.model_copy(update={"llm_model": model.strip() or DEFAULT_LLM_MODEL, "user_name": name.strip()}))
        flash.success(f"Saved to {settings_path()}.")
        st.rerun()

settings_images.render(settings)
