"""What both boards share on the page: the backend picker, palette swatches, Content Credentials."""

from __future__ import annotations

import html

import streamlit as st

from pipelines.imaging import boards
from pipelines.imaging.generators import available_backends
from studio.errors import SlatebookError
from studio.models import Frame
from studio.settings import load_settings
from studio.store.base import ProjectRepository

SKETCH_LABEL = "Layout sketch (offline, not AI-generated)"


def backend_picker(key: str, default: str = "sketch") -> tuple[str, str]:
    """(backend, model id): the sketch, or a diffusers model whose weights are here.

    Models without weights are listed with the reason, not offered: picking one could only fail.
    """
    chosen = load_settings().image_model  # a folder or repo id from Settings is offered too
    statuses = available_backends(also=chosen)
    usable = {SKETCH_LABEL: ("sketch", "")}
    usable.update({f"{s.model} (diffusers)": ("diffusers", s.model) for s in statuses if s.backend == "diffusers" and not s.unavailable})
    labels = list(usable)
    # The model chosen in Settings is preselected when its weights are here; else the page's default backend.
    index = next((i for i, label in enumerate(labels) if usable[label] == ("diffusers", chosen)), None) if chosen else None
    if index is None:
        index = next((i for i, label in enumerate(labels) if usable[label][0] == default), 0)
    choice = st.selectbox("Image backend", labels, index=index, key=key,
                          help="The layout sketch always works; a diffusers model needs its weights on this machine.")
    missing = [s for s in statuses if s.backend == "diffusers" and s.unavailable]
    if missing:
        with st.popover("Why not a diffusion model?", icon=":material/info:"):
            st.markdown("\n".join(f"- **{html.escape(s.model)}**: {html.escape(s.unavailable)}" for s in missing))
            st.caption("Choose a model on the Settings page; Slatebook never downloads weights on its own.")
    return usable[choice]


def swatches_html(palette: list[str], size: int = 22) -> str:
    """Palette chips with their hex codes, as a designer reads a palette."""
    chips = "".join(
        f'<span style="display:inline-flex;flex-direction:column;align-items:center;margin-right:6px">'
        f'<span style="width:{size}px;height:{size}px;background:{html.escape(hex_)};border:1px solid #0002;border-radius:3px"></span>'
        f'<code style="font-size:10px;padding:0">{html.escape(hex_)}</code></span>'
        for hex_ in palette
    )
    return f'<div class="sb-swatches" style="display:flex;flex-wrap:wrap">{chips}</div>'


def credentials_badge(repo: ProjectRepository, frame: Frame) -> None:
    """One line saying whether the image's credentials verify now, with the details behind it."""
    try:
        creds = boards.credentials(repo, frame)
    except SlatebookError as exc:
        st.caption(f":material/gpp_bad: Credentials unreadable: {exc.problem}")
        return
    if not creds.present:
        st.caption(f":material/gpp_maybe: No Content Credentials ({frame.credentials or 'never signed'})")
        return
    if creds.valid and creds.trusted:
        label = ":material/verified_user: C2PA verified"
    elif creds.valid:
        label = ":material/gpp_maybe: C2PA valid, untrusted"
    else:
        label = ":material/gpp_bad: C2PA does not verify"
    with st.popover(label, width="stretch", help="Content Credentials (C2PA) read back from the file now"):
        st.markdown(
            f"- **Verifies:** {'yes' if creds.valid else 'no'}; **trusted signer:** {'yes' if creds.trusted else 'no'}\n"
            f"- **Signed by:** {html.escape(creds.signer or '?')} ({html.escape(creds.issuer or '?')})\n"
            f"- **Made by AI:** {'yes' if creds.ai_generated else 'no' if creds.ai_generated is False else 'not stated'}"
            f" ({html.escape(creds.digital_source_type.rsplit('/', 1)[-1])})\n"
            f"- **Model:** {html.escape(frame.model or frame.backend)}, seed {frame.seed}"
        )
        for problem in creds.problems:
            st.warning(problem)
