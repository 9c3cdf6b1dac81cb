"""Where Slatebook keeps its data on this machine."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from studio.errors import StoreProblem

HOME_ENV = "SLATEBOOK_HOME"


def data_home() -> Path:
    """The data folder: $SLATEBOOK_HOME, else the per-user data folder; created on demand."""
    configured = os.environ.get(HOME_ENV, "").strip()
    home = Path(configured).expanduser() if configured else Path(platformdirs.user_data_dir("slatebook", appauthor=False))
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreProblem(
            f"Slatebook cannot create its data folder {home} ({exc.strerror or exc}).",
            f"Set {HOME_ENV} to a folder you can write to.",
        ) from exc
    return home
