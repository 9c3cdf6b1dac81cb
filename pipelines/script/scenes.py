"""Blocks to scenes: the same for every file format.

A scene runs from one heading to the next. Its length in eighths is measured
from page positions: real ones for PDFs, typeset ones (layout.py) for the
other formats, so a scene that fills half a page is 4/8 however it was written.
"""

from __future__ import annotations

import re

from studio.models import LineKind, Scene, ScriptLine
from studio.models.script import day_or_night
from pipelines.script.blocks import Block, ParsedScreenplay
from pipelines.script.cues import is_group_cue, joint_speakers, normalise_cue
from pipelines.script.headings import SCENE_NUMBER, parse_heading
from pipelines.script.layout import block_lines, paginate

# Organising notes and page breaks are not script text: they take no line
# numbers, so evidence quotes stay stable when a writer adds a section.
_NOT_TEXT = (LineKind.SECTION, LineKind.SYNOPSIS, LineKind.PAGE_BREAK)
_SPEECH = (LineKind.PARENTHETICAL, LineKind.DIALOGUE, LineKind.LYRIC)
# A PDF page is 66 lines of 1/6 inch from edge to edge.
_PDF_LINES_PER_PAGE = 66


def build_scenes(parsed: ParsedScreenplay) -> list[Scene]:
    blocks, end = _positioned(parsed)
    starts = [i for i, b in enumerate(blocks) if b.kind == LineKind.HEADING]
    numbers = _scene_numbers([blocks[i] for i in starts])
    scenes = []
    for k, start in enumerate(starts):
        stop = starts[k + 1] if k + 1 < len(starts) else len(blocks)
        body = blocks[start:stop]
        begin = _position(blocks[start])
        finish = _position(blocks[stop]) if stop < len(blocks) else end
        scenes.append(_scene(k, body, numbers[k], begin, finish))
    _carry_day_night(scenes)
    _cast_from_cues(scenes)
    return scenes


def _cast_from_cues(scenes: list[Scene]) -> None:
    """A scene's speaking cast is its people, not its cues: a joint cue ("EDWARD AND WILL") is each
    of them, and a group speaking as one ("ALL", "THE CROWD") is background, not cast."""
    solo = {name for scene in scenes for name in scene.characters}
    for scene in scenes:
        people = [
            person for name in scene.characters if not is_group_cue(name) for person in joint_speakers(name, solo)
        ]
        scene.characters = list(dict.fromkeys(people))


def _carry_day_night(scenes: list[Scene]) -> None:
    """CONTINUOUS, SAME and LATER scenes are lit like the scene they follow."""
    for before, scene in zip(scenes, scenes[1:]):
        if day_or_night(scene.time) is None:
            scene.day_night = before.day_night


def estimate_page_count(parsed: ParsedScreenplay) -> float:
    """Pages of script after the title page (a PDF's own count when it has one)."""
    if parsed.page_count is not None:
        return float(parsed.page_count)
    return max(0.0, _positioned(parsed)[1] - 1)


def _positioned(parsed: ParsedScreenplay) -> tuple[list[Block], float]:
    """Blocks with page positions, and where the script ends (page + fraction)."""
    printed = [b for b in parsed.blocks if b.kind not in _NOT_TEXT]
    if printed and all(b.page is not None and b.top is not None for b in printed):
        # A PDF does not say where its text ends: take the last paragraph's
        # top plus its estimated height.
        last = printed[-1]
        return parsed.blocks, last.page + min(1.0, last.top + block_lines(last) / _PDF_LINES_PER_PAGE)
    laid_out = paginate(parsed.blocks)
    return laid_out.blocks, laid_out.end


def _position(block: Block) -> float:
    return (block.page or 1) + (block.top or 0.0)


def _scene(k: int, body: list[Block], number: tuple[str, bool], begin: float, finish: float) -> Scene:
    heading = " ".join(SCENE_NUMBER.sub("", body[0].text).split())
    int_ext, location, time = parse_heading(heading)
    lines: list[ScriptLine] = []
    characters: list[str] = []
    synopsis: list[str] = []
    speaker = None
    previous = None
    for block in body:
        # A synopsis under a section describes the section (an act), not this scene.
        if block.kind == LineKind.SYNOPSIS and not (previous and previous.kind == LineKind.SECTION):
            synopsis.append(block.text)
        if block.kind != LineKind.SYNOPSIS:
            previous = block
        if block.kind in _NOT_TEXT:
            continue
        if block.kind == LineKind.CHARACTER:
            speaker = normalise_cue(block.text) or None
            if speaker and speaker not in characters:
                characters.append(speaker)
        elif block.kind not in _SPEECH:
            speaker = None
        text = heading if block.kind == LineKind.HEADING else block.text
        lines.append(ScriptLine(n=len(lines) + 1, kind=block.kind, text=text, character=speaker, dual=block.dual))
    return Scene(
        ordinal=k,
        number=number[0],
        number_written=number[1],
        heading=heading,
        int_ext=int_ext,
        location=location,
        time=time,
        eighths=max(1, round((finish - begin) * 8)),
        characters=characters,
        lines=lines,
        page_start=round(begin, 4),
        synopsis="\n".join(synopsis),
    )


def _scene_numbers(headings: list[Block]) -> list[tuple[str, bool]]:
    """Written numbers as written; the others continue the count from the
    scene before ("2" -> "3") and skip any number written anywhere in the
    script, so no two scenes share a number."""
    taken = {b.scene_number.strip() for b in headings if b.scene_number and b.scene_number.strip()}
    numbers: list[tuple[str, bool]] = []
    following = 1
    for block in headings:
        written = (block.scene_number or "").strip()
        if written:
            numbers.append((written, True))
            lead = re.match(r"\d+", written)
            following = int(lead.group()) + 1 if lead else following
            continue
        while str(following) in taken:
            following += 1
        taken.add(str(following))
        numbers.append((str(following), False))
        following += 1
    return numbers
