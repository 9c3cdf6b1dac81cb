"""How big a screenplay file may be, and how its length is judged cheaply.

The limits keep one upload from tying up the app: even an epic feature is
under 200 pages and a full TV season fits in 600, while anything bigger is
almost always several scripts (or not a script) in one file.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from studio.errors import ImportProblem

MAX_PAGES = 600

# Per format, because the same 600 pages weigh ~1 MB as Fountain, a few MB
# as FDX (verbose XML) and tens of MB as a PDF with embedded fonts.
MAX_BYTES = {"text": 5_000_000, "fdx": 25_000_000, "pdf": 100_000_000}

# Courier 12 pt on a US Letter or A4 page: about 61 characters across the
# action column and 54 lines down. Good to a few percent on real scripts,
# which is all a limit needs.
_CHARS_PER_LINE = 61
_LINES_PER_PAGE = 54


def estimate_pages(lines: Iterable[str]) -> float:
    """Rough printed pages for source lines (blank lines count as one)."""
    printed = sum(max(1, math.ceil(len(line.rstrip()) / _CHARS_PER_LINE)) for line in lines)
    return printed / _LINES_PER_PAGE


def check_pages(pages: float, filename: str) -> None:
    if pages > MAX_PAGES:
        raise ImportProblem(
            f"{filename} is about {pages:,.0f} pages; Slatebook reads scripts of up to {MAX_PAGES} pages.",
            "If the file holds several scripts (a season, or drafts one after another), "
            "save each one as its own file and import them separately.",
        )


def check_bytes(size: int, kind: str, filename: str) -> None:
    limit = MAX_BYTES[kind]
    if size > limit:
        raise ImportProblem(
            f"{filename} is {size / 1e6:,.1f} MB; a {kind.upper() if kind != 'text' else 'text'} screenplay "
            f"is read up to {limit / 1e6:,.0f} MB.",
            "Check that this is the screenplay itself; split a very long file into parts and import them separately.",
        )
