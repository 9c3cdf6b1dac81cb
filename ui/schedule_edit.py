"""Lock a strip to its day, or move it to another day and see what that costs before saving.

Owns the session keys starting with "schedule_edit.".
"""

from __future__ import annotations

import streamlit as st

from scheduling.evaluate import Evaluation, money
from scheduling.problem import ScheduleProblem
from scheduling.project_problem import save_schedule_setup
from scheduling.reports import versions as service
from scheduling.reports.later_start import later_start
from studio.errors import SlatebookError
from studio.models import Schedule
from studio.models.planning import ScheduleSetup, StripLock
from studio.store.base import ProjectRepository
from ui import flash, schedule_versions

_PREVIEW = "schedule_edit.preview"  # (version id, scene id, day) of the move being previewed


def render(repo: ProjectRepository, problem: ScheduleProblem, setup: ScheduleSetup, current: Schedule) -> None:
    day_of = {sid: d.number for d in reversed(current.days) for sid in d.scene_ids}
    strips = [s for s in problem.strips if s.id in day_of]
    strips.sort(key=lambda s: (day_of[s.id], current.days[day_of[s.id] - 1].scene_ids.index(s.id)))
    locked = {lk.scene_id: lk.day for lk in setup.locks}
    labels = {
        s.id: f"Sc. {s.number} · {s.heading or s.set_name} · day {day_of[s.id]}" + (" · locked" if s.id in locked else "")
        for s in strips
    }
    scene_id = st.selectbox("Strip", list(labels), format_func=labels.get, key="schedule_edit.scene")
    if scene_id is None:
        return
    here = day_of[scene_id]
    lock_col, move_col = st.columns([2, 3])
    with lock_col:
        if scene_id in locked:
            st.caption(f"Locked to day {locked[scene_id]}: every solve keeps it there.")
            if st.button("Unlock", icon=":material/lock_open:", key="schedule_edit.unlock"):
                _save_locks(repo, setup, [lk for lk in setup.locks if lk.scene_id != scene_id], f"Unlocked scene {problem.strip_by_id[scene_id].number}.")
        else:
            st.caption(f"On day {here}. Lock it there so every solve keeps it.")
            if st.button(f"Lock to day {here}", icon=":material/lock:", key="schedule_edit.lock"):
                locks = [*setup.locks, StripLock(scene_id=scene_id, day=here)]
                _save_locks(repo, setup, locks, f"Locked scene {problem.strip_by_id[scene_id].number} to day {here}. Solve again to plan around it.")
    with move_col:
        to_day = st.number_input(
            "Move to day", min_value=1, max_value=len(current.days) + 1, value=here, step=1, key="schedule_edit.day",
            help=f"1 to {len(current.days)}, or {len(current.days) + 1} for a new last day",
        )
        if st.button("See what it costs", icon=":material/calculate:", key="schedule_edit.preview_go"):
            st.session_state[_PREVIEW] = (current.id, scene_id, int(to_day))
    preview = st.session_state.get(_PREVIEW)
    if preview and preview[0] == current.id and preview[1] == scene_id:
        _preview(repo, problem, current, scene_id, preview[2])


def _preview(repo: ProjectRepository, problem: ScheduleProblem, current: Schedule, scene_id: str, to_day: int) -> None:
    try:
        moved = service.move_strip(problem, current, scene_id, to_day)
    except SlatebookError as exc:
        st.error(f"{exc.problem} {exc.hint}")
        return
    _, evaluation = service.priced(problem, moved)
    before = service.priced(problem, current)[0].objective or 0.0
    after = moved.objective or 0.0
    number = problem.strip_by_id[scene_id].number
    delta = after - before
    verdict = "saves" if delta < 0 else "adds"
    a, b, c = st.columns(3)
    a.metric("Now", money(before))
    b.metric(f"Scene {number} on day {to_day}", money(after), delta=f"{'+' if delta >= 0 else '-'}{money(abs(delta))}", delta_color="inverse")
    c.metric("Shoot days", len(moved.days), delta=len(moved.days) - len(current.days), delta_color="inverse")
    st.caption(f"Moving scene {number} to day {to_day} {verdict} {money(abs(delta))}.")
    if evaluation.violations:
        st.warning("This board breaks rules of the setup:\n\n" + "\n".join(f"- {v}" for v in evaluation.violations[:8]))
    if st.button("Apply the move to this version", icon=":material/check:", key="schedule_edit.apply"):
        repo.save_schedule(moved)
        st.session_state.pop(_PREVIEW, None)
        flash.success(f"Moved scene {number} to day {to_day} in {current.name!r}: {money(after)}.")
        st.rerun()


def _save_locks(repo: ProjectRepository, setup: ScheduleSetup, locks: list[StripLock], message: str) -> None:
    save_schedule_setup(repo, setup.model_copy(update={"locks": locks}))
    flash.success(message)
    st.rerun()


def offer_later_start(repo: ProjectRepository, setup: ScheduleSetup, current: Schedule, evaluation: Evaluation) -> None:
    """When the board shown opens with dark days: say so, and offer to start the shoot on its first
    day of scenes (the setup's start date moves; the board is kept as a new version)."""
    offer = later_start(repo, setup, current, evaluation)
    if offer is None:
        return
    when = f"{offer.first_date:%a %d %b %Y}"
    paid = ("Day 1 has no scenes but is paid as a shoot day" if offer.dark_days == 1
            else f"Days 1–{offer.dark_days} have no scenes but are paid as shoot days")
    left, right = st.columns([3, 1], vertical_alignment="center")
    left.info(
        f"{paid}. Starting the shoot on "
        f"{when} keeps every scene on its date and saves {money(offer.saving)} "
        f"({money(evaluation.total)} → {money(offer.evaluation.total)}). Locks keep their dates.",
        icon=":material/event_available:",
    )
    if right.button(f"Start on {offer.first_date:%a %d %b}", key="schedule_edit.later_start"):
        save_schedule_setup(repo, offer.setup)
        kept = service.save_as(repo, offer.schedule, service.unique_name(repo, f"{current.name} from {offer.first_date:%d %b}"))
        schedule_versions.show_version(kept.id)
        flash.success(f"The shoot now starts on {when}; the board is kept as {kept.name!r}: {money(offer.evaluation.total)}.")
        st.rerun()
