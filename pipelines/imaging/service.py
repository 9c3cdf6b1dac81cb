"""Generating boards as jobs: every frame saved, signed and recorded the moment it is drawn.

`make_storyboard_work` and `make_moodboard_work` return work functions for
studio/jobs.py. Each finished frame is stored at once — the signed PNG in the
file store, its AIRecord in the ledger, then the Frame row — and the Frame row
is what marks it done, so a job cut off anywhere resumes by drawing only what
has no current frame. A frame is current when it was drawn from the same
prompt by the same backend: editing a shot redraws that shot only.

An AIRecord holds the whole FrameSpec (references by file name), so
`reproduce` draws the same pixels again from the record alone.
"""

from __future__ import annotations

import hashlib
import io
import secrets
from collections.abc import Callable
from typing import Any

from PIL import Image

from pipelines.llm.base import LLM
from pipelines.imaging.generators import FrameSpec, GeneratedImage, ImageGenerator, generator_for
from pipelines.imaging.prompts import (
    LOCATION_PREFIX,
    board_prompts_claude,
    board_prompts_offline,
    caption,
    character_descriptions,
    frame_prompt,
    negative_prompt,
    set_name,
)
from studio.errors import SlatebookError
from studio.jobs import JobContext, Work
from studio.models import AIRecord, Frame, ProjectSettings, Scene, Shot
from studio.models.imaging import BoardPrompt, ShotSize, frame_size
from studio.store.base import ProjectRepository

STORYBOARD_JOB = "storyboard"
MOODBOARD_JOB = "moodboard"
SEED_POLICIES = ("per-shot", "fixed", "random")
# Long edge in pixels by backend: sketches are drawn at board size, models at
# the size they were trained at; tests pass their own.
LONG_EDGE = {"sketch": 768, "diffusers": 1024, "tiny": 64}
MAX_VARIANTS = 8
VARIANT_SIZES = (ShotSize.EWS, ShotSize.WS, ShotSize.MWS, ShotSize.MS)

Generators = Callable[[str, str], ImageGenerator]  # (backend, model id) -> generator


def seed_for(settings: ProjectSettings, key: str) -> int:
    """The seed a frame is drawn with, by the project's policy; always recorded."""
    if settings.seed_policy == "random":
        return secrets.randbelow(2**31)
    if settings.seed_policy == "fixed":
        return settings.seed
    # per-shot: stable for a shot (the same shot redraws the same), different between shots
    return int(hashlib.sha256(f"{settings.seed}:{key}".encode()).hexdigest()[:8], 16)


# --- drawing one image


def render(
    repo: ProjectRepository,
    generator: ImageGenerator,
    spec: FrameSpec,
    *,
    purpose: str,
    title: str,
    reference_files: dict[str, str] | None = None,
    on_step: Callable[[int, int], None] | None = None,
) -> tuple[str, AIRecord, str, list[str], GeneratedImage]:
    """Draw `spec`, sign it, store file and record. Returns (file, record, credentials, palette, image)."""
    from pipelines.imaging.palette import extract_palette
    from pipelines.provenance.sign import sign_image

    project = repo.get_project()
    image = generator.generate(spec, on_step)
    record = AIRecord(
        kind="image",
        purpose=purpose,
        provider="diffusers" if image.backend == "diffusers" else "offline",
        model=image.model_id,
        model_version=image.model_revision,
        prompt=spec.prompt,  # the production's own words, kept whole so the record can redraw it
        seed=spec.seed,
        parameters={
            "backend": image.backend,
            "ai_generated": image.ai_generated,
            "licence": image.licence,
            "commercial_use": image.commercial_use,
            "negative_prompt": spec.negative_prompt,
            "steps": spec.steps,
            "guidance": spec.guidance,
            "width": image.width,
            "height": image.height,
            "seconds": round(image.seconds, 3),
            **{k: v for k, v in image.parameters.items() if k not in ("seed",)},
            "spec": spec.model_dump(mode="json", exclude={"references"}),
            "references": dict(reference_files or {}),
        },
    )
    try:
        data = sign_image(image.png, title=title, record=record, ai_generated=image.ai_generated,
                          project_id=project.id, project_name=project.name)
        credentials = "signed"
    except SlatebookError as exc:
        # The image is kept unsigned rather than lost; the page says why.
        data, credentials = image.png, f"not signed: {exc.problem}"
    name = repo.put_file(data, ".png")
    record = record.model_copy(update={"assets": [name]})
    repo.add_ai_record(record)
    return name, record, credentials, extract_palette(image.png), image


