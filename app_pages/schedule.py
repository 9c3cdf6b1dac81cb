"""Step 6, Schedule: set the production's constraints, solve, read the stripboard, one-liner and
Day Out of Days, see what every choice costs, move and lock strips, keep and compare versions."""

import streamlit as st

from scheduling.evaluate import money
from scheduling.project_problem import problem_from_project
from scheduling.project_problem import schedule_setup as saved_setup
from scheduling.reports.compare import summarise
from scheduling.reports.costs import cost_breakdown
from scheduling.reports.dood import day_out_of_days
from scheduling.reports.project_board import cast_source, project_board
from scheduling.reports.versions import priced
from ui import schedule_board, schedule_downloads, schedule_edit, schedule_setup, schedule_solve, schedule_versions, state

project, repo, script = state.script_or_stop("Schedule", "schedule")

setup = saved_setup(repo)
problem = problem_from_project(repo, setup)
source, reviewed, total = cast_source(repo)
if source == "breakdown":
    st.caption(
        f"Cast from the approved breakdown ({reviewed} of {total} scenes reviewed; the rest use the script's speaking parts) · "
        f"{len(problem.strips)} strips · {len(problem.cast)} cast · {len(problem.locations)} locations"
    )
else:
    st.caption(
        f"Cast from the script's speaking parts (no approved breakdown yet) · {len(problem.strips)} strips · "
        f"{len(problem.cast)} cast · {len(problem.locations)} locations"
    )

with st.expander("Setup: calendar, rules, cost weights, cast, locations, locks", expanded=False):
    schedule_setup.render(repo, setup, problem, script.active_scenes)

schedule_solve.render(schedule_versions.peek(repo), setup.time_limit_s, len(problem.strips))

current = schedule_versions.pick(repo)
if current is None:
    st.info("No schedule yet. Solve to lay the strips out on shoot days.")
    st.stop()

board = project_board(repo, problem, current)
current, evaluation = priced(problem, current)
dood = day_out_of_days(board, problem.drop_pickup_days)
status, cost, bound, days, holds = st.columns(5)
status.metric("Status", (current.status or "manual").capitalize(), help="Optimal: proven cheapest. Feasible: the best found in the time limit. Manual: moved by hand.")
cost.metric("Cost", money(evaluation.total))
if current.bound is not None and current.status in ("optimal", "feasible"):
    bound.metric("Lower bound", money(max(current.bound, 0)), help="No schedule can cost less than this.")
    holds.metric("Gap", f"{(current.gap or 0):.1%}", help="How far the cost may be above the cheapest possible schedule.")
else:
    bound.metric("Lower bound", "—", help="Re-solve for a proven bound.")
    holds.metric("Gap", "—")
days.metric("Shoot days", len(current.days))
if evaluation.violations:
    st.warning("This version breaks rules of the current setup:\n\n" + "\n".join(f"- {v}" for v in evaluation.violations[:10]))
schedule_edit.offer_later_start(repo, setup, current, evaluation)

strip_tab, one_tab, dood_tab, cost_tab, edit_tab, versions_tab, files_tab = st.tabs(
    ["Stripboard", "One-liner", "Day Out of Days", "Cost", "Move & lock", "Versions", "Downloads"]
)
with strip_tab:
    schedule_board.render_stripboard(board)
with one_tab:
    schedule_board.render_one_liner(board)
with dood_tab:
    schedule_board.render_dood(dood)
with cost_tab:
    schedule_board.render_costs(cost_breakdown(evaluation.items))
with edit_tab:
    schedule_edit.render(repo, problem, setup, current)
with versions_tab:
    schedule_versions.manage(repo, current)
    schedule_versions.render_compare(
        repo, lambda s: summarise(project_board(repo, problem, s), priced(problem, s)[1].items, problem.drop_pickup_days)
    )
with files_tab:
    schedule_downloads.render(board, project, problem.drop_pickup_days)
