"""Shooting schedules: the problem model, the CP-SAT solver and the explained cost.

API (signatures kept stable for the reports, the Schedule page and the CLI):

- `project_problem.problem_from_project(repo, setup=None) -> ScheduleProblem`: the current draft's
  scenes as strips (approved breakdown cast when reviewed, else speaking characters), with the
  project's `ScheduleSetup` (`schedule_setup(repo)` / `save_schedule_setup(repo, setup)`; it lives
  on `ProjectSettings.schedule_setup`, defaults when None).
- `solve.solve_schedule(problem, *, time_limit_s=None, hint=None, on_solution=None, workers=2)
  -> ScheduleResult`: `.status` ("optimal", "feasible", "infeasible", "unknown"), `.schedule`
  (a `Schedule` with dated `ShootDay`s in running order, `cost_terms` by family, `cost_items`,
  `bound`, `gap`, `setup` left for the caller to fill), `.evaluation`, `.progress` (every
  `SolveProgress(objective, bound, elapsed_s, solutions)` also passed to `on_solution` as it
  arrives), `.conflicts` (`Conflict(key, text, hint)` when infeasible), `.message`.
- `evaluate.evaluate(problem, schedule) -> Evaluation`: total, `cost_terms`, `items` (`CostItem`s
  such as "ISLA held 3 days × $1,000 (days 4–6)"), `violations` (rules the schedule breaks),
  shoot_days, hold_days, moves, switches. Works on any schedule: hand-moved strips, the baseline.
- `baseline.baseline_schedule(problem) -> Schedule`: the hand sort (location, INT/EXT, DAY/NIGHT)
  packed into days, for comparison.
- `checker.check_schedule(problem, schedule) -> CheckReport`: the independent check (no CP-SAT).
- `generator.generate_problem(seed, scenes=160, cast=40, locations=25) -> ScheduleProblem`.

How a solve spends its time limit (solve.py): rule-abiding first boards (greedy packing; blocks of a
location's DAY or NIGHT strips in a talent-scheduling order laid out week by week with nights at the
week's end, sequencer.py, cut at the cheapest legal day breaks by cutter.py); then, from 16 strips
up, the large-neighbourhood search on the order (lns.py: block moves behind the weekly layout, then
strip-run moves, each priced by the cutter's quick cut, the best order shaken and searched again
when no move improves it) for 60% of the limit, at least 8 s and at most 90% of
it; then CP-SAT, hinted with the best board, for the rest (it alone proves optimality and gives its
bound, raised by the counting bound in lower_bound.py). Every improvement is streamed as a checked
board, tidied so each day opens where the day before wrapped.

Cost families (keys of `cost_terms`, names in `evaluate.FAMILY_NAMES`): shoot_days, cast_work,
cast_holds, company_moves, day_night_switches.

The talent-scheduling benchmark model lives beside it: talent.py, talent_files.py, reduce.py,
sequence_model.py, talent_solve.py, talent_schedule.py.
"""
