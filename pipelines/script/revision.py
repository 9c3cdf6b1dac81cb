"""Carry work across drafts: match a revised draft's scenes to the current ones.

A scene that is found again keeps its id, so its breakdown, shots and frames
stay attached. Matching runs in the order a script supervisor would check:
the written scene number, then the same heading with the same text, then the
same heading with mostly the same text. A current scene that the new draft
no longer has is kept, marked omitted, as production drafts mark OMITTED.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from studio.models import Scene

# Below this, two scenes under one heading are different scenes, not revisions.
SIMILAR_TEXT = 0.6


@dataclass
class RevisionReport:
    unchanged: list[Scene] = field(default_factory=list)
    revised: list[Scene] = field(default_factory=list)
    added: list[Scene] = field(default_factory=list)
    omitted: list[Scene] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{len(self.unchanged)} unchanged, {len(self.revised)} revised, "
            f"{len(self.added)} new, {len(self.omitted)} omitted"
        )


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().upper()


def _body(scene: Scene) -> str:
    return _norm(" ".join(line.text for line in scene.lines[1:]))


def merge_revision(current: list[Scene], incoming: list[Scene]) -> tuple[list[Scene], RevisionReport]:
    """Return the scenes to store for the new draft and what changed.

    Incoming scenes take the current scene's id and the user's own fields
    (synopsis, story day, notes) when matched; everything read from the page
    comes from the new draft.
    """
    report = RevisionReport()
    # Omitted scenes stay matchable: a draft may restore a cut scene.
    pool = sorted(current, key=lambda s: s.omitted)
    matched: dict[int, Scene] = {}  # index in incoming -> current scene

    def take(i: int, old: Scene) -> None:
        matched[i] = old
        pool.remove(old)

    written: dict[str, Scene] = {}
    for s in pool:
        if s.number_written:
            written.setdefault(s.number, s)
    for i, new in enumerate(incoming):
        if new.number_written and new.number in written and written[new.number] in pool:
            take(i, written[new.number])
    for i, new in enumerate(incoming):
        if i in matched:
            continue
        same = [s for s in pool if _norm(s.heading) == _norm(new.heading) and _body(s) == _body(new)]
        if same:
            take(i, same[0])
    for i, new in enumerate(incoming):
        if i in matched:
            continue
        best, best_ratio = None, SIMILAR_TEXT
        for old in pool:
            if _norm(old.heading) != _norm(new.heading):
                continue
            ratio = difflib.SequenceMatcher(None, _body(old), _body(new), autojunk=False).ratio()
            if ratio >= best_ratio:
                best, best_ratio = old, ratio
        if best is not None:
            take(i, best)

    merged: list[Scene] = []
    for i, new in enumerate(incoming):
        old = matched.get(i)
        if old is None:
            scene = new.model_copy(update={"revised": False})
            report.added.append(scene)
        else:
            changed = _norm(old.heading) != _norm(new.heading) or _body(old) != _body(new)
            scene = new.model_copy(
                update={
                    "id": old.id,
                    "synopsis": new.synopsis or old.synopsis,
                    "story_day": old.story_day,
                    "notes": old.notes,
                    "revised": changed,
                    "omitted": False,
                }
            )
            (report.revised if changed else report.unchanged).append(scene)
        merged.append(scene)

    kept_omitted = [s for s in pool if s.omitted]
    newly_omitted = [s.model_copy(update={"omitted": True}) for s in pool if not s.omitted]
    report.omitted = newly_omitted
    # Omitted scenes go after the live ones so ordinals of the new draft stay 0..n-1.
    tail = kept_omitted + newly_omitted
    for k, scene in enumerate(merged + tail):
        scene.ordinal = k
    return merged + tail, report
