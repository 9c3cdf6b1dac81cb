"""Story days: which day of the story each scene happens on, as the script implies it.

Day 1 is the first scene. A new day starts where the script says so ("THE NEXT
MORNING", "NEXT DAY", "DAY 3") or where night gives way to day (a NIGHT scene
followed by a DAY, MORNING or DAWN one). "LATER", "CONTINUOUS" and "LATER THAT
NIGHT" keep the day. A story day a person has set is never changed: the
service fills in only the scenes whose story_day is empty (`apply_story_days`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from studio.models import LineKind, Scene
from studio.models.script import day_or_night

_DAY_NUMBER = re.compile(r"\bDAY\s+(\d{1,3})\b")
_NEXT_DAY = re.compile(
    r"\b(?:NEXT|FOLLOWING)\s+(?:DAY|MORNING|AFTERNOON|EVENING|NIGHT)\b|\bTHE\s+DAY\s+AFTER\b|\bDAYS?\s+LATER\b"
    r"|\bTOMORROW\b|\bWEEKS?\s+LATER\b|\bMONTHS?\s+LATER\b|\bYEARS?\s+LATER\b"
)
_SAME_DAY = re.compile(r"\b(?:LATER|SAME|THAT)\s+(?:DAY|NIGHT|EVENING|AFTERNOON|MORNING)\b|\bCONTINUOUS\b|\bMOMENTS? LATER\b")


def _cues(scene: Scene) -> str:
    """The words that may say when a scene is: its heading's time, its first action line, its notes."""
    first_action = next((line.text for line in scene.lines if line.kind == LineKind.ACTION), "")
    return " ".join((scene.time, first_action[:80], scene.notes)).upper()


def infer_story_days(scenes: Iterable[Scene]) -> dict[str, int]:
    """Scene id -> story day (1, 2, ...) for the active scenes, in script order."""
    days: dict[str, int] = {}
    day = 1
    previous_night = False
    for k, scene in enumerate(s for s in scenes if not s.omitted):
        cues = _cues(scene)
        time = scene.time.upper()
        written = _DAY_NUMBER.search(cues)
        if written:
            day = int(written.group(1))
        elif k > 0 and not _SAME_DAY.search(cues):
            daybreak = previous_night and day_or_night(time) == "DAY"
            if _NEXT_DAY.search(cues) or daybreak:
                day += 1
        days[scene.id] = day
        light = day_or_night(time)
        if light is not None:  # CONTINUOUS / LATER keep the light of the scene before
            previous_night = light == "NIGHT"
    return days


def apply_story_days(scenes: Iterable[Scene]) -> list[Scene]:
    """`scenes` with inferred story days filled in where a scene has none; set ones are kept."""
    scenes = list(scenes)
    inferred = infer_story_days(scenes)
    return [
        s.model_copy(update={"story_day": str(inferred[s.id])}) if not s.story_day.strip() and s.id in inferred else s
        for s in scenes
    ]
