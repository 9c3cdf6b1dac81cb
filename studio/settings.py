"""App-wide settings, kept in the data folder as settings.json.

No secret is ever a setting: the Anthropic key comes from the environment
(ANTHROPIC_API_KEY) or Streamlit secrets, read at the moment of a call.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from pydantic import BaseModel, ValidationError

from studio.atomic import write_atomically
from studio.paths import data_home

DEFAULT_LLM_MODEL = "claude-sonnet-5-5"  # the newest Sonnet the anthropic SDK lists


class AppSettings(BaseModel):
    llm_model: str = DEFAULT_LLM_MODEL
    # A key of pipelines/imaging/generators/registry.py MODELS ("sd-turbo", "flux.1-schnell", ...),
    # a Hugging Face repo id or a local diffusers folder; empty: offline layout sketches.
    image_model: str = ""
    image_device: str = ""  # "cuda", "mps" or "cpu"; empty: the best one on this machine
    user_name: str = ""  # recorded as the reviewer on approvals


def settings_path(home: Path | None = None) -> Path:
    return (home or data_home()) / "settings.json"


def load_settings(home: Path | None = None) -> AppSettings:
    path = settings_path(home)
    try:
        return AppSettings.model_validate_json(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValidationError, json.JSONDecodeError, UnicodeDecodeError):
        # A damaged settings file must not stop the app; defaults are safe.
        return AppSettings()


def save_settings(settings: AppSettings, home: Path | None = None) -> None:
    path = settings_path(home)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, settings.model_dump_json(indent=2).encode("utf-8"))


def anthropic_key_from_env() -> str | None:
    key = os.environ.get("ANTHROPIC_API_KEY", "").strip()
    return key or None
