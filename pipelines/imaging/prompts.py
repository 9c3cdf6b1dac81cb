"""What the image models are asked for: moodboard prompts and one prompt per storyboard frame.

Moodboards are proposed per film and per set (a location's first heading
segment: "FERRY GREYLAG - WHEELHOUSE" boards with "FERRY GREYLAG - CAR DECK").
Offline, templates build them from the script's own description of each place;
with a key, Claude writes them, and any board it leaves out keeps its template.

A frame prompt puts what a diffusion model weighs most first (shot size and
subject), then the character descriptions the script gives, the set and its
light, and last the project's style, so every frame of a film shares it.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable

from pydantic import BaseModel, Field

from pipelines.llm.base import LLM
from studio.models import AIRecord, IntExt, LineKind, ProjectSettings, Scene, Script, Shot
from studio.models.imaging import BoardPrompt, ShotSize

PROJECT_BOARD = "Look of the film"
LOCATION_PREFIX = "Location: "
DEFAULT_NEGATIVE = "text, watermark, logo, signature, deformed hands, extra fingers, extra limbs, blurry, lowres"
# An establishing shot reads better to an image model when it says so.
SIZE_WORDS = {size: size.spoken for size in ShotSize} | {ShotSize.EWS: "extreme wide establishing shot"}
DESCRIPTION_CHARS = 220
LOOK_CHARS = 110
ACTION_CHARS = 90
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def screenplay_text(script: Script) -> str:
    """The current draft as plain screenplay text: what Claude reads (fenced, as data)."""
    return "\n\n".join(
        "\n".join(line.text for line in scene.lines) or scene.heading for scene in script.active_scenes
    )


def light_for(scene: Scene) -> str:
    time = scene.time.upper()
    if "DAWN" in time or "MORNING" in time:
        return "dawn, first light"
    if "DUSK" in time or "SUNSET" in time or "EVENING" in time:
        return "dusk, blue hour"
    if scene.day_night == "NIGHT":
        return "night, practical lights, deep shadows"
    return "daylight"


def place_words(scene: Scene) -> str:
    inside = {IntExt.INT: "interior", IntExt.EXT: "exterior", IntExt.INT_EXT: "interior and exterior"}
    where = string.capwords((scene.location or scene.heading).lower())
    return f"{inside.get(scene.int_ext, '')} {where}".strip()


def set_name(scene: Scene) -> str:
    return (scene.location or scene.heading).split(" - ")[0].strip().upper()


# --- characters


def character_descriptions(script: Script) -> dict[str, str]:
    """Each speaking character's introduction in the action ("ISLA GUNN (29) steps down: a good
    camel wool coat…"), so every frame draws the same person."""
    found: dict[str, str] = {}
    speakers = list(dict.fromkeys(name for scene in script.active_scenes for name in scene.characters))
    for scene in script.active_scenes:
        for line in scene.lines:
            if line.kind != LineKind.ACTION:
                continue
            for name in speakers:
                if name in found:
                    continue
                # The introduction: the name in capitals (maybe with a surname), then "(29)" or "(60s)".
                intro = re.search(rf"\b{re.escape(name.upper())}(?:\s+[A-Z][A-Z'’\-]+)*\s*\(([^)]{{1,12}})\)", line.text)
                if intro:
                    found[name] = _look(line.text[intro.start():])
    return found


# --- frame prompts


def frame_prompt(shot: Shot, scene: Scene, settings: ProjectSettings, descriptions: dict[str, str]) -> str:
    # CLIP reads 77 tokens and drops the rest, so the order is by weight: the framing,
    # what happens, where and in what light, the project's style, then the faces.
    parts = [f"{SIZE_WORDS[shot.size]}, {shot.angle}" + ("" if shot.movement == "static" else f", {shot.movement}")]
    parts.append(f"{shot.subject}: {_short(shot.action)}" if shot.action else shot.subject)
    parts.append(f"{place_words(scene)}, {light_for(scene)}")
    parts.append(settings.style_prompt.strip() or "cinematic film still, storyboard frame")
    # A description the action already quotes (the single of a character's entrance) is said once.
    parts += [descriptions[name] for name in shot.characters if name in descriptions and descriptions[name][:40] not in shot.action]
    if shot.lens_mm:
        parts.append(f"{shot.lens_mm}mm lens")
    return ". ".join(p.strip().rstrip(".") for p in parts if p.strip())


def negative_prompt(settings: ProjectSettings) -> str:
    return settings.negative_prompt.strip() or DEFAULT_NEGATIVE


def caption(shot: Shot) -> str:
    """The panel caption a board prints: number, size and angle, subject, then the line."""
    head = f"{shot.index + 1}. {shot.size.value}"
    if shot.angle and shot.angle != "eye level":
        head += f" {shot.angle}"
    if shot.movement and shot.movement != "static":
        head += f", {shot.movement}"
    text = f"{head} — {shot.subject}"
    if shot.dialogue:
        text += f': "{shot.dialogue}"'
    return text


