"""What a person does to boards besides generating: pick, reject, set the style, choose faces.

Reads for the pages (panels of a scene, images of a moodboard) live here too,
so the pages only call and render.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

from pipelines.imaging.service import SEED_POLICIES, latest_frames
from studio.errors import SlatebookError
from studio.models import Frame, Shot
from studio.models.imaging import ASPECT_RATIOS
from studio.store.base import ProjectRepository

MAX_REFERENCE_BYTES = 20 * 1024 * 1024
REFERENCE_EDGE = 512  # what IP-Adapter's image encoder sees is 224 px; 512 keeps a face sharp on the page


@dataclass(frozen=True)
class Panel:
    shot: Shot
    frame: Frame | None


def panels(repo: ProjectRepository, scene_id: str) -> list[Panel]:
    """A scene's shots in order, each with its current frame (None before it is drawn)."""
    frames = latest_frames(repo)
    return [Panel(shot, frames.get(shot.id)) for shot in repo.list_shots(scene_id)]


def board_frames(repo: ProjectRepository) -> dict[str, list[Frame]]:
    """Moodboard images by board: pinned first, then newest; rejected ones last."""
    boards: dict[str, list[Frame]] = {}
    for frame in repo.list_frames():
        if frame.board:
            boards.setdefault(frame.board, []).append(frame)
    return {
        name: sorted(frames, key=lambda f: (f.rejected, not f.pinned, -f.created_at.timestamp()))
        for name, frames in boards.items()
    }


def mark(repo: ProjectRepository, frame_id: str, *, pinned: bool | None = None, rejected: bool | None = None) -> Frame:
    """Pin or reject an image; a pinned image is not rejected, and the other way round."""
    frame = _frame(repo, frame_id)
    update: dict[str, bool] = {}
    if pinned is not None:
        update["pinned"] = pinned
        if pinned:
            update["rejected"] = False
    if rejected is not None:
        update["rejected"] = rejected
        if rejected:
            update["pinned"] = False
    frame = frame.model_copy(update=update)
    repo.save_frames([frame])
    return frame


def save_style(
    repo: ProjectRepository,
    *,
    style_prompt: str,
    negative_prompt: str,
    seed_policy: str,
    seed: int,
    aspect_ratio: str,
    image_backend: str | None = None,
) -> None:
    """The project's board style, applied to every frame drawn after it."""
    if seed_policy not in SEED_POLICIES:
        raise SlatebookError(f"{seed_policy!r} is not a seed policy.", f"Choose one of: {', '.join(SEED_POLICIES)}.")
    if aspect_ratio not in ASPECT_RATIOS:
        raise SlatebookError(f"{aspect_ratio!r} is not an aspect ratio we board in.", f"Choose one of: {', '.join(ASPECT_RATIOS)}.")
    if not 0 <= int(seed) < 2**31:
        raise SlatebookError(f"The seed {seed} is out of range.", "Use a whole number from 0 to 2147483647.")
    project = repo.get_project()
    update = {
        "style_prompt": style_prompt.strip(),
        "negative_prompt": negative_prompt.strip(),
        "seed_policy": seed_policy,
        "seed": int(seed),
        "aspect_ratio": aspect_ratio,
    }
    if image_backend:
        update["image_backend"] = image_backend
    project.settings = project.settings.model_copy(update=update)
    repo.save_project(project)


def set_reference(repo: ProjectRepository, character: str, data: bytes) -> str:
    """Store an uploaded image as `character`'s reference (as a PNG); returns its file name."""
    if len(data) > MAX_REFERENCE_BYTES:
        raise SlatebookError("That image is larger than 20 MB.", "Use a smaller picture of the face.")
    try:
        with Image.open(io.BytesIO(data)) as im:
            im = im.convert("RGB")
            im.thumbnail((REFERENCE_EDGE, REFERENCE_EDGE))
            out = io.BytesIO()
            im.save(out, format="PNG")
    except (UnidentifiedImageError, OSError, ValueError):
        raise SlatebookError("That file is not an image we can read.", "Upload a PNG, JPEG or WebP picture.") from None
    return _save_reference(repo, character, repo.put_file(out.getvalue(), ".png"))


def reference_from_frame(repo: ProjectRepository, character: str, frame_id: str) -> str:
    """Use a drawn frame (a storyboard panel or a moodboard image) as `character`'s reference."""
    return _save_reference(repo, character, _frame(repo, frame_id).file)


def clear_reference(repo: ProjectRepository, character: str) -> None:
    project = repo.get_project()
    refs = {k: v for k, v in project.settings.character_references.items() if k != character}
    project.settings = project.settings.model_copy(update={"character_references": refs})
    repo.save_project(project)


def credentials(repo: ProjectRepository, frame: Frame):
    """The frame's Content Credentials as read back from its file now (so tampering shows)."""
    from pipelines.provenance.verify import read_credentials

    return read_credentials(repo.read_file(frame.file), "image/png")


def _save_reference(repo: ProjectRepository, character: str, file: str) -> str:
    project = repo.get_project()
    refs = {**project.settings.character_references, character: file}
    project.settings = project.settings.model_copy(update={"character_references": refs})
    repo.save_project(project)
    return file


def _frame(repo: ProjectRepository, frame_id: str) -> Frame:
    frame = next((f for f in repo.list_frames() if f.id == frame_id), None)
    if frame is None:
        raise SlatebookError("That image is no longer in the project.", "Reload the page.")
    return frame
