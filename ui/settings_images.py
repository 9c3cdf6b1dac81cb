"""The Settings page's image-model section: the model list with licences, the
model and device choice, and fetching a model's weights when (only when) asked."""

from __future__ import annotations


import pandas as pd
import streamlit as st

from pipelines.imaging.generators.device import Hardware, plan_for, probe
from pipelines.imaging.generators.choice import (
    DOWNLOAD_JOB,
    cache_folder,
    checked_model,
    commercial_use,
    download_work,
    downloads_are_off,
    free_gb,
)
from pipelines.imaging.generators.registry import MODELS, ModelEntry, entry_for
from pipelines.imaging.generators.weights import find_weights, missing_weights_reason
from studio import jobs
from studio.errors import SlatebookError
from studio.models import JobStatus
from studio.settings import AppSettings, save_settings, settings_path
from ui import flash
from ui import jobs as job_panel

NO_MODEL = ""  # layout sketches only
OTHER = "other"
DEVICES = {"": "Automatic", "cuda": "CUDA (NVIDIA GPU)", "mps": "MPS (Apple silicon)", "cpu": "CPU"}


# --- the registry as a table


def registry_table() -> pd.DataFrame:
    rows = []
    for entry in MODELS.values():
        missing = missing_weights_reason(entry)
        rows.append({
            "Model": entry.label,
            "Licence": entry.licence,
            "Commercial use": commercial_use(entry),
            # The reason names the size, which has its own column.
            "Weights": missing.split(" (")[0] if missing else "on this machine",
            "Download size": f"{entry.weights_gb:g} GB",
            "Steps": entry.steps,
            "Default size": f"{entry.width}×{entry.height}",
            "Key": entry.key,
            "Terms": entry.licence_url,
        })
    return pd.DataFrame(rows)


# --- the section on the page


def _plan_line(entry: ModelEntry, device: str, hardware: Hardware) -> tuple[str, SlatebookError | None]:
    try:
        plan = plan_for(entry.weights_gb, entry.largest_gb, entry.prefers_bf16, hardware=hardware,
                        device=device or None, label=entry.label)
    except SlatebookError as exc:
        return "", exc
    extras = [name for name, on in (("CPU offload", plan.cpu_offload), ("attention slicing", plan.attention_slicing),
                                    ("VAE tiling", plan.vae_tiling)) if on]
    return " · ".join([plan.device.upper(), plan.dtype, *extras]) + f" ({plan.why})", None


def _unavailable_device(device: str, hardware: Hardware) -> str:
    if device == "cuda" and not hardware.cuda:
        return "There is no CUDA GPU on this machine."
    if device == "mps" and not hardware.mps:
        return "Apple's Metal (MPS) is not available on this machine."
    return ""


