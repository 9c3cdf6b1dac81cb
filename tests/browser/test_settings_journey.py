"""A real browser: pick an image model on Settings, try to fetch its weights offline, read why it failed.

Saves tests/artifacts/settings_images.png for people to look at.
"""

from __future__ import annotations

import pytest

from support.browser_kit import ARTIFACTS, BROWSER_MARKS

pytestmark = BROWSER_MARKS


@pytest.fixture(autouse=True)
def _offline_hub(tmp_path, monkeypatch):
    # The server inherits these: an empty Hugging Face cache, and no downloads.
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hf-cache"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")


def test_pick_a_model_and_download_offline(server, browser):
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1400, "height": 1600})
    page.goto(f"{server}/settings", wait_until="domcontentloaded")
    expect(page.get_by_role("heading", name="Image model")).to_be_visible(timeout=60_000)
    # The GPU probe imports torch, which on a cold disk takes long enough to hold up the grid's first paint.
    expect(page.get_by_role("combobox", name="Device")).to_be_visible(timeout=120_000)
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible(timeout=60_000)

    page.get_by_role("combobox", name="Model").click()
    page.get_by_role("option", name="SD-Turbo (sd-turbo)").click()
    expect(page.get_by_text("Downloading SD-Turbo fetches about 2.6 GB", exact=False)).to_be_visible(timeout=30_000)
    page.get_by_role("button", name="Save image model").click()
    expect(page.get_by_text("Image model saved", exact=False)).to_be_visible(timeout=30_000)

    page.get_by_role("button", name="Download SD-Turbo weights").click()
    expect(page.get_by_text("The download stopped: Could not download stabilityai/sd-turbo", exact=False)).to_be_visible(
        timeout=60_000)
    expect(page.get_by_role("button", name="Resume download")).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    page.wait_for_timeout(1000)  # let the grid's canvas paint
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "settings_images.png"), full_page=True)
