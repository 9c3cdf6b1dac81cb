"""What browser journeys share: where Chromium is, its flags, and the artifacts folder."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

BROWSER_MARKS = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, server: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"streamlit exited with {server.returncode}: {server.stdout.read()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not become healthy in {timeout}s")




def open_step(browser, server: str, step: str, viewport: dict[str, int]):
    """A new page on the app's start (the Script page, which builds the sample on a first start),
    then `step` from the sidebar, as a person gets there."""
    from playwright.sync_api import expect

    page = browser.new_page(viewport=viewport)
    page.goto(server, wait_until="domcontentloaded")
    expect(page.get_by_role("heading", name="Script", exact=True)).to_be_visible(timeout=60_000)
    page.get_by_test_id("stSidebar").get_by_role("link", name=step).click()
    expect(page.get_by_role("heading", name=step, exact=True)).to_be_visible(timeout=30_000)
    return page
