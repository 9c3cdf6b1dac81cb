"""Schedule versions ("board swaps"): pick the one shown, save a copy under a name, delete, compare.

Owns the session keys starting with "schedule_versions.".
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from scheduling.reports import versions as service
from scheduling.reports.compare import compare
from studio.errors import SlatebookError
from studio.models import Schedule
from studio.store.base import ProjectRepository
from ui import flash

_CURRENT = "schedule_versions.current"  # id of the version shown (the picker's widget key)
_PENDING = "schedule_versions.pending"  # a version to show on the next run, set after the picker was drawn


def show_version(schedule_id: str | None) -> None:
    """Show `schedule_id` from the next time the picker is drawn (this run's, or the next after a rerun)."""
    if schedule_id:
        st.session_state[_PENDING] = schedule_id


def _label(s: Schedule) -> str:
    gap = f", gap {s.gap:.0%}" if s.gap else ""
    cost = f" · ${s.objective:,.0f}" if s.objective is not None else ""
    return f"{s.name} ({s.status or 'manual'}{gap}){cost}"


def pick(repo: ProjectRepository) -> Schedule | None:
    """The version picker; returns the version shown (the newest when none was picked)."""
    found = service.versions(repo)
    if not found:
        return None
    by_id = {s.id: s for s in found}
    pending = st.session_state.pop(_PENDING, None)
    if pending in by_id:
        st.session_state[_CURRENT] = pending
    if st.session_state.get(_CURRENT) not in by_id:
        st.session_state[_CURRENT] = found[-1].id
    chosen = st.selectbox("Version shown", list(by_id), format_func=lambda i: _label(by_id[i]), key=_CURRENT)
    return by_id[chosen]


def manage(repo: ProjectRepository, current: Schedule) -> None:
    left, right = st.columns(2)
    with left.form("schedule_versions.save_as", clear_on_submit=True):
        name = st.text_input("Save a copy as", placeholder="e.g. Ferry first", key="schedule_versions.name")
        if st.form_submit_button("Save copy", icon=":material/content_copy:"):
            try:
                copy = service.save_as(repo, current, name)
            except SlatebookError as exc:
                flash.error(exc)
            else:
                show_version(copy.id)
                flash.success(f"Saved {copy.name!r}: a copy of {current.name!r} to try changes on.")
            st.rerun()
    with right:
        st.caption(f"Delete {current.name!r} (the other versions stay).")
        if st.button("Delete this version", icon=":material/delete:", key="schedule_versions.delete"):
            service.delete_version(repo, current.id)
            flash.success(f"Deleted version {current.name!r}.")
            st.rerun()


def render_compare(repo: ProjectRepository, summarise) -> None:
    """Two versions side by side. `summarise(schedule)` gives a ScheduleSummary."""
    found = service.versions(repo)
    if len(found) < 2:
        st.info("Keep two versions (solve again, or save a copy and move strips) to compare them here.")
        return
    by_id = {s.id: s for s in found}
    left, right = st.columns(2)
    a = left.selectbox("A", list(by_id), index=len(found) - 2, format_func=lambda i: by_id[i].name, key="schedule_versions.a")
    b = right.selectbox("B", list(by_id), index=len(found) - 1, format_func=lambda i: by_id[i].name, key="schedule_versions.b")
    rows = compare(summarise(by_id[a]), summarise(by_id[b]))
    frame = pd.DataFrame(
        [{"Measure": r.measure, by_id[a].name + " (A)": r.a, by_id[b].name + " (B)": r.b, "B − A": r.difference,
          "Better": {"a": "A", "b": "B"}.get(r.better, "")} for r in rows]
    )
    st.dataframe(frame, hide_index=True, width="stretch", key="schedule_versions.compare")


def peek(repo: ProjectRepository) -> Schedule | None:
    """The version the picker will show, without drawing it (the solve panel sits above it)."""
    found = {s.id: s for s in service.versions(repo)}
    chosen = st.session_state.get(_PENDING) or st.session_state.get(_CURRENT)
    if chosen in found:
        return found[chosen]
    return list(found.values())[-1] if found else None
