"""A scene's elements as tables grouped by category, and a person's review of them.

Tick rows and accept or reject them; edit a name, quantity, category or
evidence in the table (an edit counts as the editor's acceptance, and the
evidence is checked again); accept a category's verified proposals at once;
add what the engine missed. Every action goes through
pipelines/breakdown/approvals.py and reruns the page from the store.

The tables' widget keys carry a version that moves after each action, so
ticks and edits never linger over rows that have changed underneath.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from pipelines.breakdown import approvals
from pipelines.breakdown.categories import CategorySet
from studio.errors import SlatebookError
from studio.models import Category, Element, ReviewState, Scene
from studio.settings import load_settings, save_settings
from studio.store.base import ProjectRepository
from ui import flash

_VERSION = "breakdown_review.version"
F_CATEGORIES = "breakdown_review.filter.categories"
F_STATES = "breakdown_review.filter.states"
F_UNVERIFIED = "breakdown_review.filter.unverified"
F_SUGGESTIONS = "breakdown_review.filter.suggestions"
ACCEPT = "breakdown_review.accept_selected"
REJECT = "breakdown_review.reject_selected"
ADD = "breakdown_review.add"

STATE_LABELS = {
    ReviewState.PROPOSED: "to review",
    ReviewState.UNVERIFIED: "unverified",
    ReviewState.ACCEPTED: "accepted",
    ReviewState.REJECTED: "rejected",
}
# Review state up front: in a half-width table it is what a reviewer scans for.
COLUMNS = ["Select", "Element", "Qty", "Review", "Verified", "Evidence", "Category", "Source", "Confidence", "Suggested by / doubt"]
EDITABLE = {"Element": "name", "Qty": "quantity", "Category": "category", "Evidence": "evidence"}


@dataclass(frozen=True)
class Filters:
    categories: frozenset[str]  # keys; empty: all
    states: frozenset[ReviewState]  # empty: all
    unverified_only: bool
    suggestions_only: bool

    def keep(self, e: Element) -> bool:
        return (
            (not self.categories or e.category in self.categories)
            and (not self.states or e.review in self.states)
            and (not self.unverified_only or not e.verified)
            and (not self.suggestions_only or bool(e.suggested_by or e.doubt))
        )


def _version() -> int:
    return st.session_state.setdefault(_VERSION, 0)


def _changed(message: str | None = None, *, warning: bool = False) -> None:
    st.session_state[_VERSION] = _version() + 1
    if message:
        (flash.warning if warning else flash.success)(message)
    st.rerun()


def _act(action: Callable[[], str | None], *, warning: bool = False) -> None:
    """Run a review action; a problem the user can fix is shown, and the page reloads from the store."""
    try:
        message = action()
    except SlatebookError as exc:
        flash.error(exc)
        _changed()
        return
    _changed(message, warning=warning)


def table_key(scene: Scene, category: Category) -> str:
    return f"breakdown_review.table.{scene.id}.{category.key}.{_version()}"


def render(repo: ProjectRepository, scene: Scene, categories: CategorySet, reviewer: str) -> None:
    elements = repo.list_elements(scene.id)
    filters = _filters(categories)
    shown = [e for e in elements if filters.keep(e)]
    visible = categories.visible
    hidden = [e for e in shown if e.category not in {c.key for c in visible}]
    groups = [(c, sorted((e for e in shown if e.category == c.key), key=lambda e: e.name.casefold())) for c in visible]
    groups = [(c, rows) for c, rows in groups if rows]

    to_review = sum(e.review in (ReviewState.PROPOSED, ReviewState.UNVERIFIED) for e in elements)
    st.caption(
        f"{len(elements)} elements in scene {scene.number} · {to_review} to review · "
        f"{sum(e.approved for e in elements)} accepted · showing {len(shown) - len(hidden)}"
        + (f" · {len(hidden)} in hidden categories" if hidden else "")
    )

    selected = _selected_ids(scene, groups)
    a, b = st.columns(2)
    if a.button(f"Accept ticked ({len(selected)})", key=ACCEPT, disabled=not selected, icon=":material/check:"):
        _act(lambda: f"Accepted {len(approvals.accept_elements(repo, selected, reviewer))} element(s).")
    if b.button(f"Reject ticked ({len(selected)})", key=REJECT, disabled=not selected, icon=":material/close:"):
        _act(lambda: f"Rejected {len(approvals.reject_elements(repo, selected, reviewer))} element(s).")

    if not elements:
        st.info("No elements in this scene yet. Run the breakdown above, or add one below.")
    elif not groups:
        st.info("No element matches these filters.")
    for category, rows in groups:
        _group(repo, scene, category, rows, categories, reviewer)
    _add_form(repo, scene, categories, reviewer)


def _filters(categories: CategorySet) -> Filters:
    with st.expander("Filters", icon=":material/filter_list:"):
        left, right = st.columns(2)
        names = {c.key: c.name for c in categories.visible}
        cats = left.multiselect("Categories", list(names), format_func=names.__getitem__, key=F_CATEGORIES, placeholder="All categories")
        states = right.multiselect("Review state", list(STATE_LABELS), format_func=STATE_LABELS.__getitem__, key=F_STATES, placeholder="Any state")
        a, b = st.columns(2)
        unverified = a.toggle("Unverified only", key=F_UNVERIFIED, help="Evidence not found in the scene: needs a person.")
        suggestions = b.toggle("Suggestions only", key=F_SUGGESTIONS, help="Found or doubted by a review pass.")
    return Filters(frozenset(cats), frozenset(states), unverified, suggestions)


def _review_text(e: Element) -> str:
    label = STATE_LABELS[e.review]
    if e.review in (ReviewState.ACCEPTED, ReviewState.REJECTED) and e.reviewed_by:
        return f"{label} by {e.reviewed_by}"
    return label


def _frame(rows: list[Element], category: Category) -> pd.DataFrame:
    frame = pd.DataFrame(
        [
            {
                "Select": False,
                "Element": e.name,
                "Qty": e.quantity,
                "Category": category.name,
                "Evidence": e.evidence,
                "Verified": e.verified,
                "Review": _review_text(e),
                "Source": e.source,
                "Confidence": e.confidence,
                "Suggested by / doubt": " · ".join(p for p in (e.suggested_by, e.doubt) if p),
            }
            for e in rows
        ],
        columns=COLUMNS,
    )
    # Nullable integers: a quantity the script does not give shows empty, not "None".
    frame["Qty"] = frame["Qty"].astype("Int64")
    frame["Confidence"] = frame["Confidence"].astype("Float64")
    return frame


def _selected_ids(scene: Scene, groups: list[tuple[Category, list[Element]]]) -> list[str]:
    """Rows ticked in any table, read from the tables' own widget state."""
    ids = []
    for category, rows in groups:
        edited = st.session_state.get(table_key(scene, category), {}).get("edited_rows", {})
        for row, cells in edited.items():
            if cells.get("Select") and int(row) < len(rows):
                ids.append(rows[int(row)].id)
    return ids


