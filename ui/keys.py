"""Whether an Anthropic key is available, and the key itself for a service call (never shown)."""

from __future__ import annotations

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from studio.settings import anthropic_key_from_env


def anthropic_key_is_set() -> bool:
    return anthropic_key() is not None


def anthropic_key() -> str | None:
    """The key, for handing straight to a service call: never store, log or show it."""
    from_env = anthropic_key_from_env()
    if from_env:
        return from_env
    try:
        return str(st.secrets.get("ANTHROPIC_API_KEY", "")).strip() or None
    except (FileNotFoundError, StreamlitSecretNotFoundError):
        return None  # no secrets.toml at all: simply not set