def reproduce(repo: ProjectRepository, record_id: str, generators: Generators | None = None) -> GeneratedImage:
    """Draw a recorded image again from its AIRecord alone (same backend, model, spec and seed)."""
    record = next((r for r in repo.list_ai_records() if r.id == record_id and r.kind == "image"), None)
    if record is None:
        raise SlatebookError("That image record is not in this project.", "Pick a frame from the board.")
    params = record.parameters
    references = {name: repo.read_file(file) for name, file in params.get("references", {}).items()}
    spec = FrameSpec(**params["spec"], references=references)
    generator = (generators or _generator)(params["backend"], record.model)
    return generator.generate(spec)


def pixels(png: bytes) -> bytes:
    """An image's decoded RGB pixels: what 'the same image' means once credentials are embedded."""
    with Image.open(io.BytesIO(png)) as im:
        return im.convert("RGB").tobytes()


def _generator(backend: str, model_id: str) -> ImageGenerator:
    return generator_for(backend, model_id or None)


# --- storyboards


def storyboard_params(scene_ids: list[str], backend: str = "sketch", model_id: str = "", *,
                      redo: list[str] | None = None, long_edge: int | None = None) -> dict[str, Any]:
    """A storyboard job's params: which scenes, the backend, and shots to draw anew (regenerate)."""
    return {"scene_ids": list(scene_ids), "backend": backend, "model_id": model_id,
            "redo": list(redo or []), "long_edge": long_edge or LONG_EDGE.get(backend, 768)}


def make_storyboard_work(api_key: str | None = None, llm_model: str = "", generators: Generators | None = None) -> Work:
    """Work that draws a frame per shot of the given scenes, proposing shots for scenes with none
    (Claude when `api_key` is given, else the coverage rules)."""

    def work(repo: ProjectRepository, ctx: JobContext, params: dict[str, Any]) -> dict[str, Any]:
        from pipelines.imaging.shotlist import propose_shots

        backend = params.get("backend", "sketch")
        generator = (generators or _generator)(backend, params.get("model_id", ""))
        script = repo.get_script()
        if script is None:
            raise SlatebookError("This project has no script yet.", "Import a screenplay on the Script page first.")
        scenes = {s.id: s for s in script.active_scenes}
        plan: list[tuple[Shot, Scene]] = []
        for scene_id in params.get("scene_ids", []):
            if scene_id not in scenes:
                continue  # a scene a revised draft dropped: nothing to board
            shots = repo.list_shots(scene_id)
            if not shots:
                shots = propose_shots(repo, scene_id, llm_for(api_key, llm_model))
            plan += [(shot, scenes[scene_id]) for shot in shots]
        if not plan:
            raise SlatebookError("There are no shots to draw.", "Propose or add shots for the scene first.")

        settings = repo.get_project().settings
        descriptions = character_descriptions(script)
        current = latest_frames(repo)
        redone = set(ctx.job.result.get("redone", []))
        todo = []
        for shot, scene in plan:
            prompt = frame_prompt(shot, scene, settings, descriptions)
            frame = current.get(shot.id)
            redo = shot.id in params.get("redo", []) and shot.id not in redone
            if frame is None or redo or frame.prompt != prompt or frame.backend != backend:
                todo.append((shot, scene, prompt, frame, redo))
        done = len(plan) - len(todo)
        for k, (shot, scene, prompt, old, redo) in enumerate(todo):
            position = done + k
            label = f"Frame {position + 1} of {len(plan)}: scene {scene.number}, shot {shot.index + 1}"
            ctx.progress(position / len(plan), label)

            def on_step(step: int, total: int, position: int = position, label: str = label) -> None:
                ctx.progress((position + step / max(total, 1)) / len(plan), f"{label} (step {step} of {total})")

            frame = draw_shot(repo, generator, shot, scene, settings, prompt, params, old=old,
                              new_seed=redo, on_step=on_step)
            if redo:
                redone.add(shot.id)
            ctx.progress((position + 1) / len(plan), f"Drew frame {position + 1} of {len(plan)}",
                         frames=position + 1, redone=sorted(redone), last_frame=frame.id)
        return {"frames": len(plan), "drawn": len(todo), "kept": done}

    return work


