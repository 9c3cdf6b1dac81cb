"""The production's breakdown categories: rename, hide or show, add one with its colour."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pipelines.breakdown import lists
from pipelines.breakdown.categories import CategorySet
from studio.errors import SlatebookError
from studio.store.base import ProjectRepository
from ui import flash
from ui.breakdown_highlight import palette_html

_VERSION = "breakdown_categories.version"
ADD = "breakdown_categories.add"


def _save(repo: ProjectRepository, change, message: str) -> None:
    try:
        lists.save_categories(repo, change())
    except SlatebookError as exc:
        flash.error(exc)
    else:
        flash.success(message)
    st.session_state[_VERSION] = st.session_state.get(_VERSION, 0) + 1
    st.rerun()


def render(repo: ProjectRepository) -> None:
    categories = lists.categories(repo)
    st.caption("Movie Magic Scheduling's categories and colours. Hiding a category keeps its elements; showing it brings them back.")
    st.markdown(palette_html(categories), unsafe_allow_html=True)
    key = f"breakdown_categories.table.{st.session_state.get(_VERSION, 0)}"
    rows = list(categories)
    st.data_editor(
        pd.DataFrame([{"Colour": c.colour, "Category": c.name, "Hidden": c.hidden} for c in rows]),
        key=key,
        hide_index=True,
        num_rows="fixed",
        disabled=["Colour"],
        column_config={
            "Colour": st.column_config.TextColumn(width="small"),
            "Category": st.column_config.TextColumn(required=True, help="Rename: elements keep their category"),
            "Hidden": st.column_config.CheckboxColumn(help="Left off the page and the sheets"),
        },
    )
    edited = st.session_state.get(key, {}).get("edited_rows", {})
    if edited:
        def change() -> CategorySet:
            changed = categories
            for row, cells in edited.items():
                category = rows[int(row)]
                if "Category" in cells and cells["Category"] != category.name:
                    changed = changed.rename(category.key, str(cells["Category"] or ""))
                if "Hidden" in cells:
                    changed = changed.hide(category.key) if cells["Hidden"] else changed.show(category.key)
            return changed

        _save(repo, change, "Categories saved.")

    with st.form(f"{ADD}.form", border=False):
        a, b, c = st.columns([3, 1, 1], vertical_alignment="bottom")
        name = a.text_input("New category", key=f"{ADD}.name", placeholder="e.g. Marine Unit")
        colour = b.color_picker("Colour", value="#888888", key=f"{ADD}.colour")
        if c.form_submit_button("Add category", icon=":material/add:"):
            _save(repo, lambda: categories.add(name, colour.upper()), f"Added the category {' '.join(name.split())!r}.")
