"""The evidence check, and a person's review of each element.

An element is only as good as the words it came from: its evidence quote must
be found in its own scene, or it is UNVERIFIED and waits for a person. Only
accepted elements reach the schedule and the budget (`approved_elements`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from pydantic import ValidationError

from studio.errors import SlatebookError
from studio.models import Element, ReviewState, Scene
from studio.models.ids import utc_now

# Quotes and dashes a model, a PDF or a word processor may use in place of the script's.
_APOSTROPHES = "'\u2018\u2019\u201a\u201b\u2032\u02bc\uff07"
_WORD = re.compile(r"\w+")

# What a person may change in an element; the rest is provenance.
EDITABLE = frozenset({"category", "name", "quantity", "evidence", "note"})


@dataclass(frozen=True)
class EvidenceMatch:
    verified: bool
    line: int | None = None  # ScriptLine.n where the quote starts


def normalise(text: str) -> str:
    """Words only, case-folded, one space apart: what a quote and its line must share.

    Apostrophes are dropped (so "didn’t" meets "didn't" and "didnt"); every
    other mark, line break or run of spaces becomes one space, so curly and
    straight quotes, "--" and "—", "..." and "…" all compare equal.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.translate({ord(c): None for c in _APOSTROPHES})
    return " ".join(_WORD.findall(text))


def find_evidence(evidence: str, scene: Scene) -> EvidenceMatch:
    """Where `evidence` occurs in `scene`, across line breaks and paragraphs."""
    quote = normalise(evidence)
    if not quote:
        return EvidenceMatch(verified=False)
    # The scene as one normalised text, remembering where each line starts, so
    # a quote that runs over two paragraphs is still found.
    text, starts = "", []
    for line in scene.lines:
        words = normalise(line.text)
        if words:
            starts.append((len(text), line.n))
            text += words + " "
    at = f" {text}".find(f" {quote} ")  # whole words only: "van" is not in "caravan"
    if at < 0:
        return EvidenceMatch(verified=False)
    return EvidenceMatch(verified=True, line=[n for start, n in starts if start <= at][-1])


def check_element(element: Element, scene: Scene | None) -> Element:
    """`element` with its evidence checked against `scene` (None: the scene is gone).

    Evidence that is not found makes a proposal UNVERIFIED; evidence found
    again makes an unverified one PROPOSED. A person's accept or reject stands.
    """
    if scene is None or scene.id != element.scene_id:
        match = EvidenceMatch(verified=False)
    else:
        match = find_evidence(element.evidence, scene)
    review = element.review
    if review in (ReviewState.PROPOSED, ReviewState.UNVERIFIED):
        review = ReviewState.PROPOSED if match.verified else ReviewState.UNVERIFIED
    return element.model_copy(update={"verified": match.verified, "line": match.line, "review": review})


def check_elements(elements: Iterable[Element], scenes: Iterable[Scene]) -> list[Element]:
    by_id = {scene.id: scene for scene in scenes}
    return [check_element(e, by_id.get(e.scene_id)) for e in elements]


def approved_elements(elements: Iterable[Element]) -> list[Element]:
    """What the schedule and the budget may use: elements a person accepted."""
    return [e for e in elements if e.approved]


def accept(element: Element, reviewer: str, at: datetime | None = None) -> Element:
    """A person takes the element into the breakdown, unverified evidence included."""
    return _reviewed(element, ReviewState.ACCEPTED, reviewer, at)


def reject(element: Element, reviewer: str, note: str | None = None, at: datetime | None = None) -> Element:
    """A person turns the element down; kept, so it is not proposed again unseen."""
    rejected = _reviewed(element, ReviewState.REJECTED, reviewer, at)
    return rejected if note is None else rejected.model_copy(update={"note": note})


def edit(element: Element, scene: Scene | None, reviewer: str, at: datetime | None = None, **changes: object) -> Element:
    """A person's correction: it counts as their acceptance, and the evidence is checked again."""
    unknown = set(changes) - EDITABLE
    if unknown:
        raise SlatebookError(f"These element fields cannot be edited: {', '.join(sorted(unknown))}.")
    try:
        # Validated, unlike model_copy, so a blank name or a negative quantity is refused here.
        edited = Element.model_validate({**element.model_dump(), **changes})
    except ValidationError as exc:
        raise SlatebookError(f"That edit is not valid: {exc.errors()[0]['msg']}.") from exc
    if not edited.name.strip():
        raise SlatebookError("An element needs a name.", "Write what the scene needs, such as 'tote bag'.")
    if edited.quantity is not None and edited.quantity < 1:
        raise SlatebookError("A quantity must be at least 1.", "Leave it empty when the script does not say.")
    return accept(check_element(edited, scene), reviewer, at)


def _reviewed(element: Element, state: ReviewState, reviewer: str, at: datetime | None) -> Element:
    reviewer = " ".join(reviewer.split())
    if not reviewer:
        raise SlatebookError("A review needs the reviewer's name.", "Enter your name, so the sheet says who reviewed what.")
    return element.model_copy(update={"review": state, "reviewed_by": reviewer, "reviewed_at": at or utc_now()})