def draw_shot(repo: ProjectRepository, generator: ImageGenerator, shot: Shot, scene: Scene,
              settings: ProjectSettings, prompt: str, params: dict[str, Any], *, old: Frame | None = None,
              new_seed: bool = False, on_step: Callable[[int, int], None] | None = None) -> Frame:
    width, height = frame_size(settings.aspect_ratio, int(params.get("long_edge") or LONG_EDGE["sketch"]))
    reference_files = {n: settings.character_references[n] for n in shot.characters if n in settings.character_references}
    spec = FrameSpec(
        prompt=prompt,
        negative_prompt=negative_prompt(settings),
        width=width,
        height=height,
        # A regenerated frame is a new take: a fresh seed, recorded like any other.
        seed=secrets.randbelow(2**31) if new_seed else seed_for(settings, shot.id),
        shot_size=shot.size,
        angle=shot.angle,
        movement=shot.movement,
        subjects=list(shot.characters),
        caption=caption(shot),
        palette=sequence_palette(repo, scene),
        int_ext=scene.int_ext.value,
        day_night=scene.day_night,
        references={n: repo.read_file(f) for n, f in reference_files.items()},
    )
    name, record, credentials, palette, image = render(
        repo, generator, spec, purpose="storyboard frame",
        title=f"Scene {scene.number}, shot {shot.index + 1}", reference_files=reference_files, on_step=on_step,
    )
    frame = Frame(
        **({"id": old.id} if old else {}),  # a redrawn shot keeps its panel's id
        shot_id=shot.id, scene_id=scene.id, file=name, width=image.width, height=image.height,
        backend=image.backend, model=image.model_id, ai_generated=image.ai_generated, ai_record_id=record.id,
        prompt=prompt, negative_prompt=spec.negative_prompt, seed=spec.seed, caption=spec.caption,
        credentials=credentials, palette=palette,
    )
    repo.save_frames([frame])
    return frame


def latest_frames(repo: ProjectRepository) -> dict[str, Frame]:
    """Each shot's current frame (the last saved for it)."""
    frames: dict[str, Frame] = {}
    for frame in repo.list_frames():
        if frame.shot_id:
            frames[frame.shot_id] = frame
    return frames


def sequence_palette(repo: ProjectRepository, scene: Scene) -> list[str]:
    """The set's moodboard palette (pinned images, else all kept ones), for sketches to draw in."""
    from pipelines.imaging.palette import board_palette

    board = LOCATION_PREFIX + set_name(scene)
    frames = [f for f in repo.list_frames() if f.board == board and not f.rejected]
    chosen = [f for f in frames if f.pinned] or frames
    return board_palette([f.palette for f in chosen]) if chosen else []


# --- moodboards


def moodboard_params(boards: list[BoardPrompt], variants: int = 4, backend: str = "sketch", model_id: str = "",
                     *, long_edge: int | None = None) -> dict[str, Any]:
    if not 1 <= variants <= MAX_VARIANTS:
        raise SlatebookError(f"{variants} variants per prompt is out of range.", f"Choose 1 to {MAX_VARIANTS}.")
    return {"boards": [b.model_dump(mode="json") for b in boards], "variants": variants, "backend": backend,
            "model_id": model_id, "long_edge": long_edge or LONG_EDGE.get(backend, 768)}


