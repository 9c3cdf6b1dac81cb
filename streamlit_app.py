"""Slatebook, the app: page routing and the project picker. `streamlit run streamlit_app.py`.

Start-up stays light: pages import what they need when they run, and the
readers for PDF/FDX load only when a file is imported.
"""

import streamlit as st

from ui import state
from ui.errors import shown_errors

st.set_page_config(page_title="Slatebook", page_icon=":material/movie:", layout="wide")

# Pages live in app_pages/, not pages/: Streamlit treats a pages/ folder beside the
# entry script as a legacy multipage app and would run a page file on its own,
# without this script (no page config, no project picker).
# The notebook's steps in order. A step joins with one line here when its page works.
NOTEBOOK = [
    st.Page("app_pages/script.py", title="Script", icon=":material/description:", default=True),
    st.Page("app_pages/breakdown.py", title="Breakdown", icon=":material/label:"),
    st.Page("app_pages/moodboard.py", title="Moodboard", icon=":material/palette:"),
    st.Page("app_pages/storyboard.py", title="Storyboard", icon=":material/view_comfy:"),
    st.Page("app_pages/schedule.py", title="Schedule", icon=":material/calendar_month:"),
]
STUDIO = [
    st.Page("app_pages/projects.py", title="Projects", icon=":material/folder_open:"),
    st.Page("app_pages/settings.py", title="Settings", icon=":material/settings:"),
]

page = st.navigation({"Notebook": NOTEBOOK, "Studio": STUDIO})
# A problem the user can fix (an unwritable data folder, a project deleted in
# another tab) reaches them as problem and hint, never as a traceback.
with shown_errors():
    state.project_picker()
    page.run()
