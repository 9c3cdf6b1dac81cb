"""Shot lists and the frames drawn for them."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from studio.models.ids import new_id


class ShotSize(StrEnum):
    ECU = "ECU"
    CU = "CU"
    MCU = "MCU"
    MS = "MS"
    MWS = "MWS"
    WS = "WS"
    EWS = "EWS"


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
    dialogue: str = ""
    duration_s: float = Field(default=3.0, gt=0)


class Frame(BaseModel):
    """An image for a shot or a moodboard; the pixels live in the file store."""

    id: str = Field(default_factory=new_id)
    shot_id: str | None = None
    board: str | None = None  # moodboard name when not a storyboard frame
    file: str  # content-addressed file name in the project's file store
    width: int
    height: int
    backend: str  # "diffusers", "sketch", ...
    ai_record_id: str | None = None
    pinned: bool = False
    rejected: bool = False
    palette: list[str] = Field(default_factory=list)  # hex swatches
