"""A real Streamlit server and Debian's Chromium, shared by every browser journey.

`server` starts the app on a fresh data folder (so it opens on the sample
project); `browser` launches /usr/bin/chromium through Playwright. Journeys save
screenshots to tests/artifacts/ for people to look at.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from support.browser_kit import CHROMIUM, CHROMIUM_ARGS, ROOT, free_port, wait_healthy


@pytest.fixture
def server(tmp_path):
    port = free_port()
    env = {**os.environ, "SLATEBOOK_HOME": str(tmp_path / "home"), "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "streamlit_app.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()




@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
