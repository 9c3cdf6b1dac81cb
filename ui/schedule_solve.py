"""Solve the schedule as a job: the button, the progress panel, and an infeasible setup explained.

Owns the session keys starting with "schedule_solve.".
"""

from __future__ import annotations

import streamlit as st

from scheduling.evaluate import money
from scheduling.reports.solve_job import SOLVE_KIND, solve_params, solve_work
from scheduling.solve import FEATURE_STRIPS
from studio import jobs
from studio.models import Job, JobStatus, Schedule
from ui import jobs as job_panel
from ui import schedule_versions

_SHOWN = "schedule_solve.shown_job"  # id of the finished solve whose version was brought up


# From FEATURE_STRIPS strips a short solve leaves money on the board: at 160 scenes a 10 s solve saves
# 1-12% on the hand sort's total, 45 s 7-18% and 120 s 12-21%, within 1% of its last board after
# 23-115 s (benchmarks/schedule_feature.py, seeds 1 and 2, solver seeds 0-3). With the app's solver
# seed, 45 s cut hold and move cost 20% below the hand sort's on six of generated seeds 1-8 and
# 120 s on all eight (24-42%).
FEATURE_SECONDS = 120.0


def render(current: Schedule | None, time_limit_s: float, strips: int) -> Job | None:
    left, right = st.columns([2, 3])
    hint = left.toggle(
        "Start from the version shown", value=current is not None, disabled=current is None, key="schedule_solve.hint",
        help="The solver starts from this board, so a re-solve after a small edit stays close to it.",
    )
    if left.button("Solve schedule", type="primary", icon=":material/bolt:", key="schedule_solve.go"):
        params = solve_params(time_limit_s=time_limit_s, hint_id=current.id if (hint and current) else None)
        job_panel.start(lambda repo: jobs.start_job(repo, SOLVE_KIND, params, solve_work))
    advice = ""
    if strips >= FEATURE_STRIPS and time_limit_s < FEATURE_SECONDS:
        advice = (f" A board of {strips} strips keeps improving for about two minutes: raise the solver "
                  "time limit in Setup → Rules & weights for a cheaper schedule.")
    right.caption(
        f"CP-SAT searches for up to {time_limit_s:g} s (Rules & weights), improving the board as it goes; "
        f"each solve is kept as a version.{advice}"
    )
    job = job_panel.show(SOLVE_KIND, solve_work, noun="solve")
    if job is None or job.status != JobStatus.DONE:
        return job
    result = job.result
    if result.get("status") in ("optimal", "feasible") and st.session_state.get(_SHOWN) != job.id:
        st.session_state[_SHOWN] = job.id
        schedule_versions.show_version(result.get("schedule_id"))
    if result.get("status") == "infeasible":
        st.error("No schedule fits this setup. These rules cannot all hold together:", icon=":material/block:")
        for conflict in result.get("conflicts", []):
            st.markdown(f"- **{conflict['text']}** {conflict['hint']}")
    elif result.get("status") not in ("optimal", "feasible"):
        st.warning(result.get("message") or "The solver found no schedule.", icon=":material/hourglass_empty:")
    else:
        gap = result.get("gap") or 0.0
        st.caption(
            f"Last solve: {result['status']} in {result.get('seconds', 0):g} s, "
            f"{money(result.get('objective') or 0)}; no schedule can cost less than {money(max(result.get('bound') or 0, 0))} "
            f"(gap {gap:.1%})."
        )
    return job
