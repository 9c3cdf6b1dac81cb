"""The Schedule page on the sample project: solve, read the boards, lock, move, versions, compare,
and an infeasible setup explained."""

from __future__ import annotations

import datetime as dt

import pytest
from apptest_kit import catalog, finish_job, go, texts

from pipelines.sample import SAMPLE_PROJECT
from scheduling.project_problem import save_schedule_setup, schedule_setup
from scheduling.reports.solve_job import SOLVE_KIND


def _setup(**changes):
    repo = catalog().open(SAMPLE_PROJECT)
    save_schedule_setup(repo, schedule_setup(repo).model_copy(update=changes))


def _solve(at, seconds: float = 2):
    """Click Solve and wait for the job thread, then rerun so the page shows its version."""
    at.button(key="schedule_solve.go").click().run()
    assert not at.exception, at.exception
    finish_job(at, SAMPLE_PROJECT, SOLVE_KIND, timeout=seconds + 60)
    return at


@pytest.fixture
def page(app):
    _setup(time_limit_s=2.0)
    return go(app, "schedule")


@pytest.fixture
def solved(page):
    return _solve(page)


def _html(at) -> str:
    return "".join(m.value for m in at.markdown if "sb-board" in m.value)


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_before_a_solve_the_page_invites_one(page):
    assert any("No schedule yet" in t for t in texts(page.info))
    assert any("Cast from the script's speaking parts" in c.value for c in page.caption)


def test_solve_shows_status_cost_and_the_stripboard(solved):
    metrics = _metrics(solved)
    assert metrics["Status"] in ("Optimal", "Feasible")
    assert metrics["Cost"].startswith("$")
    assert metrics["Gap"].endswith("%")
    html = _html(solved)
    scenes = catalog().open(SAMPLE_PROJECT).get_script().active_scenes
    assert html.count('class="sb-strip') == len(scenes)
    assert html.count('class="sb-break"') == int(metrics["Shoot days"])
    # a day may be left dark (paid, and labelled so): a rest day after nights, or day 1 to line
    # the nights up with a weekend
    board = catalog().open(SAMPLE_PROJECT).list_schedules()[0]
    first = next(day for day in board.days if day.scene_ids)
    assert f"End of Day {first.number}" in html and "pgs" in html and "hrs" in html
    for day in board.days:
        if not day.scene_ids:
            assert f"Day {day.number}" in html and "no scenes" in html
    for kind, colour in (("INT-DAY", "#ffffff"), ("EXT-NIGHT", "#9fd89a")):
        assert f'data-kind="{kind}" style="background:{colour}"' in html
    assert any(t.startswith("Last solve:") for t in (c.value for c in solved.caption))


def test_dood_and_cost_tabs(solved):
    dood = next(df.value for df in solved.dataframe if "Cast" in df.value.columns and "Work" in df.value.columns)
    assert {"#", "Cast", "Work", "Hold", "Drop", "Total", "Start", "Finish"} <= set(dood.columns)
    codes = set(dood.iloc[:, 2:-6].to_numpy().ravel()) - {""}
    assert codes <= {"SW", "W", "WF", "SWF", "H", "D", "PW"} and "SW" in codes or "SWF" in codes
    assert any(e.label.startswith("Shoot days: $") for e in solved.expander)


def test_lock_a_strip_to_its_day(solved):
    solved.button(key="schedule_edit.lock").click().run()
    assert not solved.exception
    locks = schedule_setup(catalog().open(SAMPLE_PROJECT)).locks
    assert len(locks) == 1
    assert any(t.startswith("Locked scene") for t in texts(solved.success))
    assert 'sb-locked' in _html(solved)


def test_move_a_strip_shows_the_cost_then_saves(solved):
    repo = catalog().open(SAMPLE_PROJECT)
    before = repo.list_schedules()[0]
    solved.number_input(key="schedule_edit.day").set_value(len(before.days) + 1).run()
    solved.button(key="schedule_edit.preview_go").click().run()
    assert not solved.exception
    labels = [m.label for m in solved.metric]
    assert "Now" in labels and any(label.endswith(f"on day {len(before.days) + 1}") for label in labels)
    assert any(c.value.startswith("Moving scene") for c in solved.caption)
    assert repo.list_schedules()[0].days == before.days  # nothing saved yet
    solved.button(key="schedule_edit.apply").click().run()
    after = catalog().open(SAMPLE_PROJECT).list_schedules()[0]
    assert after.status == "manual" and len(after.days) == len(before.days) + 1
    assert _metrics(solved)["Status"] == "Manual"


