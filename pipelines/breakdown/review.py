"""Self-review and cross-review: a second pass that grades a scene's breakdown.

The reviewer sees the scene's breakdown as it stands (a person's work
included) and answers with what was missed, each with evidence, and which
listed elements look wrong, each with a reason. Nothing it says changes the
breakdown by itself:
- a missed element becomes a new Element marked `suggested_by` ("self-review",
  or "cross-review:<model>" when another model reviews), PROPOSED or UNVERIFIED
  after the evidence check, for a person to accept or reject;
- a doubt is written into `Element.doubt` of an element nobody has reviewed
  yet; a person's accept or reject is never second-guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pipelines.breakdown.categories import CategorySet
from pipelines.breakdown.claude_engine import extracted_elements
from pipelines.breakdown.evidence import normalise
from pipelines.breakdown.prompts import (
    answer_schemas,
    review_prompt,
    same_scene,
    script_context,
    system_prompt,
    tag,
)
from pipelines.llm.base import LLMResult
from pipelines.llm.claude import Call, ClaudeLLM
from studio.models import AIRecord, Element, ReviewState, Scene, Script

PURPOSE = "breakdown review"
SELF_REVIEW = "self-review"
UNREVIEWED = (ReviewState.PROPOSED, ReviewState.UNVERIFIED)


def review_label(reviewer_model: str, extraction_model: str) -> str:
    """`suggested_by` for a reviewer: its own extractor reviewing, or another model."""
    return SELF_REVIEW if reviewer_model == extraction_model else f"cross-review:{reviewer_model}"


@dataclass
class ReviewOutcome:
    scene_id: str
    suggestions: list[Element]  # missed elements, new
    doubted: list[Element]  # elements it was shown, with `doubt` set (copies: re-read before saving)
    record: AIRecord


class Reviewer:
    def __init__(self, llm: ClaudeLLM, label: str) -> None:
        self.llm = llm
        self.label = label

    @property
    def source(self) -> str:
        return f"claude:{self.llm.model}"

    def review_call(self, script: Script, scene: Scene, elements: list[Element], categories: CategorySet) -> Call[Any]:
        answer, review = answer_schemas(categories)
        return Call(
            system=system_prompt(categories),
            cached_context=script_context(script),
            prompt=review_prompt(scene, shown(elements), categories),
            schema=review,
            purpose=PURPOSE,
            check=same_scene(scene),
            offered=(answer, review),  # the extraction's tools: one cached prefix for both passes
        )

    def review_scene(
        self, script: Script, scene: Scene, elements: list[Element], categories: CategorySet
    ) -> ReviewOutcome:
        result = self.llm.complete(self.review_call(script, scene, elements, categories))
        return self.outcome(scene, elements, result)

    def outcome(self, scene: Scene, elements: list[Element], result: LLMResult[Any]) -> ReviewOutcome:
        """What a validated review answer means for the scene's `elements` (the ones it was shown)."""
        record = result.record.model_copy(update={"parameters": {**result.record.parameters, "reviewer": self.label}})
        listed = shown(elements)
        taken = {(e.category, normalise(e.name)) for e in elements}
        suggestions = [
            e
            for e in extracted_elements(
                scene, result.value.missed, source=self.source, ai_record_id=record.id, suggested_by=self.label
            )
            if (e.category, normalise(e.name)) not in taken
        ]
        by_tag = {tag(e): e for e in listed}
        reasons: dict[str, list[str]] = {}
        for doubt in result.value.doubtful:
            target = by_tag.get(doubt.element.strip())
            if target is None or target.review not in UNREVIEWED:
                continue  # a tag the listing does not have, or a person's decision
            reasons.setdefault(target.id, []).append(" ".join(doubt.reason.split()))
        doubted = [
            e.model_copy(update={"doubt": with_doubts(e.doubt, self.label, reasons[e.id])}) for e in listed if e.id in reasons
        ]
        record = record.model_copy(update={"assets": [e.id for e in suggestions + doubted]})
        return ReviewOutcome(scene.id, suggestions, doubted, record)


def shown(elements: list[Element]) -> list[Element]:
    """The elements a reviewer is shown and numbers refer to: all but the rejected."""
    return [e for e in elements if e.review != ReviewState.REJECTED]


def with_doubts(doubt: str, label: str, reasons: list[str]) -> str:
    """`doubt` with `label`'s earlier lines replaced by its new reasons; other reviewers' stay."""
    kept = [line for line in doubt.splitlines() if line.strip() and not line.startswith(f"{label}:")]
    return "\n".join([*kept, *(f"{label}: {reason}" for reason in dict.fromkeys(reasons))])
