"""The board every report reads: shoot days in order, each with its strips, and the cast.

A report never goes back to the store or the solver: the page, the CLI and the
exports build one `Board` from a schedule and hand it to each report, so the
stripboard, the one-liner and the Day Out of Days always describe the same days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from pydantic import BaseModel, Field

from studio.errors import SlatebookError
from studio.models import Character, Scene, Schedule, format_eighths
from studio.models.script import strip_kind


class BoardStrip(BaseModel):
    """One scene as a strip. A scene shot over several days has one strip per day (`part` of `parts`)."""

    scene_id: str
    number: str
    heading: str
    int_ext: str = ""
    day_night: str = "DAY"
    set_name: str = ""
    location: str = ""  # where the company stands; a change between strips is a company move
    eighths: int = 1
    hours: float = 0.0  # estimated shooting time of this part
    cast: list[int] = Field(default_factory=list)  # cast id numbers, as the stripboard prints them
    synopsis: str = ""
    locked: bool = False
    part: int = 1
    parts: int = 1

    @property
    def kind(self) -> str:
        """INT-DAY, EXT-DAY, INT-NIGHT or EXT-NIGHT: the strip's colour."""
        return strip_kind(self.int_ext, self.day_night)

    @property
    def counted_eighths(self) -> int:
        # A scene's pages are counted on the day it starts, as a stripboard's day totals do.
        return self.eighths if self.part == 1 else 0

    @property
    def length(self) -> str:
        text = format_eighths(self.eighths)
        return text if self.parts == 1 else f"{text} (day {self.part} of {self.parts})"


class BoardDay(BaseModel):
    number: int
    date: dt.date | None = None
    strips: list[BoardStrip] = Field(default_factory=list)
    # The solver's own totals for the day, when the schedule carries them: they
    # count a multi-day scene's full day, which strips alone cannot know.
    stated_hours: float | None = None
    stated_eighths: int | None = None

    @property
    def eighths(self) -> int:
        if self.stated_eighths is not None:
            return self.stated_eighths
        return sum(s.counted_eighths for s in self.strips)

    @property
    def hours(self) -> float:
        if self.stated_hours is not None:
            return self.stated_hours
        return sum(s.hours for s in self.strips)

    @property
    def cast(self) -> set[int]:
        return {n for s in self.strips for n in s.cast}

    @property
    def night(self) -> bool:
        return any(s.day_night == "NIGHT" for s in self.strips)


class BoardCast(BaseModel):
    id_number: int
    name: str
    daily_rate: float | None = None


class CompanyMove(BaseModel):
    """The company packs up and goes from one location to another."""

    day: int  # the shoot day the move happens on (the day it arrives, for an overnight move)
    position: int  # index, in board order, of the first strip at the new location
    after_scene: str  # scene number of the strip before the move
    from_location: str
    to_location: str
    within_day: bool

    @property
    def label(self) -> str:
        when = "Company move" if self.within_day else "Company move (overnight)"
        return f"{when}: {self.from_location} → {self.to_location}"


class DayOff(BaseModel):
    """A working weekday inside the shoot that a holiday takes away: no shooting."""

    date: dt.date
    name: str

    @property
    def label(self) -> str:
        return f"No shooting {self.date:%a %d %b %Y} — {self.name}"


class Board(BaseModel):
    name: str = "Schedule"
    days: list[BoardDay] = Field(default_factory=list)
    days_off: list[DayOff] = Field(default_factory=list)  # holidays between the first shoot day and the last
    cast: list[BoardCast] = Field(default_factory=list)
    unscheduled: list[BoardStrip] = Field(default_factory=list)
    cast_source: str = "script"  # "breakdown" (approved) or "script" (speaking parts)

    @property
    def eighths(self) -> int:
        return sum(d.eighths for d in self.days)

    @property
    def hours(self) -> float:
        return sum(d.hours for d in self.days)

    def strips(self) -> Iterable[tuple[BoardDay, BoardStrip]]:
        for day in self.days:
            for strip in day.strips:
                yield day, strip

    def days_off_after(self, number: int) -> list[DayOff]:
        """The holidays between shoot day `number` and the next (0: before the first shoot day)."""
        dates = [None] + [d.date for d in self.days] + [None]
        after, before = dates[number], dates[number + 1]
        return [
            d for d in sorted(self.days_off, key=lambda d: d.date)
            if (after is None or d.date > after) and (before is None or d.date < before)
        ]

    def moves(self) -> list[CompanyMove]:
        """Every change of location between consecutive strips, within a day or overnight."""
        moves: list[CompanyMove] = []
        previous: BoardStrip | None = None
        position = 0
        for day in self.days:
            for i, strip in enumerate(day.strips):
                if previous is not None and strip.location != previous.location:
                    moves.append(
                        CompanyMove(
                            day=day.number,
                            position=position,
                            after_scene=previous.number,
                            from_location=previous.location,
                            to_location=strip.location,
                            within_day=i > 0,
                        )
                    )
                previous = strip
                position += 1
        return moves


