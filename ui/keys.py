"""Whether an Anthropic key is available, without ever holding or showing it."""

from __future__ import annotations

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from studio.settings import anthropic_key_from_env


def anthropic_key_is_set() -> bool:
    if anthropic_key_from_env():
        return True
    try:
        return bool(str(st.secrets.get("ANTHROPIC_API_KEY", "")).strip())
    except (FileNotFoundError, StreamlitSecretNotFoundError):
        return False  # no secrets.toml at all: simply not set
