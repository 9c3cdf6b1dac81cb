"""What the page tests share: sample screenplays and small AppTest moves."""

from __future__ import annotations

import time

from streamlit.testing.v1 import AppTest

TWO_ROOMS = b"""Title: Two Rooms

INT. KITCHEN - DAY

ANA (40s) fills a kettle.

ANA
Tea?

EXT. GARDEN - NIGHT

BEN (O.S.)
Not now.
"""

# The same two scenes with the garden rewritten, and a new third scene.
TWO_ROOMS_REVISED = b"""Title: Two Rooms

INT. KITCHEN - DAY

ANA (40s) fills a kettle.

ANA
Tea?

EXT. GARDEN - NIGHT

BEN (O.S.)
Not now. Not ever.

INT. HALL - NIGHT

Ana listens at the door.
"""


def catalog():
    from studio.store.catalog import ProjectCatalog

    return ProjectCatalog()  # reads SLATEBOOK_HOME, as the app does


def go(at: AppTest, page: str) -> AppTest:
    at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def pick_project(at: AppTest, name: str) -> AppTest:
    at.run()  # the picker lists the projects that existed when it was last drawn
    at.sidebar.selectbox(key="state.project_picker").set_value(name).run()
    assert not at.exception, at.exception
    return at


def texts(elements) -> list[str]:
    return [e.value for e in elements]


def finish_job(at: AppTest, project: str, kind: str, timeout: float = 60):
    """Wait for the project's latest job of `kind` (started by a click) to end, draw the page again
    and return the finished job."""
    from studio import jobs

    repo = catalog().open(project)
    job = jobs.latest_job(repo, kind)
    assert job is not None, f"no {kind} job was started"
    jobs.wait(job.id, timeout=timeout)
    deadline = time.monotonic() + timeout
    while not jobs.latest_job(repo, kind).finished and time.monotonic() < deadline:
        time.sleep(0.2)  # the row is written just after the worker thread's last step
    at.run()
    assert not at.exception, at.exception
    return jobs.latest_job(repo, kind)
