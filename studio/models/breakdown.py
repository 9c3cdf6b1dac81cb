"""Breakdown elements and the cast list."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, Field

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
