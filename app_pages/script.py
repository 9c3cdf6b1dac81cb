"""Step 1, Script: import a draft, check the scene list, fix scene metadata, read a scene."""

import streamlit as st

from studio.models import format_eighths
from ui import flash, scene_reader, scene_table, script_import, state

project = state.current_project_name()
repo = state.current_repo()
script = repo.get_script()

st.title("Script")
flash.show()
script_import.render(repo, has_script=script is not None)

if script is None:
    st.info(f"{project} has no screenplay yet. Upload one above, or pick a file from a folder.")
    st.stop()

st.subheader(script.title or script.source_name)
st.caption(
    f"Draft {script.revision} · {script.source_name} ({script.source_format}) · "
    f"imported {script.imported_at:%d %b %Y %H:%M} UTC"
)
scenes, pages, length, omitted = st.columns(4)
scenes.metric("Scenes", len(script.active_scenes))
pages.metric("Script pages", f"{script.page_count:.1f}", help="Page count of the draft as laid out in Courier 12")
length.metric(
    "Scene lengths", f"{format_eighths(script.total_eighths)} pages", help=f"The sum of the scenes' eighths: {script.total_eighths}/8"
)
omitted.metric("Omitted", sum(s.omitted for s in script.scenes))
if script.warnings:
    with st.expander(f"{len(script.warnings)} import warning(s)"):
        for warning in script.warnings:
            st.warning(warning)

st.subheader("Scenes")
scene_table.render(repo, script)

st.subheader("Scene reader")
scene_reader.render(script)
