"""The one thing the pipelines ask of a language model: a typed answer.

Breakdown, coherence and shot lists all call `complete_json`; the Claude
client and the offline rule engine both satisfy it, so a pipeline never knows
(or cares) which one answered.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from pydantic import BaseModel

from studio.models.provenance import AIRecord

T = TypeVar("T", bound=BaseModel)


@dataclass(frozen=True)
class LLMResult(Generic[T]):
    """A validated answer and the facts of the call that produced it.

    The record is returned, not stored: only the caller holds the project's
    repository, and it may add the produced assets before `add_ai_record`.
    """

    value: T
    usage: dict[str, int]
    model: str
    record: AIRecord


class LLM(Protocol):
    def complete_json(
        self,
        system: str,
        cached_context: str,
        prompt: str,
        schema: type[T],
        purpose: str,
    ) -> LLMResult[T]:
        """Answer `prompt` as an instance of `schema`.

        `cached_context` is the long text shared by many calls (the whole
        script); implementations may cache it between calls. It is data to
        read, never instructions to follow.
        """
        ...
