"""Bring a screenplay file into the project: an upload, or a file picked from a folder.

Both routes end in the same `_import`, so a test that picks from a folder
exercises exactly what an upload does.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import streamlit as st

from pipelines.script.service import import_script
from studio.store.base import ProjectRepository
from ui import flash
from ui.errors import shown_errors
from ui.files import SCREENPLAY_TYPES, read_local_file, screenplay_files

_UPLOAD = "script_import.upload"
_UPLOADS_DONE = "script_import.uploads_done"  # in the uploader's key: a new key empties it
_FOLDER = "script_import.folder"
_FILE = "script_import.file"


def _import(repo: ProjectRepository, read: Callable[[], bytes], filename: str) -> bool:
    """Import and rerun on success; on a problem show it and return False."""
    with shown_errors():
        # The importer parses the whole file before writing: a bad file changes nothing.
        result = import_script(repo, read(), filename)
        flash.success(result.summary())
        return True
    return False


def _upload(repo: ProjectRepository) -> None:
    done = st.session_state.get(_UPLOADS_DONE, 0)
    uploaded = st.file_uploader("Screenplay file", type=list(SCREENPLAY_TYPES), key=f"{_UPLOAD}.{done}")
    if uploaded is not None and st.button(f"Import {uploaded.name}", type="primary", key=f"{_UPLOAD}.go"):
        if _import(repo, uploaded.getvalue, uploaded.name):
            # Empty the uploader, so a second click cannot import the same file as another draft.
            st.session_state[_UPLOADS_DONE] = done + 1
            st.rerun()


def _from_folder(repo: ProjectRepository) -> None:
    typed = st.text_input("Folder or file path", key=_FOLDER, placeholder="~/scripts/drafts")
    if not typed.strip():
        return
    with shown_errors():
        path = Path(typed.strip()).expanduser()
        files = [path] if path.is_file() else screenplay_files(path)
        if not files:
            st.info("No .fountain, .fdx, .pdf or .txt file in that folder.")
            return
        by_name = {p.name: p for p in files}
        name = st.selectbox("File", list(by_name), key=_FILE)
        if st.button(f"Import {name}", type="primary", key=f"{_FILE}.go"):
            if _import(repo, lambda: read_local_file(by_name[name]), name):
                st.rerun()


def render(repo: ProjectRepository, has_script: bool) -> None:
    title = "Import a revised draft" if has_script else "Import a screenplay"
    with st.expander(title, expanded=not has_script):
        st.caption(
            "Fountain, Final Draft (.fdx), PDF with a text layer, or plain text. "
            + (
                "A new draft is matched scene by scene: unchanged scenes keep their notes and work, "
                "changed ones are flagged revised, and dropped ones are kept as OMITTED."
                if has_script
                else "The first import becomes the project's draft."
            )
        )
        upload_tab, folder_tab = st.tabs(["Upload", "From a folder"])
        with upload_tab:
            _upload(repo)
        with folder_tab:
            _from_folder(repo)
