"""Messages that outlive an st.rerun().

An action (import, save, rename) changes the store and reruns so every widget
redraws from it; what the action said would vanish with that rerun, so it is
kept here and shown once on the next run.
"""

from __future__ import annotations

import streamlit as st

from studio.errors import SlatebookError
from ui.errors import show_error

_KEY = "flash.messages"  # owned here: list of ("success" | "warning", text) or SlatebookError


def success(text: str) -> None:
    st.session_state.setdefault(_KEY, []).append(("success", text))


def warning(text: str) -> None:
    st.session_state.setdefault(_KEY, []).append(("warning", text))


def error(exc: SlatebookError) -> None:
    st.session_state.setdefault(_KEY, []).append(exc)


def show() -> None:
    """Draw the pending messages where the page wants them, then forget them."""
    for message in st.session_state.pop(_KEY, []):
        if isinstance(message, SlatebookError):
            show_error(message)
        elif message[0] == "success":
            st.success(message[1])
        else:
            st.warning(message[1])
