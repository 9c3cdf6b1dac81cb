"""The Settings page: data folder, Claude model, reviewer name, and the key never shown."""

from __future__ import annotations

import pytest
from apptest_kit import go, texts

from studio.settings import DEFAULT_LLM_MODEL, load_settings, save_settings

FAKE_KEY = "fake-test-key-0123456789abcdef"


@pytest.fixture
def settings(app):
    return go(app, "settings")


def _field(at, label):
    return next(t for t in at.text_input if t.label == label)


def _everything_shown(at) -> str:
    parts = []
    for kind in ("markdown", "text_input", "caption", "info", "success", "warning", "error", "code", "text"):
        for element in at.get(kind):
            parts.append(str(getattr(element, "value", "")))
            parts.append(str(getattr(element, "label", "")))
            parts.append(str(getattr(element, "help", "")))
    return "\n".join(parts)


def test_shows_the_data_folder_read_only_and_the_defaults(settings, home):
    folder = _field(settings, "Data folder")
    assert folder.value == str(home) and folder.disabled
    assert _field(settings, "Claude model id").value == DEFAULT_LLM_MODEL
    assert _field(settings, "Your name").value == ""


def test_says_when_no_key_is_set(settings):
    assert any("No Anthropic API key is set" in t for t in texts(settings.info))


def test_says_a_key_is_set_and_never_shows_it(app, monkeypatch):
    monkeypatch.setenv("ANTHROPIC_API_KEY", FAKE_KEY)
    at = go(app, "settings")
    assert any("key is set" in t for t in texts(at.success))
    assert FAKE_KEY not in _everything_shown(at)
    assert FAKE_KEY[-6:] not in _everything_shown(at)


def test_a_key_in_streamlit_secrets_counts(app):
    app.secrets["ANTHROPIC_API_KEY"] = FAKE_KEY
    at = go(app, "settings")
    assert any("key is set" in t for t in texts(at.success))
    assert FAKE_KEY not in _everything_shown(at)


def test_saving_writes_settings_json_and_keeps_other_settings(settings, home):
    save_settings(load_settings().model_copy(update={"image_model": "local/sdxl"}))
    settings.run()
    _field(settings, "Claude model id").input("claude-opus-4-1")
    _field(settings, "Your name").input("  Dana Line  ")
    settings.button(key="FormSubmitter:settings-Save settings").click().run()
    assert not settings.exception
    saved = load_settings()
    assert (saved.llm_model, saved.user_name, saved.image_model) == ("claude-opus-4-1", "Dana Line", "local/sdxl")
    assert (home / "settings.json").is_file()
    assert FAKE_KEY not in (home / "settings.json").read_text()
    assert any("Saved" in t for t in texts(settings.success))


def test_an_empty_model_goes_back_to_the_default(settings):
    _field(settings, "Claude model id").input("")
    settings.button(key="FormSubmitter:settings-Save settings").click().run()
    assert load_settings().llm_model == DEFAULT_LLM_MODEL
