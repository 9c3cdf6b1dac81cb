"""The format-neutral result of reading a screenplay file."""

from __future__ import annotations

from dataclasses import dataclass, field

from studio.models import LineKind


@dataclass
class Block:
    """One paragraph of the script body, as the file presents it.

    `text` is plain text: emphasis markers and notes are already removed.
    For headings, `scene_number` holds a number written in the file ("12A").
    For PDFs, `page` (1-based, as printed order) and `top` (0.0 = top edge,
    1.0 = bottom edge of the page) give the real position, from which page
    eighths are measured; other formats leave them None and are laid out.
    """

    kind: LineKind
    text: str
    scene_number: str | None = None
    dual: bool = False
    page: int | None = None
    top: float | None = None


@dataclass
class ParsedScreenplay:
    format: str  # "fountain", "fdx", "pdf", "text"
    blocks: list[Block] = field(default_factory=list)
    title_page: dict[str, str] = field(default_factory=dict)
    page_count: float | None = None  # real page count for PDFs (title page excluded)
    warnings: list[str] = field(default_factory=list)