def _group(repo: ProjectRepository, scene: Scene, category: Category, rows: list[Element], categories: CategorySet, reviewer: str) -> None:
    pending = sum(e.review in (ReviewState.PROPOSED, ReviewState.UNVERIFIED) for e in rows)
    ready = sum(e.review == ReviewState.PROPOSED and e.verified for e in rows)
    head, action = st.columns([3, 1])
    head.markdown(
        f"<span style='background:{category.colour};color:{category.text_colour};padding:.15em .6em;border-radius:3px;"
        f"font-weight:600'>{category.name}</span>&nbsp; {len(rows)} · {pending} to review",
        unsafe_allow_html=True,
    )
    if action.button(
        f"Accept verified ({ready})",
        key=f"breakdown_review.bulk.{category.key}",
        disabled=not ready,
        help="Accepts this category's proposals whose evidence is in the scene. Unverified ones need accepting one by one.",
    ):
        def bulk() -> str:
            result = approvals.bulk_accept(repo, scene.id, category.key, reviewer)
            waiting = f"; {result.left_unverified} unverified left to accept one by one" if result.left_unverified else ""
            return f"Accepted {result.accepted} in {category.name}{waiting}."

        _act(bulk)
    key = table_key(scene, category)
    names = {c.name: c.key for c in categories.visible}
    st.data_editor(
        _frame(rows, category),
        key=key,
        hide_index=True,
        width="stretch",
        num_rows="fixed",
        disabled=["Verified", "Review", "Source", "Confidence", "Suggested by / doubt"],
        column_config={
            "Select": st.column_config.CheckboxColumn("✓", width="small", help="Tick to accept or reject"),
            "Element": st.column_config.TextColumn(required=True),
            "Qty": st.column_config.NumberColumn(min_value=1, step=1, width="small"),
            "Category": st.column_config.SelectboxColumn(options=list(names), required=True),
            "Evidence": st.column_config.TextColumn(width="large", help="The words in the scene this element comes from"),
            "Verified": st.column_config.CheckboxColumn(width="small", help="The evidence was found in the scene"),
            "Confidence": st.column_config.NumberColumn(format="%.2f", width="small"),
        },
    )
    _apply_edits(repo, key, rows, names, reviewer)


