"""The run panel: engine, model and options, the cost before a run, the job, the cost after.

The API key is read here (environment or st.secrets), handed to the service's
work function and dropped: it is never put in session state, a widget or the job.
"""

from __future__ import annotations

import streamlit as st

from pipelines.breakdown import service
from studio import jobs
from studio.errors import SlatebookError
from studio.models import Job, JobStatus
from studio.settings import load_settings
from studio.store.base import ProjectRepository
from ui import jobs as job_panel
from ui.keys import anthropic_key

ENGINE = "breakdown_run.engine"
MODEL = "breakdown_run.model"
BATCH = "breakdown_run.batch"
REVIEW = "breakdown_run.review"
CROSS = "breakdown_run.cross_review_model"
RUN = "breakdown_run.run"
LABELS = {"offline": "Offline (rules and lexicons, no key needed)", "claude": "Claude"}


def _money(usd: float) -> str:
    return f"${usd:,.2f}" if usd >= 0.01 or usd == 0 else f"${usd:,.4f}"


def render(repo: ProjectRepository) -> Job | None:
    """The panel; returns the latest breakdown job (None before the first run)."""
    key = anthropic_key()
    default_model = repo.get_project().settings.llm_model or load_settings().llm_model
    last = jobs.latest_job(repo, service.BREAKDOWN_JOB)
    # Folded once a run has finished well, so the scenes come first; open while
    # there is something to do or to see (no run yet, running, stopped).
    expanded = last is None or last.status != JobStatus.DONE
    with st.expander("Run the breakdown", expanded=expanded, icon=":material/play_circle:"):
        left, right = st.columns([2, 3])
        with left:
            if key is None:
                st.session_state[ENGINE] = "offline"
            engine = st.radio(
                "Engine",
                list(LABELS),
                format_func=LABELS.__getitem__,
                key=ENGINE,
                horizontal=True,
                disabled=key is None,
                help=None if key else "Claude is off: no Anthropic API key is set. Set ANTHROPIC_API_KEY or add it to .streamlit/secrets.toml.",
            )
            if key is None:
                st.caption("Claude is off: no Anthropic API key is set (ANTHROPIC_API_KEY or .streamlit/secrets.toml).")
        claude = engine == "claude"
        with right:
            model = st.text_input("Model id", value=default_model, key=MODEL, disabled=not claude, help="Default from Settings.")
            a, b = st.columns(2)
            batch = a.checkbox("Batch (half price, slower)", key=BATCH, disabled=not claude, help="Sends the whole script as one Message Batch.")
            review = b.checkbox("Self-review", key=REVIEW, disabled=not claude, help="A second pass grades the breakdown: missed and doubtful elements.")
            cross = st.text_input(
                "Cross-review model (optional)",
                key=CROSS,
                disabled=not claude,
                help="A different model reviews the breakdown too; its findings arrive as suggestions.",
            )
        options = {"engine": engine, "model": model.strip(), "batch": claude and batch, "review": claude and review, "cross_review_model": cross.strip() if claude else ""}
        _estimate(repo, options)

        work = service.make_breakdown_work(key)
        job = job_panel.show(service.BREAKDOWN_JOB, work, noun="breakdown")
        running = job is not None and not job.finished
        if st.button("Run breakdown", key=RUN, type="primary", icon=":material/play_arrow:", disabled=running):
            params = service.breakdown_params(**options)
            job_panel.start(lambda r: service.start_breakdown(r, params, key))
    if job is not None and job.status == JobStatus.DONE:
        _done(repo, job)
    return job


def _estimate(repo: ProjectRepository, options: dict) -> None:
    if options["engine"] != "claude":
        st.caption("The offline engine runs on this machine: no tokens, no cost.")
        return
    try:
        estimate = service.estimate_breakdown(
            repo, "claude", options["model"], options["batch"], review=options["review"], cross_review_model=options["cross_review_model"]
        )
    except SlatebookError as exc:
        st.warning(f"{exc.problem} {exc.hint}".strip())
        return
    cols = st.columns(4)
    cols[0].metric("Calls", f"{estimate.calls:,}")
    cols[1].metric("Input tokens (est.)", f"{estimate.input_tokens + estimate.cache_write_tokens + estimate.cache_read_tokens:,}", help=f"{estimate.cache_read_tokens:,} read from the prompt cache")
    cols[2].metric("Output tokens (est.)", f"{estimate.output_tokens:,}")
    cols[3].metric("Cost (est.)", _money(estimate.usd), help=f"Up to {_money(estimate.usd_high)} if the cache is missed; {_money(estimate.usd_without_batch)} without the batch discount.")


def _done(repo: ProjectRepository, job: Job) -> None:
    message = job.result.get("message") or job.message
    note = job.result.get("review_note")
    finished = f" · finished {job.updated_at:%d %b %H:%M} UTC" if job.updated_at else ""
    st.caption(f"Last run: {message}{finished}" + (f" · {note}" if note else ""))
    usage = service.usage_summary(repo)
    if usage.calls:
        cols = st.columns(4)
        cols[0].metric("AI calls", f"{usage.calls:,}", help=f"{usage.batched_calls:,} in batches")
        cols[1].metric("Input tokens", f"{usage.input_tokens + usage.cache_write_tokens + usage.cache_read_tokens:,}", help=f"{usage.cached_share:.0%} read from the prompt cache")
        cols[2].metric("Output tokens", f"{usage.output_tokens:,}")
        cols[3].metric("Cost so far", _money(usage.usd), help="From the API's own token counts, at the published prices.")
