"""A producer's first breakdown in a real browser: run the offline engine on the sample,
read scene 1 with its elements highlighted, accept one, and download its sheet.

Saves tests/artifacts/breakdown_page.png and breakdown_sheet.pdf for people to look at.
"""

from __future__ import annotations

import re

from support.browser_kit import ARTIFACTS, BROWSER_MARKS

pytestmark = BROWSER_MARKS

# The offline engine loads its sentence-embedding model on the server's first
# run; on a busy two-core machine that alone can take a minute.
RUN_TIMEOUT_MS = 240_000


def test_run_offline_review_a_scene_and_download_its_sheet(server, browser):
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1600, "height": 1300})
    page.goto(f"{server}/breakdown", wait_until="domcontentloaded")
    expect(page.get_by_role("heading", name="Breakdown", exact=True)).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Claude is off: no Anthropic API key is set").first).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)

    page.get_by_role("button", name="Run breakdown").click()
    expect(page.get_by_text(re.compile(r"Last run: Broke down 30 scenes"))).to_be_visible(timeout=RUN_TIMEOUT_MS)
    expect(page.get_by_test_id("stException")).to_have_count(0)

    # Scene 1: its text carries highlights in category colours, and a legend.
    expect(page.locator(".sb-page mark.bd-mark").first).to_be_visible(timeout=30_000)
    assert page.locator(".sb-page mark.bd-mark").count() >= 10
    expect(page.locator(".bd-legend").first).to_contain_text("Cast Members")

    # Reviewer's name, then accept every verified prop of the scene.
    page.get_by_label("Your name, recorded as the reviewer of each element").fill("Ana Reyes")
    page.get_by_role("button", name="Save name").click()
    expect(page.get_by_text("Reviewing as Ana Reyes (change it in Settings).")).to_be_visible(timeout=30_000)
    accept = page.get_by_role("button", name=re.compile(r"^Accept verified \(\d+\)$")).first
    accept.click()
    expect(page.get_by_text(re.compile(r"^Accepted \d+ in "))).to_be_visible(timeout=30_000)
    expect(page.locator(".sb-page mark.bd-mark:not(.bd-pending)").first).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    page.wait_for_timeout(1500)  # let the tables' canvases paint

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "breakdown_page.png"))

    # The accepted elements are on scene 1's sheet.
    page.get_by_role("tab", name="Export").click()
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Sheet for scene 1 (PDF)").click()
    sheet = ARTIFACTS / "breakdown_sheet.pdf"
    download.value.save_as(sheet)
    assert sheet.read_bytes().startswith(b"%PDF")

    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(sheet))
    assert len(pdf) == 1
    text = pdf[0].get_textpage().get_text_range()
    assert "BREAKDOWN SHEET" in text and "CARROW HAVEN" in text
    pdf.close()