def _apply_edits(repo: ProjectRepository, key: str, rows: list[Element], names: dict[str, str], reviewer: str) -> None:
    edited = st.session_state.get(key, {}).get("edited_rows", {})
    for row, cells in edited.items():
        changes = {EDITABLE[c]: v for c, v in cells.items() if c in EDITABLE}
        if not changes or int(row) >= len(rows):
            continue
        element = rows[int(row)]
        if "category" in changes:
            changes["category"] = names.get(changes["category"], changes["category"])
        if "quantity" in changes and changes["quantity"] is not None:
            changes["quantity"] = int(changes["quantity"])
        if "name" in changes:
            changes["name"] = str(changes["name"] or "")

        def save(element: Element = element, changes: dict = changes) -> str:
            saved = approvals.edit_element(repo, element.id, reviewer, **changes)
            if not saved.verified:
                return f"Saved {saved.name!r} as accepted, but its evidence is not in the scene (unverified)."
            return f"Saved and accepted {saved.name!r}."

        _act(save)
        return


def _add_form(repo: ProjectRepository, scene: Scene, categories: CategorySet, reviewer: str) -> None:
    with st.expander("Add an element", icon=":material/add:"):
        with st.form(f"{ADD}.form", clear_on_submit=False, border=False):
            names = {c.key: c.name for c in categories.visible}
            a, b, c = st.columns([2, 3, 1])
            category = a.selectbox("Category", list(names), format_func=names.__getitem__, key=f"{ADD}.category")
            name = b.text_input("Element", key=f"{ADD}.name", placeholder="e.g. wheeled suitcase")
            quantity = c.number_input("Qty", min_value=1, step=1, value=None, key=f"{ADD}.quantity")
            evidence = st.text_input(
                "Evidence (the words in the scene)", key=f"{ADD}.evidence", help="Copy them from the scene; if they are not found the element stays unverified."
            )
            note = st.text_input("Note", key=f"{ADD}.note")
            if st.form_submit_button("Add element", icon=":material/add:"):
                def add() -> str:
                    added = approvals.add_element(
                        repo, scene.id, category=category, name=name, evidence=evidence, reviewer=reviewer, quantity=quantity, note=note
                    )
                    for field in ("name", "quantity", "evidence", "note"):
                        st.session_state.pop(f"{ADD}.{field}", None)  # kept when the add fails, cleared once it is saved
                    if added.verified:
                        return f"Added and accepted {added.name!r} ({names[category]})."
                    flash.warning(f"The evidence for {added.name!r} is not in scene {scene.number}, so it is unverified: accept it when you are sure.")
                    return None

                _act(add)


REVIEWER = "breakdown_review.reviewer"


def reviewer_name() -> str:
    """Settings' "your name"; asked for here when it is empty, and saved to Settings."""
    settings = load_settings()
    if settings.user_name:
        st.caption(f"Reviewing as **{settings.user_name}** (change it in Settings).")
        return settings.user_name
    with st.form(f"{REVIEWER}.form", border=False):
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        name = left.text_input("Your name, recorded as the reviewer of each element", key=REVIEWER)
        if right.form_submit_button("Save name"):
            if " ".join(name.split()):
                save_settings(settings.model_copy(update={"user_name": " ".join(name.split())}))
                flash.success(f"Reviewing as {' '.join(name.split())}.")
            else:
                flash.warning("Enter a name: every accepted or rejected element records who reviewed it.")
            st.rerun()
    return ""
