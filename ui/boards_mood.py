"""The moodboard: editable prompts per board, N variants as a job, and the image grid with
pin / reject, palettes with hex per image and per board, credentials, PNG export.

Prompts being edited live in this component's session state until a run: a
run's params carry them, so the board keeps the exact words it was drawn from.
The API key is read here and handed to the service; never stored.
"""

from __future__ import annotations

import streamlit as st

from pipelines.imaging import boards, service
from pipelines.imaging.palette import board_palette
from studio import jobs
from studio.errors import SlatebookError
from studio.models import Frame
from studio.models.imaging import BoardPrompt
from studio.store.base import ProjectRepository
from studio.store.catalog import ProjectCatalog
from ui import flash
from ui import jobs as job_panel
from ui.boards_common import credentials_badge, swatches_html
from ui.keys import anthropic_key

PROMPTS = "boards_mood.prompts"  # + project id: the BoardPrompt dicts being edited
VARIANTS = "boards_mood.variants"
ENGINE = "boards_mood.engine"
SHOW_REJECTED = "boards_mood.show_rejected"
COLUMNS = 4


def _prompts_key(repo: ProjectRepository) -> str:
    return f"{PROMPTS}.{repo.get_project().id}"  # another project has other boards


def _prompts(repo: ProjectRepository) -> list[BoardPrompt]:
    key = _prompts_key(repo)
    if key not in st.session_state:
        job = jobs.latest_job(repo, service.MOODBOARD_JOB)
        # The last run's words, else the templates (no API call just for opening the page).
        boards_ = [BoardPrompt.model_validate(b) for b in job.params.get("boards", [])] if job else []
        st.session_state[key] = [b.model_dump() for b in boards_ or service.propose_board_prompts(repo)]
    return [BoardPrompt.model_validate(b) for b in st.session_state[key]]


def render_prompts(repo: ProjectRepository, llm_model: str) -> list[BoardPrompt]:
    """The boards to draw: each prompt editable and ticked in or out. Returns the ticked ones."""
    key = anthropic_key()
    prompts = _prompts(repo)
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    if key is None:
        st.session_state[ENGINE] = "templates"
    engine = left.radio("Propose prompts with", ["templates", "claude"], key=ENGINE, horizontal=True, disabled=key is None,
                        format_func={"templates": "Templates from the script (offline)", "claude": "Claude"}.__getitem__,
                        help=None if key else "Claude is off: no Anthropic API key is set (ANTHROPIC_API_KEY or .streamlit/secrets.toml).")
    if right.button("Propose prompts", key="boards_mood.propose", icon=":material/auto_awesome:"):
        try:
            proposed = service.propose_board_prompts(repo, service.llm_for(key, llm_model) if engine == "claude" else None)
            st.session_state[_prompts_key(repo)] = [b.model_dump() for b in proposed]
            for b in proposed:  # the text areas redraw from the new words
                st.session_state.pop(_text_key(b.board), None)
            flash.success(f"Proposed {len(proposed)} board prompts.")
        except SlatebookError as exc:
            flash.error(exc)
        st.rerun()

    chosen = []
    for board in prompts:
        with st.container(border=True):
            tick, text = st.columns([1, 5])
            include = tick.checkbox(board.board, value=board.scope == "project", key=f"boards_mood.include.{board.board}",
                                    help=f"{len(board.scene_ids)} scenes")
            words = text.text_area("Prompt", value=board.prompt, key=_text_key(board.board), height=80,
                                   label_visibility="collapsed")
            if include:
                changed = words.strip() != board.prompt
                chosen.append(board.model_copy(update={"prompt": words.strip(), "source": "user" if changed else board.source}))
    return chosen


def render_generate(repo: ProjectRepository, chosen: list[BoardPrompt], backend: str, model_id: str, llm_model: str) -> bool:
    work = service.make_moodboard_work(anthropic_key(), llm_model)
    job = job_panel.show(service.MOODBOARD_JOB, work, noun="moodboard generation")
    running = job is not None and not job.finished
    left, right = st.columns([1, 3], vertical_alignment="bottom")
    variants = left.number_input("Variants per prompt", min_value=1, max_value=service.MAX_VARIANTS, value=4, key=VARIANTS)
    label = f"Generate {int(variants) * len(chosen)} images" if chosen else "Tick a board to generate"
    if right.button(label, key="boards_mood.generate", type="primary", icon=":material/movie_filter:",
                    disabled=running or not chosen):
        try:
            params = service.moodboard_params(chosen, int(variants), backend, model_id)
        except SlatebookError as exc:
            flash.error(exc)
            st.rerun()
        job_panel.start(lambda r: jobs.start_job(r, service.MOODBOARD_JOB, params, work))
    return running


def render_boards(catalog: ProjectCatalog, project: str, repo: ProjectRepository) -> None:
    by_board = boards.board_frames(repo)
    if not by_board:
        st.info("No images yet: tick a board above and generate.")
        return
    show_rejected = st.toggle("Show rejected images", key=SHOW_REJECTED)
    for name, frames in by_board.items():
        kept = [f for f in frames if not f.rejected]
        pinned = [f for f in kept if f.pinned]
        st.markdown(f"#### {name}")
        palette = board_palette([f.palette for f in (pinned or kept)]) if kept else []
        info, export = st.columns([4, 1], vertical_alignment="center")
        info.caption(f"{len(kept)} kept, {len(pinned)} pinned, {len(frames) - len(kept)} rejected · board palette "
                     f"({'pinned' if pinned else 'all kept'} images):")
        info.markdown(swatches_html(palette), unsafe_allow_html=True)
        if kept:
            export.download_button("Board PNG", data=lambda name=name: boards.moodboard_export(catalog.open(project), name),
                                   file_name=f"{_slug(project)}-{_slug(name)}.png", mime="image/png",
                                   key=f"boards_mood.export.{name}", icon=":material/download:", on_click="ignore")
        shown = frames if show_rejected else kept
        for start in range(0, len(shown), COLUMNS):
            for column, frame in zip(st.columns(COLUMNS), shown[start:start + COLUMNS]):
                with column.container(border=True):
                    _image(repo, frame)


def _image(repo: ProjectRepository, frame: Frame) -> None:
    mark = "📌 " if frame.pinned else ("✕ " if frame.rejected else "")
    st.image(repo.read_file(frame.file), caption=f"{mark}variant {frame.variant + 1} · seed {frame.seed}", width="stretch")
    st.markdown(swatches_html(frame.palette, size=16), unsafe_allow_html=True)
    pin, reject = st.columns(2)
    if pin.button("Unpin" if frame.pinned else "Pin", key=f"boards_mood.pin.{frame.id}", icon=":material/push_pin:"):
        boards.mark(repo, frame.id, pinned=not frame.pinned)
        st.rerun()
    if reject.button("Restore" if frame.rejected else "Reject", key=f"boards_mood.reject.{frame.id}", icon=":material/block:"):
        boards.mark(repo, frame.id, rejected=not frame.rejected)
        st.rerun()
    credentials_badge(repo, frame)


def _text_key(board: str) -> str:
    return f"boards_mood.prompt.{board}"


def _slug(name: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-") or "board"
