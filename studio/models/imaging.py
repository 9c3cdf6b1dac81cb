"""Shot lists and the frames drawn for them."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, Field

from studio.models.ids import new_id, utc_now


class ShotSize(StrEnum):
    ECU = "ECU"
    CU = "CU"
    MCU = "MCU"
    MS = "MS"
    MWS = "MWS"
    WS = "WS"
    EWS = "EWS"

    @property
    def spoken(self) -> str:
        """The size as a shot list spells it out: "MCU" -> "medium close-up"."""
        return _SHOT_SIZE_WORDS[self]


_SHOT_SIZE_WORDS = {
    ShotSize.ECU: "extreme close-up",
    ShotSize.CU: "close-up",
    ShotSize.MCU: "medium close-up",
    ShotSize.MS: "medium shot",
    ShotSize.MWS: "medium wide shot",
    ShotSize.WS: "wide shot",
    ShotSize.EWS: "extreme wide shot",
}


# Words a shot list uses, offered as choices in the editor (free text is kept too).
ANGLES = ("eye level", "high angle", "low angle", "overhead", "dutch angle", "over the shoulder", "POV")
MOVEMENTS = ("static", "pan", "tilt", "push in", "pull out", "dolly", "tracking", "handheld", "crane", "Steadicam")

# Aspect ratios a director boards in: scope, flat, HD, vertical, square.
ASPECT_RATIOS: dict[str, float] = {"2.39:1": 2.39, "1.85:1": 1.85, "16:9": 16 / 9, "9:16": 9 / 16, "1:1": 1.0}


def frame_size(aspect_ratio: str, long_edge: int = 768) -> tuple[int, int]:
    """Width and height for a ratio, both multiples of 16 (what latent diffusion models need)."""
    ratio = ASPECT_RATIOS.get(aspect_ratio, ASPECT_RATIOS["2.39:1"])
    if ratio >= 1:
        width, height = long_edge, long_edge / ratio
    else:
        width, height = long_edge * ratio, long_edge
    return max(64, round(width / 16) * 16), max(64, round(height / 16) * 16)


class Shot(BaseModel):
    id: str = Field(default_factory=new_id)
    scene_id: str
    index: int
    size: ShotSize = ShotSize.MS
    angle: str = "eye level"
    movement: str = "static"
    lens_mm: int | None = None
    subject: str = ""
    action: str = ""
    dialogue: str = ""  # the excerpt the shot covers
    duration_s: float = Field(default=3.0, gt=0)
    characters: list[str] = Field(default_factory=list)  # who is in frame: silhouettes, references
    source: str = "user"  # "coverage" (offline rules), "claude:<model>", "user"
    ai_record_id: str | None = None


class Frame(BaseModel):
    """An image for a shot or a moodboard; the pixels live in the file store."""

    id: str = Field(default_factory=new_id)
    shot_id: str | None = None
    scene_id: str | None = None  # the storyboard frame's scene, so panels list without joins
    board: str | None = None  # moodboard name when not a storyboard frame
    variant: int = 0  # which of a moodboard prompt's N variants
    file: str  # content-addressed file name in the project's file store
    width: int
    height: int
    backend: str  # "diffusers", "sketch", ...
    model: str = ""
    ai_generated: bool = True
    ai_record_id: str | None = None
    prompt: str = ""
    negative_prompt: str = ""
    seed: int | None = None
    caption: str = ""
    # Content Credentials as signed: "signed" (C2PA manifest embedded), or why not.
    credentials: str = ""
    created_at: datetime = Field(default_factory=utc_now)
    pinned: bool = False
    rejected: bool = False
    palette: list[str] = Field(default_factory=list)  # hex swatches


class BoardPrompt(BaseModel):
    """One moodboard's prompt: the whole film's look, or one set's."""

    board: str  # "Look of the film", "Location: FERRY GREYLAG", ...
    scope: str = "project"  # "project" or "location"
    prompt: str
    scene_ids: list[str] = Field(default_factory=list)  # the scenes the board is for
    int_ext: str = ""
    day_night: str = ""
    source: str = "template"  # "template", "claude:<model>", "user"
