"""The provenance ledger: one record per AI call."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from studio.models.ids import new_id, utc_now


class AIRecord(BaseModel):
    """What one AI call was, so the disclosure and the deck are built from facts.

    A prompt is kept whole when it is the user's own words, else only its hash.
    """

    id: str = Field(default_factory=new_id)
    kind: str  # "llm", "image", "embedding"
    purpose: str  # "breakdown", "storyboard frame", ...
    provider: str  # "anthropic", "diffusers", "offline"
    model: str
    model_version: str = ""
    prompt: str | None = None
    prompt_sha256: str = ""
    seed: int | None = None
    parameters: dict[str, Any] = Field(default_factory=dict)
    usage: dict[str, int] = Field(default_factory=dict)  # tokens in/out/cached
    created_at: datetime = Field(default_factory=utc_now)
    assets: list[str] = Field(default_factory=list)  # files or element ids it produced
    review_state: str = "unreviewed"
