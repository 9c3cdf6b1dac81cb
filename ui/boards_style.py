"""The project's board style (style prompt, negative prompt, seed policy, aspect ratio) and
a reference image per character."""

from __future__ import annotations

import streamlit as st

from pipelines.imaging import boards
from pipelines.imaging.prompts import DEFAULT_NEGATIVE
from pipelines.imaging.service import SEED_POLICIES
from studio.errors import SlatebookError
from studio.models import Frame
from studio.models.imaging import ASPECT_RATIOS
from studio.store.base import ProjectRepository
from ui import flash

FORM = "boards_style.form"
POLICY_LABELS = {
    "per-shot": "Per shot (each shot its own stable seed)",
    "fixed": "Fixed (one seed for every frame)",
    "random": "Random (a new seed each time, recorded)",
}


def render_style(repo: ProjectRepository) -> None:
    settings = repo.get_project().settings
    with st.form(FORM, border=False):
        style = st.text_area("Style prompt", value=settings.style_prompt, key="boards_style.style",
                             placeholder="e.g. graphite storyboard sketch, cool Nordic light, 35mm film grain",
                             help="Added to every frame's prompt, so the film looks like one film.")
        negative = st.text_input("Negative prompt", value=settings.negative_prompt, key="boards_style.negative",
                                 placeholder=DEFAULT_NEGATIVE, help="What no frame should show. Empty: the default shown.")
        a, b, c = st.columns(3)
        policy = a.selectbox("Seed policy", SEED_POLICIES, index=SEED_POLICIES.index(settings.seed_policy)
                             if settings.seed_policy in SEED_POLICIES else 0,
                             format_func=POLICY_LABELS.__getitem__, key="boards_style.policy")
        seed = b.number_input("Seed", min_value=0, max_value=2**31 - 1, value=settings.seed, step=1, key="boards_style.seed")
        ratios = list(ASPECT_RATIOS)
        ratio = c.selectbox("Aspect ratio", ratios, index=ratios.index(settings.aspect_ratio) if settings.aspect_ratio in ratios else 0,
                            key="boards_style.ratio", help="2.39:1 scope, 1.85:1 flat, 16:9 HD, 9:16 vertical, 1:1 square.")
        if st.form_submit_button("Save style", icon=":material/save:"):
            try:
                boards.save_style(repo, style_prompt=style, negative_prompt=negative, seed_policy=policy,
                                  seed=int(seed), aspect_ratio=ratio)
                flash.success("Style saved. Frames drawn from now on use it; Generate redraws the shots it changes.")
            except SlatebookError as exc:
                flash.error(exc)
            st.rerun()


def render_references(repo: ProjectRepository, characters: list[str]) -> None:
    """For each character in the scene: the current reference, an upload, or a drawn frame to use."""
    if not characters:
        st.caption("No characters are in this scene's shots.")
        return
    st.caption("A reference image keeps a face the same from frame to frame. Models with an IP-Adapter use it; "
               "the layout sketch does not.")
    refs = repo.get_project().settings.character_references
    frames = [f for f in repo.list_frames() if not f.rejected]
    for name in characters:
        with st.container(border=True):
            picture, controls = st.columns([1, 4])
            if name in refs:
                try:
                    picture.image(repo.read_file(refs[name]), caption=name, width="stretch")
                except SlatebookError:
                    picture.caption(f"{name}: reference file missing")
            else:
                picture.markdown(f"**{name}**  \nno reference")
            upload = controls.file_uploader(f"Upload a reference for {name}", type=["png", "jpg", "jpeg", "webp"],
                                            key=f"boards_style.upload.{name}")
            if upload is not None and controls.button("Use this picture", key=f"boards_style.use_upload.{name}"):
                _apply(lambda: boards.set_reference(repo, name, upload.getvalue()), f"Reference set for {name}.")
            if frames:
                labels = {f.id: _frame_label(f) for f in frames}
                chosen = controls.selectbox(f"Or use a drawn frame for {name}", [""] + list(labels),
                                            format_func=lambda i: labels.get(i, "—"), key=f"boards_style.frame.{name}")
                if chosen and controls.button("Use this frame", key=f"boards_style.use_frame.{name}"):
                    _apply(lambda: boards.reference_from_frame(repo, name, chosen), f"Reference set for {name}.")
            if name in refs and controls.button("Remove reference", key=f"boards_style.clear.{name}"):
                _apply(lambda: boards.clear_reference(repo, name), f"Reference removed for {name}.")


def _frame_label(frame: Frame) -> str:
    return f"{frame.board}, variant {frame.variant + 1}" if frame.board else frame.caption[:60]


def _apply(action, message: str) -> None:
    try:
        action()
        flash.success(message)
    except SlatebookError as exc:
        flash.error(exc)
    st.rerun()
