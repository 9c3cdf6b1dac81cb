"""A job's progress on a page: a bar that follows the worker, Cancel, and Resume.

The panel polls the job row in a fragment, so only the panel reruns each second;
when the job ends it reruns the whole page once so the results appear.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from studio import jobs
from studio.errors import SlatebookError
from studio.models import Job, JobStatus
from ui import flash, state

POLL_SECONDS = 1.0


def show(kind: str, work: jobs.Work, *, noun: str = "job") -> Job | None:
    """Render the latest `kind` job of the current project; returns it (None when there is none)."""
    repo = state.current_repo()
    job = jobs.latest_job(repo, kind)
    if job is None:
        return None
    if not job.finished:
        _follow(kind, noun)
        return job
    _ended(job, work, noun)
    return job


@st.fragment(run_every=POLL_SECONDS)
def _follow(kind: str, noun: str) -> None:
    repo = state.current_repo()
    job = jobs.latest_job(repo, kind)
    if job is None or job.finished:
        st.rerun()  # the whole page, so it shows what the job made
        return
    st.progress(job.progress, text=job.message or f"{noun.capitalize()} running…")
    if job.cancel_requested:
        st.caption("Cancelling after the current step…")
    elif st.button(f"Cancel {noun}", key=f"jobs.cancel.{kind}", icon=":material/stop_circle:"):
        jobs.request_cancel(repo, job.id)
        st.rerun(scope="fragment")


def _ended(job: Job, work: jobs.Work, noun: str) -> None:
    if job.status == JobStatus.DONE:
        return
    if job.status == JobStatus.FAILED:
        st.error(f"The {noun} stopped: {job.error}", icon=":material/error:")
    else:
        st.warning(job.message or f"The {noun} was {job.status.value}.", icon=":material/pause_circle:")
    left, _ = st.columns([1, 4])
    if left.button(f"Resume {noun}", key=f"jobs.resume.{job.kind}", icon=":material/play_arrow:"):
        start(lambda repo: jobs.resume_job(repo, job.id, work))


def start(launch: Callable[..., Job]) -> Job | None:
    """Call `launch(repo)` (start_job or resume_job) and rerun so the panel follows it."""
    try:
        job = launch(state.current_repo())
    except SlatebookError as exc:
        flash.error(exc)
        st.rerun()
        return None
    st.rerun()
    return job
