"""The job runner: progress saved as it goes, cancel, resume after a cancel or a dead process."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from datetime import timedelta

import pytest

from studio import jobs
from studio.errors import SlatebookError
from studio.models import Job, JobStatus
from studio.models.ids import utc_now
from studio.store.memory_repo import InMemoryProjectRepository
from studio.models import Project


@pytest.fixture
def repo():
    return InMemoryProjectRepository(Project(name="Jobs"))


def counting_work(done: list[int], total: int = 5, stop_at: int | None = None, gate: threading.Event | None = None):
    """Resumable work: each item is 'saved' in `done`; items already there are skipped."""

    def work(repo, ctx, params):
        for i in range(total):
            if i in done:
                continue
            if gate is not None and i == stop_at:
                gate.wait(5)
            ctx.progress(i / total, f"item {i + 1} of {total}")
            done.append(i)
        return {"items": len(done)}

    return work


def test_foreground_job_runs_to_done_with_its_result(repo):
    done: list[int] = []
    job = jobs.start_job(repo, "count", {"n": 5}, counting_work(done), background=False)
    assert job.status == JobStatus.DONE and job.progress == 1.0
    assert repo.get_job(job.id).result == {"items": 5}
    assert done == [0, 1, 2, 3, 4]


def test_background_job_is_followed_through_its_row(repo):
    done: list[int] = []
    job = jobs.start_job(repo, "count", {}, counting_work(done))
    jobs.wait(job.id, 10)
    assert jobs.latest_job(repo, "count").status == JobStatus.DONE


def test_cancel_keeps_finished_items_and_resume_does_only_the_rest(repo):
    done: list[int] = []
    gate = threading.Event()
    job = jobs.start_job(repo, "count", {}, counting_work(done, stop_at=2, gate=gate))
    jobs.request_cancel(repo, job.id)
    gate.set()
    jobs.wait(job.id, 10)
    stopped = jobs.latest_job(repo, "count")
    assert stopped.status == JobStatus.CANCELLED and stopped.resumable
    assert done == [0, 1, 2] or done == [0, 1]  # the item in hand may finish before the check
    kept = list(done)
    resumed = jobs.resume_job(repo, job.id, counting_work(done), background=False)
    assert resumed.id == job.id and resumed.status == JobStatus.DONE
    assert done[: len(kept)] == kept and sorted(done) == [0, 1, 2, 3, 4]


def test_a_second_live_job_of_the_same_kind_is_refused(repo):
    gate = threading.Event()
    job = jobs.start_job(repo, "count", {}, counting_work([], stop_at=0, gate=gate))
    try:
        with pytest.raises(SlatebookError, match="already running"):
            jobs.start_job(repo, "count", {}, counting_work([]))
    finally:
        gate.set()
        jobs.wait(job.id, 10)


def test_a_row_left_running_by_a_dead_process_on_this_machine_reads_as_interrupted_at_once(repo):
    orphan = Job(kind="count", status=JobStatus.RUNNING, worker=f"{socket.gethostname()}:{_dead_pid()}:gone", progress=0.4)
    repo.save_job(orphan)
    seen = jobs.latest_job(repo, "count")
    assert seen.status == JobStatus.INTERRUPTED and "Resume" in seen.message
    done = [0, 1]
    resumed = jobs.resume_job(repo, orphan.id, counting_work(done), background=False)
    assert resumed.status == JobStatus.DONE and sorted(done) == [0, 1, 2, 3, 4]


def test_another_machines_row_is_running_until_it_goes_stale(repo):
    other = Job(kind="count", status=JobStatus.RUNNING, worker="render-farm-7:4242:busy")
    repo.save_job(other)
    assert jobs.latest_job(repo, "count").status == JobStatus.RUNNING
    other.updated_at = utc_now() - jobs.STALE_AFTER - timedelta(seconds=1)
    repo.save_job(other)
    assert jobs.latest_job(repo, "count").status == JobStatus.INTERRUPTED


def test_a_live_process_on_this_machine_keeps_its_row_running(repo):
    other = Job(kind="count", status=JobStatus.RUNNING, worker=f"{socket.gethostname()}:{os.getppid()}:busy")
    repo.save_job(other)
    assert jobs.latest_job(repo, "count").status == JobStatus.RUNNING


def test_a_worker_process_killed_mid_job_loses_nothing_it_saved(tmp_path):
    """A real SIGKILL: the saved items and the row survive; resume does the rest."""
    from studio.store.catalog import ProjectCatalog

    catalog = ProjectCatalog(tmp_path)
    catalog.create("Killed")
    child = subprocess.Popen([sys.executable, "-c", KILLED_WORKER, str(tmp_path)], cwd=ROOT)
    try:
        repo = catalog.open("Killed")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            job = jobs.latest_job(repo, "count") if repo.list_jobs("count") else None
            if job is not None and len(job.result.get("done", [])) >= 2:
                break
            time.sleep(0.05)
        else:
            pytest.fail("the worker never saved two items")
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    job = jobs.latest_job(repo, "count")
    assert job.status == JobStatus.INTERRUPTED
    kept = list(job.result["done"])

    def rest(repo, ctx, params):
        done = list(ctx.job.result.get("done", []))
        for i in range(params["n"]):
            if i not in done:
                done.append(i)
                ctx.progress(len(done) / params["n"], done=done)
        return {}

    resumed = jobs.resume_job(repo, job.id, rest, background=False)
    assert resumed.status == JobStatus.DONE
    assert resumed.result["done"][: len(kept)] == kept and sorted(resumed.result["done"]) == list(range(50))


ROOT = Path(__file__).resolve().parents[2]
KILLED_WORKER = """
import sys, time
from studio import jobs
from studio.store.catalog import ProjectCatalog

repo = ProjectCatalog(__import__("pathlib").Path(sys.argv[1])).open("Killed")

def work(repo, ctx, params):
    done = []
    for i in range(params["n"]):
        done.append(i)
        ctx.progress(len(done) / params["n"], done=done)
        time.sleep(0.2)
    return {}

jobs.start_job(repo, "count", {"n": 50}, work, background=False)
"""


def _dead_pid() -> int:
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    return finished.pid


def test_an_error_in_work_fails_the_job_with_a_readable_message(repo):
    def broken(repo, ctx, params):
        ctx.progress(0.5, "half")
        raise ValueError("disk on fire")

    job = jobs.start_job(repo, "count", {}, broken, background=False)
    assert job.status == JobStatus.FAILED and "disk on fire" in job.error and job.resumable
