"""Symmetry breaking: strips that are interchangeable are kept in script order.

Two strips with the same cast, location, INT/EXT, DAY/NIGHT and length cost the same wherever they
go, so swapping them never helps; fixing their order (when no lock or scene order names them)
removes those duplicate solutions from the search, as merging identical cast sets does for the
talent model.
"""

from __future__ import annotations

from scheduling.model.variables import ScheduleModel


def add_interchangeable_strip_order(sm: ScheduleModel) -> None:
    problem = sm.problem
    pinned = set(problem.locks) | {sid for pair in problem.precedences for sid in pair}
    classes: dict[tuple, list[int]] = {}
    for s, st in enumerate(problem.strips):
        if st.id in pinned:
            continue
        key = (frozenset(st.cast), st.location, st.int_ext, st.day_night, st.hours, st.eighths, st.days)
        classes.setdefault(key, []).append(s)
    for members in classes.values():
        for a, b in zip(members, members[1:]):
            sm.model.Add(sm.day_of(a) <= sm.day_of(b))
