"""Project names as people type them, and the folder names made from them."""

from __future__ import annotations

import re
import unicodedata

from studio.errors import StoreProblem

MAX_NAME = 100
_MAX_SLUG = 48
_COPY_NUMBER = re.compile(r"^(.*?) \((\d+)\)$")
# Folder names Windows refuses whatever their extension.
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


def clean_name(name: str) -> str:
    """`name` with runs of spaces collapsed; refuses empty, overlong and control characters."""
    text = " ".join(str(name).split())
    if not text:
        raise StoreProblem("A project needs a name.", "Type a name, such as the film's title.")
    if len(text) > MAX_NAME:
        raise StoreProblem(f"That project name is {len(text)} characters long.", f"Keep it under {MAX_NAME + 1}.")
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        raise StoreProblem("A project name cannot hold control characters.", "Type the name again.")
    return text


def name_key(name: str) -> str:
    """What two names must differ in: "Night Ferry" and "night  ferry" are one project."""
    return " ".join(str(name).split()).casefold()


def slugify(name: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:_MAX_SLUG].strip("-")
    if not slug:
        return "project"
    return f"{slug}-project" if slug in _RESERVED else slug


def numbered_copy(name: str, taken: set[str]) -> str:
    """`name` if free, else "name (2)", "name (3)"...; `taken` holds name_key()s."""
    if name_key(name) not in taken:
        return name
    match = _COPY_NUMBER.match(name)
    base = match.group(1) if match else name  # "X (2)" taken: "X (3)", not "X (2) (2)"
    n = 2
    while name_key(f"{base} ({n})") in taken:
        n += 1
    return f"{base} ({n})"
