"""The schedule setup as forms and editable tables: calendar, day, rules, cost weights, cast terms,
locations, locks, scene orders and multi-day scenes. Each form saves to the project on submit.

Owns the session keys starting with "schedule_setup.".
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from scheduling.locations import shooting_locations
from scheduling.problem import ScheduleProblem
from scheduling.project_problem import first_shoot_day, public_holidays_ahead, save_schedule_setup
from scheduling.public_holidays import PRODUCTION_REGIONS, find_region, region_label
from studio.errors import SlatebookError
from studio.models import Scene
from studio.models.planning import (
    CastAvailability,
    LocationAvailability,
    ObjectiveWeights,
    Precedence,
    ScheduleSetup,
    StripLock,
)
from studio.store.base import ProjectRepository
from ui import flash
from ui.errors import show_error

WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_REGION_FOUND = "schedule_setup.region_found"


def render(repo: ProjectRepository, setup: ScheduleSetup, problem: ScheduleProblem, scenes: list[Scene]) -> None:
    calendar, rules, cast, places, order = st.tabs(["Calendar & day", "Rules & weights", "Cast", "Locations", "Locks & order"])
    with calendar:
        _calendar_form(repo, setup)
        _public_holidays(setup)
    with rules:
        _rules_form(repo, setup)
    with cast:
        _cast_form(repo, setup, problem)
    with places:
        _locations_form(repo, setup, problem)
    with order:
        _order_form(repo, setup, scenes)


def _save(repo: ProjectRepository, setup: ScheduleSetup, what: str, **changes) -> None:
    try:
        updated = ScheduleSetup.model_validate({**setup.model_dump(), **changes})
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        flash.error(SlatebookError(f"The {what} were not saved: {field}: {first['msg']}.", "Correct the value and save again."))
    else:
        save_schedule_setup(repo, updated)
        flash.success(f"Saved the {what}. Solve again to use them.")
    st.rerun()


def _calendar_form(repo: ProjectRepository, setup: ScheduleSetup) -> None:
    if st.session_state.pop(_REGION_FOUND, False):
        st.session_state["schedule_setup.holiday_region"] = setup.holiday_region or ""
    with st.form("schedule_setup.calendar"):
        left, right = st.columns(2)
        start = left.date_input(
            "First shoot day", value=setup.start_date, key="schedule_setup.start_date", format="YYYY-MM-DD",
            help="Empty: the next Monday",
        )
        weekdays = left.multiselect(
            "Shoot on", WEEKDAYS, default=[WEEKDAYS[d] for d in setup.work_weekdays], key="schedule_setup.weekdays"
        )
        holidays = left.text_area(
            "Holidays (no shooting)", "\n".join(d.isoformat() for d in setup.holidays), key="schedule_setup.holidays",
            help="One date a line, e.g. 2025-12-25", height=90,
        )
        regions = ["", *PRODUCTION_REGIONS]  # "": none
        if setup.holiday_region and setup.holiday_region not in regions:
            regions.append(setup.holiday_region)
        region = left.selectbox(
            "Public holidays (no shooting)", regions, index=regions.index(setup.holiday_region or ""),
            format_func=lambda code: region_label(code) if code else "None: only the dates above",
            key="schedule_setup.holiday_region", accept_new_options=True,
            help="Where the company shoots. Not listed? Type the country, state or code (Portugal, Massachusetts, US-MA).",
        )
        day_hours = right.number_input("Shooting hours a day", 1.0, 24.0, setup.day_hours, 0.5, key="schedule_setup.day_hours")
        day_pages = right.number_input(
            "Most pages a day (0: no limit)", 0.0, 40.0, (setup.day_eighths or 0) / 8, 0.125, key="schedule_setup.day_pages",
            format="%.3f",
        )
        pph = right.number_input("Pages per hour", 0.05, 10.0, setup.pages_per_hour, 0.05, key="schedule_setup.pph")
        move_hours = right.number_input(
            "Company move (h)", 0.0, 12.0, setup.company_move_hours, 0.25, key="schedule_setup.move_hours",
            help="Shooting time each move to another location within a day takes (wrap, travel, set up again)",
        )
        a, b, c = right.columns(3)
        int_setup = a.number_input("INT setup (h)", 0.0, 12.0, setup.int_setup_hours, 0.25, key="schedule_setup.int_setup")
        ext_setup = b.number_input("EXT setup (h)", 0.0, 12.0, setup.ext_setup_hours, 0.25, key="schedule_setup.ext_setup")
        night_setup = c.number_input("Night extra (h)", 0.0, 12.0, setup.night_setup_hours, 0.25, key="schedule_setup.night_setup")
        if st.form_submit_button("Save calendar and day", icon=":material/save:"):
            try:
                holiday_dates = parse_dates(holidays)
                region = find_region(region) if region else None
            except SlatebookError as exc:
                flash.error(exc)
                st.rerun()
            # the box would go on showing what was typed ("Scot"): the next run shows the region found
            st.session_state[_REGION_FOUND] = True
            _save(
                repo, setup, "calendar and day settings",
                start_date=start, work_weekdays=[WEEKDAYS.index(d) for d in weekdays], holidays=holiday_dates,
                holiday_region=region,
                day_hours=day_hours, day_eighths=round(day_pages * 8) or None, pages_per_hour=pph,
                int_setup_hours=int_setup, ext_setup_hours=ext_setup, night_setup_hours=night_setup,
                company_move_hours=move_hours,
            )


def _public_holidays(setup: ScheduleSetup) -> None:
    """The public holidays that take a shoot day away in the year from the first shoot day."""
    if not setup.holiday_region:
        return
    try:
        ahead = public_holidays_ahead(setup)
    except SlatebookError as exc:
        show_error(exc)
        return
    label = (f"{len(ahead)} public holidays on shoot days in the year from {first_shoot_day(setup):%a %d %b %Y} "
             f"({region_label(setup.holiday_region)})")
    with st.expander(label):
        st.dataframe(
            pd.DataFrame({"Date": [f"{d:%a %d %b %Y}" for d in ahead], "Holiday": list(ahead.values())}),
            hide_index=True, width="stretch",
        )


def _rules_form(repo: ProjectRepository, setup: ScheduleSetup) -> None:
    w = setup.weights
    with st.form("schedule_setup.rules"):
        left, right = st.columns(2)
        left.markdown("**Rules**")
        turnaround = left.toggle(
            "Turnaround: no day work right after a night", setup.turnaround, key="schedule_setup.turnaround",
            help="A night's work is followed by a night, or by a day off, before a day's work.",
        )
        nights = left.number_input(
            "Most nights in a row (0: no limit)", 0, 30, setup.max_consecutive_nights or 0, key="schedule_setup.nights"
        )
        drop = left.number_input(
            "Drop and pick up cast after a gap of (days, 0: always hold)", 0, 60, setup.drop_pickup_days or 0,
            key="schedule_setup.drop",
        )
        max_days = left.number_input("Wrap within (shoot days, 0: no limit)", 0, 400, setup.max_days or 0, key="schedule_setup.max_days")
        limit = left.number_input("Solver time limit (s)", 1.0, 600.0, setup.time_limit_s, 1.0, key="schedule_setup.time_limit")
        right.markdown("**What each choice costs**")
        shoot_day = right.number_input("A shoot day", 0.0, 1e7, w.shoot_day, 500.0, key="schedule_setup.w_day")
        move = right.number_input("A company move", 0.0, 1e7, w.company_move, 250.0, key="schedule_setup.w_move")
        switch = right.number_input("A day/night switch", 0.0, 1e7, w.day_night_switch, 250.0, key="schedule_setup.w_switch")
        rate = right.number_input("Default cast daily rate", 0.0, 1e6, setup.default_daily_rate, 50.0, key="schedule_setup.rate")
        hold = right.number_input("Hold day, × daily rate", 0.0, 10.0, w.cast_hold_factor, 0.1, key="schedule_setup.w_hold")
        work = right.number_input("Work day, × daily rate", 0.0, 10.0, w.cast_work_factor, 0.1, key="schedule_setup.w_work")
        if st.form_submit_button("Save rules and weights", icon=":material/save:"):
            weights = ObjectiveWeights(
                shoot_day=shoot_day, company_move=move, day_night_switch=switch, cast_hold_factor=hold, cast_work_factor=work
            )
            _save(
                repo, setup, "rules and weights",
                turnaround=turnaround, max_consecutive_nights=nights or None, drop_pickup_days=drop or None,
                max_days=max_days or None, time_limit_s=limit, default_daily_rate=rate, weights=weights.model_dump(),
            )


def _cast_form(repo: ProjectRepository, setup: ScheduleSetup, problem: ScheduleProblem) -> None:
    terms = {c.name: c for c in setup.cast}
    rows = []
    for member in problem.cast:
        t = terms.get(member.name)
        rows.append(
            {
                "Cast": member.name,
                "Daily rate": member.daily_rate,
                "Available from": t.available_from if t else None,
                "Available until": t.available_until if t else None,
                "Not available": ", ".join(d.isoformat() for d in t.unavailable) if t else "",
            }
        )
    with st.form("schedule_setup.cast"):
        st.caption("Each cast member's daily rate and when they can work. Dates are YYYY-MM-DD; list several with commas.")
        edited = st.data_editor(
            pd.DataFrame(rows, columns=["Cast", "Daily rate", "Available from", "Available until", "Not available"]),
            key="schedule_setup.cast_table", hide_index=True, num_rows="fixed", disabled=["Cast"], width="stretch",
            column_config={
                "Daily rate": st.column_config.NumberColumn(min_value=0, step=50, format="%.0f"),
                "Available from": st.column_config.DateColumn(format="YYYY-MM-DD"),
                "Available until": st.column_config.DateColumn(format="YYYY-MM-DD"),
                "Not available": st.column_config.TextColumn(width="large"),
            },
        )
        if st.form_submit_button("Save cast terms", icon=":material/save:"):
            listed = {m.name: m.daily_rate for m in problem.cast}
            try:
                cast = [
                    CastAvailability(
                        name=row["Cast"],
                        # A rate left as shown stays unset, so it keeps following the cast list and the default.
                        daily_rate=_own_rate(_number(row["Daily rate"]), listed.get(row["Cast"]), terms.get(row["Cast"])),
                        available_from=_date(row["Available from"]),
                        available_until=_date(row["Available until"]),
                        unavailable=parse_dates(row["Not available"] or ""),
                    ).model_dump()
                    for row in edited.to_dict("records")
                ]
            except SlatebookError as exc:
                flash.error(exc)
                st.rerun()
            _save(repo, setup, "cast terms", cast=cast)


def _locations_form(repo: ProjectRepository, setup: ScheduleSetup, problem: ScheduleProblem) -> None:
    # by location, so the sets grouped at one place are read together
    sets = sorted({(s.set_name, s.location) for s in problem.strips}, key=lambda pair: (pair[1], pair[0]))
    scenes = Counter(s.set_name for s in problem.strips)
    windows = {loc.name: loc for loc in setup.locations}
    with st.form("schedule_setup.locations"):
        st.caption(
            "Where each set is shot. Sets at one location are shot without a company move between them. "
            "Until you change it, a set is shot at the place its name gives: the part before ' - ' or ' / ', "
            "or the place a room belongs to (BLOOM HOUSE KITCHEN at BLOOM HOUSE)."
        )
        set_table = st.data_editor(
            pd.DataFrame([{"Set": s, "Scenes": scenes[s], "Location": loc} for s, loc in sets],
                         columns=["Set", "Scenes", "Location"]),
            key="schedule_setup.set_table", hide_index=True, num_rows="fixed", disabled=["Set", "Scenes"],
            width="stretch", column_config={"Scenes": st.column_config.NumberColumn(width="small")},
        )
        st.caption("When each location can be used (a permit window, days it is closed).")
        rows = []
        for loc in problem.locations:
            t = windows.get(loc.name)
            rows.append(
                {
                    "Location": loc.name,
                    "Available from": t.available_from if t else None,
                    "Available until": t.available_until if t else None,
                    "Not available": ", ".join(d.isoformat() for d in t.unavailable) if t else "",
                }
            )
        window_table = st.data_editor(
            pd.DataFrame(rows, columns=["Location", "Available from", "Available until", "Not available"]),
            key="schedule_setup.location_table", hide_index=True, num_rows="fixed", disabled=["Location"],
            width="stretch",
            column_config={
                "Available from": st.column_config.DateColumn(format="YYYY-MM-DD"),
                "Available until": st.column_config.DateColumn(format="YYYY-MM-DD"),
            },
        )
        if st.form_submit_button("Save locations", icon=":material/save:"):
            # only what differs from the grouping by name is the user's, so sets keep following it
            defaults = shooting_locations(name for name, _ in sets)
            mapping = {
                r["Set"]: _place(r["Location"])
                for r in set_table.to_dict("records")
                if _place(r["Location"]) and _place(r["Location"]) != _place(defaults[r["Set"]])
            }
            try:
                locations = [
                    LocationAvailability(
                        name=r["Location"], available_from=_date(r["Available from"]),
                        available_until=_date(r["Available until"]), unavailable=parse_dates(r["Not available"] or ""),
                    ).model_dump()
                    for r in window_table.to_dict("records")
                    if r["Available from"] or r["Available until"] or str(r["Not available"] or "").strip()
                ]
            except SlatebookError as exc:
                flash.error(exc)
                st.rerun()
            _save(repo, setup, "locations", set_locations=mapping, locations=locations)


def _place(value) -> str:
    return " ".join(str(value or "").split()).upper()


def _order_form(repo: ProjectRepository, setup: ScheduleSetup, scenes: list[Scene]) -> None:
    number_of = {s.id: s.number for s in scenes}
    numbers = [s.number for s in scenes]
    scene_column = st.column_config.SelectboxColumn(options=numbers, required=True)
    with st.form("schedule_setup.order"):
        left, mid, right = st.columns(3)
        left.caption("Locked strips: the scene is shot on that day.")
        locks = left.data_editor(
            pd.DataFrame(
                [{"Scene": number_of[lk.scene_id], "Day": lk.day} for lk in setup.locks if lk.scene_id in number_of],
                columns=["Scene", "Day"],
            ).astype({"Day": "Int64"}),
            key="schedule_setup.locks", hide_index=True, num_rows="dynamic", width="stretch",
            column_config={"Scene": scene_column, "Day": st.column_config.NumberColumn(min_value=1, step=1, required=True)},
        )
        mid.caption("Scene orders: the first scene is shot on an earlier day.")
        orders = mid.data_editor(
            pd.DataFrame(
                [
                    {"Before": number_of[p.before], "After": number_of[p.after]}
                    for p in setup.precedences
                    if p.before in number_of and p.after in number_of
                ],
                columns=["Before", "After"],
            ),
            key="schedule_setup.orders", hide_index=True, num_rows="dynamic", width="stretch",
            column_config={"Before": scene_column, "After": scene_column},
        )
        right.caption("Multi-day scenes: whole shoot days the scene takes.")
        lengths = right.data_editor(
            pd.DataFrame(
                [{"Scene": number_of[sid], "Days": n} for sid, n in setup.scene_days.items() if sid in number_of],
                columns=["Scene", "Days"],
            ).astype({"Days": "Int64"}),
            key="schedule_setup.scene_days", hide_index=True, num_rows="dynamic", width="stretch",
            column_config={"Scene": scene_column, "Days": st.column_config.NumberColumn(min_value=1, step=1, required=True)},
        )
        if st.form_submit_button("Save locks and order", icon=":material/save:"):
            id_of = {s.number: s.id for s in scenes}
            _save(
                repo, setup, "locks and scene orders",
                locks=[
                    StripLock(scene_id=id_of[r["Scene"]], day=int(r["Day"])).model_dump()
                    for r in locks.to_dict("records") if r["Scene"] in id_of and _number(r["Day"])
                ],
                precedences=[
                    Precedence(before=id_of[r["Before"]], after=id_of[r["After"]]).model_dump()
                    for r in orders.to_dict("records") if r["Before"] in id_of and r["After"] in id_of
                ],
                scene_days={
                    id_of[r["Scene"]]: int(r["Days"]) for r in lengths.to_dict("records") if r["Scene"] in id_of and _number(r["Days"])
                },
            )


def _own_rate(value: float | None, shown: float | None, terms: CastAvailability | None) -> float | None:
    if terms is not None and terms.daily_rate is not None:
        return value
    return None if value == shown else value


def parse_dates(text: str) -> list[dt.date]:
    """Dates written YYYY-MM-DD, separated by commas, spaces or lines."""
    out = []
    for word in re.split(r"[,\s;]+", text.strip()):
        if not word:
            continue
        if not _DATE.fullmatch(word):
            raise SlatebookError(f"{word!r} is not a date.", "Write dates as YYYY-MM-DD, e.g. 2025-12-25.")
        try:
            out.append(dt.date.fromisoformat(word))
        except ValueError:
            raise SlatebookError(f"{word} is not a day of the calendar.", "Check the month and the day.") from None
    return sorted(set(out))


def _date(value) -> dt.date | None:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _number(value) -> float | None:
    if value is None or value is pd.NA:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number