def propose_board_prompts(repo: ProjectRepository, llm: LLM | None = None) -> list[BoardPrompt]:
    """The film's and each set's moodboard prompt: `llm`'s (Claude) when given, else templates."""
    script = repo.get_script()
    if script is None or not script.active_scenes:
        raise SlatebookError("This project has no script yet.", "Import a screenplay on the Script page first.")
    boards = board_prompts_offline(script, repo.get_project().settings)
    if llm is None:
        return boards
    boards, record = board_prompts_claude(llm, script, boards)
    repo.add_ai_record(record)
    return boards


def make_moodboard_work(api_key: str | None = None, llm_model: str = "", generators: Generators | None = None) -> Work:
    """Work that draws N variants per board prompt (proposing the prompts when none are given)."""

    def work(repo: ProjectRepository, ctx: JobContext, params: dict[str, Any]) -> dict[str, Any]:
        backend = params.get("backend", "sketch")
        generator = (generators or _generator)(backend, params.get("model_id", ""))
        boards = [BoardPrompt.model_validate(b) for b in params.get("boards", [])]
        if not boards:
            boards = propose_board_prompts(repo, llm_for(api_key, llm_model))
            ctx.job.params["boards"] = [b.model_dump(mode="json") for b in boards]  # a resume draws the same
        settings = repo.get_project().settings
        variants = int(params.get("variants", 4))
        have = {(f.board, f.variant, f.prompt, f.backend) for f in repo.list_frames() if f.board}
        plan = [(b, v) for b in boards for v in range(variants)]
        todo = [(b, v) for b, v in plan if (b.board, v, b.prompt, backend) not in have]
        done = len(plan) - len(todo)
        width, height = frame_size(settings.aspect_ratio, int(params.get("long_edge") or LONG_EDGE["sketch"]))
        for k, (board, variant) in enumerate(todo):
            position = done + k
            label = f"Image {position + 1} of {len(plan)}: {board.board}, variant {variant + 1}"
            ctx.progress(position / len(plan), label)

            def on_step(step: int, total: int, position: int = position, label: str = label) -> None:
                ctx.progress((position + step / max(total, 1)) / len(plan), f"{label} (step {step} of {total})")

            spec = FrameSpec(
                prompt=board.prompt, negative_prompt=negative_prompt(settings), width=width, height=height,
                seed=seed_for(settings, f"{board.board}:{board.prompt}") + variant if settings.seed_policy != "random"
                else seed_for(settings, ""),
                caption=board.board, int_ext=board.int_ext, day_night=board.day_night,
                # Variants of a place at several sizes: how the sketch tells them apart (a model also has the seed).
                shot_size=VARIANT_SIZES[variant % len(VARIANT_SIZES)] if board.scope == "location" else None,
            )
            name, record, credentials, palette, image = render(
                repo, generator, spec, purpose="moodboard image", title=f"{board.board}, variant {variant + 1}",
                on_step=on_step,
            )
            repo.save_frames([Frame(
                board=board.board, variant=variant, file=name, width=image.width, height=image.height,
                backend=image.backend, model=image.model_id, ai_generated=image.ai_generated, ai_record_id=record.id,
                prompt=board.prompt, negative_prompt=spec.negative_prompt, seed=spec.seed, caption=board.board,
                credentials=credentials, palette=palette,
            )])
            ctx.progress((position + 1) / len(plan), f"Drew image {position + 1} of {len(plan)}", images=position + 1)
        return {"images": len(plan), "drawn": len(todo), "kept": done}

    return work


def llm_for(api_key: str | None, model: str = "") -> LLM | None:
    """Claude when a key is given, else None (the offline rules and templates)."""
    if not api_key:
        return None
    from pipelines.llm.claude import ClaudeLLM
    from studio.settings import DEFAULT_LLM_MODEL

    return ClaudeLLM(api_key, model or DEFAULT_LLM_MODEL)
