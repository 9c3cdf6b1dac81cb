"""Files a person hands the app: a path typed into the page, or an upload.

Turns the operating system's complaints into problems with hints, so a typo
in a path reads like any other import problem.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from studio.errors import SlatebookError

SCREENPLAY_TYPES = ("fountain", "fdx", "pdf", "txt")


def screenplay_files(folder: Path) -> list[Path]:
    """Screenplay-looking files directly in `folder`, by name."""
    try:
        entries = list(folder.iterdir())
    except OSError as exc:
        raise SlatebookError(f"Cannot list {folder}: {exc.strerror or exc}.", "Check the folder path.") from exc
    return sorted(
        (p for p in entries if p.is_file() and p.suffix.lower().lstrip(".") in SCREENPLAY_TYPES),
        key=lambda p: p.name.lower(),
    )


def read_local_file(path: Path) -> bytes:
    if not path.is_file():
        raise SlatebookError(f"There is no file at {path}.", "Check the path, or upload the file instead.")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise SlatebookError(f"Cannot read {path}: {exc.strerror or exc}.", "Check the file's permissions.") from exc


@contextmanager
def as_temp_file(data: bytes, filename: str) -> Iterator[Path]:
    """An upload written to disk for a service that takes a path; removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="slatebook-upload-"))
    try:
        path = folder / Path(filename).name  # never trust a browser-supplied path
        path.write_bytes(data)
        yield path
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def temp_folder() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="slatebook-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
