"""A production: the root every other model hangs from."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from studio.models.breakdown import Category, Character, Element
from studio.models.imaging import Frame, Shot
from studio.models.jobs import Job
from studio.models.planning import Budget, Schedule, ScheduleSetup
from studio.models.provenance import AIRecord
from studio.models.script import Scene, Script
from studio.models.ids import new_id, utc_now


class ProjectSettings(BaseModel):
    """Per-production choices. Never holds a secret: keys come from the environment."""

    llm_model: str = ""  # empty: use the app default
    image_backend: str = "sketch"
    aspect_ratio: str = "2.39:1"
    style_prompt: str = ""
    # Board style, applied to every frame. Seed policy: "fixed" (one seed, one look),
    # "per-shot" (a stable seed per shot) or "random" (a new seed each time, recorded).
    negative_prompt: str = ""
    seed_policy: str = "per-shot"
    seed: int = 1234
    # Character name -> file (in the project's file store) of its reference image.
    character_references: dict[str, str] = Field(default_factory=dict)
    # The breakdown categories as this production renamed, added or hid them;
    # None means the Movie Magic defaults (pipelines/breakdown/categories.py).
    categories: list[Category] | None = None
    # The shooting-schedule setup (calendar, capacity, cast terms, locks, weights);
    # None means the defaults of ScheduleSetup.
    schedule_setup: ScheduleSetup | None = None


class Project(BaseModel):
    id: str = Field(default_factory=new_id)
    name: str
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)
    settings: ProjectSettings = Field(default_factory=ProjectSettings)
    current_script_id: str | None = None


class ProjectData(BaseModel):
    """Everything a project holds, in one value: what a bundle carries.

    `scripts` lists every imported draft (without scenes); `scenes` are those
    of the current draft, omitted ones included so their work is never lost.
    """

    format_version: int = 1
    project: Project
    scripts: list[Script] = Field(default_factory=list)
    scenes: list[Scene] = Field(default_factory=list)
    elements: list[Element] = Field(default_factory=list)
    characters: list[Character] = Field(default_factory=list)
    shots: list[Shot] = Field(default_factory=list)
    frames: list[Frame] = Field(default_factory=list)
    schedules: list[Schedule] = Field(default_factory=list)
    budgets: list[Budget] = Field(default_factory=list)
    ai_records: list[AIRecord] = Field(default_factory=list)
    jobs: list[Job] = Field(default_factory=list)
