"""Generated files, named by the sha256 of their bytes and written atomically.

A name is the whole address: the same bytes are stored once, and a name that
does not look like `<64 hex><.suffix>` is refused before it reaches the disk,
so no caller can read or write outside the store.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from studio.atomic import write_atomically
from studio.errors import StoreProblem

_NAME = re.compile(r"[0-9a-f]{64}(\.[a-z0-9]{1,16})?")
_SUFFIX = re.compile(r"(\.[a-z0-9]{1,16})?")


def content_name(data: bytes, suffix: str = "") -> str:
    """The store name of `data`: its sha256 and a lower-case suffix such as ".png"."""
    suffix = suffix.lower()
    if not _SUFFIX.fullmatch(suffix):
        raise StoreProblem(
            f"{suffix!r} cannot end a stored file name.",
            "Use a short extension of letters and digits, such as .png.",
        )
    return hashlib.sha256(data).hexdigest() + suffix


def is_file_name(name: str) -> bool:
    return isinstance(name, str) and _NAME.fullmatch(name) is not None


def check_name(name: str) -> str:
    if not is_file_name(name):
        raise StoreProblem(
            f"{name!r} is not the name of a stored file.",
            "Stored files are named by their sha256, such as 'ab12…ef.png'.",
        )
    return name


def verify(name: str, data: bytes) -> bytes:
    """`data` if its sha256 is the one its name promises; damaged bytes are never handed on."""
    if hashlib.sha256(data).hexdigest() != name[:64]:
        raise StoreProblem(
            f"The stored file {name} is damaged: its contents no longer match its name.",
            "Generate it again; restore the project from a bundle if many files are affected.",
        )
    return data


def missing_file(name: str) -> StoreProblem:
    return StoreProblem(f"The file {name} is not in this project's store.", "It may have been removed; generate it again.")


class FileStore:
    """One folder of content-addressed files."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def put(self, data: bytes, suffix: str = "") -> str:
        data = bytes(data)
        name = content_name(data, suffix)
        target = self.folder / name
        if target.exists():  # same name, same bytes: nothing to write
            return name
        try:
            # Not parents=True: a project folder moved to the trash must not come back as an empty shell.
            self.folder.mkdir(exist_ok=True)
            write_atomically(target, data)
        except OSError as exc:
            raise StoreProblem(
                f"Could not write {name} in {self.folder} ({exc.strerror or exc}).",
                "Check that the disk is not full and the folder is writable.",
            ) from exc
        return name

    def read(self, name: str) -> bytes:
        try:
            data = (self.folder / check_name(name)).read_bytes()
        except FileNotFoundError:
            raise missing_file(name) from None
        return verify(name, data)

    def path(self, name: str) -> Path | None:
        path = self.folder / check_name(name)
        return path if path.is_file() else None

    def names(self) -> list[str]:
        if not self.folder.is_dir():
            return []
        return sorted(p.name for p in self.folder.iterdir() if is_file_name(p.name))

