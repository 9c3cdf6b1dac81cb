"""A screenplay draft and its scenes."""

from __future__ import annotations

import re
from datetime import datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field, field_validator, model_validator

from studio.models.ids import new_id, utc_now


class IntExt(StrEnum):
    INT = "INT"
    EXT = "EXT"
    INT_EXT = "INT/EXT"
    NONE = ""  # forced headings such as ".SNIPER SCOPE POV" carry no INT/EXT


# Stripboard colours as Movie Magic prints them; omitted strips go grey.
STRIP_COLOURS = {
    "INT-DAY": "#ffffff",
    "EXT-DAY": "#fff176",
    "INT-NIGHT": "#90b8f0",
    "EXT-NIGHT": "#9fd89a",
    "OMITTED": "#d6d6d6",
}


def strip_kind(int_ext: str, day_night: str) -> str:
    """INT-DAY, EXT-DAY, INT-NIGHT or EXT-NIGHT: which colour a scene's strip is.

    An INT/EXT scene goes out of doors, so it is planned (and coloured) as exterior.
    """
    outside = int_ext in (IntExt.EXT.value, IntExt.INT_EXT.value)
    return f"{'EXT' if outside else 'INT'}-{day_night}"


class LineKind(StrEnum):
    HEADING = "heading"
    ACTION = "action"
    CHARACTER = "character"
    PARENTHETICAL = "parenthetical"
    DIALOGUE = "dialogue"
    TRANSITION = "transition"
    CENTERED = "centered"
    LYRIC = "lyric"
    SECTION = "section"
    SYNOPSIS = "synopsis"
    PAGE_BREAK = "page_break"


class ScriptLine(BaseModel):
    """One paragraph of a scene, numbered so later steps can quote evidence.

    `n` counts from 1 at the scene heading. `character` is the normalised
    speaker for cues, parentheticals and dialogue.
    """

    n: int
    kind: LineKind
    text: str
    character: str | None = None
    dual: bool = False


NIGHT_TIMES = ("NIGHT", "EVENING", "DUSK", "SUNSET", "MIDNIGHT", "TWILIGHT", "NIGHTFALL", "НОЧЬ", "ВЕЧЕР")
# Times that say "as the scene before": CONTINUOUS at night is a night scene.
FOLLOWING_TIMES = ("CONTINUOUS", "CONTINUED", "SAME", "LATER")


def day_or_night(time: str) -> Literal["DAY", "NIGHT"] | None:
    """DAY or NIGHT for a heading's time, None when it only follows the scene before."""
    t = time.upper()
    if any(word in t for word in NIGHT_TIMES):
        return "NIGHT"
    if any(word in t for word in FOLLOWING_TIMES) and not any(w in t for w in ("DAY", "MORNING", "DAWN", "NOON")):
        return None
    return "DAY"


class Scene(BaseModel):
    id: str = Field(default_factory=new_id)
    ordinal: int = 0
    number: str
    number_written: bool = False
    heading: str
    int_ext: IntExt = IntExt.NONE
    location: str = ""
    time: str = ""
    day_night: Literal["DAY", "NIGHT"] = "DAY"  # the strip colour; set from `time` unless given
    eighths: int = Field(default=1, ge=1)
    characters: list[str] = Field(default_factory=list)
    lines: list[ScriptLine] = Field(default_factory=list)
    page_start: float | None = None
    synopsis: str = ""
    story_day: str = ""
    notes: str = ""
    omitted: bool = False
    revised: bool = False

    @model_validator(mode="before")
    @classmethod
    def _day_night_from_time(cls, data: object) -> object:
        if isinstance(data, dict) and not data.get("day_night"):
            data = {**data, "day_night": day_or_night(str(data.get("time") or "")) or "DAY"}
        return data

    @field_validator("number", mode="before")
    @classmethod
    def _number_is_text(cls, v: object) -> str:
        # "42A" is a scene number too; numbers are never arithmetic.
        return str(v).strip()

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def length(self) -> str:
        return format_eighths(self.eighths)


class Script(BaseModel):
    """One imported draft. Scenes are stored on their own and attached on load."""

    id: str = Field(default_factory=new_id)
    title: str = ""
    source_name: str
    source_format: Literal["fountain", "fdx", "pdf", "text"]
    source_sha256: str = ""
    revision: int = 1
    imported_at: datetime = Field(default_factory=utc_now)
    title_page: dict[str, str] = Field(default_factory=dict)
    page_count: float = 0.0
    warnings: list[str] = Field(default_factory=list)
    scenes: list[Scene] = Field(default_factory=list)

    @property
    def active_scenes(self) -> list[Scene]:
        return [s for s in self.scenes if not s.omitted]

    @property
    def total_eighths(self) -> int:
        return sum(s.eighths for s in self.active_scenes)


def format_eighths(eighths: int) -> str:
    """11 -> "1 3/8", 8 -> "1", 3 -> "3/8", as stripboards print page counts."""
    if eighths <= 0:
        return "0"
    pages, rest = divmod(int(eighths), 8)
    if rest == 0:
        return str(pages)
    if pages == 0:
        return f"{rest}/8"
    return f"{pages} {rest}/8"


_EIGHTHS = re.compile(r"^\s*(?:(\d+)\s*)?(?:(\d+)\s*/\s*8)?\s*$")


def parse_eighths(text: str) -> int:
    """Inverse of `format_eighths`; raises ValueError on anything else."""
    m = _EIGHTHS.match(text or "")
    if not m or (m.group(1) is None and m.group(2) is None):
        raise ValueError(f"{text!r} is not a page length such as '1 3/8'")
    pages = int(m.group(1) or 0)
    rest = int(m.group(2) or 0)
    if rest >= 8:
        raise ValueError(f"{text!r}: eighths must be below 8")
    return pages * 8 + rest
