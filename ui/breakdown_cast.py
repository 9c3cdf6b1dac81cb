"""The cast list (numbered by prominence, rates editable), alias suggestions to confirm, and extras."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pipelines.breakdown import lists
from pipelines.breakdown.cast import suggest_aliases
from studio.errors import SlatebookError
from studio.models import Script
from studio.store.base import ProjectRepository
from ui import flash

_VERSION = "breakdown_cast.version"
REBUILD = "breakdown_cast.rebuild"


def _saved(message: str) -> None:
    st.session_state[_VERSION] = st.session_state.get(_VERSION, 0) + 1
    flash.success(message)
    st.rerun()


def render(repo: ProjectRepository, script: Script) -> None:
    cast = lists.cast_list(repo)
    numbers = {s.id: s.number for s in script.scenes}
    st.markdown("**Cast list** · numbered by prominence: 1 is in the most scenes")
    if not repo.list_characters():
        st.caption("Not saved yet: this is the list the draft implies. A breakdown run saves it; so does a rate or a merge.")
    if st.button("Renumber from the current draft", key=REBUILD, icon=":material/format_list_numbered:"):
        try:
            lists.rebuild_cast(repo)
        except SlatebookError as exc:
            flash.error(exc)
            st.rerun()
        _saved("Cast list renumbered; confirmed aliases and rates kept.")
    if not cast:
        st.info("No speaking characters in this draft yet.")
    else:
        key = f"breakdown_cast.table.{st.session_state.get(_VERSION, 0)}"
        frame = pd.DataFrame(
            [
                {
                    "#": c.id_number,
                    "Character": c.name,
                    "Also called": ", ".join(c.aliases),
                    "Scenes": len(c.scene_ids),
                    "Scene numbers": ", ".join(numbers.get(i, "?") for i in c.scene_ids),
                    "Daily rate": c.daily_rate,
                }
                for c in cast
            ]
        )
        st.data_editor(
            frame,
            key=key,
            hide_index=True,
            width="stretch",
            num_rows="fixed",
            disabled=["#", "Character", "Also called", "Scenes", "Scene numbers"],
            column_config={"Daily rate": st.column_config.NumberColumn(min_value=0.0, step=50.0, format="%.2f", help="Per shooting day, for the budget")},
        )
        edited = st.session_state.get(key, {}).get("edited_rows", {})
        rates = {cast[int(row)].id: cells["Daily rate"] for row, cells in edited.items() if "Daily rate" in cells}
        if rates:
            try:
                lists.set_daily_rates(repo, {i: (None if r is None else float(r)) for i, r in rates.items()})
            except SlatebookError as exc:
                flash.error(exc)
                st.rerun()
            _saved("Daily rate saved.")

    suggestions = suggest_aliases(cast)
    if suggestions:
        st.markdown("**Same person?** Merge only what you know is one character.")
        for i, s in enumerate(suggestions):
            text, button = st.columns([4, 1])
            text.write(f"**{s.alias}** may be **{s.keep}**")
            if button.button("Merge", key=f"breakdown_cast.merge.{i}", help=f"Count {s.alias}'s scenes as {s.keep}'s"):
                try:
                    lists.confirm_alias(repo, keep=s.keep, alias=s.alias)
                except SlatebookError as exc:
                    flash.error(exc)
                    st.rerun()
                _saved(f"Merged {s.alias} into {s.keep}.")

    st.markdown("**Extras** (background actors) across the script")
    extras = lists.extras(repo)
    if not extras:
        st.caption("None tagged yet.")
    else:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "Background": x.name,
                        "Scenes": len(x.scene_numbers),
                        "Scene numbers": ", ".join(x.scene_numbers),
                        "Most in a scene": x.most_in_a_scene,
                        "Approved": x.approved,
                    }
                    for x in extras
                ]
            ),
            hide_index=True,
            width="stretch",
        )
