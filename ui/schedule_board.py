"""The schedule's reports on the page: stripboard (HTML strips), one-liner, Day Out of Days, cost.

Script text reaches the page escaped: a heading is data, never markup.
"""

from __future__ import annotations

from html import escape

import pandas as pd
import streamlit as st

from scheduling.evaluate import money
from scheduling.reports.board import Board
from scheduling.reports.costs import CostBreakdown
from scheduling.reports.dood import CODES, DayOutOfDays
from scheduling.reports.one_liner import one_liner
from scheduling.reports.stripboard import (
    DAY_BREAK_COLOUR,
    DAY_OFF_COLOUR,
    MOVE_COLOUR,
    DayBreak,
    DayOffBanner,
    MoveBanner,
    StripRow,
    stripboard,
)

_CSS = f"""
<style>
.sb-board {{ font: 13px/1.25 system-ui, sans-serif; border: 1px solid #999; max-height: 640px; overflow-y: auto; }}
.sb-strip {{ display: grid; grid-template-columns: 3.2em 4.2em 6.5em 1fr 5.5em 3.6em 8em; gap: 0 .5em;
  padding: 3px 6px; border-bottom: 1px solid #8884; color: #111; }}
.sb-strip.sb-locked {{ box-shadow: inset 4px 0 0 #c62828; }}
.sb-break {{ background: {DAY_BREAK_COLOUR}; color: #fff; font-weight: 600; padding: 4px 6px; }}
.sb-move {{ background: {MOVE_COLOUR}; color: #fff; font-weight: 600; padding: 2px 6px; font-size: 12px; }}
.sb-off {{ background: {DAY_OFF_COLOUR}; color: #fff; font-style: italic; padding: 3px 6px; font-size: 12px; }}
.sb-num {{ font-weight: 700; }}
.sb-muted {{ color: #333; font-size: 12px; }}
</style>
"""


def stripboard_html(board: Board) -> str:
    rows = []
    for row in stripboard(board):
        if isinstance(row, StripRow):
            s = row.strip
            lock = " sb-locked" if s.locked else ""
            title = escape(f"Scene {s.number}: {s.heading}" + (" (locked to its day)" if s.locked else ""))
            rows.append(
                f'<div class="sb-strip{lock}" data-kind="{s.kind}" style="background:{row.colour}" title="{title}">'
                f'<span class="sb-muted">D{row.day}</span><span class="sb-num">{escape(s.number)}</span>'
                f"<span>{s.kind}</span><span>{escape(s.heading)}</span><span>{escape(s.length)}</span>"
                f'<span>{s.hours:.1f}h</span><span class="sb-muted">{escape(" ".join(map(str, s.cast)))}</span></div>'
            )
        elif isinstance(row, MoveBanner):
            rows.append(f'<div class="sb-move">⇄ {escape(row.label)}</div>')
        elif isinstance(row, DayOffBanner):
            rows.append(f'<div class="sb-off">{escape(row.label)}</div>')
        else:
            assert isinstance(row, DayBreak)
            rows.append(f'<div class="sb-break">{escape(row.label)}</div>')
    return _CSS + '<div class="sb-board">' + "".join(rows) + "</div>"


def render_stripboard(board: Board) -> None:
    cast = " · ".join(f"{c.id_number} {c.name}" for c in board.cast)
    st.caption(f"Cast: {cast}" if cast else "No cast on this board.")
    st.markdown(stripboard_html(board), unsafe_allow_html=True)
    if board.unscheduled:
        st.warning(f"Not on this board: scenes {', '.join(s.number for s in board.unscheduled)}. Solve again to place them.")


def render_one_liner(board: Board) -> None:
    for day in one_liner(board):
        st.markdown(f"**{day.title}**")
        st.dataframe(
            pd.DataFrame(
                [{"Sc.": line.scene, "Set / heading": line.heading, "Pages": line.pages, "Cast": line.cast, "Synopsis": line.synopsis} for line in day.lines]
            ),
            hide_index=True,
            width="stretch",
        )
        st.caption(day.total)
        for off in day.days_off:
            st.markdown(f"*{off.label}*")


def dood_frame(dood: DayOutOfDays) -> pd.DataFrame:
    day_columns = [f"{n} {d:%d/%m}" if d else str(n) for n, d in zip(dood.days, dood.dates)]
    return pd.DataFrame(
        [
            {"#": r.id_number, "Cast": r.name, **dict(zip(day_columns, r.codes)), "Work": r.work, "Hold": r.hold,
             "Drop": r.drop, "Total": r.total, "Start": r.start or "", "Finish": r.finish or ""}
            for r in dood.rows
        ],
        columns=["#", "Cast", *day_columns, "Work", "Hold", "Drop", "Total", "Start", "Finish"],
    )


def _code_colour(value: object) -> str:
    if value == "H":
        return "background-color: #f3e3c3"
    if value in ("SW", "SWF", "PW"):
        return "background-color: #d7ecd3"
    if value == "D":
        return "background-color: #e0e0e0"
    return ""


def render_dood(dood: DayOutOfDays) -> None:
    st.caption(" · ".join(f"**{code}** {meaning.lower()}" for code, meaning in CODES.items()))
    frame = dood_frame(dood)
    st.dataframe(frame.style.map(_code_colour), hide_index=True, width="stretch", key="schedule_board.dood")
    rule = f"a gap of {dood.drop_after}+ shoot days is a drop" if dood.drop_after else "every gap is held"
    st.caption(f"{dood.hold_days} hold days in all; {rule}.")


def render_costs(breakdown: CostBreakdown) -> None:
    st.metric("Schedule cost", money(breakdown.total))
    for family in breakdown.families:
        with st.expander(f"{family.name}: {money(family.total)}", expanded=family.key in ("cast_holds", "company_moves")):
            st.dataframe(
                pd.DataFrame([{"Item": i.label, "Cost": money(i.amount)} for i in family.items]),
                hide_index=True,
                width="stretch",
            )
