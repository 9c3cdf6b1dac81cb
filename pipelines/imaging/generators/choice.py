"""Choosing an image model and fetching its weights: what the Settings page offers.

Plain Python so the page stays thin: the commercial-use wording for the
registry, the check of a model a user types (a local diffusers folder or a
Hugging Face repo id), where the cache is and how much room it has, and the
download as a job's work (studio/jobs.py), resumable because the Hugging Face
cache keeps every finished file.
"""

from __future__ import annotations

import re
import shutil
import threading
import time
from pathlib import Path
from typing import Any

from pipelines.imaging.generators.registry import MODELS, OPENRAIL_PP, STABILITY_COMMUNITY, ModelEntry
from pipelines.imaging.generators.weights import download_weights
from studio.errors import SlatebookError
from studio.jobs import JobCancelled, JobContext
from studio.store.base import ProjectRepository

DOWNLOAD_JOB = "image-weights"
# A download reports every chunk of every file; a job row is saved at most this often.
PROGRESS_EVERY_S = 0.5
_REPO_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")


def commercial_use(entry: ModelEntry) -> str:
    if entry.commercial_use is False:
        return "no"
    if entry.commercial_use:
        return "within use restrictions" if entry.licence == OPENRAIL_PP else "yes"
    return "only below USD 1M revenue" if entry.licence == STABILITY_COMMUNITY else "unknown"


def checked_model(text: str) -> str:
    """A custom model as typed: a diffusers folder on this machine or a Hugging Face repo id."""
    value = text.strip()
    if not value:
        raise SlatebookError("No model is given.", "Type a Hugging Face repo id (owner/name) or the path of a local diffusers folder.")
    path = Path(value).expanduser()
    looks_like_path = value.startswith(("/", "~", ".", "\\")) or value.count("/") > 1 or path.exists()
    if looks_like_path:
        if not path.is_dir():
            raise SlatebookError(f"There is no folder at {path}.", "Check the path, or type a Hugging Face repo id (owner/name).")
        if not (path / "model_index.json").is_file():
            raise SlatebookError(
                f"{path} is not a diffusers model folder: it has no model_index.json.",
                "Point at the folder a diffusers pipeline was saved to (save_pretrained writes model_index.json "
                "with unet/, vae/, text_encoder/ beside it), or at a Hugging Face snapshot folder.",
            )
        return str(path.resolve())
    if not _REPO_ID.match(value):
        raise SlatebookError(
            f"{value!r} is neither a folder on this machine nor a Hugging Face repo id.",
            "A repo id looks like owner/name, for example stabilityai/sd-turbo.",
        )
    return value


def cache_folder() -> Path:
    from huggingface_hub import constants

    return Path(constants.HF_HUB_CACHE)


def downloads_are_off() -> bool:
    from huggingface_hub import constants

    return bool(constants.HF_HUB_OFFLINE)


def free_gb(folder: Path) -> float | None:
    probe_at = folder
    while not probe_at.exists() and probe_at != probe_at.parent:
        probe_at = probe_at.parent
    try:
        return shutil.disk_usage(probe_at).free / 1024**3
    except OSError:
        return None


# --- the download job


def download_work(repo: ProjectRepository, ctx: JobContext, params: dict[str, Any]) -> dict[str, Any]:
    """Fetch one registry model's weights. The Hugging Face cache keeps each
    finished file, so a resumed download fetches only what is missing."""
    key = params["model"]
    if key not in MODELS:
        raise SlatebookError(f"{key!r} is not in Slatebook's model list.", "Pick a listed model to download.")
    entry = MODELS[key]
    lock = threading.Lock()
    last = [0.0]
    stopped = threading.Event()

    def report(fraction: float, message: str) -> None:
        # Called from the downloader's file threads for every chunk: save (and look
        # for a cancel) twice a second; once cancelled, every later chunk stops too.
        if stopped.is_set():
            raise JobCancelled
        now = time.monotonic()
        with lock:
            due = now - last[0] >= PROGRESS_EVERY_S or fraction >= 1.0
            if due:
                last[0] = now
        if due:
            try:
                ctx.progress(fraction, message)
            except JobCancelled:
                stopped.set()
                raise

    found = download_weights(entry, report)
    return {"model": key, "folder": str(found.folder), "revision": found.revision}
