"""The storyboard's frames: generate as a job, the panels with captions and credentials,
regenerate one, and the exports (PDF grid, animatic).

The API key is read here and handed to the work function; never stored.
"""

from __future__ import annotations

import streamlit as st

from pipelines.imaging import boards, service
from pipelines.imaging.prompts import caption
from studio import jobs
from studio.models import Scene
from studio.store.base import ProjectRepository
from studio.store.catalog import ProjectCatalog
from ui import jobs as job_panel
from ui.boards_common import credentials_badge
from ui.keys import anthropic_key

COLUMNS = 3
LAYOUT = "boards_panels.layout"
PDF_LAYOUTS = ("2x3", "3x3", "2x2", "3x2", "1x2", "1x3", "4x3")


def render_generate(repo: ProjectRepository, scene: Scene, backend: str, model_id: str, llm_model: str) -> bool:
    """The Generate button and the job's progress; True while a job runs."""
    work = service.make_storyboard_work(anthropic_key(), llm_model)
    job = job_panel.show(service.STORYBOARD_JOB, work, noun="frame generation")
    running = job is not None and not job.finished
    todo = [p for p in boards.panels(repo, scene.id)]
    missing = sum(p.frame is None for p in todo)
    label = f"Generate {missing} missing frames" if 0 < missing < len(todo) else "Generate frames"
    if st.button(label, key="boards_panels.generate", type="primary", icon=":material/movie_filter:", disabled=running):
        params = service.storyboard_params([scene.id], backend, model_id)
        job_panel.start(lambda r: jobs.start_job(r, service.STORYBOARD_JOB, params, work))
    if job is not None and job.finished and job.status.value == "done" and job.params.get("scene_ids") == [scene.id]:
        st.caption(f"Last run: {job.result.get('drawn', 0)} frames drawn, {job.result.get('kept', 0)} already current.")
    return running


def render_panels(repo: ProjectRepository, scene: Scene, backend: str, model_id: str, running: bool, llm_model: str) -> None:
    panels = boards.panels(repo, scene.id)
    if not panels:
        return
    work = service.make_storyboard_work(anthropic_key(), llm_model)
    for start in range(0, len(panels), COLUMNS):
        columns = st.columns(COLUMNS)
        for column, panel in zip(columns, panels[start:start + COLUMNS]):
            shot, frame = panel.shot, panel.frame
            with column.container(border=True):
                if frame is None:
                    st.markdown(f"**{shot.index + 1}.** {shot.size.value} — {shot.subject}")
                    st.caption("Not drawn yet.")
                    continue
                st.image(repo.read_file(frame.file), caption=caption(shot), width="stretch")
                st.caption(f"{shot.size.value} · {shot.angle} · {shot.movement} · "
                           f"{shot.lens_mm or '?'}mm · {shot.duration_s:.1f} s · {boards.credit_line(frame)}")
                stale = frame.backend != backend
                left, right = st.columns([1, 1])
                with left:
                    credentials_badge(repo, frame)
                if right.button("Regenerate", key=f"boards_panels.redo.{shot.id}", icon=":material/refresh:",
                                disabled=running, help="Draw this shot again with a new seed (recorded); the others stay."
                                + (" It will use the backend chosen above." if stale else "")):
                    params = service.storyboard_params([scene.id], backend, model_id, redo=[shot.id])
                    job_panel.start(lambda r: jobs.start_job(r, service.STORYBOARD_JOB, params, work))


def render_exports(catalog: ProjectCatalog, project: str, repo: ProjectRepository, scene: Scene) -> None:
    drawn = [p for p in boards.panels(repo, scene.id) if p.frame]
    if not drawn:
        st.caption("Generate the scene's frames to export a storyboard or an animatic.")
        return
    layout = st.selectbox("Panels per page (columns × rows)", PDF_LAYOUTS, key=LAYOUT)
    a, b, c = st.columns(3)
    stem = f"{_slug(project)}-scene-{scene.number}"
    # Made when clicked (a callable), in a thread without the page's context, so it opens the project by name.
    a.download_button("Storyboard PDF", data=lambda: boards.storyboard_export(catalog.open(project), [scene.id], layout),
                      file_name=f"{stem}-storyboard.pdf", mime="application/pdf", key="boards_panels.pdf",
                      icon=":material/picture_as_pdf:", on_click="ignore")
    b.download_button("Animatic GIF", data=lambda: boards.animatic_export(catalog.open(project), [scene.id], "gif"),
                      file_name=f"{stem}-animatic.gif", mime="image/gif", key="boards_panels.gif",
                      icon=":material/gif_box:", on_click="ignore")
    c.download_button("Animatic MP4", data=lambda: boards.animatic_export(catalog.open(project), [scene.id], "mp4"),
                      file_name=f"{stem}-animatic.mp4", mime="video/mp4", key="boards_panels.mp4",
                      icon=":material/movie:", on_click="ignore")
    st.caption(f"{len(drawn)} frames, {sum(p.shot.duration_s for p in drawn):.1f} s. Every export carries signed "
               "Content Credentials listing the AI records of the frames it shows.")


def _slug(name: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-") or "project"
