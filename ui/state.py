"""The project catalogue and the project being worked on, kept in st.session_state.

This module is the only writer of its keys. Pages ask it for the current
repository and call `open_project` to switch; the sidebar picker follows.
"""

from __future__ import annotations

import streamlit as st

from studio.models import Script
from studio.store.base import ProjectRepository
from studio.store.catalog import ProjectCatalog

_CATALOG = "state.catalog"
_PROJECT = "state.project"  # name of the project being worked on
_PICKER = "state.project_picker"  # the sidebar selectbox's own widget key


def catalog() -> ProjectCatalog:
    # One per browser session, not st.cache_resource: the data folder comes from
    # SLATEBOOK_HOME, and a process-wide cache would outlive a change of it (tests).
    if _CATALOG not in st.session_state:
        st.session_state[_CATALOG] = ProjectCatalog()
    return st.session_state[_CATALOG]


def current_project_name() -> str:
    """The chosen project; on first start (or if it was deleted) the last one used, else the sample."""
    name = st.session_state.get(_PROJECT)
    cat = catalog()
    if not name or not cat.exists(name):
        from pipelines.sample import default_project_name

        name = default_project_name(cat)
        st.session_state[_PROJECT] = name
    return name


def current_repo() -> ProjectRepository:
    # Opened on every run rather than kept: Streamlit may run the next rerun on
    # another thread, and a SQLite connection belongs to the thread that made it.
    return catalog().open(current_project_name())


def open_project(name: str) -> None:
    """Make `name` the project every page works on (the picker shows it on the next run)."""
    st.session_state[_PROJECT] = name


def forget_project() -> None:
    """After a delete: the next run falls back to the default project."""
    st.session_state.pop(_PROJECT, None)


def _picked() -> None:
    st.session_state[_PROJECT] = st.session_state[_PICKER]


def project_picker() -> None:
    """The sidebar selectbox of projects."""
    current = current_project_name()
    names = [p.name for p in catalog().list_projects()]
    if current not in names:  # listing and opening can race with another tab's delete
        names.append(current)
    # A page may have switched project since the widget last ran; set the widget's
    # value before it is drawn (Streamlit forbids writing it afterwards).
    st.session_state[_PICKER] = current
    st.sidebar.selectbox("Project", names, key=_PICKER, on_change=_picked)


def script_or_stop(title: str, nothing_to: str) -> tuple[str, ProjectRepository, Script]:
    """(project name, repository, current draft) for a step that needs scenes.

    Draws the page title; without a screenplay, says there is `nothing_to` do
    yet, links to the Script page and stops the page there.
    """
    from ui import flash

    project = current_project_name()
    repo = current_repo()
    script = repo.get_script()
    st.title(title)
    flash.show()
    if script is None or not script.active_scenes:
        st.info(f"{project} has no screenplay yet, so there is nothing to {nothing_to}.")
        st.page_link("app_pages/script.py", label="Import one on the Script page", icon=":material/description:")
        st.stop()
    return project, repo, script
