"""Show a `SlatebookError` as its problem and its hint, never as a traceback."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from studio.errors import SlatebookError


def show_error(exc: SlatebookError) -> None:
    st.error(exc.problem)
    if exc.hint:
        st.info(exc.hint)


@contextmanager
def shown_errors() -> Iterator[None]:
    """Run a user action; a problem the user can fix is shown and the rest of the block skipped.

    Only `SlatebookError` is caught: st.rerun()/st.stop() work by raising their own
    exceptions and must pass through, and a real bug should surface as one.
    """
    try:
        yield
    except SlatebookError as exc:
        show_error(exc)
