"""A line producer's first schedule: open the sample, solve it, read the stripboard and the DOOD.

Saves tests/artifacts/schedule_page.png for people to look at.
"""

from __future__ import annotations

import re

from support.browser_kit import ARTIFACTS, BROWSER_MARKS, open_step

pytestmark = BROWSER_MARKS


def test_solve_the_sample_and_read_the_stripboard(server, browser):
    from playwright.sync_api import expect

    page = open_step(browser, server, "Schedule", viewport={"width": 1600, "height": 1500})
    expect(page.get_by_text("Cast from the script's speaking parts")).to_be_visible()
    expect(page.get_by_text("No schedule yet")).to_be_visible()

    page.get_by_role("button", name="Solve schedule").click()
    # The solve runs up to the setup's time limit (10 s by default), then the board appears.
    board = page.locator(".sb-board")
    expect(board).to_be_visible(timeout=90_000)
    strips = board.locator(".sb-strip")
    expect(strips).to_have_count(30)
    # day 1 ends with its pages, or is left dark and paid ("Day 1 — no scenes"), which can line
    # the nights up with a weekend; then the page offers to start the shoot a day later
    expect(board.locator(".sb-break").first).to_contain_text("Day 1")
    if "no scenes" in board.locator(".sb-break").first.inner_text():
        expect(page.get_by_text("no scenes but is paid as a shoot day")).to_be_visible()
        page.get_by_role("button", name=re.compile(r"^Start on ")).click()
        expect(page.get_by_text("The shoot now starts on")).to_be_visible(timeout=30_000)
        expect(board.locator(".sb-break").first).not_to_contain_text("no scenes")
        expect(strips).to_have_count(30)
    expect(board.locator(".sb-break", has_text="End of Day").first).to_contain_text("pgs")
    assert board.locator('.sb-strip[data-kind="EXT-NIGHT"]').count() > 0
    colour = board.locator('.sb-strip[data-kind="EXT-DAY"]').first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour == "rgb(255, 241, 118)"  # yellow
    status = page.get_by_test_id("stMetric").filter(has_text="Status")
    expect(status).to_contain_text("Optimal" if "Optimal" in status.inner_text() else "Feasible")
    expect(page.get_by_test_id("stException")).to_have_count(0)

    page.wait_for_timeout(800)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "schedule_page.png"))

    page.get_by_role("tab", name="Day Out of Days").click()
    expect(page.get_by_text("start work").first).to_be_visible()
    page.get_by_role("tab", name="Cost").click()
    expect(page.get_by_test_id("stMetric").filter(has_text="Schedule cost")).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
