"""What every `slatebook` command shares: the catalogue, output, and reading and writing files."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from studio.errors import SlatebookError

Handler = Callable[[argparse.Namespace], int]
# add(name, handler, help) -> the subcommand's parser, for modules that register commands.
AddCommand = Callable[[str, Handler, str], argparse.ArgumentParser]


def catalog():
    from studio.store.catalog import ProjectCatalog

    return ProjectCatalog()


def emit(args: argparse.Namespace, document: object, text: str) -> None:
    """One JSON document with --json, else the human summary."""
    if getattr(args, "json", False):
        json.dump(document, sys.stdout, indent=2, ensure_ascii=False, default=str)
        sys.stdout.write("\n")
    else:
        print(text)


def read_input(path: Path) -> bytes:
    if not path.is_file():
        raise SlatebookError(f"There is no file at {path}.", "Check the path and try again.")
    return path.read_bytes()


def write_output(path: str | Path, data: bytes) -> Path:
    """Write an export, making its folder; a folder that cannot be written is a message, not a traceback."""
    out = Path(path)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
    except OSError as exc:
        raise SlatebookError(f"Could not write {out}: {exc.strerror or exc}.", "Choose a folder you can write to.") from None
    return out
