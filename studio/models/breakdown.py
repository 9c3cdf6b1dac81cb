"""Breakdown elements and the cast list."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, Field, field_validator, model_validator

from studio.models.ids import new_id


class ReviewState(StrEnum):
    PROPOSED = "proposed"  # extracted, evidence found in the scene, not yet reviewed
    UNVERIFIED = "unverified"  # evidence not found in the scene text: needs a person
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class Element(BaseModel):
    """One tagged item of a scene's breakdown, with the words it came from."""

    id: str = Field(default_factory=new_id)
    scene_id: str
    category: str  # a category key, e.g. "props"; names and colours live in settings
    name: str
    quantity: int | None = None
    evidence: str = ""
    line: int | None = None  # ScriptLine.n of the evidence in its scene
    confidence: float | None = Field(default=None, ge=0.0, le=1.0)
    source: str = "user"  # "offline", "claude:<model>", "user"
    verified: bool = False
    review: ReviewState = ReviewState.PROPOSED
    reviewed_by: str | None = None
    reviewed_at: datetime | None = None
    note: str = ""
    ai_record_id: str | None = None
    # A review pass's findings, shown to the user as suggestions to accept:
    # who proposed a missed element ("self-review", "cross-review:<model>"),
    # and why a reviewer doubts an element that was extracted.
    suggested_by: str = ""
    doubt: str = ""

    @property
    def approved(self) -> bool:
        return self.review == ReviewState.ACCEPTED


class Character(BaseModel):
    """A cast member: numbered by prominence (1 = most scenes), as on a cast list."""

    id: str = Field(default_factory=new_id)
    id_number: int
    name: str
    aliases: list[str] = Field(default_factory=list)
    scene_ids: list[str] = Field(default_factory=list)
    daily_rate: float | None = None


class Category(BaseModel):
    """A breakdown category as a sheet shows it: elements refer to it by `key`.

    The key never changes once elements use it, so renaming only touches `name`.
    `text_colour` is filled from `colour` when left empty, so a label stays
    readable on any fill a user picks.
    """

    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str
    colour: str = Field(pattern=r"^#[0-9A-Fa-f]{6}$")
    text_colour: str = Field(default="", pattern=r"^(#[0-9A-Fa-f]{6})?$")
    hidden: bool = False
    order: int = 0

    @field_validator("name")
    @classmethod
    def _name_is_text(cls, v: str) -> str:
        v = " ".join(v.split())
        if not v:
            raise ValueError("a category needs a name")
        return v

    @model_validator(mode="after")
    def _readable_text(self) -> Category:
        if not self.text_colour:
            self.text_colour = contrast_text_colour(self.colour)
        return self


def contrast_text_colour(fill: str) -> str:
    """Black or white, whichever has the higher WCAG contrast ratio on `fill`."""
    channels = [int(fill[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    # Contrast with black is (L + 0.05) / 0.05, with white 1.05 / (L + 0.05); they cross near L = 0.179.
    return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#FFFFFF"
