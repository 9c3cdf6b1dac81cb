"""Long work (a whole-script breakdown, a night of frames, a solve) as a row with progress."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field

from studio.models.ids import new_id, utc_now


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"
    # The process running it stopped (app restarted, machine slept): what it
    # saved is kept, and resuming picks up where it stopped.
    INTERRUPTED = "interrupted"


class Job(BaseModel):
    id: str = Field(default_factory=new_id)
    kind: str
    status: JobStatus = JobStatus.QUEUED
    progress: float = Field(default=0.0, ge=0.0, le=1.0)
    message: str = ""
    error: str = ""
    params: dict[str, Any] = Field(default_factory=dict)
    result: dict[str, Any] = Field(default_factory=dict)
    cancel_requested: bool = False
    worker: str = ""  # "<pid>:<token>" of the process and thread running it
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED, JobStatus.CANCELLED, JobStatus.INTERRUPTED)

    @property
    def resumable(self) -> bool:
        return self.status in (JobStatus.FAILED, JobStatus.CANCELLED, JobStatus.INTERRUPTED)
