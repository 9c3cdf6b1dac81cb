"""Long work as a job: a row in the project store that a worker keeps up to date.

A page starts a job and polls its row; the work runs on a daemon thread of the
Streamlit server, so a browser refresh or a closed tab does not stop it. Work
functions save each finished piece (a scene's elements, a frame) as they go
and skip what is already saved, so a job that was cancelled, failed, or cut
off by a dead process resumes where it stopped with nothing lost. The CLI runs
the same work functions in the foreground.

Cancelling is cooperative: `JobContext.progress` and `check` raise
`JobCancelled` once someone has asked, from this process or another.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import traceback
import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from studio.errors import SlatebookError
from studio.models import Job, JobStatus
from studio.models.ids import utc_now
from studio.store.base import ProjectRepository

log = logging.getLogger(__name__)

Work = Callable[[ProjectRepository, "JobContext", dict[str, Any]], dict[str, Any] | None]

_PROCESS = str(os.getpid())
_HOST = socket.gethostname()
_live: dict[str, threading.Thread] = {}  # job id -> worker thread, in this process
_live_lock = threading.Lock()
# A RUNNING row written on another machine (a shared data folder) is taken for
# dead when its worker has not written for this long; on this machine the
# worker's process id says at once whether it still runs.
STALE_AFTER = timedelta(minutes=10)


class JobCancelled(Exception):
    """Raised inside work when a cancel was requested; the runner records it."""


class JobContext:
    """What work gets to report progress and to notice a cancel."""

    def __init__(self, repo: ProjectRepository, job: Job) -> None:
        self.repo = repo
        self.job = job
        self._cancel = threading.Event()

    @property
    def job_id(self) -> str:
        return self.job.id

    @property
    def params(self) -> dict[str, Any]:
        return self.job.params

    def progress(self, fraction: float, message: str = "", **result: Any) -> None:
        """Record progress (0..1), a line for the page, and any result so far; saved at once."""
        self.check()
        self.job.progress = min(1.0, max(0.0, float(fraction)))
        if message:
            self.job.message = message
        if result:
            self.job.result = {**self.job.result, **result}
        self._save()

    def check(self) -> None:
        """Raise JobCancelled if someone asked to stop this job."""
        if self._cancel.is_set():
            raise JobCancelled
        stored = self.repo.get_job(self.job.id)
        if stored is not None and stored.cancel_requested:
            self._cancel.set()
            raise JobCancelled

    def cancelled(self) -> bool:
        try:
            self.check()
        except JobCancelled:
            return True
        return False

    def _save(self) -> None:
        stored = self.repo.get_job(self.job.id)
        if stored is not None and stored.cancel_requested:
            self.job.cancel_requested = True
        self.job.updated_at = utc_now()
        self.repo.save_job(self.job)


def start_job(
    repo: ProjectRepository,
    kind: str,
    params: dict[str, Any],
    work: Work,
    *,
    background: bool = True,
    resume_of: Job | None = None,
) -> Job:
    """Save a job row and run `work(repo, ctx, params)` on a thread (or here, with background=False).

    Refuses a second live job of the same kind in a project: two writers of the
    same scenes or frames would race.
    """
    running = active_job(repo, kind)
    if running is not None and (resume_of is None or running.id != resume_of.id):
        raise SlatebookError(
            f"A {kind} job is already running ({running.message or 'started'}).",
            "Wait for it to finish, or cancel it first.",
        )
    job = resume_of.model_copy(deep=True) if resume_of else Job(kind=kind, params=dict(params))
    job.status = JobStatus.RUNNING
    job.cancel_requested = False
    job.error = ""
    job.worker = f"{_HOST}:{_PROCESS}:{uuid.uuid4().hex[:8]}"
    job.updated_at = utc_now()
    repo.save_job(job)
    if not background:
        with _live_lock:
            _live[job.id] = threading.current_thread()
        return _run(repo, job, work)
    thread = threading.Thread(target=_run, args=(repo, job, work), name=f"job-{kind}-{job.id[:8]}", daemon=True)
    with _live_lock:
        _live[job.id] = thread
    thread.start()
    return job.model_copy()


def resume_job(repo: ProjectRepository, job_id: str, work: Work, *, background: bool = True) -> Job:
    """Run a stopped job again with its own params; work skips what it already saved."""
    job = refresh(repo, job_id)
    if not job.resumable:
        raise SlatebookError(f"This {job.kind} job is {job.status.value}; only a stopped job can be resumed.", "")
    return start_job(repo, job.kind, job.params, work, background=background, resume_of=job)


def request_cancel(repo: ProjectRepository, job_id: str) -> None:
    job = repo.get_job(job_id)
    if job is not None and not job.finished:
        job.cancel_requested = True
        job.message = "Cancelling after the current step…"
        repo.save_job(job)


def refresh(repo: ProjectRepository, job_id: str) -> Job:
    """The job as stored, with a dead worker's RUNNING row marked INTERRUPTED."""
    job = repo.get_job(job_id)
    if job is None:
        raise SlatebookError("That job is no longer in this project.", "Start it again.")
    if job.status in (JobStatus.RUNNING, JobStatus.QUEUED) and _worker_is_dead(job):
        job.status = JobStatus.INTERRUPTED
        job.message = "Stopped when the app stopped. Resume picks up where it left off; finished work is kept."
        repo.save_job(job)
    return job