# --- moodboard prompts


def board_prompts_offline(script: Script, settings: ProjectSettings) -> list[BoardPrompt]:
    """The film's board and one per set, from the script's own words."""
    scenes = script.active_scenes
    if not scenes:
        return []
    style = settings.style_prompt.strip() or "cinematic film stills, production design reference"
    by_set: dict[str, list[Scene]] = {}
    for scene in scenes:
        by_set.setdefault(set_name(scene), []).append(scene)
    nights = sum(scene.day_night == "NIGHT" for scene in scenes)
    exteriors = sum(scene.int_ext == IntExt.EXT for scene in scenes)
    biggest = sorted(by_set, key=lambda name: -sum(s.eighths for s in by_set[name]))[:3]
    mood = "mostly night" if nights * 2 > len(scenes) else "mostly day"
    outside = "mostly exteriors" if exteriors * 2 > len(scenes) else "mostly interiors"
    title = script.title or "the film"
    boards = [BoardPrompt(
        board=PROJECT_BOARD, scope="project", scene_ids=[s.id for s in scenes],
        prompt=f"{title}: the look of the film, {mood}, {outside}, in {', '.join(string.capwords(n) for n in biggest)}. "
               f"{_description(scenes)} {style}",
    )]
    for name, group in by_set.items():
        first = group[0]
        lights = list(dict.fromkeys(light_for(s) for s in group))
        boards.append(BoardPrompt(
            board=LOCATION_PREFIX + name, scope="location", scene_ids=[s.id for s in group],
            int_ext=first.int_ext.value, day_night=first.day_night,
            prompt=f"{place_words(first)}, {' / '.join(lights)}. {_description(group)} {style}",
        ))
    return boards


class WrittenPrompt(BaseModel):
    board: str = Field(description="the board's name, exactly as given")
    prompt: str = Field(min_length=10, max_length=600, description="an image prompt for a text-to-image model")


class WrittenPrompts(BaseModel):
    """One image prompt per moodboard."""

    prompts: list[WrittenPrompt] = Field(min_length=1, max_length=60)


MOODBOARD_SYSTEM = (
    "You are a production designer and director of photography building moodboards for a film. For each "
    "board, write one image prompt for a text-to-image model: the place, its light, palette, texture, "
    "lensing and atmosphere, drawn from the script. No character names, no text in the image."
)


def board_prompts_claude(llm: LLM, script: Script, offline: list[BoardPrompt]) -> tuple[list[BoardPrompt], AIRecord]:
    """Claude's prompts for the same boards; a board it leaves out keeps its template prompt."""
    listing = "\n".join(f"- {b.board}" for b in offline)
    prompt = f"Write one moodboard prompt for each of these boards:\n{listing}"
    result = llm.complete_json(MOODBOARD_SYSTEM, screenplay_text(script), prompt, WrittenPrompts, "moodboard prompts")
    written = {w.board.strip(): w.prompt.strip() for w in result.value.prompts}
    source = f"claude:{result.model}"
    boards = [
        b.model_copy(update={"prompt": written[b.board], "source": source}) if b.board in written else b
        for b in offline
    ]
    record = result.record.model_copy(update={"assets": [b.board for b in boards if b.source == source]})
    return boards, record


def _description(scenes: Iterable[Scene]) -> str:
    """The first description of the place: the opening action of its first scene."""
    for scene in scenes:
        for line in scene.lines:
            if line.kind == LineKind.ACTION and line.text.strip():
                return _clip(line.text)
    return ""


def _look(introduction: str) -> str:
    """A character's look from their introduction: its first sentence, cut at a comma near LOOK_CHARS."""
    sentence = _SENTENCE.split(" ".join(introduction.split()))[0].rstrip(".")
    if len(sentence) <= LOOK_CHARS:
        return sentence
    cut = sentence[:LOOK_CHARS].rsplit(",", 1)[0]
    return cut if len(cut) > 20 else sentence[:LOOK_CHARS].rsplit(" ", 1)[0]


def _short(action: str) -> str:
    """An action's first clause, enough for a frame prompt."""
    first = _SENTENCE.split(" ".join(action.split()))[0]
    return first if len(first) <= ACTION_CHARS else first[:ACTION_CHARS].rsplit(" ", 1)[0]


def _clip(text: str) -> str:
    """Whole sentences up to DESCRIPTION_CHARS (at least one)."""
    out = ""
    for sentence in _SENTENCE.split(" ".join(text.split())):
        if out and len(out) + len(sentence) > DESCRIPTION_CHARS:
            break
        out = f"{out} {sentence}".strip()
    return out[: DESCRIPTION_CHARS * 2]
