"""The domain model: the contract between the notebook's steps.

Steps exchange these models, never dicts or DataFrames.
"""

from studio.models.breakdown import Category, Character, Element, ReviewState
from studio.models.imaging import Frame, Shot
from studio.models.jobs import Job, JobStatus
from studio.models.planning import Budget, BudgetLine, Schedule, ShootDay
from studio.models.project import Project, ProjectData, ProjectSettings
from studio.models.provenance import AIRecord
from studio.models.script import (
    IntExt,
    LineKind,
    Scene,
    Script,
    ScriptLine,
    format_eighths,
    parse_eighths,
)

__all__ = [
    "AIRecord",
    "Budget",
    "BudgetLine",
    "Category",
    "Character",
    "Element",
    "Frame",
    "IntExt",
    "Job",
    "JobStatus",
    "LineKind",
    "Project",
    "ProjectData",
    "ProjectSettings",
    "ReviewState",
    "Scene",
    "Schedule",
    "Script",
    "ScriptLine",
    "ShootDay",
    "Shot",
    "format_eighths",
    "parse_eighths",
]