def latest_job(repo: ProjectRepository, kind: str) -> Job | None:
    jobs = repo.list_jobs(kind)
    return refresh(repo, jobs[-1].id) if jobs else None


def active_job(repo: ProjectRepository, kind: str) -> Job | None:
    job = latest_job(repo, kind)
    return job if job is not None and not job.finished else None


def wait(job_id: str, timeout: float | None = None) -> None:
    """Block until this process's worker for `job_id` ends (tests, CLI)."""
    with _live_lock:
        thread = _live.get(job_id)
    if thread is not None:
        thread.join(timeout)


def _worker_is_dead(job: Job) -> bool:
    host, pid, _ = _worker_parts(job.worker)
    if host == _HOST and pid == _PROCESS:
        with _live_lock:
            thread = _live.get(job.id)
        return thread is None or not thread.is_alive()
    if host == _HOST and pid.isdigit():
        return not _process_alive(int(pid))  # the app or a CLI run on this machine
    return utc_now() - job.updated_at > STALE_AFTER


def _worker_parts(worker: str) -> tuple[str, str, str]:
    """(host, pid, token) from "host:pid:token"; rows written before hosts were recorded have "pid:token"."""
    parts = worker.split(":")
    if len(parts) >= 3:
        return ":".join(parts[:-2]), parts[-2], parts[-1]
    return _HOST, parts[0], parts[1] if len(parts) > 1 else ""


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, under another user
    return True


def _run(repo: ProjectRepository, job: Job, work: Work) -> Job:
    ctx = JobContext(repo, job)
    try:
        result = work(repo, ctx, job.params) or {}
        job.result = {**job.result, **result}
        job.status = JobStatus.DONE
        job.progress = 1.0
    except JobCancelled:
        job.status = JobStatus.CANCELLED
        job.message = "Cancelled. Finished work is kept; Resume continues from here."
    except SlatebookError as exc:
        job.status = JobStatus.FAILED
        job.error = f"{exc.problem} {exc.hint}".strip()
    except Exception as exc:  # a worker must always leave a readable row behind
        log.error("job %s (%s) failed:\n%s", job.id, job.kind, traceback.format_exc())
        job.status = JobStatus.FAILED
        job.error = f"Unexpected error: {type(exc).__name__}: {exc}. Finished work is kept; Resume retries the rest."
    finally:
        job.updated_at = utc_now()
        stored = repo.get_job(job.id)
        if stored is not None and stored.cancel_requested and job.status == JobStatus.DONE:
            job.cancel_requested = False  # it finished before noticing: done is the truth
        repo.save_job(job)
        with _live_lock:
            _live.pop(job.id, None)
    return job
