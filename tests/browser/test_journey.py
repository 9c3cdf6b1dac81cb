"""A real browser on a real server: first start shows the sample's scene table.

Saves tests/artifacts/script_page.png for people to look at. docs/screenshot.png,
the picture in the README, is written when missing or when
SLATEBOOK_UPDATE_SCREENSHOT=1: the page shows the import time, so refreshing it
on every run would leave a changed tracked file behind each `make test`.
"""

from __future__ import annotations

import os
import shutil

import pytest

from support.browser_kit import ARTIFACTS, BROWSER_MARKS, CHROMIUM, CHROMIUM_ARGS, ROOT

README_SHOT = ROOT / "docs" / "screenshot.png"
pytestmark = BROWSER_MARKS


def test_first_start_shows_the_sample_scene_table(server):
    from playwright.sync_api import expect, sync_playwright

    from pipelines.sample import SAMPLE_PROJECT

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1600, "height": 1750})
            page.goto(server, wait_until="domcontentloaded")
            # The first start builds the sample project, so allow for that run.
            expect(page.get_by_role("heading", name="Script", exact=True)).to_be_visible(timeout=60_000)
            grid = page.get_by_test_id("stDataFrame")
            expect(grid.first).to_be_visible(timeout=30_000)
            expect(page.get_by_test_id("stMetric").filter(has_text="Scenes")).to_contain_text("30")
            sidebar = page.get_by_test_id("stSidebar")
            expect(sidebar.get_by_role("combobox", name="Project")).to_have_value(SAMPLE_PROJECT)
            expect(sidebar).to_contain_text("Projects")
            expect(page.locator(".sb-page")).to_contain_text("EXT. CARROW HAVEN")
            expect(page.get_by_test_id("stException")).to_have_count(0)
            page.wait_for_timeout(1500)  # let the grid's canvas finish painting

            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            shot = ARTIFACTS / "script_page.png"
            page.screenshot(path=str(shot))  # the main area scrolls inside the page, so the viewport is the picture
            if os.environ.get("SLATEBOOK_UPDATE_SCREENSHOT") == "1" or not README_SHOT.exists():
                README_SHOT.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(shot, README_SHOT)

            # The other pages open from the sidebar without an error.
            for name in ("Projects", "Settings"):
                sidebar.get_by_role("link", name=name).click()
                expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible(timeout=30_000)
                expect(page.get_by_test_id("stException")).to_have_count(0)
        finally:
            browser.close()
