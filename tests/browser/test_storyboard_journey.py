"""A director boards one scene: Storyboard page, propose shots, generate frames (sketch), see the panels.

Saves tests/artifacts/storyboard_page.png for people to look at.
"""

from __future__ import annotations

from support.browser_kit import ARTIFACTS, BROWSER_MARKS, open_step

pytestmark = BROWSER_MARKS


def test_board_one_scene(server, browser):
    from playwright.sync_api import expect

    page = open_step(browser, server, "Storyboard", viewport={"width": 1500, "height": 1900})
    expect(page.get_by_text("No shots yet")).to_be_visible(timeout=30_000)

    page.get_by_role("button", name="Propose shots").click()
    expect(page.get_by_text("Proposed 5 shots for scene 1")).to_be_visible(timeout=30_000)

    page.get_by_role("button", name="Generate frames").click()
    # The job draws in the background; the panel follows it, then the page shows every frame.
    images = page.get_by_test_id("stImage")
    expect(images).to_have_count(5, timeout=90_000)
    expect(page.get_by_text("Last run: 5 frames drawn")).to_be_visible(timeout=30_000)
    expect(page.get_by_role("button", name="C2PA verified").first).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)

    page.get_by_role("heading", name="Frames").scroll_into_view_if_needed()
    page.wait_for_timeout(1500)  # let the images finish painting
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "storyboard_page.png"))