def strips_from_scenes(
    scenes: Iterable[Scene],
    characters: Iterable[Character] = (),
    *,
    hours: Mapping[str, float] | None = None,
    locations: Mapping[str, str] | None = None,
) -> dict[str, BoardStrip]:
    """A strip per active scene, keyed by scene id.

    Cast numbers come from `characters` (the cast list); a speaker the list does
    not know is left off, as a stripboard only prints numbered cast. `hours`
    maps scene id to its estimated shooting hours; `locations` maps a set name
    to the location it is shot at (default: the set is its own location).
    """
    hours = hours or {}
    locations = locations or {}
    in_scene: dict[str, list[int]] = {}
    for character in characters:
        for scene_id in character.scene_ids:
            in_scene.setdefault(scene_id, []).append(character.id_number)
    strips = {}
    for scene in scenes:
        if scene.omitted:
            continue
        strips[scene.id] = BoardStrip(
            scene_id=scene.id,
            number=scene.number,
            heading=scene.heading,
            int_ext=scene.int_ext.value,
            day_night=scene.day_night,
            set_name=scene.location,
            location=locations.get(scene.location, scene.location),
            eighths=scene.eighths,
            hours=float(hours.get(scene.id, 0.0)),
            cast=sorted(in_scene.get(scene.id, [])),
            synopsis=scene.synopsis,
        )
    return strips


def build_board(
    schedule: Schedule,
    strips: Mapping[str, BoardStrip],
    cast: Iterable[Character | BoardCast],
    *,
    locked: Iterable[str] = (),
    cast_source: str = "script",
) -> Board:
    """Lay `strips` out on the schedule's days. Strips the schedule leaves out are `unscheduled`.

    A schedule naming a scene that is no longer in the script (a later draft
    dropped it) is refused: its reports would describe a board nobody can shoot.
    """
    locked = set(locked)
    parts: dict[str, int] = {}
    for day in schedule.days:
        for scene_id in day.scene_ids:
            parts[scene_id] = parts.get(scene_id, 0) + 1
    missing = [sid for sid in parts if sid not in strips]
    if missing:
        raise SlatebookError(
            f"Schedule {schedule.name!r} has {len(missing)} strip(s) whose scenes are no longer in the script.",
            "Solve the schedule again, or move those days by hand.",
        )
    seen: dict[str, int] = {}
    days = []
    for day in schedule.days:
        placed = []
        for scene_id in day.scene_ids:
            seen[scene_id] = seen.get(scene_id, 0) + 1
            strip = strips[scene_id]
            share = parts[scene_id]
            placed.append(
                strip.model_copy(
                    update={
                        "part": seen[scene_id],
                        "parts": share,
                        "hours": strip.hours / share,
                        "locked": scene_id in locked,
                    }
                )
            )
        days.append(
            BoardDay(number=day.number, date=day.date, strips=placed, stated_hours=day.hours, stated_eighths=day.eighths)
        )
    roster = [
        c if isinstance(c, BoardCast) else BoardCast(id_number=c.id_number, name=c.name, daily_rate=c.daily_rate)
        for c in cast
    ]
    return Board(
        name=schedule.name,
        days=days,
        cast=sorted(roster, key=lambda c: c.id_number),
        unscheduled=[s for sid, s in strips.items() if sid not in parts],
        cast_source=cast_source,
    )


def cast_numbers(names: Iterable[str], appearances: Mapping[str, int], characters: Iterable[Character] = ()) -> list[BoardCast]:
    """Cast id numbers for `names`: the cast list's number where it has one, else by prominence.

    Names the cast list does not number (an approved breakdown can add a
    non-speaking part) follow the listed cast, most scenes first, as a cast list orders them.
    """
    listed = {" ".join(c.name.upper().split()): c for c in characters}
    numbered: list[BoardCast] = []
    unlisted: list[str] = []
    for name in names:
        character = listed.get(" ".join(name.upper().split()))
        if character is not None:
            numbered.append(BoardCast(id_number=character.id_number, name=name))
        else:
            unlisted.append(name)
    taken = {c.id_number for c in numbered}
    next_number = max(taken, default=0) + 1
    for name in sorted(unlisted, key=lambda n: (-appearances.get(n, 0), n)):
        numbered.append(BoardCast(id_number=next_number, name=name))
        next_number += 1
    return sorted(numbered, key=lambda c: c.id_number)
