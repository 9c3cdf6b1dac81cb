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


# --- exports: built from the store, signed as composites of the frames they show


def storyboard_export(repo: ProjectRepository, scene_ids: list[str], layout: str = "2x3") -> bytes:
    """The storyboard PDF of `scene_ids` (panels without a frame print empty), signed."""
    from pipelines.imaging.exports import BoardPanel, storyboard_pdf

    project = repo.get_project()
    scenes = _scenes(repo, scene_ids)
    board = []
    for scene in scenes:
        for panel in panels(repo, scene.id):
            board.append(BoardPanel(
                shot=panel.shot,
                png=repo.read_file(panel.frame.file) if panel.frame else None,
                scene_number=scene.number,
                scene_heading=scene.heading,
                caption=panel.shot.action,
                credit=credit_line(panel.frame) if panel.frame else "",
            ))
    title = f"Storyboard, scene {scenes[0].number}" if len(scenes) == 1 else f"Storyboard, {len(scenes)} scenes"
    pdf = storyboard_pdf(board, title=title, project=project.name, layout=layout,
                         aspect_ratio=project.settings.aspect_ratio)
    return _signed(repo, pdf, "application/pdf", title, [p.frame for s in scenes for p in panels(repo, s.id) if p.frame])


def animatic_export(repo: ProjectRepository, scene_ids: list[str], fmt: str = "gif") -> bytes:
    """Each drawn shot held for its duration, with its caption; GIF or MP4, signed."""
    from pipelines.imaging.exports import AnimaticFrame, animatic
    from pipelines.imaging.prompts import caption

    if fmt not in ("gif", "mp4"):
        raise SlatebookError(f"An animatic cannot be a {fmt!r} file.", "Choose GIF or MP4.")
    drawn = [p for s in _scenes(repo, scene_ids) for p in panels(repo, s.id) if p.frame]
    movie = animatic([AnimaticFrame(png=repo.read_file(p.frame.file), duration_s=p.shot.duration_s,
                                    caption=caption(p.shot)) for p in drawn], fmt)  # type: ignore[arg-type]
    return _signed(repo, movie, "image/gif" if fmt == "gif" else "video/mp4", "Animatic", [p.frame for p in drawn])


def moodboard_export(repo: ProjectRepository, board: str) -> bytes:
    """The board as one PNG: its pinned images (all kept ones when none is pinned) and its palette."""
    from pipelines.imaging.exports import moodboard_png
    from pipelines.imaging.palette import board_palette

    kept = [f for f in board_frames(repo).get(board, []) if not f.rejected]
    chosen = [f for f in kept if f.pinned] or kept
    if not chosen:
        raise SlatebookError(f"The board {board!r} has no images to export.", "Generate images for it first.")
    png = moodboard_png([repo.read_file(f.file) for f in chosen], board_palette([f.palette for f in chosen]), board,
                        subtitle=repo.get_project().name)
    return _signed(repo, png, "image/png", board, chosen)


def credit_line(frame: Frame) -> str:
    if not frame.ai_generated:
        return "Layout sketch, not AI-generated"
    return f"AI: {frame.model}, seed {frame.seed}"


def _signed(repo: ProjectRepository, data: bytes, mime: str, title: str, frames: list[Frame]) -> bytes:
    from pipelines.provenance.sign import sign_export

    project = repo.get_project()
    wanted = {f.ai_record_id for f in frames}
    records = [r for r in repo.list_ai_records() if r.id in wanted]
    return sign_export(data, mime, title=title, project_id=project.id, project_name=project.name,
                       contains_ai=any(f.ai_generated for f in frames), records=records)


def _scenes(repo: ProjectRepository, scene_ids: list[str]):
    script = repo.get_script()
    by_id = {s.id: s for s in (script.active_scenes if script else [])}
    scenes = [by_id[i] for i in scene_ids if i in by_id]
    if not scenes:
        raise SlatebookError("None of those scenes is in the current draft.", "Pick a scene from the list.")
    return scenes