def test_save_a_version_switch_compare_and_delete(solved):
    solved.text_input(key="schedule_versions.name").input("Ferry first")
    solved.button(key="FormSubmitter:schedule_versions.save_as-Save copy").click().run()
    assert not solved.exception
    names = [s.name for s in catalog().open(SAMPLE_PROJECT).list_schedules()]
    assert "Ferry first" in names and len(names) == 2
    assert "Ferry first" in solved.selectbox(key="schedule_versions.current").format_func(solved.selectbox(key="schedule_versions.current").value)
    table = next(df.value for df in solved.dataframe if "Measure" in df.value.columns)
    assert {"Shoot days", "Cast hold days", "Company moves", "Total cost"} <= set(table["Measure"])
    assert (table["B − A"] == "0").all()  # a copy is the same board
    solved.button(key="schedule_versions.delete").click().run()
    assert [s.name for s in catalog().open(SAMPLE_PROJECT).list_schedules()] == [names[0]]


def test_a_dark_first_day_is_offered_away(solved):
    import datetime as dt

    from scheduling.project_problem import problem_from_project
    from scheduling.reports.versions import priced, save_as
    from scheduling.shoot_days import as_shoot_days

    repo = catalog().open(SAMPLE_PROJECT)
    board = repo.list_schedules()[0]
    first = next(i for i, d in enumerate(board.days) if d.scene_ids)
    first_date = board.days[first].date
    # the same board with one dark day before it, under a setup starting the work day before
    before = first_date - dt.timedelta(days=3 if first_date.weekday() == 0 else 1)
    _setup(start_date=before)
    problem = problem_from_project(repo)
    dark = board.model_copy(update={"days": as_shoot_days(problem, [[]] + [
        [problem.strip_by_id[s] for s in d.scene_ids] for d in board.days[first:]])})
    save_as(repo, priced(problem, dark)[0], "Dark Monday")
    solved.run()
    solved.selectbox(key="schedule_versions.current").set_value(
        next(s.id for s in repo.list_schedules() if s.name == "Dark Monday")).run()
    offer = next(t for t in texts(solved.info) if "no scenes but is paid as a shoot day" in t)
    assert f"{first_date:%a %d %b %Y}" in offer and "saves $15,000" in offer
    solved.button(key="schedule_edit.later_start").click().run()
    assert not solved.exception
    repo = catalog().open(SAMPLE_PROJECT)
    assert schedule_setup(repo).start_date == first_date
    kept = next(s for s in repo.list_schedules() if s.name.startswith("Dark Monday from"))
    assert [d.scene_ids for d in kept.days] == [d.scene_ids for d in board.days[first:]]
    assert [d.date for d in kept.days] == [d.date for d in board.days[first:]]
    assert kept.name in solved.selectbox(key="schedule_versions.current").format_func(
        solved.selectbox(key="schedule_versions.current").value)
    assert any(t.startswith("The shoot now starts on") for t in texts(solved.success))
    assert not any("no scenes but is paid as a shoot day" in t for t in texts(solved.info))


def test_a_feature_is_advised_a_longer_solve(page):
    from apptest_kit import pick_project

    from pipelines.script.service import import_script

    def advice(at):
        return [c.value for c in at.caption if "keeps improving for about two minutes" in c.value]

    assert not advice(page)  # the 30-scene sample solves well in 2 s
    scenes = "".join(f"INT. ROOM {n} - DAY\n\nANA waits.\n\nANA\nStill here.\n\n" for n in range(1, 91))
    repo = catalog().create("Long Feature")
    import_script(repo, scenes.encode(), "long.fountain")
    go(pick_project(page, "Long Feature"), "schedule")
    assert advice(page) and "90 strips" in advice(page)[0]
    save_schedule_setup(repo, schedule_setup(repo).model_copy(update={"time_limit_s": 45.0}))
    page.run()
    assert advice(page)  # 45 s is still short of what a feature pays back
    save_schedule_setup(repo, schedule_setup(repo).model_copy(update={"time_limit_s": 90.0}))
    page.run()
    assert advice(page)
    save_schedule_setup(repo, schedule_setup(repo).model_copy(update={"time_limit_s": 120.0}))
    page.run()
    assert not advice(page)


