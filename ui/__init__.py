"""Streamlit glue shared by the pages: session state, messages, files, widgets.

Only this package, `app_pages/` and `streamlit_app.py` import streamlit. Each
module owns the session-state keys it names and no other code writes them.
"""