def render(settings: AppSettings) -> None:
    st.subheader("Image model")
    st.caption("The model the Moodboard and Storyboard draw with. Without one (or without its weights) "
               "they draw layout sketches, which are not AI-generated.")
    st.dataframe(
        registry_table(),
        hide_index=True,
        width="stretch",
        column_config={
            "Terms": st.column_config.LinkColumn("Terms", display_text="licence"),
            "Steps": st.column_config.NumberColumn("Steps", help="Default denoising steps"),
        },
    )
    labels = {NO_MODEL: "None: layout sketches only", **{k: f"{e.label} ({k})" for k, e in MODELS.items()},
              OTHER: "Other: a Hugging Face repo id or a local folder"}
    saved = settings.image_model
    current = saved if saved in MODELS or not saved else OTHER
    choice = st.selectbox("Model", list(labels), index=list(labels).index(current), format_func=labels.get,
                          key="settings_images.model")
    model, problem = choice, None
    if choice == OTHER:
        typed = st.text_input("Hugging Face repo id or local diffusers folder", value=saved if current == OTHER else "",
                              key="settings_images.other", placeholder="owner/name or /path/to/model")
        try:
            model = checked_model(typed)
        except SlatebookError as exc:
            model, problem = "", exc
            if typed.strip():
                st.error(f"{exc.problem} {exc.hint}", icon=":material/folder_off:")

    # Cheap once torch is imported; the first import can take many seconds on a cold disk, hence the spinner.
    # Free GPU memory changes, so the probe is not cached.
    with st.spinner("Looking for a GPU on this machine…"):
        hardware = probe()
    device = st.selectbox("Device", list(DEVICES), index=list(DEVICES).index(settings.image_device)
                          if settings.image_device in DEVICES else 0, format_func=DEVICES.get,
                          key="settings_images.device")
    entry = entry_for(model) if model else None
    if entry is not None:
        auto_line, auto_problem = _plan_line(entry, "", hardware)
        st.caption(f"Automatic on this machine: {auto_line}" if auto_line else
                   f"Automatic on this machine: {auto_problem.problem}")
        if device:
            line, device_problem = _plan_line(entry, device, hardware)
            if device_problem is not None:
                st.warning(f"{device_problem.problem} {device_problem.hint}", icon=":material/memory:")
            else:
                st.caption(f"{DEVICES[device]}: {line}")
        _describe(entry)
    else:
        st.caption(f"Automatic on this machine: {'CUDA' if hardware.cuda else 'MPS' if hardware.mps else 'CPU'}")

    blocked = _unavailable_device(device, hardware)
    if st.button("Save image model", type="primary", key="settings_images.save", icon=":material/save:"):
        if problem is not None:
            flash.error(problem)
        elif blocked:
            flash.error(SlatebookError(blocked, "Choose Automatic or the CPU."))
        else:
            # model_copy keeps the settings this section does not own.
            save_settings(settings.model_copy(update={"image_model": model, "image_device": device}))
            flash.success(f"Image model saved to {settings_path()}: {labels.get(model) or model or labels[NO_MODEL]}, "
                          f"device {DEVICES[device].lower()}.")
        st.rerun()

    if entry is not None and entry.key in MODELS:
        _download_panel(entry)


def _describe(entry: ModelEntry) -> None:
    terms = f" ([terms]({entry.licence_url}))" if entry.licence_url else ""
    st.markdown(f"**Licence:** {entry.licence}{terms} · **commercial use:** {commercial_use(entry)}")
    if entry.licence_note:
        st.caption(entry.licence_note)
    found = find_weights(entry)
    if found is not None:
        st.success(f"Weights on this machine: {found.folder}", icon=":material/check_circle:")
    elif entry.key not in MODELS:
        st.warning(f"The weights for {entry.label} are not on this machine. Fetch them into the Hugging Face cache "
                   f"on a connected machine (`hf download {entry.repo_id}`), or point at a local diffusers folder.",
                   icon=":material/cloud_off:")


def _download_panel(entry: ModelEntry) -> None:
    job = job_panel.show(DOWNLOAD_JOB, download_work, noun="download")
    running = job is not None and not job.finished
    if job is not None and job.status == JobStatus.DONE and job.result.get("model") == entry.key:
        st.success(f"Downloaded {entry.label} into {job.result.get('folder')}.", icon=":material/download_done:")
    if running or find_weights(entry) is not None:
        return
    cache = cache_folder()
    free = free_gb(cache)
    room = f"; {free:.0f} GB free there" if free is not None else ""
    st.info(f"Downloading {entry.label} fetches about {entry.weights_gb:g} GB from "
            f"huggingface.co/{entry.repo_id}{' and its add-on' if entry.unet_repo or entry.lora_repo else ''} "
            f"into the Hugging Face cache at {cache}{room}. Slatebook downloads only when you click.",
            icon=":material/cloud_download:")
    if downloads_are_off():
        st.warning("HF_HUB_OFFLINE is set, so this machine is offline for Hugging Face: a download will fail. "
                   "Unset it, or copy the weights into the cache from a connected machine.", icon=":material/wifi_off:")
    if st.button(f"Download {entry.label} weights", key="settings_images.download", icon=":material/download:"):
        # A data-folder-level job kept on the current project's job list: studio/jobs.py
        # keeps jobs per project, and the page follows jobs through the current project.
        job_panel.start(lambda repo: jobs.start_job(repo, DOWNLOAD_JOB, {"model": entry.key}, download_work))
