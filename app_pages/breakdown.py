"""Step 2, Breakdown: run an engine, review each scene's elements against its text, export sheets."""

import streamlit as st

from pipelines.breakdown import lists
from ui import breakdown_cast, breakdown_categories, breakdown_downloads, breakdown_review, breakdown_run, breakdown_scenes, state
from ui.breakdown_highlight import highlighted_scene_html, legend_html

project, repo, script = state.script_or_stop("Breakdown", "break down")

categories = lists.categories(repo)
breakdown_run.render(repo)
reviewer = breakdown_review.reviewer_name()

review, cast, category_tab, export = st.tabs(["Scenes", "Cast & extras", "Categories", "Export"])
with review:
    scene = breakdown_scenes.pick(script, repo.list_elements())
    elements = repo.list_elements(scene.id)
    text, table = st.columns([5, 7])
    with text:
        st.caption(f"{scene.int_ext.value or '-'} · {scene.location or scene.heading} · {scene.day_night} · {scene.length} pages")
        st.markdown(legend_html(categories, elements), unsafe_allow_html=True)
        st.markdown(highlighted_scene_html(scene, elements, categories), unsafe_allow_html=True)
    with table:
        breakdown_review.render(repo, scene, categories, reviewer)
with cast:
    breakdown_cast.render(repo, script)
with category_tab:
    breakdown_categories.render(repo)
with export:
    breakdown_downloads.render(state.catalog(), project, scene)
