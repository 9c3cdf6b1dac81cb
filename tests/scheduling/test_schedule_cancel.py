"""A cancelled solve keeps the best board it found; every streamed step carries its board."""

import time

from pipelines.script.service import import_script
from scheduling.checker import check_schedule
from scheduling.project_problem import problem_from_project
from scheduling.reports.solve_job import SOLVE_KIND, solve_params, solve_work
from scheduling.reports.versions import versions
from scheduling.solve import solve_schedule
from studio import jobs
from studio.models import JobStatus, Project
from studio.samples import SAMPLE_SCREENPLAY
from studio.store.memory_repo import InMemoryProjectRepository
from schedule_kit import problem, strip


def test_every_streamed_step_carries_a_legal_board_at_its_cost():
    p = problem([strip(n, ("QUAY", "FERRY")[n % 2], (("ISLA",), ("JONAH",), ("ISLA", "JONAH"))[n % 3], hours=3,
                       night=n % 4 == 0) for n in range(1, 10)])
    steps = []
    result = solve_schedule(p, time_limit_s=3, on_solution=steps.append)
    assert steps and all(s.schedule is not None for s in steps)
    for step in steps:
        report = check_schedule(p, step.schedule)
        assert report.ok and report.total == step.objective and step.bound <= step.objective
    assert result.objective == steps[-1].objective


def test_stop_ends_the_search_with_the_best_schedule():
    p = problem([strip(n, ("QUAY", "FERRY", "SEA")[n % 3], (("ISLA",), ("JONAH",), ("MARGIT", "ISLA"))[n % 3],
                       hours=2 + n % 3) for n in range(1, 25)])
    started = time.perf_counter()
    result = solve_schedule(p, time_limit_s=60, stop=lambda: time.perf_counter() - started > 1.0)
    assert time.perf_counter() - started < 30  # the 60 s limit was not waited out
    assert result.schedule is not None and check_schedule(p, result.schedule).ok


def test_a_cancelled_solve_job_saves_its_best_board_as_a_version():
    repo = InMemoryProjectRepository(Project(name="Night Ferry"))
    import_script(repo, SAMPLE_SCREENPLAY.read_bytes(), SAMPLE_SCREENPLAY.name)
    job = jobs.start_job(repo, SOLVE_KIND, solve_params(time_limit_s=60, name="Long"), solve_work)
    deadline = time.monotonic() + 30
    while not repo.get_job(job.id).result.get("solutions") and time.monotonic() < deadline:
        time.sleep(0.1)
    jobs.request_cancel(repo, job.id)
    jobs.wait(job.id, timeout=30)
    done = repo.get_job(job.id)
    assert done.status == JobStatus.CANCELLED
    (kept,) = versions(repo)
    assert kept.status == "feasible (cancelled)" and kept.name == "Long (cancelled)"
    assert done.result["schedule_id"] == kept.id
    assert check_schedule(problem_from_project(repo), kept).ok
    assert kept.cost_items and kept.objective == sum(i.amount for i in kept.cost_items)
