"""Where each paragraph would fall if the script were typeset.

Fountain, FDX and plain text carry no page positions, yet page eighths are
how a production measures a scene. So we typeset the script the standard
way: US Letter, Courier 12 at 10 characters and 6 lines to the inch, one
inch top and bottom, and the usual indents (action 6", dialogue 3.5",
parentheticals about 2.6"). Page-break rules follow common screenwriting
software: a heading never sits alone at the foot of a page, a cue keeps its
first lines of dialogue, and long action or dialogue split only where at
least two lines stay on each side (split dialogue costs a (MORE) line and a
repeated cue).
"""

from __future__ import annotations

import dataclasses
import textwrap
from dataclasses import dataclass

from studio.models import LineKind
from pipelines.script.blocks import Block

# Nine inches of body at 6 lines to the inch is 54 lines; screenwriting
# software fits 55-56. With 56, Big Fish comes to 119 pages after its title
# page. Its reference PDF has 114 such pages but is A4 (about 58 lines a
# page); The Last Birthday Card's Letter PDF (19 pages) is matched exactly.
LINES_PER_PAGE = 56
_WIDTH = {
    LineKind.ACTION: 61,
    LineKind.HEADING: 61,
    LineKind.CENTERED: 61,
    LineKind.DIALOGUE: 35,
    LineKind.LYRIC: 35,
    LineKind.PARENTHETICAL: 27,  # 26 characters after the opening paren
}
_NO_SPACE = (LineKind.SECTION, LineKind.SYNOPSIS, LineKind.PAGE_BREAK)
_SPEECH = (LineKind.PARENTHETICAL, LineKind.DIALOGUE, LineKind.LYRIC)
_SPLITTABLE = (LineKind.ACTION, LineKind.DIALOGUE)
_MIN_SPLIT = 2  # lines that must stay on each side of a split paragraph


@dataclass
class Pagination:
    blocks: list[Block]  # copies of the input with page and top set
    end: float  # where the text ends, as page + fraction (page 1, half full = 1.5)

    @property
    def page_count(self) -> float:
        return self.end - 1


def block_lines(block: Block) -> int:
    """Printed lines of one paragraph, not counting the blank line before it."""
    if block.kind in _NO_SPACE:
        return 0
    if block.kind in (LineKind.CHARACTER, LineKind.TRANSITION):
        return 1
    width = _WIDTH.get(block.kind, 61)
    return sum(max(1, len(textwrap.wrap(line, width, break_on_hyphens=False))) for line in block.text.split("\n"))


def paginate(blocks: list[Block]) -> Pagination:
    placed: list[Block] = []
    page, used = 1, 0  # lines already used on the current page
    previous: Block | None = None
    sizes = [block_lines(b) for b in blocks]
    # Dual dialogue prints side by side: the second speech starts level with
    # the first, and the page continues below the longer of the two.
    pair_top: tuple[int, int] | None = None
    first_end: tuple[int, int] | None = None
    for i, block in enumerate(blocks):
        n = sizes[i]
        if block.kind == LineKind.PAGE_BREAK:
            if used:
                page, used = page + 1, 0
            placed.append(dataclasses.replace(block, page=page, top=0.0))
            continue
        if block.kind in _NO_SPACE:
            placed.append(dataclasses.replace(block, page=page, top=used / LINES_PER_PAGE))
            continue
        if first_end and not block.dual:
            if first_end[0] == page:
                used = max(used, first_end[1])
            first_end = None
        gap = _gap(previous, block) if used else 0
        second = block.kind == LineKind.CHARACTER and block.dual and previous is not None and previous.dual
        if second and pair_top and pair_top[0] == page:
            first_end, used, gap = (page, used), pair_top[1], 0
        room = LINES_PER_PAGE - used - gap
        keep = n + _keep_with_next(block, blocks, sizes, i)
        if keep > room:
            dialogue = block.kind == LineKind.DIALOGUE
            here = room - dialogue  # split dialogue ends with a (MORE) line
            if block.kind in _SPLITTABLE and here >= _MIN_SPLIT and n - here >= _MIN_SPLIT:
                placed.append(dataclasses.replace(block, page=page, top=(used + gap) / LINES_PER_PAGE))
                # the next page repeats the cue as "NAME (CONT'D)" above the rest
                page, used = page + 1, n - here + dialogue
                previous = block
                continue
            page, used, gap = page + 1, 0, 0
        placed.append(dataclasses.replace(block, page=page, top=(used + gap) / LINES_PER_PAGE))
        if block.kind == LineKind.CHARACTER and block.dual and not second:
            pair_top = (page, used + gap)
        used += gap + n
        previous = block
    if first_end and first_end[0] == page:
        used = max(used, first_end[1])
    return Pagination(placed, page + used / LINES_PER_PAGE)


def _gap(previous: Block | None, block: Block) -> int:
    """Blank lines before a paragraph: one, except inside a speech."""
    if previous is None:
        return 0
    if block.kind in _SPEECH and previous.kind in (LineKind.CHARACTER, *_SPEECH):
        return 0
    return 1


def _keep_with_next(block: Block, blocks: list[Block], sizes: list[int], i: int) -> int:
    """Lines of what follows that must share the page with this paragraph."""
    if block.kind not in (LineKind.HEADING, LineKind.CHARACTER, LineKind.PARENTHETICAL):
        return 0
    j = i + 1
    while j < len(blocks) and blocks[j].kind in (LineKind.SECTION, LineKind.SYNOPSIS):
        j += 1
    if j >= len(blocks) or blocks[j].kind == LineKind.PAGE_BREAK:
        return 0
    following = blocks[j]
    if following.kind == LineKind.CHARACTER:  # a heading keeps the cue and its first lines
        return _gap(block, following) + 1 + _keep_with_next(following, blocks, sizes, j)
    return _gap(block, following) + min(sizes[j], _MIN_SPLIT)