def test_infeasible_setup_shows_the_explanation(page):
    _setup(max_days=1, time_limit_s=5.0)
    page.run()
    _solve(page, seconds=5)
    assert any("No schedule fits this setup" in t for t in texts(page.error))
    assert any(m.value.startswith("- **") for m in page.markdown)
    assert any("No schedule yet" in t for t in texts(page.info))


def test_setup_forms_save_to_the_project(page):
    page.number_input(key="schedule_setup.day_hours").set_value(10.0)
    page.number_input(key="schedule_setup.move_hours").set_value(1.5)
    page.button(key="FormSubmitter:schedule_setup.calendar-Save calendar and day").click().run()
    assert not page.exception
    saved = schedule_setup(catalog().open(SAMPLE_PROJECT))
    assert (saved.day_hours, saved.company_move_hours) == (10.0, 1.5)
    page.text_area(key="schedule_setup.holidays").input("2025-12-32")
    page.button(key="FormSubmitter:schedule_setup.calendar-Save calendar and day").click().run()
    assert any("not a day of the calendar" in t for t in texts(page.error))


def test_public_holidays_of_a_region_are_saved_and_listed(page):
    save = "FormSubmitter:schedule_setup.calendar-Save calendar and day"
    page.date_input(key="schedule_setup.start_date").set_value(dt.date(2027, 11, 22))
    page.selectbox(key="schedule_setup.holiday_region").set_value("US-CA")
    page.button(key=save).click().run()
    assert not page.exception
    assert schedule_setup(catalog().open(SAMPLE_PROJECT)).holiday_region == "US-CA"
    listed = next(e for e in page.expander if "public holidays on shoot days" in e.label)
    assert "United States – California" in listed.label
    table = listed.dataframe[0].value
    assert {"Date": "Thu 25 Nov 2027", "Holiday": "Thanksgiving Day"} in table.to_dict("records")
    page.selectbox(key="schedule_setup.holiday_region").set_value("")
    page.button(key=save).click().run()
    assert schedule_setup(catalog().open(SAMPLE_PROJECT)).holiday_region is None
    assert not any("public holidays" in e.label for e in page.expander)


def test_a_holiday_inside_the_shoot_is_a_no_shooting_banner_on_the_board(page):
    # Friday 28 May 2027 is day 1; Memorial Day comes before day 2.
    _setup(start_date=dt.date(2027, 5, 28), holiday_region="US")
    page.run()
    html = _html(_solve(page))
    assert "No shooting Mon 31 May 2027 — Memorial Day" in html
    assert html.index("End of Day 1 — Fri 28 May 2027") < html.index("Memorial Day") < html.index("Tue 01 Jun 2027")
    # the one-liner says it after day 1's total
    assert "*No shooting Mon 31 May 2027 — Memorial Day*" in [m.value for m in page.markdown]


def test_sets_are_listed_at_their_grouped_locations_and_saved(page):
    from apptest_kit import pick_project

    from pipelines.script.service import import_script

    script = "".join(
        f"{heading}\n\nANA waits.\n\nANA\nStill here.\n\n"
        for heading in ("INT. BLOOM HOUSE - DAY", "INT. BLOOM HOUSE KITCHEN - NIGHT", "INT. BLOOM HOUSE KITCHEN - DAY",
                        "EXT. CEMETERY / GRAVESIDE - DAY", "EXT. ROAD IN THE SWAMP - DAY")
    )
    repo = catalog().create("Bloom")
    import_script(repo, script.encode(), "bloom.fountain")
    go(pick_project(page, "Bloom"), "schedule")
    table = next(df.value for df in page.dataframe if "Set" in df.value.columns and "Scenes" in df.value.columns)
    assert table.to_dict("records") == [
        {"Set": "BLOOM HOUSE", "Scenes": 1, "Location": "BLOOM HOUSE"},
        {"Set": "BLOOM HOUSE KITCHEN", "Scenes": 2, "Location": "BLOOM HOUSE"},
        {"Set": "CEMETERY / GRAVESIDE", "Scenes": 1, "Location": "CEMETERY"},
        {"Set": "ROAD IN THE SWAMP", "Scenes": 1, "Location": "ROAD IN THE SWAMP"},
    ]
    assert any("3 locations" in c.value for c in page.caption)
    # saved unchanged, the grouping stays the default's (a later draft's sets follow it too)
    page.button(key="FormSubmitter:schedule_setup.locations-Save locations").click().run()
    assert not page.exception
    assert schedule_setup(repo).set_locations == {}
